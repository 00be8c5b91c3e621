-- A customer's changes by day also hold where each change came from, in the order they are
-- read (the day, then the order written): the level a customer came in at (their first
-- change's `from_level`, which the funnel's time to order is grouped by) is read from the
-- index alone instead of from each change's row. On the aged 100,000-customer book, the
-- 11,565 customers who ordered in a year: 20 ms → 10 ms in SQLite's shell. Every other read
-- of the index (a customer's timeline, a merge, an erase) keeps its order.
DROP INDEX level_changes_customer;
CREATE INDEX level_changes_customer ON level_changes (customer_id, changed_at, id, from_level);
