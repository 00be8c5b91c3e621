-- Customers erased for good (emptied from the trash, or a deletion request): their ids only,
-- never their data, so that a restore of an older backup (or of a copy made before the
-- erasure) can drop them again instead of bringing them back.
CREATE TABLE erased_customers (
    id        TEXT PRIMARY KEY NOT NULL,
    erased_at TEXT NOT NULL
) WITHOUT ROWID;
