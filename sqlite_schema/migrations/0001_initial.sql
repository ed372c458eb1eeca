-- 0001_initial: the first data model of StationDesk (design/architecture.md "Data the station keeps").
-- Synced tables carry: client UUIDv7 id, station_id, created_by_device, row_version, server_seq,
-- deleted_at (tombstone), created_at, updated_at. Times are ISO-8601 text with their UTC offset;
-- *_on columns are the local calendar date (YYYY-MM-DD) used by reports.

CREATE TABLE station (
    id TEXT NOT NULL PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    county TEXT,
    phone TEXT,
    office_hours TEXT,
    device_id TEXT NOT NULL,
    device_no INTEGER NOT NULL CHECK (device_no BETWEEN 1 AND 99),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE settings (
    key TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE app_user (
    id TEXT NOT NULL PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    staff_no TEXT,
    role TEXT NOT NULL CHECK (role IN ('clerk', 'admin', 'deputy', 'system')),
    password_hash TEXT,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    active BOOLEAN NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE category (
    id TEXT NOT NULL PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    limit_days INTEGER NOT NULL DEFAULT 15 CHECK (limit_days BETWEEN 1 AND 365),
    sort_order INTEGER NOT NULL DEFAULT 0,
    active BOOLEAN NOT NULL DEFAULT 1,
    server_seq INTEGER,
    updated_at TEXT NOT NULL
);

CREATE TABLE department (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT,
    phone TEXT,
    active BOOLEAN NOT NULL DEFAULT 1,
    server_seq INTEGER,
    updated_at TEXT NOT NULL
);

CREATE TABLE grid (
    id TEXT NOT NULL PRIMARY KEY,
    station_id TEXT NOT NULL,
    created_by_device TEXT NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 1,
    server_seq INTEGER,
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    name TEXT NOT NULL,
    village TEXT NOT NULL,
    grid_worker TEXT,
    grid_worker_phone TEXT
);
CREATE INDEX ix_grid_village ON grid (village);

CREATE TABLE deputy (
    id TEXT NOT NULL PRIMARY KEY,
    station_id TEXT NOT NULL,
    created_by_device TEXT NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 1,
    server_seq INTEGER,
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    name TEXT NOT NULL,
    gender TEXT CHECK (gender IN ('male', 'female')),
    unit TEXT,
    occupation TEXT,
    professional_group TEXT,
    public_contact TEXT,
    phone TEXT,
    commitment TEXT,
    status TEXT NOT NULL DEFAULT 'serving' CHECK (status IN ('serving', 'term_ended', 'transferred')),
    photo_sha256 TEXT
);
CREATE INDEX ix_deputy_name ON deputy (name);

CREATE TABLE deputy_photo (
    sha256 TEXT NOT NULL PRIMARY KEY,
    mime TEXT NOT NULL,
    data BLOB NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE deputy_term (
    id TEXT NOT NULL PRIMARY KEY,
    station_id TEXT NOT NULL,
    created_by_device TEXT NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 1,
    server_seq INTEGER,
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deputy_id TEXT NOT NULL REFERENCES deputy (id),
    level TEXT NOT NULL CHECK (level IN ('national', 'province', 'city', 'county', 'township')),
    congress TEXT NOT NULL,
    term TEXT NOT NULL,
    constituency TEXT,
    started_on DATE,
    ended_on DATE
);
CREATE INDEX ix_deputy_term_deputy ON deputy_term (deputy_id);

CREATE TABLE deputy_grid (
    id TEXT NOT NULL PRIMARY KEY,
    station_id TEXT NOT NULL,
    created_by_device TEXT NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 1,
    server_seq INTEGER,
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deputy_id TEXT NOT NULL REFERENCES deputy (id),
    grid_id TEXT NOT NULL REFERENCES grid (id)
);
CREATE INDEX ix_deputy_grid_deputy ON deputy_grid (deputy_id);
CREATE INDEX ix_deputy_grid_grid ON deputy_grid (grid_id);

CREATE TABLE visit (
    id TEXT NOT NULL PRIMARY KEY,
    station_id TEXT NOT NULL,
    created_by_device TEXT NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 1,
    server_seq INTEGER,
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    received_on DATE NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('walk_in', 'phone', 'qr', 'grid_worker',
        'hotline_12345', 'deputy_visit', 'letter', 'mobile_station')),
    hotline_no TEXT,
    visitor_name TEXT NOT NULL,
    visitor_phone TEXT,
    visitor_phone_last4 TEXT,
    visitor_id_number TEXT,
    visitor_address TEXT,
    village TEXT,
    grid_id TEXT REFERENCES grid (id),
    people INTEGER NOT NULL DEFAULT 1 CHECK (people BETWEEN 1 AND 10000),
    confidential BOOLEAN NOT NULL DEFAULT 0,
    clerk_id TEXT NOT NULL REFERENCES app_user (id)
);
CREATE INDEX ix_visit_received_on ON visit (received_on);
CREATE INDEX ix_visit_phone ON visit (visitor_phone);
CREATE INDEX ix_visit_phone_last4 ON visit (visitor_phone_last4);
CREATE INDEX ix_visit_name ON visit (visitor_name);
CREATE INDEX ix_visit_hotline_no ON visit (hotline_no);

CREATE TABLE visit_deputy (
    id TEXT NOT NULL PRIMARY KEY,
    station_id TEXT NOT NULL,
    created_by_device TEXT NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 1,
    server_seq INTEGER,
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    visit_id TEXT NOT NULL REFERENCES visit (id),
    deputy_id TEXT NOT NULL REFERENCES deputy (id)
);
CREATE INDEX ix_visit_deputy_visit ON visit_deputy (visit_id);
CREATE INDEX ix_visit_deputy_deputy ON visit_deputy (deputy_id);

CREATE TABLE suggestion (
    id TEXT NOT NULL PRIMARY KEY,
    station_id TEXT NOT NULL,
    created_by_device TEXT NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 1,
    server_seq INTEGER,
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    deputy_id TEXT NOT NULL REFERENCES deputy (id),
    formed_on DATE NOT NULL,
    county_ref TEXT
);
CREATE INDEX ix_suggestion_formed_on ON suggestion (formed_on);

CREATE TABLE case_record (
    id TEXT NOT NULL PRIMARY KEY,
    station_id TEXT NOT NULL,
    created_by_device TEXT NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 1,
    server_seq INTEGER,
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    case_no TEXT NOT NULL UNIQUE,
    visit_id TEXT NOT NULL REFERENCES visit (id),
    position INTEGER NOT NULL DEFAULT 1,
    category_id TEXT REFERENCES category (id),
    content TEXT NOT NULL,
    demand TEXT,
    track TEXT NOT NULL CHECK (track IN ('on_spot', 'supervise', 'suggestion')),
    on_spot_answer TEXT,
    referred_to TEXT,
    registered_at TEXT NOT NULL,
    registered_on DATE NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'in_progress', 'closed', 'unsatisfied',
        'done', 'merged')),
    department_id TEXT REFERENCES department (id),
    deputy_id TEXT REFERENCES deputy (id),
    suggestion_id TEXT REFERENCES suggestion (id),
    due_date DATE,
    round INTEGER NOT NULL DEFAULT 1,
    first_closed_at TEXT,
    closed_at TEXT,
    rating TEXT CHECK (rating IN ('satisfied', 'basically_satisfied', 'unsatisfied')),
    rated_at TEXT,
    last_event_at TEXT NOT NULL,
    needs_review BOOLEAN NOT NULL DEFAULT 0,
    UNIQUE (visit_id, position)
);
CREATE INDEX ix_case_record_registered_on ON case_record (registered_on);
CREATE INDEX ix_case_record_status ON case_record (status, due_date);
CREATE INDEX ix_case_record_category ON case_record (category_id);
CREATE INDEX ix_case_record_department ON case_record (department_id);

CREATE TABLE case_event (
    id TEXT NOT NULL PRIMARY KEY,
    station_id TEXT NOT NULL,
    created_by_device TEXT NOT NULL,
    server_seq INTEGER,
    created_at TEXT NOT NULL,
    case_id TEXT NOT NULL REFERENCES case_record (id),
    kind TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    occurred_on DATE NOT NULL,
    origin TEXT NOT NULL DEFAULT 'station' CHECK (origin IN ('station', 'county')),
    actor_id TEXT,
    payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload))
);
CREATE INDEX ix_case_event_case ON case_event (case_id, occurred_at);
CREATE INDEX ix_case_event_kind_on ON case_event (kind, occurred_on);

