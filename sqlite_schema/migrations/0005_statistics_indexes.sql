-- 0005_statistics_indexes: 统计报表 over years of cases (issue 7).
-- A period's figures and breakdowns read the cases registered or first closed in it; these
-- covering indexes hold every column those queries need, so a year is two index ranges and
-- never a pass over the whole table. rated_at serves 满意率, closed_at the 超期 candidates.

DROP INDEX ix_case_record_registered_on;
CREATE INDEX ix_case_record_registered_on ON case_record (
    registered_on, deleted_at, status, first_closed_at, category_id, department_id, track,
    deputy_id, visit_id, id
);
CREATE INDEX ix_case_record_first_closed ON case_record (
    first_closed_at, deleted_at, registered_on, status, category_id, department_id, track,
    deputy_id, visit_id, id
);
CREATE INDEX ix_case_record_rated ON case_record (rated_at, registered_on, deleted_at, rating, id);
CREATE INDEX ix_case_record_closed_at ON case_record (closed_at, registered_on, status);
CREATE INDEX ix_case_record_visit ON case_record (visit_id);
-- 接待群众人次 sums a period's visits' people from the index alone.
DROP INDEX ix_visit_received_on;
CREATE INDEX ix_visit_received_on ON visit (received_on, deleted_at, people);

-- The breakdowns' daily tallies (统计报表 by category, grid, channel, track, department and
-- deputy): per day, measure ('c' = issues registered that day, merged duplicates left out;
-- 'r' = issues first closed that day), dimension and key ('' = not filled in), the number of
-- cases. A period's breakdown sums its days. Derived data, never synced: triggers mark the
-- days a change touches in stat_day_dirty, and services/statistics recounts those days from
-- the cases before it reads (so a tally is never older than the rows it counts).
CREATE TABLE stat_day (
    day TEXT NOT NULL,
    measure TEXT NOT NULL CHECK (measure IN ('c', 'r')),
    dim TEXT NOT NULL,
    key TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (day, measure, dim, key)
) WITHOUT ROWID;

CREATE TABLE stat_day_dirty (day TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID;

INSERT OR IGNORE INTO stat_day_dirty (day)
SELECT registered_on FROM case_record
UNION SELECT substr(first_closed_at, 1, 10) FROM case_record WHERE first_closed_at IS NOT NULL;

CREATE TRIGGER case_record_stat_insert AFTER INSERT ON case_record
BEGIN
    INSERT OR IGNORE INTO stat_day_dirty (day) VALUES (NEW.registered_on);
    INSERT OR IGNORE INTO stat_day_dirty (day)
    SELECT substr(NEW.first_closed_at, 1, 10) WHERE NEW.first_closed_at IS NOT NULL;
END;

CREATE TRIGGER case_record_stat_update AFTER UPDATE ON case_record
WHEN OLD.registered_on IS NOT NEW.registered_on
  OR OLD.first_closed_at IS NOT NEW.first_closed_at
  OR (OLD.status = 'merged') IS NOT (NEW.status = 'merged')
  OR OLD.deleted_at IS NOT NEW.deleted_at
  OR OLD.category_id IS NOT NEW.category_id
  OR OLD.department_id IS NOT NEW.department_id
  OR OLD.track IS NOT NEW.track
  OR OLD.deputy_id IS NOT NEW.deputy_id
  OR OLD.visit_id IS NOT NEW.visit_id
BEGIN
    INSERT OR IGNORE INTO stat_day_dirty (day) VALUES (OLD.registered_on), (NEW.registered_on);
    INSERT OR IGNORE INTO stat_day_dirty (day)
    SELECT substr(OLD.first_closed_at, 1, 10) WHERE OLD.first_closed_at IS NOT NULL
    UNION SELECT substr(NEW.first_closed_at, 1, 10) WHERE NEW.first_closed_at IS NOT NULL;
END;

CREATE TRIGGER case_record_stat_delete AFTER DELETE ON case_record
BEGIN
    INSERT OR IGNORE INTO stat_day_dirty (day) VALUES (OLD.registered_on);
    INSERT OR IGNORE INTO stat_day_dirty (day)
    SELECT substr(OLD.first_closed_at, 1, 10) WHERE OLD.first_closed_at IS NOT NULL;
END;

-- A visit's grid and channel are its cases' groups.
CREATE TRIGGER visit_stat_update AFTER UPDATE ON visit
WHEN OLD.grid_id IS NOT NEW.grid_id OR OLD.channel IS NOT NEW.channel
BEGIN
    INSERT OR IGNORE INTO stat_day_dirty (day)
    SELECT registered_on FROM case_record WHERE visit_id = NEW.id
    UNION SELECT substr(first_closed_at, 1, 10) FROM case_record
    WHERE visit_id = NEW.id AND first_closed_at IS NOT NULL;
END;

-- The deputies who received a visit are its cases' deputies.
CREATE TRIGGER visit_deputy_stat_insert AFTER INSERT ON visit_deputy
BEGIN
    INSERT OR IGNORE INTO stat_day_dirty (day)
    SELECT registered_on FROM case_record WHERE visit_id = NEW.visit_id
    UNION SELECT substr(first_closed_at, 1, 10) FROM case_record
    WHERE visit_id = NEW.visit_id AND first_closed_at IS NOT NULL;
END;

CREATE TRIGGER visit_deputy_stat_update AFTER UPDATE ON visit_deputy
WHEN OLD.deputy_id IS NOT NEW.deputy_id OR OLD.visit_id IS NOT NEW.visit_id
  OR OLD.deleted_at IS NOT NEW.deleted_at
BEGIN
    INSERT OR IGNORE INTO stat_day_dirty (day)
    SELECT registered_on FROM case_record WHERE visit_id IN (OLD.visit_id, NEW.visit_id)
    UNION SELECT substr(first_closed_at, 1, 10) FROM case_record
    WHERE visit_id IN (OLD.visit_id, NEW.visit_id) AND first_closed_at IS NOT NULL;
END;

CREATE TRIGGER visit_deputy_stat_delete AFTER DELETE ON visit_deputy
BEGIN
    INSERT OR IGNORE INTO stat_day_dirty (day)
    SELECT registered_on FROM case_record WHERE visit_id = OLD.visit_id
    UNION SELECT substr(first_closed_at, 1, 10) FROM case_record
    WHERE visit_id = OLD.visit_id AND first_closed_at IS NOT NULL;
END;
