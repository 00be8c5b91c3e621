-- Nothing looks customers up by the main phone (duplicates are found through
-- customer_phones, which holds every phone): its index only cost each write.
DROP INDEX customers_phone;

-- An import's links to its customers are kept by their key alone, without a rowid table
-- beside the key's index: a 100,000-row import wrote three B-trees of them, now two.
CREATE TABLE import_customers_by_key (
    import_id    TEXT NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    -- 1: the import created this customer; 0: it filled fields of one already there.
    created      INTEGER NOT NULL,
    -- JSON object: field name -> the value the import filled in (as text).
    filled       TEXT NOT NULL DEFAULT '{}',
    -- JSON arrays of the family member and interaction ids the import added.
    family_ids   TEXT NOT NULL DEFAULT '[]',
    interaction_ids TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (import_id, customer_id)
) STRICT, WITHOUT ROWID;
INSERT INTO import_customers_by_key
    SELECT import_id, customer_id, created, filled, family_ids, interaction_ids
    FROM import_customers;
DROP TABLE import_customers;
ALTER TABLE import_customers_by_key RENAME TO import_customers;
CREATE INDEX import_customers_customer ON import_customers (customer_id);
