-- The consultant's catalogue of trims (车型库). A trim is stored whole, as the JSON of
-- carnet_core::catalogue::Trim (its fields are declared once, in carnet-core), with the
-- columns the catalogue is listed and found by beside it.
CREATE TABLE trims (
    id         TEXT PRIMARY KEY NOT NULL,
    brand      TEXT NOT NULL,
    series     TEXT NOT NULL,
    trim       TEXT NOT NULL,
    price      INTEGER NOT NULL CHECK (price > 0),
    data       TEXT NOT NULL CHECK (json_valid(data)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX trims_listed ON trims (brand, series, price, trim);
