-- The compliance report counts a period's logged prompts by the day due, kind, level, the day
-- made, how they left the agenda and why. Read from the index of migration 0022, a year of
-- the 100,000-customer demo book (410,640 logged prompts) took 164–177 ms plain and 320–323 ms
-- encrypted in `carnet bench`, each page of the index read decrypted. Those counts are kept
-- here, a row a group, as prompts are logged, changed and deleted (by the triggers below,
-- whatever writes the log), so that the report reads a few thousand groups. '' stands for
-- what is not known yet (a prompt not made, not closed, no reason), so that a group is one
-- row. A group no logged prompt is in any more is deleted with its last one: a dismissal's
-- reason may name someone since erased.
CREATE TABLE prompt_log_groups (
    due     TEXT NOT NULL,
    kind    TEXT NOT NULL,
    level   TEXT NOT NULL,
    made_on TEXT NOT NULL,
    how     TEXT NOT NULL,
    reason  TEXT NOT NULL,
    n       INTEGER NOT NULL CHECK (n > 0),
    PRIMARY KEY (due, kind, level, made_on, how, reason)
) STRICT, WITHOUT ROWID;

INSERT INTO prompt_log_groups (due, kind, level, made_on, how, reason, n)
SELECT due, kind, level, coalesce(made_on, ''), coalesce(how, ''), coalesce(reason, ''),
       count(*)
FROM prompt_log
GROUP BY 1, 2, 3, 4, 5, 6;

CREATE TRIGGER prompt_log_grouped AFTER INSERT ON prompt_log
BEGIN
    INSERT INTO prompt_log_groups (due, kind, level, made_on, how, reason, n)
    VALUES (new.due, new.kind, new.level, coalesce(new.made_on, ''), coalesce(new.how, ''),
            coalesce(new.reason, ''), 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER prompt_log_ungrouped AFTER DELETE ON prompt_log
BEGIN
    DELETE FROM prompt_log_groups
    WHERE due = old.due AND kind = old.kind AND level = old.level
      AND made_on = coalesce(old.made_on, '') AND how = coalesce(old.how, '')
      AND reason = coalesce(old.reason, '') AND n = 1;
    UPDATE prompt_log_groups SET n = n - 1
    WHERE due = old.due AND kind = old.kind AND level = old.level
      AND made_on = coalesce(old.made_on, '') AND how = coalesce(old.how, '')
      AND reason = coalesce(old.reason, '');
END;

CREATE TRIGGER prompt_log_regrouped
AFTER UPDATE OF due, kind, level, made_on, how, reason ON prompt_log
WHEN old.due IS NOT new.due OR old.kind IS NOT new.kind OR old.level IS NOT new.level
  OR old.made_on IS NOT new.made_on OR old.how IS NOT new.how
  OR old.reason IS NOT new.reason
BEGIN
    DELETE FROM prompt_log_groups
    WHERE due = old.due AND kind = old.kind AND level = old.level
      AND made_on = coalesce(old.made_on, '') AND how = coalesce(old.how, '')
      AND reason = coalesce(old.reason, '') AND n = 1;
    UPDATE prompt_log_groups SET n = n - 1
    WHERE due = old.due AND kind = old.kind AND level = old.level
      AND made_on = coalesce(old.made_on, '') AND how = coalesce(old.how, '')
      AND reason = coalesce(old.reason, '');
    INSERT INTO prompt_log_groups (due, kind, level, made_on, how, reason, n)
    VALUES (new.due, new.kind, new.level, coalesce(new.made_on, ''), coalesce(new.how, ''),
            coalesce(new.reason, ''), 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