CREATE TABLE duty_shift (
    id TEXT NOT NULL PRIMARY KEY,
    station_id TEXT NOT NULL,
    created_by_device TEXT NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 1,
    server_seq INTEGER,
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    shift_on DATE NOT NULL,
    half TEXT NOT NULL CHECK (half IN ('am', 'pm', 'day')),
    deputy_id TEXT NOT NULL REFERENCES deputy (id),
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'cancelled')),
    note TEXT
);
CREATE INDEX ix_duty_shift_on ON duty_shift (shift_on);

CREATE TABLE attendance (
    id TEXT NOT NULL PRIMARY KEY,
    station_id TEXT NOT NULL,
    created_by_device TEXT NOT NULL,
    server_seq INTEGER,
    created_at TEXT NOT NULL,
    shift_id TEXT NOT NULL REFERENCES duty_shift (id),
    deputy_id TEXT NOT NULL REFERENCES deputy (id),
    kind TEXT NOT NULL CHECK (kind IN ('sign_in', 'sign_out', 'absent', 'void')),
    occurred_at TEXT NOT NULL,
    occurred_on DATE NOT NULL,
    voids_id TEXT,
    note TEXT
);
CREATE INDEX ix_attendance_shift ON attendance (shift_id);
CREATE INDEX ix_attendance_on ON attendance (occurred_on);

