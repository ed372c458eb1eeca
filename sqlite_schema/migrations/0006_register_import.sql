-- 0006_register_import: which rows of old registers (旧台账) were imported (issue 7).
-- Local bookkeeping, not synced (no outbox trigger): the visits and cases an import writes
-- are ordinary rows and reach the outbox through their own triggers. source_key is the hash of
-- a row's identifying values (docs/register_import.md: what counts as the same source row), so
-- importing the same file again, or an extended copy of it, adds only the rows not yet here.
-- The rows go with their case when the retention purge deletes it (ON DELETE CASCADE).
-- The lead may renumber this file: migrations must be numbered without gaps.

CREATE TABLE import_row (
    source_key TEXT NOT NULL PRIMARY KEY,
    visit_id TEXT NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    case_id TEXT NOT NULL REFERENCES case_record (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    sheet TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
);
CREATE INDEX ix_import_row_visit ON import_row (visit_id);
CREATE INDEX ix_import_row_case ON import_row (case_id);
