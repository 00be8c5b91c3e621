-- Quote sheets (报价单). A saved quote is an interaction of kind 'quote' (its note sums the
-- quote up) and this row, which keeps what the sheet was worked out from and the sheet itself,
-- as the JSON of carnet_core::quote::QuoteTerms and QuoteSheet, so that it re-opens as it was
-- quoted even after the catalogue or the tax rules change. It goes with its interaction, and
-- so with its customer.
CREATE TABLE quotes (
    interaction_id TEXT PRIMARY KEY NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    customer_id    TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    -- The catalogue trim quoted (no reference: a trim may leave the catalogue, the quote stays).
    trim_id        TEXT,
    trim_name      TEXT NOT NULL,
    terms          TEXT NOT NULL CHECK (json_valid(terms)),
    sheet          TEXT NOT NULL CHECK (json_valid(sheet)),
    valid_until    TEXT NOT NULL,
    created_at     TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX quotes_customer ON quotes (customer_id);