CREATE TABLE deputy_activity (
    id TEXT NOT NULL PRIMARY KEY,
    station_id TEXT NOT NULL,
    created_by_device TEXT NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 1,
    server_seq INTEGER,
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deputy_id TEXT NOT NULL REFERENCES deputy (id),
    kind TEXT NOT NULL CHECK (kind IN ('enterprise_visit', 'resident_visit', 'research',
        'publicity', 'inspection', 'other')),
    occurred_on DATE NOT NULL,
    place TEXT,
    note TEXT,
    people_reached INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_deputy_activity_deputy ON deputy_activity (deputy_id, occurred_on);

CREATE TABLE audit_log (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    ts TEXT NOT NULL,
    user_id TEXT,
    role TEXT,
    action TEXT NOT NULL,
    entity TEXT,
    record_id TEXT,
    detail TEXT NOT NULL DEFAULT '{}',
    reason TEXT,
    prev_hash TEXT NOT NULL UNIQUE,
    row_hash TEXT NOT NULL UNIQUE
);
CREATE INDEX ix_audit_log_record ON audit_log (record_id);

CREATE TABLE draft (
    id TEXT NOT NULL PRIMARY KEY,
    form TEXT NOT NULL,
    user_id TEXT,
    data TEXT NOT NULL CHECK (json_valid(data)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ix_draft_form ON draft (form, updated_at);

CREATE TABLE sync_outbox (
    seq INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    change_id TEXT NOT NULL UNIQUE,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('put', 'delete', 'event')),
    row_version INTEGER,
    payload TEXT NOT NULL,
    payload_sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX ix_sync_outbox_entity ON sync_outbox (entity, entity_id);

CREATE TABLE sync_rejects (
    change_id TEXT NOT NULL PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT,
    rejected_at TEXT NOT NULL,
    resolved_at TEXT
);

CREATE TABLE sync_state (
    key TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE device_counter (
    name TEXT NOT NULL PRIMARY KEY,
    value INTEGER NOT NULL
);

-- Sync outbox capture (design/sync.md §3.2): every local change to a synced table writes an
-- outbox row in the same transaction. Rows applied from the county carry server_seq and are not
-- captured; an acknowledgement only sets server_seq and is not captured either.

CREATE TRIGGER grid_outbox_insert AFTER INSERT ON grid
WHEN NEW.server_seq IS NULL
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'grid', NEW.id, 'put', NEW.row_version, p.j, sd_sha256(p.j),
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
            'name', NEW.name,
            'village', NEW.village,
            'grid_worker', NEW.grid_worker,
            'grid_worker_phone', NEW.grid_worker_phone) AS j) AS p;
END;

CREATE TRIGGER grid_outbox_update AFTER UPDATE ON grid
WHEN NEW.row_version IS NOT OLD.row_version AND NEW.server_seq IS OLD.server_seq
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'grid', NEW.id,
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
            'name', NEW.name,
            'village', NEW.village,
            'grid_worker', NEW.grid_worker,
            'grid_worker_phone', NEW.grid_worker_phone) AS j) AS p;
END;

CREATE TRIGGER deputy_outbox_insert AFTER INSERT ON deputy
WHEN NEW.server_seq IS NULL
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'deputy', NEW.id, 'put', NEW.row_version, p.j, sd_sha256(p.j),
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
            'name', NEW.name,
            'gender', NEW.gender,
            'unit', NEW.unit,
            'occupation', NEW.occupation,
            'professional_group', NEW.professional_group,
            'public_contact', NEW.public_contact,
            'phone', NEW.phone,
            'commitment', NEW.commitment,
            'status', NEW.status,
            'photo_sha256', NEW.photo_sha256) AS j) AS p;
END;

CREATE TRIGGER deputy_outbox_update AFTER UPDATE ON deputy
WHEN NEW.row_version IS NOT OLD.row_version AND NEW.server_seq IS OLD.server_seq
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'deputy', NEW.id,
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
            'name', NEW.name,
            'gender', NEW.gender,
            'unit', NEW.unit,
            'occupation', NEW.occupation,
            'professional_group', NEW.professional_group,
            'public_contact', NEW.public_contact,
            'phone', NEW.phone,
            'commitment', NEW.commitment,
            'status', NEW.status,
            'photo_sha256', NEW.photo_sha256) AS j) AS p;
END;

CREATE TRIGGER deputy_term_outbox_insert AFTER INSERT ON deputy_term
WHEN NEW.server_seq IS NULL
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'deputy_term', NEW.id, 'put', NEW.row_version, p.j, sd_sha256(p.j),
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
            'level', NEW.level,
            'congress', NEW.congress,
            'term', NEW.term,
            'constituency', NEW.constituency,
            'started_on', NEW.started_on,
            'ended_on', NEW.ended_on) AS j) AS p;
END;

CREATE TRIGGER deputy_term_outbox_update AFTER UPDATE ON deputy_term
WHEN NEW.row_version IS NOT OLD.row_version AND NEW.server_seq IS OLD.server_seq
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'deputy_term', NEW.id,
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
            'level', NEW.level,
            'congress', NEW.congress,
            'term', NEW.term,
            'constituency', NEW.constituency,
            'started_on', NEW.started_on,
            'ended_on', NEW.ended_on) AS j) AS p;
END;

CREATE TRIGGER deputy_grid_outbox_insert AFTER INSERT ON deputy_grid
WHEN NEW.server_seq IS NULL
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'deputy_grid', NEW.id, 'put', NEW.row_version, p.j, sd_sha256(p.j),
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
            'grid_id', NEW.grid_id) AS j) AS p;
END;

