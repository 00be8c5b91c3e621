-- The search index: what each customer can be found by (name, pinyin, initials, phone
-- digits), computed in Rust (carnet-core's SearchKeys) and written in the same transaction as
-- the customer. Trigram tokens give substring matches from three characters on. Shorter
-- queries use the customers table: the name for Chinese characters, and the name's pinyin and
-- initials, kept there as indexed columns, for the start of a pinyin or initials query.
--
-- Each customer's index row is addressed by customers.search_rowid (= customer_search.rowid),
-- an explicit integer because VACUUM may renumber the implicit rowid of customers. The store
-- fills it for existing customers when it builds the index.
ALTER TABLE customers ADD COLUMN search_rowid INTEGER;
ALTER TABLE customers ADD COLUMN name_pinyin TEXT;
ALTER TABLE customers ADD COLUMN name_initials TEXT;
CREATE UNIQUE INDEX customers_search_rowid ON customers (search_rowid);
CREATE INDEX customers_name_pinyin ON customers (name_pinyin, name, id);
CREATE INDEX customers_name_initials ON customers (name_initials);
-- Duplicate checks look up the same name.
CREATE INDEX customers_name ON customers (name);

CREATE VIRTUAL TABLE customer_search USING fts5(
    name,
    pinyin,
    initials,
    phones,
    tokenize = 'trigram'
);
