-- Facts kept as the customer said them.
--
-- A phone not valid as written is kept as typed (stored as `~` and the typed text); two
-- numbers are the same when their keys are (the E.164 number, or `~` and the digits of one
-- kept as typed), so duplicates are found by the key.
ALTER TABLE customer_phones ADD COLUMN key TEXT NOT NULL DEFAULT '';
UPDATE customer_phones SET key = phone;
DROP INDEX customer_phones_phone;
CREATE INDEX customer_phones_key ON customer_phones (key);

-- E-mail addresses, one a line.
ALTER TABLE customers ADD COLUMN emails TEXT NOT NULL DEFAULT '';
-- A budget in words that name no amount ("面议").
ALTER TABLE customers ADD COLUMN budget_words TEXT;

-- The timeframe is the customer's target (a day, a month or a year, or `~` and words), no
-- longer a window counted from an unknown day: the windows older books stored are counted
-- from the day the timeframe was last set (else the day the customer was added).
UPDATE customers SET timeframe = (
    SELECT CASE customers.timeframe
        WHEN 'within_7_days' THEN date(anchor, '+7 days')
        WHEN 'within_15_days' THEN date(anchor, '+15 days')
        WHEN 'within_30_days' THEN date(anchor, '+30 days')
        WHEN 'within_3_months' THEN date(anchor, '+3 months')
        WHEN 'later' THEN '~以后'
        ELSE customers.timeframe
    END
    FROM (SELECT coalesce(
        (SELECT max(changed_at) FROM key_fact_changes k
         WHERE k.customer_id = customers.id AND k.fact = 'timeframe'),
        customers.created_at) AS anchor)
)
WHERE timeframe IS NOT NULL;