CREATE TRIGGER deputy_grid_outbox_update AFTER UPDATE ON deputy_grid
WHEN NEW.row_version IS NOT OLD.row_version AND NEW.server_seq IS OLD.server_seq
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'deputy_grid', NEW.id,
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
            'grid_id', NEW.grid_id) AS j) AS p;
END;

CREATE TRIGGER visit_outbox_insert AFTER INSERT ON visit
WHEN NEW.server_seq IS NULL
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'visit', NEW.id, 'put', NEW.row_version, p.j, sd_sha256(p.j),
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
            'received_at', NEW.received_at,
            'received_on', NEW.received_on,
            'channel', NEW.channel,
            'hotline_no', NEW.hotline_no,
            'visitor_name', NEW.visitor_name,
            'visitor_phone', NEW.visitor_phone,
            'visitor_phone_last4', NEW.visitor_phone_last4,
            'visitor_id_number', NEW.visitor_id_number,
            'visitor_address', NEW.visitor_address,
            'village', NEW.village,
            'grid_id', NEW.grid_id,
            'people', NEW.people,
            'confidential', NEW.confidential,
            'clerk_id', NEW.clerk_id) AS j) AS p;
END;

CREATE TRIGGER visit_outbox_update AFTER UPDATE ON visit
WHEN NEW.row_version IS NOT OLD.row_version AND NEW.server_seq IS OLD.server_seq
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'visit', NEW.id,
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
            'received_at', NEW.received_at,
            'received_on', NEW.received_on,
            'channel', NEW.channel,
            'hotline_no', NEW.hotline_no,
            'visitor_name', NEW.visitor_name,
            'visitor_phone', NEW.visitor_phone,
            'visitor_phone_last4', NEW.visitor_phone_last4,
            'visitor_id_number', NEW.visitor_id_number,
            'visitor_address', NEW.visitor_address,
            'village', NEW.village,
            'grid_id', NEW.grid_id,
            'people', NEW.people,
            'confidential', NEW.confidential,
            'clerk_id', NEW.clerk_id) AS j) AS p;
END;

CREATE TRIGGER visit_deputy_outbox_insert AFTER INSERT ON visit_deputy
WHEN NEW.server_seq IS NULL
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'visit_deputy', NEW.id, 'put', NEW.row_version, p.j, sd_sha256(p.j),
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
            'visit_id', NEW.visit_id,
            'deputy_id', NEW.deputy_id) AS j) AS p;
END;

CREATE TRIGGER visit_deputy_outbox_update AFTER UPDATE ON visit_deputy
WHEN NEW.row_version IS NOT OLD.row_version AND NEW.server_seq IS OLD.server_seq
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'visit_deputy', NEW.id,
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
            'visit_id', NEW.visit_id,
            'deputy_id', NEW.deputy_id) AS j) AS p;
END;

CREATE TRIGGER suggestion_outbox_insert AFTER INSERT ON suggestion
WHEN NEW.server_seq IS NULL
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'suggestion', NEW.id, 'put', NEW.row_version, p.j, sd_sha256(p.j),
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
            'title', NEW.title,
            'content', NEW.content,
            'deputy_id', NEW.deputy_id,
            'formed_on', NEW.formed_on,
            'county_ref', NEW.county_ref) AS j) AS p;
END;

CREATE TRIGGER suggestion_outbox_update AFTER UPDATE ON suggestion
WHEN NEW.row_version IS NOT OLD.row_version AND NEW.server_seq IS OLD.server_seq
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'suggestion', NEW.id,
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
            'title', NEW.title,
            'content', NEW.content,
            'deputy_id', NEW.deputy_id,
            'formed_on', NEW.formed_on,
            'county_ref', NEW.county_ref) AS j) AS p;
END;

CREATE TRIGGER case_record_outbox_insert AFTER INSERT ON case_record
WHEN NEW.server_seq IS NULL
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'case_record', NEW.id, 'put', NEW.row_version, p.j, sd_sha256(p.j),
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
            'case_no', NEW.case_no,
            'visit_id', NEW.visit_id,
            'position', NEW.position,
            'category_id', NEW.category_id,
            'content', NEW.content,
            'demand', NEW.demand,
            'track', NEW.track,
            'on_spot_answer', NEW.on_spot_answer,
            'referred_to', NEW.referred_to,
            'registered_at', NEW.registered_at,
            'registered_on', NEW.registered_on,
            'status', NEW.status,
            'department_id', NEW.department_id,
            'deputy_id', NEW.deputy_id,
            'suggestion_id', NEW.suggestion_id,
            'due_date', NEW.due_date,
            'round', NEW.round,
            'first_closed_at', NEW.first_closed_at,
            'closed_at', NEW.closed_at,
            'rating', NEW.rating,
            'rated_at', NEW.rated_at,
            'last_event_at', NEW.last_event_at,
            'needs_review', NEW.needs_review) AS j) AS p;
END;

