-- The consultant's message templates (issue 15): their own, and the built-in ones they
-- edited. A built-in template is carnet-core's (carnet_core::templates::defaults); an edited
-- one is kept here under the built-in's id ("default:OCCASION:LANGUAGE"), so restoring the
-- default deletes the row. Occasion and language are carnet-core's codes.
CREATE TABLE message_templates (
    id         TEXT PRIMARY KEY NOT NULL,
    occasion   TEXT NOT NULL,
    language   TEXT NOT NULL,
    name       TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX message_templates_listed ON message_templates (occasion, language, name);
