-- The whole customer profile (DOMAIN.md) as typed columns and child tables, the trash, family
-- members and the history of key facts.
--
-- Choices are stored as their codes (carnet-core's choices.rs); budgets in yuan; purposes and
-- priorities, short ordered lists of codes, as comma-separated codes. customers.phone stays
-- the main phone (= customer_phones position 0), kept by the store in the same transaction,
-- so that list pages read one row per customer.
ALTER TABLE customers ADD COLUMN title TEXT;
ALTER TABLE customers ADD COLUMN wechat TEXT;
ALTER TABLE customers ADD COLUMN region TEXT;
ALTER TABLE customers ADD COLUMN address TEXT;
ALTER TABLE customers ADD COLUMN occupation TEXT;
ALTER TABLE customers ADD COLUMN company TEXT;
ALTER TABLE customers ADD COLUMN budget_min INTEGER;
ALTER TABLE customers ADD COLUMN budget_max INTEGER;
ALTER TABLE customers ADD COLUMN budget_about INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN reason TEXT;
ALTER TABLE customers ADD COLUMN purposes TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN timeframe TEXT;
ALTER TABLE customers ADD COLUMN level TEXT NOT NULL DEFAULT 'N';
ALTER TABLE customers ADD COLUMN decision_maker TEXT;
ALTER TABLE customers ADD COLUMN decision_maker_name TEXT;
ALTER TABLE customers ADD COLUMN car_brand TEXT;
ALTER TABLE customers ADD COLUMN car_model TEXT;
ALTER TABLE customers ADD COLUMN car_year INTEGER;
ALTER TABLE customers ADD COLUMN car_mileage INTEGER;
ALTER TABLE customers ADD COLUMN car_plate TEXT;
ALTER TABLE customers ADD COLUMN payment TEXT;
ALTER TABLE customers ADD COLUMN source TEXT;
ALTER TABLE customers ADD COLUMN cares TEXT;
ALTER TABLE customers ADD COLUMN worry TEXT;
ALTER TABLE customers ADD COLUMN personality TEXT;
ALTER TABLE customers ADD COLUMN priorities TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN special_needs TEXT;
ALTER TABLE customers ADD COLUMN hobbies TEXT;
ALTER TABLE customers ADD COLUMN notes TEXT;
ALTER TABLE customers ADD COLUMN birthday_calendar TEXT;
ALTER TABLE customers ADD COLUMN birthday_year INTEGER;
ALTER TABLE customers ADD COLUMN birthday_month INTEGER;
ALTER TABLE customers ADD COLUMN birthday_day INTEGER;
-- Set when the customer is moved to the trash; the book shows only rows where it is NULL.
ALTER TABLE customers ADD COLUMN deleted_at TEXT;

-- The book (the trash left out) in each list order, narrow enough to count and to page
-- anywhere without reading the wide customer rows; they replace the first indexes.
-- customers.name_pinyin now holds carnet-core's sort key (syllables with a space after each,
-- so 陈 chen sorts before 程 cheng); short queries use customer_grams, not name_initials.
DROP INDEX customers_created_at;
DROP INDEX customers_name_pinyin;
DROP INDEX customers_name_initials;
CREATE INDEX customers_live_newest ON customers (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX customers_live_pinyin ON customers (name_pinyin, name, id) WHERE deleted_at IS NULL;
CREATE INDEX customers_live_level ON customers (level, name_pinyin, name, id) WHERE deleted_at IS NULL;
CREATE INDEX customers_trash ON customers (deleted_at) WHERE deleted_at IS NOT NULL;

-- Every phone of a customer, the main one at position 0.
CREATE TABLE customer_phones (
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    phone       TEXT NOT NULL,
    PRIMARY KEY (customer_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX customer_phones_phone ON customer_phones (phone);
INSERT INTO customer_phones (customer_id, position, phone)
    SELECT id, 0, phone FROM customers WHERE phone IS NOT NULL;

-- Intended models, in the customer's order of preference.
CREATE TABLE customer_models (
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    model       TEXT NOT NULL COLLATE NOCASE,
    trim        TEXT NOT NULL DEFAULT '',
    colour      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (customer_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX customer_models_model ON customer_models (model, customer_id);

CREATE TABLE customer_tags (
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    tag         TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (customer_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX customer_tags_tag ON customer_tags (tag, customer_id);

CREATE TABLE family_members (
    id                TEXT PRIMARY KEY NOT NULL,
    customer_id       TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    name              TEXT NOT NULL DEFAULT '',
    relation          TEXT NOT NULL,
    birthday_calendar TEXT,
    birthday_year     INTEGER,
    birthday_month    INTEGER,
    birthday_day      INTEGER,
    phone             TEXT,
    notes             TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX family_members_customer ON family_members (customer_id, created_at);

-- Every change of a key fact, with the old and new values in their input form.
CREATE TABLE key_fact_changes (
    id          INTEGER PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    fact        TEXT NOT NULL,
    old_value   TEXT NOT NULL,
    new_value   TEXT NOT NULL,
    changed_at  TEXT NOT NULL
) STRICT;
CREATE INDEX key_fact_changes_customer ON key_fact_changes (customer_id, changed_at);

-- What one- and two-character queries find (carnet-core's Gram): pieces of the name, the
-- start of the pinyin, initials, models and tags, each ranked, so a short query is one index
-- seek that comes out in rank order, newest first. Keyed, like customer_search, by
-- customers.search_rowid; customers in the trash are in neither.
CREATE TABLE customer_grams (
    gram         TEXT NOT NULL,
    rank         INTEGER NOT NULL,
    search_rowid INTEGER NOT NULL,
    PRIMARY KEY (gram, rank, search_rowid DESC)
) STRICT, WITHOUT ROWID;
CREATE INDEX customer_grams_rowid ON customer_grams (search_rowid);

-- The search index gains a column for models, tags, notes and the other free text; it is
-- rebuilt from the customers by the store (carnet-core's SEARCH_KEYS_VERSION changed).
DROP TABLE customer_search;
CREATE VIRTUAL TABLE customer_search USING fts5(
    name,
    pinyin,
    initials,
    phones,
    other,
    tokenize = 'trigram'
);
