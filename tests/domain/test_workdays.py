from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stationdesk.domain.workdays import WorkCalendar, add_working_days, working_days_between

# 2025 National Day and Mid-Autumn: Oct 1–8 off, Sunday Sep 28 and Saturday Oct 11 worked (调休).
NATIONAL_DAY_2025 = WorkCalendar(
    holidays=frozenset(date(2025, 10, d) for d in range(1, 9)),
    extra_workdays=frozenset({date(2025, 9, 28), date(2025, 10, 11)}),
)


def test_is_workday_plain_week() -> None:
    """Monday to Friday are working days, Saturday and Sunday are not."""
    cal = WorkCalendar()
    monday = date(2026, 3, 2)
    assert [cal.is_workday(monday + timedelta(days=i)) for i in range(7)] == [
        True,
        True,
        True,
        True,
        True,
        False,
        False,
    ]


def test_over_a_weekend() -> None:
    """One working day after a Friday (or a Saturday) is the Monday."""
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)
    assert add_working_days(date(2026, 3, 7), 1) == date(2026, 3, 9)
    assert add_working_days(date(2026, 3, 6), 5) == date(2026, 3, 13)
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 9)) == 1


def test_zero_days_is_start() -> None:
    """Zero working days after any day, even a Sunday, is that day."""
    assert add_working_days(date(2026, 3, 8), 0) == date(2026, 3, 8)


def test_negative_days_rejected() -> None:
    """Counting backwards is not supported and raises ValueError."""
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 8), -1)


def test_holiday_is_skipped() -> None:
    """The National Day week is skipped: one working day after Sep 30 is Oct 9."""
    assert add_working_days(date(2025, 9, 30), 1, NATIONAL_DAY_2025) == date(2025, 10, 9)
    assert not NATIONAL_DAY_2025.is_workday(date(2025, 10, 1))


def test_make_up_working_days() -> None:
    """调休: the working Sunday and Saturday count as working days."""
    cal = NATIONAL_DAY_2025
    assert cal.is_workday(date(2025, 9, 28))
    assert add_working_days(date(2025, 9, 26), 1, cal) == date(2025, 9, 28)
    assert add_working_days(date(2025, 10, 10), 1, cal) == date(2025, 10, 11)
    # Sep 28, 29, 30, Oct 9, 10, 11
    assert working_days_between(date(2025, 9, 26), date(2025, 10, 12), cal) == 6


def test_extra_workday_wins_over_holiday_list() -> None:
    """A date listed both as holiday and as make-up working day is a working day."""
    day = date(2026, 3, 2)
    assert WorkCalendar(frozenset({day}), frozenset({day})).is_workday(day)


def test_between_is_signed() -> None:
    """Counting from a later to an earlier date gives the negative count."""
    assert working_days_between(date(2026, 3, 9), date(2026, 3, 6)) == -1
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 6)) == 0


_days_2025 = st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 12, 31))
calendars = st.builds(
    WorkCalendar,
    st.frozensets(_days_2025, max_size=40),
    st.frozensets(_days_2025, max_size=10),
)


@given(_days_2025, st.integers(min_value=0, max_value=120), calendars)
def test_add_and_count_agree(start: date, days: int, cal: WorkCalendar) -> None:
    """add_working_days lands on the first date that is `days` working days after start."""
    result = add_working_days(start, days, cal)
    assert working_days_between(start, result, cal) == days
    if days == 0:
        assert result == start
    else:
        assert result > start
        assert cal.is_workday(result)
        assert working_days_between(start, result - timedelta(days=1), cal) == days - 1
