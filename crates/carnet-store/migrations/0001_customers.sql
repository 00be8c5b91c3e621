-- The first table of the book. Ids are UUIDs (text), stable across export, import and
-- handover. Times are RFC 3339 in UTC. Phones are E.164.
CREATE TABLE customers (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    phone      TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX customers_created_at ON customers (created_at, id);
CREATE INDEX customers_phone ON customers (phone) WHERE phone IS NOT NULL;