CREATE TRIGGER case_record_outbox_update AFTER UPDATE ON case_record
WHEN NEW.row_version IS NOT OLD.row_version AND NEW.server_seq IS OLD.server_seq
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'case_record', NEW.id,
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
            'case_no', NEW.case_no,
            'visit_id', NEW.visit_id,
            'position', NEW.position,
            'category_id', NEW.category_id,
            'content', NEW.content,
            'demand', NEW.demand,
            'track', NEW.track,
            'on_spot_answer', NEW.on_spot_answer,
            'referred_to', NEW.referred_to,
            'registered_at', NEW.registered_at,
            'registered_on', NEW.registered_on,
            'status', NEW.status,
            'department_id', NEW.department_id,
            'deputy_id', NEW.deputy_id,
            'suggestion_id', NEW.suggestion_id,
            'due_date', NEW.due_date,
            'round', NEW.round,
            'first_closed_at', NEW.first_closed_at,
            'closed_at', NEW.closed_at,
            'rating', NEW.rating,
            'rated_at', NEW.rated_at,
            'last_event_at', NEW.last_event_at,
            'needs_review', NEW.needs_review) AS j) AS p;
END;

CREATE TRIGGER duty_shift_outbox_insert AFTER INSERT ON duty_shift
WHEN NEW.server_seq IS NULL
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'duty_shift', NEW.id, 'put', NEW.row_version, p.j, sd_sha256(p.j),
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
            'shift_on', NEW.shift_on,
            'half', NEW.half,
            'deputy_id', NEW.deputy_id,
            'status', NEW.status,
            'note', NEW.note) AS j) AS p;
END;

CREATE TRIGGER duty_shift_outbox_update AFTER UPDATE ON duty_shift
WHEN NEW.row_version IS NOT OLD.row_version AND NEW.server_seq IS OLD.server_seq
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'duty_shift', NEW.id,
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
            'shift_on', NEW.shift_on,
            'half', NEW.half,
            'deputy_id', NEW.deputy_id,
            'status', NEW.status,
            'note', NEW.note) AS j) AS p;
END;

CREATE TRIGGER deputy_activity_outbox_insert AFTER INSERT ON deputy_activity
WHEN NEW.server_seq IS NULL
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'deputy_activity', NEW.id, 'put', NEW.row_version, p.j, sd_sha256(p.j),
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
            'kind', NEW.kind,
            'occurred_on', NEW.occurred_on,
            'place', NEW.place,
            'note', NEW.note,
            'people_reached', NEW.people_reached) AS j) AS p;
END;

CREATE TRIGGER deputy_activity_outbox_update AFTER UPDATE ON deputy_activity
WHEN NEW.row_version IS NOT OLD.row_version AND NEW.server_seq IS OLD.server_seq
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'deputy_activity', NEW.id,
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
            'kind', NEW.kind,
            'occurred_on', NEW.occurred_on,
            'place', NEW.place,
            'note', NEW.note,
            'people_reached', NEW.people_reached) AS j) AS p;
END;

CREATE TRIGGER case_event_outbox_insert AFTER INSERT ON case_event
WHEN NEW.server_seq IS NULL
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'case_event', NEW.id, 'event', NULL, p.j, sd_sha256(p.j),
           strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM (SELECT json_object(
            'id', NEW.id,
            'station_id', NEW.station_id,
            'created_by_device', NEW.created_by_device,
            'server_seq', NEW.server_seq,
            'created_at', NEW.created_at,
            'case_id', NEW.case_id,
            'kind', NEW.kind,
            'occurred_at', NEW.occurred_at,
            'occurred_on', NEW.occurred_on,
            'origin', NEW.origin,
            'actor_id', NEW.actor_id,
            'payload', NEW.payload) AS j) AS p;
END;

CREATE TRIGGER attendance_outbox_insert AFTER INSERT ON attendance
WHEN NEW.server_seq IS NULL
BEGIN
    INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, payload_sha256, created_at)
    SELECT lower(hex(randomblob(16))), 'attendance', NEW.id, 'event', NULL, p.j, sd_sha256(p.j),
           strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM (SELECT json_object(
            'id', NEW.id,
            'station_id', NEW.station_id,
            'created_by_device', NEW.created_by_device,
            'server_seq', NEW.server_seq,
            'created_at', NEW.created_at,
            'shift_id', NEW.shift_id,
            'deputy_id', NEW.deputy_id,
            'kind', NEW.kind,
            'occurred_at', NEW.occurred_at,
            'occurred_on', NEW.occurred_on,
            'voids_id', NEW.voids_id,
            'note', NEW.note) AS j) AS p;
END;

-- Capture cannot be bypassed: an UPDATE that changes data must raise row_version (so the
-- outbox trigger above fires), unless it comes from sync (server_seq changes too). Synced
-- rows are tombstoned with deleted_at, never deleted.

CREATE TRIGGER grid_version_required BEFORE UPDATE ON grid
WHEN NEW.row_version IS OLD.row_version AND NEW.server_seq IS OLD.server_seq AND (
    NEW.id IS NOT OLD.id
    OR NEW.station_id IS NOT OLD.station_id
    OR NEW.created_by_device IS NOT OLD.created_by_device
    OR NEW.deleted_at IS NOT OLD.deleted_at
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.updated_at IS NOT OLD.updated_at
    OR NEW.name IS NOT OLD.name
    OR NEW.village IS NOT OLD.village
    OR NEW.grid_worker IS NOT OLD.grid_worker
    OR NEW.grid_worker_phone IS NOT OLD.grid_worker_phone)
BEGIN
    SELECT RAISE(ABORT, 'grid: a local change must raise row_version');
END;

