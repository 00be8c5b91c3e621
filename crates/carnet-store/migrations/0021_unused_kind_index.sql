-- Interactions by kind and day (migration 0013) are read by no query since a period's sales
-- are read from `interactions_sales` (migration 0017), and no other read asks for a kind
-- across customers: every interaction written kept the index up for nothing, and a team
-- book's build made it again from a million interactions at its end (1.0 s). On the aged
-- 100,000-customer book the drop takes 0.4 s, once. (A team book whose build stopped makes
-- its set-aside indexes again before it is migrated: the index may be there to drop, or not.)
DROP INDEX IF EXISTS interactions_kind_at;
