-- The interaction timeline, level history, and the due follow-up prompts.
--
-- Times the consultant gives (when a contact happened, a next step, a delivery) are local
-- wall-clock times, 'YYYY-MM-DD HH:MM:SS' or 'YYYY-MM-DD'; created_at stays RFC 3339 UTC.
CREATE TABLE interactions (
    id                TEXT PRIMARY KEY NOT NULL,
    customer_id       TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind              TEXT NOT NULL,
    at                TEXT NOT NULL,
    outcome           TEXT,
    satisfaction      INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    promise           TEXT,
    notes             TEXT,
    next_date         TEXT,
    next_time         TEXT,
    -- An order: what, for how much (yuan), and when delivery is expected.
    model             TEXT,
    price             INTEGER,
    expected_delivery TEXT,
    -- A delivery.
    vin               TEXT,
    plate             TEXT,
    -- A complaint stays open until resolved, with what was done.
    resolved_at       TEXT,
    resolution        TEXT,
    created_at        TEXT NOT NULL
) STRICT;
CREATE INDEX interactions_customer ON interactions (customer_id, at);

-- When the customer was last contacted (the latest interaction), kept by the store with the
-- interactions, so the list can sort by it from an index.
ALTER TABLE customers ADD COLUMN last_contact TEXT;
CREATE INDEX customers_live_last_contact ON customers (last_contact, id) WHERE deleted_at IS NULL;

-- Every change of a customer's intent level.
CREATE TABLE level_changes (
    id          INTEGER PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    changed_at  TEXT NOT NULL,
    from_level  TEXT NOT NULL,
    to_level    TEXT NOT NULL,
    reason      TEXT,
    -- For F: when to try again.
    revisit     TEXT
) STRICT;
CREATE INDEX level_changes_customer ON level_changes (customer_id, changed_at);

-- The prompts due for each customer (carnet-core's follow-up engine), refreshed for a
-- customer on every write that concerns them and for everyone when the day changes, so that
-- Today reads one index.
CREATE TABLE prompts (
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    kind        TEXT NOT NULL,
    due         TEXT NOT NULL,
    time        TEXT,
    priority    INTEGER NOT NULL,
    params      TEXT NOT NULL,
    PRIMARY KEY (customer_id, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX prompts_due ON prompts (due, priority);

-- Until when each customer's prompts stay right (carnet-core's next_change; '9999-12-31' when
-- the date changes nothing): the daily rollover recomputes only customers whose day has come.
ALTER TABLE customers ADD COLUMN prompts_until TEXT;
CREATE INDEX customers_prompts_until ON customers (prompts_until) WHERE deleted_at IS NULL;

-- Notifications already shown (a prompt's, or a day's summary), so none is shown twice.
CREATE TABLE sent_notices (
    key     TEXT PRIMARY KEY NOT NULL,
    sent_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- What the consultant did with a prompt: done, dismissed (with a reason) or snoozed until a
-- day. Kept by the prompt's key, so a recomputed prompt stays handled.
CREATE TABLE prompt_actions (
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('done', 'dismissed', 'snoozed')),
    until       TEXT,
    reason      TEXT,
    at          TEXT NOT NULL,
    PRIMARY KEY (customer_id, key)
) STRICT, WITHOUT ROWID;