CREATE TRIGGER grid_no_delete BEFORE DELETE ON grid
BEGIN
    SELECT RAISE(ABORT, 'grid: synced rows are tombstoned (deleted_at), not deleted');
END;

CREATE TRIGGER deputy_version_required BEFORE UPDATE ON deputy
WHEN NEW.row_version IS OLD.row_version AND NEW.server_seq IS OLD.server_seq AND (
    NEW.id IS NOT OLD.id
    OR NEW.station_id IS NOT OLD.station_id
    OR NEW.created_by_device IS NOT OLD.created_by_device
    OR NEW.deleted_at IS NOT OLD.deleted_at
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.updated_at IS NOT OLD.updated_at
    OR NEW.name IS NOT OLD.name
    OR NEW.gender IS NOT OLD.gender
    OR NEW.unit IS NOT OLD.unit
    OR NEW.occupation IS NOT OLD.occupation
    OR NEW.professional_group IS NOT OLD.professional_group
    OR NEW.public_contact IS NOT OLD.public_contact
    OR NEW.phone IS NOT OLD.phone
    OR NEW.commitment IS NOT OLD.commitment
    OR NEW.status IS NOT OLD.status
    OR NEW.photo_sha256 IS NOT OLD.photo_sha256)
BEGIN
    SELECT RAISE(ABORT, 'deputy: a local change must raise row_version');
END;

CREATE TRIGGER deputy_no_delete BEFORE DELETE ON deputy
BEGIN
    SELECT RAISE(ABORT, 'deputy: synced rows are tombstoned (deleted_at), not deleted');
END;

CREATE TRIGGER deputy_term_version_required BEFORE UPDATE ON deputy_term
WHEN NEW.row_version IS OLD.row_version AND NEW.server_seq IS OLD.server_seq AND (
    NEW.id IS NOT OLD.id
    OR NEW.station_id IS NOT OLD.station_id
    OR NEW.created_by_device IS NOT OLD.created_by_device
    OR NEW.deleted_at IS NOT OLD.deleted_at
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.updated_at IS NOT OLD.updated_at
    OR NEW.deputy_id IS NOT OLD.deputy_id
    OR NEW.level IS NOT OLD.level
    OR NEW.congress IS NOT OLD.congress
    OR NEW.term IS NOT OLD.term
    OR NEW.constituency IS NOT OLD.constituency
    OR NEW.started_on IS NOT OLD.started_on
    OR NEW.ended_on IS NOT OLD.ended_on)
BEGIN
    SELECT RAISE(ABORT, 'deputy_term: a local change must raise row_version');
END;

CREATE TRIGGER deputy_term_no_delete BEFORE DELETE ON deputy_term
BEGIN
    SELECT RAISE(ABORT, 'deputy_term: synced rows are tombstoned (deleted_at), not deleted');
END;

CREATE TRIGGER deputy_grid_version_required BEFORE UPDATE ON deputy_grid
WHEN NEW.row_version IS OLD.row_version AND NEW.server_seq IS OLD.server_seq AND (
    NEW.id IS NOT OLD.id
    OR NEW.station_id IS NOT OLD.station_id
    OR NEW.created_by_device IS NOT OLD.created_by_device
    OR NEW.deleted_at IS NOT OLD.deleted_at
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.updated_at IS NOT OLD.updated_at
    OR NEW.deputy_id IS NOT OLD.deputy_id
    OR NEW.grid_id IS NOT OLD.grid_id)
BEGIN
    SELECT RAISE(ABORT, 'deputy_grid: a local change must raise row_version');
END;

CREATE TRIGGER deputy_grid_no_delete BEFORE DELETE ON deputy_grid
BEGIN
    SELECT RAISE(ABORT, 'deputy_grid: synced rows are tombstoned (deleted_at), not deleted');
END;

CREATE TRIGGER visit_version_required BEFORE UPDATE ON visit
WHEN NEW.row_version IS OLD.row_version AND NEW.server_seq IS OLD.server_seq AND (
    NEW.id IS NOT OLD.id
    OR NEW.station_id IS NOT OLD.station_id
    OR NEW.created_by_device IS NOT OLD.created_by_device
    OR NEW.deleted_at IS NOT OLD.deleted_at
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.updated_at IS NOT OLD.updated_at
    OR NEW.received_at IS NOT OLD.received_at
    OR NEW.received_on IS NOT OLD.received_on
    OR NEW.channel IS NOT OLD.channel
    OR NEW.hotline_no IS NOT OLD.hotline_no
    OR NEW.visitor_name IS NOT OLD.visitor_name
    OR NEW.visitor_phone IS NOT OLD.visitor_phone
    OR NEW.visitor_phone_last4 IS NOT OLD.visitor_phone_last4
    OR NEW.visitor_id_number IS NOT OLD.visitor_id_number
    OR NEW.visitor_address IS NOT OLD.visitor_address
    OR NEW.village IS NOT OLD.village
    OR NEW.grid_id IS NOT OLD.grid_id
    OR NEW.people IS NOT OLD.people
    OR NEW.confidential IS NOT OLD.confidential
    OR NEW.clerk_id IS NOT OLD.clerk_id)
BEGIN
    SELECT RAISE(ABORT, 'visit: a local change must raise row_version');
END;

