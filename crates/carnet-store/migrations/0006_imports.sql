-- Imports, kept so that one can be undone as a whole: the customers it created and the empty
-- fields it filled (with the values it put there), and the family members and interactions
-- it added to customers who were already in the book.
CREATE TABLE imports (
    id         TEXT PRIMARY KEY NOT NULL,
    -- The consultant's local time, 'YYYY-MM-DD HH:MM:SS'.
    at         TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    format     TEXT NOT NULL,
    policy     TEXT NOT NULL,
    created    INTEGER NOT NULL,
    updated    INTEGER NOT NULL,
    skipped    INTEGER NOT NULL,
    invalid    INTEGER NOT NULL,
    -- The copy of the book made just before.
    backup     TEXT,
    undone_at  TEXT
) STRICT;

CREATE TABLE import_customers (
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
) STRICT;
CREATE INDEX import_customers_customer ON import_customers (customer_id);
