-- 0003_purge: the one audited way around the delete guards, for the retention purge.
-- services/retention.py inserts the single purge_session row, deletes expired visits with
-- their cases and events, and deletes the row again, all in one transaction: no other
-- connection ever sees it. Outside that transaction the guards stand as before.

CREATE TABLE purge_session (
    id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    started_at TEXT NOT NULL
);

DROP TRIGGER visit_no_delete;
CREATE TRIGGER visit_no_delete BEFORE DELETE ON visit
WHEN NOT EXISTS (SELECT 1 FROM purge_session)
BEGIN
    SELECT RAISE(ABORT, 'visit: synced rows are tombstoned (deleted_at), not deleted');
END;

DROP TRIGGER visit_deputy_no_delete;
CREATE TRIGGER visit_deputy_no_delete BEFORE DELETE ON visit_deputy
WHEN NOT EXISTS (SELECT 1 FROM purge_session)
BEGIN
    SELECT RAISE(ABORT, 'visit_deputy: synced rows are tombstoned (deleted_at), not deleted');
END;

DROP TRIGGER case_record_no_delete;
CREATE TRIGGER case_record_no_delete BEFORE DELETE ON case_record
WHEN NOT EXISTS (SELECT 1 FROM purge_session)
BEGIN
    SELECT RAISE(ABORT, 'case_record: synced rows are tombstoned (deleted_at), not deleted');
END;

DROP TRIGGER case_event_append_only_delete;
CREATE TRIGGER case_event_append_only_delete BEFORE DELETE ON case_event
WHEN NOT EXISTS (SELECT 1 FROM purge_session)
BEGIN
    SELECT RAISE(ABORT, 'case_event is append-only');
END;