CREATE TRIGGER visit_no_delete BEFORE DELETE ON visit
BEGIN
    SELECT RAISE(ABORT, 'visit: synced rows are tombstoned (deleted_at), not deleted');
END;

CREATE TRIGGER visit_deputy_version_required BEFORE UPDATE ON visit_deputy
WHEN NEW.row_version IS OLD.row_version AND NEW.server_seq IS OLD.server_seq AND (
    NEW.id IS NOT OLD.id
    OR NEW.station_id IS NOT OLD.station_id
    OR NEW.created_by_device IS NOT OLD.created_by_device
    OR NEW.deleted_at IS NOT OLD.deleted_at
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.updated_at IS NOT OLD.updated_at
    OR NEW.visit_id IS NOT OLD.visit_id
    OR NEW.deputy_id IS NOT OLD.deputy_id)
BEGIN
    SELECT RAISE(ABORT, 'visit_deputy: a local change must raise row_version');
END;

CREATE TRIGGER visit_deputy_no_delete BEFORE DELETE ON visit_deputy
BEGIN
    SELECT RAISE(ABORT, 'visit_deputy: synced rows are tombstoned (deleted_at), not deleted');
END;

CREATE TRIGGER suggestion_version_required BEFORE UPDATE ON suggestion
WHEN NEW.row_version IS OLD.row_version AND NEW.server_seq IS OLD.server_seq AND (
    NEW.id IS NOT OLD.id
    OR NEW.station_id IS NOT OLD.station_id
    OR NEW.created_by_device IS NOT OLD.created_by_device
    OR NEW.deleted_at IS NOT OLD.deleted_at
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.updated_at IS NOT OLD.updated_at
    OR NEW.title IS NOT OLD.title
    OR NEW.content IS NOT OLD.content
    OR NEW.deputy_id IS NOT OLD.deputy_id
    OR NEW.formed_on IS NOT OLD.formed_on
    OR NEW.county_ref IS NOT OLD.county_ref)
BEGIN
    SELECT RAISE(ABORT, 'suggestion: a local change must raise row_version');
END;

CREATE TRIGGER suggestion_no_delete BEFORE DELETE ON suggestion
BEGIN
    SELECT RAISE(ABORT, 'suggestion: synced rows are tombstoned (deleted_at), not deleted');
END;

CREATE TRIGGER case_record_version_required BEFORE UPDATE ON case_record
WHEN NEW.row_version IS OLD.row_version AND NEW.server_seq IS OLD.server_seq AND (
    NEW.id IS NOT OLD.id
    OR NEW.station_id IS NOT OLD.station_id
    OR NEW.created_by_device IS NOT OLD.created_by_device
    OR NEW.deleted_at IS NOT OLD.deleted_at
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.updated_at IS NOT OLD.updated_at
    OR NEW.case_no IS NOT OLD.case_no
    OR NEW.visit_id IS NOT OLD.visit_id
    OR NEW.position IS NOT OLD.position
    OR NEW.category_id IS NOT OLD.category_id
    OR NEW.content IS NOT OLD.content
    OR NEW.demand IS NOT OLD.demand
    OR NEW.track IS NOT OLD.track
    OR NEW.on_spot_answer IS NOT OLD.on_spot_answer
    OR NEW.referred_to IS NOT OLD.referred_to
    OR NEW.registered_at IS NOT OLD.registered_at
    OR NEW.registered_on IS NOT OLD.registered_on
    OR NEW.status IS NOT OLD.status
    OR NEW.department_id IS NOT OLD.department_id
    OR NEW.deputy_id IS NOT OLD.deputy_id
    OR NEW.suggestion_id IS NOT OLD.suggestion_id
    OR NEW.due_date IS NOT OLD.due_date
    OR NEW.round IS NOT OLD.round
    OR NEW.first_closed_at IS NOT OLD.first_closed_at
    OR NEW.closed_at IS NOT OLD.closed_at
    OR NEW.rating IS NOT OLD.rating
    OR NEW.rated_at IS NOT OLD.rated_at
    OR NEW.last_event_at IS NOT OLD.last_event_at)
BEGIN
    SELECT RAISE(ABORT, 'case_record: a local change must raise row_version');
END;

CREATE TRIGGER case_record_no_delete BEFORE DELETE ON case_record
BEGIN
    SELECT RAISE(ABORT, 'case_record: synced rows are tombstoned (deleted_at), not deleted');
END;

CREATE TRIGGER duty_shift_version_required BEFORE UPDATE ON duty_shift
WHEN NEW.row_version IS OLD.row_version AND NEW.server_seq IS OLD.server_seq AND (
    NEW.id IS NOT OLD.id
    OR NEW.station_id IS NOT OLD.station_id
    OR NEW.created_by_device IS NOT OLD.created_by_device
    OR NEW.deleted_at IS NOT OLD.deleted_at
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.updated_at IS NOT OLD.updated_at
    OR NEW.shift_on IS NOT OLD.shift_on
    OR NEW.half IS NOT OLD.half
    OR NEW.deputy_id IS NOT OLD.deputy_id
    OR NEW.status IS NOT OLD.status
    OR NEW.note IS NOT OLD.note)
BEGIN
    SELECT RAISE(ABORT, 'duty_shift: a local change must raise row_version');
