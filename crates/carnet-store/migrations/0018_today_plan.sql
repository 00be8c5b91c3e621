-- Today's plan (issue 17): every prompt due this week and the day it is planned for (NULL:
-- after the week), its row's place among that day's rows, the group it joins (an occasion's
-- code), why it weighs what it does (carnet-core's followup::plan::Why), and how often it
-- has slipped (and the day it last did). Made once a day, so that Today does not reshuffle as
-- it is opened again; the setting `today_plan_day` names the day it was made for.
CREATE TABLE today_plan (
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    kind        TEXT NOT NULL,
    day         TEXT,
    rank        INTEGER NOT NULL,
    grp         TEXT,
    why         TEXT NOT NULL,
    slips       INTEGER NOT NULL DEFAULT 0,
    slipped_on  TEXT,
    PRIMARY KEY (customer_id, key)
) STRICT, WITHOUT ROWID;

CREATE INDEX today_plan_day ON today_plan (day, rank);
