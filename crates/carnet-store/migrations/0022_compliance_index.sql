-- The compliance report reads a period's logged prompts through the index by due day. With
-- the day alone in it, each entry was then looked up in the table: on the demo book of
-- 100,000 customers (747,077 logged prompts, 410,640 due in a year), a year's report took
-- 3.2 s in `carnet bench`. Holding what the report counts by, in the order it groups them, the
-- index alone answers it, without a sort: 1.6 s → 0.09 s for that year in SQLite's shell.
DROP INDEX prompt_log_due;
CREATE INDEX prompt_log_due ON prompt_log (due, kind, level, made_on, how, reason);
