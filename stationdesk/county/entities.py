"""Which entities a station pushes (rows and append-only events) and which the county owns."""

from __future__ import annotations

STATION_ROWS = frozenset(
    {
        "grid",
        "deputy",
        "deputy_term",
        "deputy_grid",
        "deputy_contact",
        "visit",
        "visit_deputy",
        "suggestion",
        "case_record",
        "duty_shift",
        "deputy_activity",
    }
)
STATION_EVENTS = frozenset({"case_event", "attendance", "deputy_status_change"})
COUNTY_ROWS = frozenset({"category", "department"})
