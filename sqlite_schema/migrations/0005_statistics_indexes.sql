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
