-- 0004_roster: what the deputy roster needs beyond 0001 (issue 5).
-- deputy_status_change keeps the history of 在任/届满/调离 (append-only, synced as events);
-- deputy_contact holds the voters or households a deputy keeps in fixed contact with (联选民).

CREATE TABLE deputy_status_change (
    id TEXT NOT NULL PRIMARY KEY,
    station_id TEXT NOT NULL,
    created_by_device TEXT NOT NULL,
    server_seq INTEGER,
    created_at TEXT NOT NULL,
    deputy_id TEXT NOT NULL REFERENCES deputy (id),
    status TEXT NOT NULL CHECK (status IN ('serving', 'term_ended', 'transferred')),
    changed_on DATE NOT NULL,
    note TEXT
);
CREATE INDEX ix_deputy_status_change_deputy ON deputy_status_change (deputy_id, changed_on);

CREATE TABLE deputy_contact (
    id TEXT NOT NULL PRIMARY KEY,
    station_id TEXT NOT NULL,
    created_by_device TEXT NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 1,
    server_seq INTEGER,
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deputy_id TEXT NOT NULL REFERENCES deputy (id),
    name TEXT NOT NULL,
    village TEXT,
    households INTEGER NOT NULL DEFAULT 1 CHECK (households BETWEEN 1 AND 10000),
    note TEXT
);
CREATE INDEX ix_deputy_contact_deputy ON deputy_contact (deputy_id);

CREATE TRIGGER deputy_status_change_outbox_insert AFTER INSERT ON deputy_status_change
WHEN NEW.server_seq IS NULL
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'deputy_status_change', NEW.id, 'event', NULL, p.j, sd_sha256(p.j),
           strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM (SELECT json_object(
            'id', NEW.id,
            'station_id', NEW.station_id,
            'created_by_device', NEW.created_by_device,
            'server_seq', NEW.server_seq,
            'created_at', NEW.created_at,
            'deputy_id', NEW.deputy_id,
            'status', NEW.status,
            'changed_on', NEW.changed_on,
            'note', NEW.note) AS j) AS p;
END;

CREATE TRIGGER deputy_status_change_append_only_update BEFORE UPDATE ON deputy_status_change
WHEN NEW.id IS NOT OLD.id
    OR NEW.station_id IS NOT OLD.station_id
    OR NEW.created_by_device IS NOT OLD.created_by_device
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.deputy_id IS NOT OLD.deputy_id
    OR NEW.status IS NOT OLD.status
    OR NEW.changed_on IS NOT OLD.changed_on
    OR NEW.note IS NOT OLD.note
BEGIN
    SELECT RAISE(ABORT, 'deputy_status_change is append-only');
END;

CREATE TRIGGER deputy_status_change_append_only_delete BEFORE DELETE ON deputy_status_change
BEGIN
    SELECT RAISE(ABORT, 'deputy_status_change is append-only');
END;

CREATE TRIGGER deputy_contact_outbox_insert AFTER INSERT ON deputy_contact
WHEN NEW.server_seq IS NULL
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'deputy_contact', NEW.id, 'put', NEW.row_version, p.j, sd_sha256(p.j),
           strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM (SELECT json_object(
            'id', NEW.id,
            'station_id', NEW.station_id,
            'created_by_device', NEW.created_by_device,
            'row_version', NEW.row_version,
            'server_seq', NEW.server_seq,
            'deleted_at', NEW.deleted_at,
            'created_at', NEW.created_at,
            'updated_at', NEW.updated_at,
            'deputy_id', NEW.deputy_id,
            'name', NEW.name,
            'village', NEW.village,
            'households', NEW.households,
            'note', NEW.note) AS j) AS p;
END;

CREATE TRIGGER deputy_contact_outbox_update AFTER UPDATE ON deputy_contact
WHEN NEW.row_version IS NOT OLD.row_version AND NEW.server_seq IS OLD.server_seq
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'deputy_contact', NEW.id,
           CASE WHEN NEW.deleted_at IS NULL THEN 'put' ELSE 'delete' END,
           NEW.row_version, p.j, sd_sha256(p.j), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM (SELECT json_object(
            'id', NEW.id,
            'station_id', NEW.station_id,
            'created_by_device', NEW.created_by_device,
            'row_version', NEW.row_version,
            'server_seq', NEW.server_seq,
            'deleted_at', NEW.deleted_at,
            'created_at', NEW.created_at,
            'updated_at', NEW.updated_at,
            'deputy_id', NEW.deputy_id,
            'name', NEW.name,
            'village', NEW.village,
            'households', NEW.households,
            'note', NEW.note) AS j) AS p;
END;

CREATE TRIGGER deputy_contact_version_required BEFORE UPDATE ON deputy_contact
WHEN NEW.row_version IS OLD.row_version AND NEW.server_seq IS OLD.server_seq AND (
    NEW.id IS NOT OLD.id
    OR NEW.station_id IS NOT OLD.station_id
    OR NEW.created_by_device IS NOT OLD.created_by_device
    OR NEW.deleted_at IS NOT OLD.deleted_at
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.updated_at IS NOT OLD.updated_at
    OR NEW.deputy_id IS NOT OLD.deputy_id
    OR NEW.name IS NOT OLD.name
    OR NEW.village IS NOT OLD.village
    OR NEW.households IS NOT OLD.households
    OR NEW.note IS NOT OLD.note)
BEGIN
    SELECT RAISE(ABORT, 'deputy_contact: a local change must raise row_version');
END;

CREATE TRIGGER deputy_contact_no_delete BEFORE DELETE ON deputy_contact
BEGIN
    SELECT RAISE(ABORT, 'deputy_contact: synced rows are tombstoned (deleted_at), not deleted');
END;
