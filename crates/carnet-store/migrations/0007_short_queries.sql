-- One- and two-character queries look the grams up in an FTS5 index instead of a table with
-- a row per gram: an import of 100,000 customers wrote 940,000 gram rows, each in two
-- B-trees, and that took longer than the customers themselves. Each customer's grams are one
-- row of words, a word being the gram's rank and its UTF-8 bytes in hex ("0" || hex('张三')),
-- so that no tokenizer can split or fold it. The index keeps no text (contentless, its rows
-- deletable by rowid) and no positions. Keyed, like customer_search, by
-- customers.search_rowid; customers in the trash are in neither.
CREATE VIRTUAL TABLE customer_short USING fts5(
    grams,
    content = '',
    contentless_delete = 1,
    detail = none,
    tokenize = 'ascii'
);
INSERT INTO customer_short (rowid, grams)
    SELECT search_rowid, group_concat(rank || hex(gram), ' ')
    FROM customer_grams GROUP BY search_rowid;
DROP TABLE customer_grams;

-- Deleting a row takes its words out of a full-text index at once (FTS5 otherwise keeps them
-- until its segments are merged): emptying the trash erases a customer from the indexes too,
-- as secure_delete erases them from the tables.
INSERT INTO customer_short (customer_short, rank) VALUES ('secure-delete', 1);
INSERT INTO customer_search (customer_search, rank) VALUES ('secure-delete', 1);
