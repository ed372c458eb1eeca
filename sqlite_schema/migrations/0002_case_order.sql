-- 0002_case_order: a slim copy of each live case's list order (store/textindex.py's companion).
-- A search that matches ten thousand cases sorts them here, in a table of short rows that
-- fits the page cache, instead of reading ten thousand wide case_record rows. The key is
-- case_record's rowid, like the search index's. Kept by triggers; never synced. Any rebuild
-- that renumbers rowids (VACUUM) must rebuild this table and case_search.

CREATE TABLE case_order (
    case_rowid INTEGER NOT NULL PRIMARY KEY,
    registered_at TEXT NOT NULL,
    case_no TEXT NOT NULL,
    id TEXT NOT NULL
);

INSERT INTO case_order (case_rowid, registered_at, case_no, id)
SELECT rowid, registered_at, case_no, id FROM case_record WHERE deleted_at IS NULL;

CREATE TRIGGER case_record_order_insert AFTER INSERT ON case_record
WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO case_order (case_rowid, registered_at, case_no, id)
    VALUES (NEW.rowid, NEW.registered_at, NEW.case_no, NEW.id);
END;

CREATE TRIGGER case_record_order_update
AFTER UPDATE OF registered_at, case_no, id, deleted_at ON case_record
BEGIN
    DELETE FROM case_order WHERE case_rowid = OLD.rowid;
    INSERT INTO case_order (case_rowid, registered_at, case_no, id)
    SELECT NEW.rowid, NEW.registered_at, NEW.case_no, NEW.id WHERE NEW.deleted_at IS NULL;
END;

CREATE TRIGGER case_record_order_delete AFTER DELETE ON case_record
BEGIN
    DELETE FROM case_order WHERE case_rowid = OLD.rowid;
END;