END;

CREATE TRIGGER duty_shift_no_delete BEFORE DELETE ON duty_shift
BEGIN
    SELECT RAISE(ABORT, 'duty_shift: synced rows are tombstoned (deleted_at), not deleted');
END;

CREATE TRIGGER deputy_activity_version_required BEFORE UPDATE ON deputy_activity
WHEN NEW.row_version IS OLD.row_version AND NEW.server_seq IS OLD.server_seq AND (
    NEW.id IS NOT OLD.id
    OR NEW.station_id IS NOT OLD.station_id
    OR NEW.created_by_device IS NOT OLD.created_by_device
    OR NEW.deleted_at IS NOT OLD.deleted_at
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.updated_at IS NOT OLD.updated_at
    OR NEW.deputy_id IS NOT OLD.deputy_id
    OR NEW.kind IS NOT OLD.kind
    OR NEW.occurred_on IS NOT OLD.occurred_on
    OR NEW.place IS NOT OLD.place
    OR NEW.note IS NOT OLD.note
    OR NEW.people_reached IS NOT OLD.people_reached)
BEGIN
    SELECT RAISE(ABORT, 'deputy_activity: a local change must raise row_version');
END;

CREATE TRIGGER deputy_activity_no_delete BEFORE DELETE ON deputy_activity
BEGIN
    SELECT RAISE(ABORT, 'deputy_activity: synced rows are tombstoned (deleted_at), not deleted');
END;

-- Append-only tables: events and attendance may only gain their server_seq; the audit log
-- may not change at all.

CREATE TRIGGER case_event_append_only_update BEFORE UPDATE ON case_event
WHEN NEW.id IS NOT OLD.id
    OR NEW.station_id IS NOT OLD.station_id
    OR NEW.created_by_device IS NOT OLD.created_by_device
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.case_id IS NOT OLD.case_id
    OR NEW.kind IS NOT OLD.kind
    OR NEW.occurred_at IS NOT OLD.occurred_at
    OR NEW.occurred_on IS NOT OLD.occurred_on
    OR NEW.origin IS NOT OLD.origin
    OR NEW.actor_id IS NOT OLD.actor_id
    OR NEW.payload IS NOT OLD.payload
BEGIN
    SELECT RAISE(ABORT, 'case_event is append-only');
END;

CREATE TRIGGER case_event_append_only_delete BEFORE DELETE ON case_event
BEGIN
    SELECT RAISE(ABORT, 'case_event is append-only');
END;

CREATE TRIGGER attendance_append_only_update BEFORE UPDATE ON attendance
WHEN NEW.id IS NOT OLD.id
    OR NEW.station_id IS NOT OLD.station_id
    OR NEW.created_by_device IS NOT OLD.created_by_device
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.shift_id IS NOT OLD.shift_id
    OR NEW.deputy_id IS NOT OLD.deputy_id
    OR NEW.kind IS NOT OLD.kind
    OR NEW.occurred_at IS NOT OLD.occurred_at
    OR NEW.occurred_on IS NOT OLD.occurred_on
    OR NEW.voids_id IS NOT OLD.voids_id
    OR NEW.note IS NOT OLD.note
BEGIN
    SELECT RAISE(ABORT, 'attendance is append-only');
END;

CREATE TRIGGER attendance_append_only_delete BEFORE DELETE ON attendance
BEGIN
    SELECT RAISE(ABORT, 'attendance is append-only');
END;

CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Search index over cases (store/textindex.py): unicode61 tokens with every CJK character
-- split out by sd_cjk_split, so 1-, 2- and 3+-character Chinese queries are phrase queries on
-- the index. The FTS rowid is case_record's rowid.
CREATE VIRTUAL TABLE case_search USING fts5 (
    case_no, visitor, body, tokenize = 'unicode61'
);

CREATE TRIGGER case_record_search_insert AFTER INSERT ON case_record
BEGIN
    INSERT INTO case_search (rowid, case_no, visitor, body)
    SELECT NEW.rowid, NEW.case_no, sd_cjk_split(v.visitor_name),
           sd_cjk_split(NEW.content || char(10) || coalesce(NEW.demand, ''))
    FROM visit AS v WHERE v.id = NEW.visit_id;
END;

CREATE TRIGGER case_record_search_update AFTER UPDATE OF case_no, content, demand, visit_id
ON case_record
BEGIN
    DELETE FROM case_search WHERE rowid = OLD.rowid;
    INSERT INTO case_search (rowid, case_no, visitor, body)
    SELECT NEW.rowid, NEW.case_no, sd_cjk_split(v.visitor_name),
           sd_cjk_split(NEW.content || char(10) || coalesce(NEW.demand, ''))
    FROM visit AS v WHERE v.id = NEW.visit_id;
END;

CREATE TRIGGER case_record_search_delete AFTER DELETE ON case_record
BEGIN
    DELETE FROM case_search WHERE rowid = OLD.rowid;
END;

CREATE TRIGGER visit_search_update AFTER UPDATE OF visitor_name ON visit
BEGIN
    UPDATE case_search SET visitor = sd_cjk_split(NEW.visitor_name)
    WHERE rowid IN (SELECT rowid FROM case_record WHERE visit_id = NEW.id);
END;
