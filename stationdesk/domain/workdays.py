"""Working-day arithmetic for due dates: weekends, public holidays and 调休 make-up working days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["WorkCalendar", "add_working_days", "working_days_between"]

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """Public holidays and make-up working days (调休) on top of a Monday–Friday week."""

    holidays: frozenset[date] = frozenset()
    extra_workdays: frozenset[date] = frozenset()

    def is_workday(self, d: date) -> bool:
        """Monday–Friday unless a holiday; any day listed in `extra_workdays` is a working day."""
        if d in self.extra_workdays:
            return True
        return d.weekday() < 5 and d not in self.holidays


_DEFAULT = WorkCalendar()


def add_working_days(start: date, days: int, calendar: WorkCalendar | None = None) -> date:
    """Return the date `days` working days after `start` (start not counted; 0 returns start).

    Negative `days` raise ValueError.
    """
    if days < 0:
        raise ValueError("days must be >= 0")
    cal = calendar if calendar is not None else _DEFAULT
    current = start
    remaining = days
    while remaining > 0:
        current += _ONE_DAY
        if cal.is_workday(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date, calendar: WorkCalendar | None = None) -> int:
    """Count working days d with start < d <= end; negative (the reverse count) if end < start.

    So `working_days_between(s, add_working_days(s, n)) == n` for every n >= 0.
    """
    if end < start:
        return -working_days_between(end, start, calendar)
    cal = calendar if calendar is not None else _DEFAULT
    count = 0
    current = start + _ONE_DAY
    while current <= end:
        if cal.is_workday(current):
            count += 1
        current += _ONE_DAY
    return count
