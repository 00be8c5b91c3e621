-- Differentiate (issue 14): who is worth what, who needs what, and the reports a manager reads.

-- A team book (a manager's, built from the consultants' exports) tags each customer with
-- the consultant whose export they came from; a consultant's own book leaves it empty.
ALTER TABLE customers ADD COLUMN consultant TEXT;
CREATE INDEX customers_consultant ON customers (consultant) WHERE consultant IS NOT NULL;

-- Who brought the customer (another customer's id; kept when that customer is erased, as the
-- words said, by the store), and the channel under the source (汽车之家, 懂车帝 …: text, the
-- consultant's list of suggestions lives in the settings).
ALTER TABLE customers ADD COLUMN referred_by TEXT;
ALTER TABLE customers ADD COLUMN channel TEXT;
CREATE INDEX customers_referred_by ON customers (referred_by) WHERE referred_by IS NOT NULL;

-- The reports read every customer (or a period's new ones) with the few columns they add up:
-- from this index alone, not the wide rows (100,000 customers in a fraction of the time).
-- `created_at` leads: with `deleted_at` first, the planner took it for every query on the
-- book (the list's pages and Today's join went from milliseconds to seconds).
CREATE INDEX customers_report ON customers (
    created_at, deleted_at, consultant, level, source, channel, last_contact, referred_by,
    budget_min, budget_max, budget_about, id
);

-- What a service visit cost the customer (yuan), and whether an interaction's next step is an
-- appointment ('visit' or 'test_drive'): the appointment's day and time are next_date and
-- next_time.
ALTER TABLE interactions ADD COLUMN spend INTEGER CHECK (spend >= 0);
ALTER TABLE interactions ADD COLUMN appointment TEXT;
-- Reports read the events of a period by kind (orders, deliveries, service) and the
-- appointments by their day.
CREATE INDEX interactions_kind_at ON interactions (kind, at);
CREATE INDEX interactions_appointments ON interactions (next_date)
    WHERE appointment IS NOT NULL;
-- The satisfaction trend reads the answers of a period, and whose they are.
CREATE INDEX interactions_satisfaction ON interactions (at, satisfaction, customer_id)
    WHERE satisfaction IS NOT NULL;

-- A lost sale's reason (carnet-core's LostReason code) and, for a competitor, which brand or
-- model; the words stay in `reason`.
ALTER TABLE level_changes ADD COLUMN lost_reason TEXT;
ALTER TABLE level_changes ADD COLUMN competitor TEXT;
CREATE INDEX level_changes_to_level ON level_changes (to_level, changed_at);

-- What each customer's timeline adds up to (carnet-core's Standing), kept by the store with
-- the prompts on every write that concerns the customer, so that reports and tiers read one
-- narrow row per customer instead of the timeline. Dates are 'YYYY-MM-DD' (local).
CREATE TABLE customer_standing (
    customer_id       TEXT PRIMARY KEY NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    -- Cars bought (an order and its delivery are one), what they cost, and when the last was.
    purchases         INTEGER NOT NULL DEFAULT 0,
    bought            INTEGER NOT NULL DEFAULT 0,
    last_purchase     TEXT,
    -- After-sale spend logged on service interactions.
    service_spend     INTEGER NOT NULL DEFAULT 0,
    -- The latest satisfaction given and the one before it (1–5).
    satisfaction      INTEGER,
    satisfaction_prev INTEGER,
    -- The first day of each funnel step.
    first_appointment TEXT,
    -- The first visit or test drive on an appointment's day (an appointment kept).
    first_show        TEXT,
    first_visit       TEXT,
    first_test_drive  TEXT,
    first_quote       TEXT,
    first_order       TEXT,
    first_delivery    TEXT,
    -- The first contact (the lead's start, for the time to order).
    first_contact     TEXT,
    -- Whether the key facts a lead is graded on are known (phone, model, budget, timeframe).
    profiled          INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;

-- The prompts that came due, and what became of them: the compliance report. A prompt enters
-- when its day has come (or it is acted on), keeps its first due day and the customer's level
-- then, and is closed when done, dismissed or gone (a contact or a change made it
-- unnecessary). `made_on` is the day of the first contact with a real outcome that answered
-- it (carnet-core's compliance), so ticking "done" alone proves nothing.
CREATE TABLE prompt_log (
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    kind        TEXT NOT NULL,
    level       TEXT NOT NULL,
    due         TEXT NOT NULL,
    made_on     TEXT,
    closed      TEXT,
    how         TEXT CHECK (how IN ('done', 'dismissed', 'gone')),
    reason      TEXT,
    PRIMARY KEY (customer_id, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX prompt_log_due ON prompt_log (due);

-- The level mix, counted once a week (the Monday the week starts), kept so the trend survives
-- later changes.
CREATE TABLE level_snapshots (
    week  TEXT NOT NULL,
    level TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (week, level)
) STRICT, WITHOUT ROWID;
