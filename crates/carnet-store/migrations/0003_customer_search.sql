-- The search index: what each customer can be found by (name, pinyin, initials, phone
-- digits), computed in Rust (carnet-core's SearchKeys) and written in the same transaction as
-- the customer. Trigram tokens give substring matches from three characters on; shorter
-- queries use LIKE over the same table.
CREATE VIRTUAL TABLE customer_search USING fts5(
    customer_id UNINDEXED,
    name,
    pinyin,
    initials,
    phones,
    tokenize = 'trigram'
);
