"""值班安排 and the duty day on a real station file: rotation, swaps, cancel, sign-in rules."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from stationdesk.domain.errors import ValidationError
from stationdesk.domain.workdays import WorkCalendar
from stationdesk.services.context import ServiceContext
from stationdesk.services.duty import (
    add_shift,
    cancel_shift,
    day_shifts,
    mark_absent,
    month_shifts,
    plan_rotation,
    reassign_shift,
    save_rotation,
    sign_in,
    sign_out,
    swap_shifts,
    undo_last_mark,
)
from stationdesk.services.reference import reference_data
from stationdesk.services.roster import set_status
from tests.services.roster_factories import add_deputy

NINE = datetime(2026, 12, 2, 9, 0).astimezone()  # a Wednesday morning


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(NINE)


@pytest.fixture
def at_nine(ctx, clock) -> ServiceContext:
    return ServiceContext(ctx.paths, ctx.db, ctx.actor, clock)


def test_rotation_takes_turns_on_working_weekdays_and_skips_holidays(ctx):
    ids = [add_deputy(ctx, n) for n in ("张建国", "李秀英", "王敏")]
    holidays = WorkCalendar(holidays=frozenset({date(2026, 12, 9)}))
    plan = plan_rotation(
        ctx, 2026, 12, ids, weekdays={2}, halves=("am", "pm"), work_calendar=holidays
    )
    wednesdays = [date(2026, 12, d) for d in (2, 16, 23, 30)]
    assert sorted({p.day for p in plan}) == wednesdays
    assert [p.deputy_id for p in plan] == [ids[i % 3] for i in range(8)]
    count, _ = save_rotation(ctx, plan)
    assert count == 8
    shifts = month_shifts(ctx, 2026, 12)
    assert len(shifts) == 8 and {s.half_label for s in shifts} == {"上午", "下午"}
    # a second run fills nothing: every slot already has its deputy
    again = plan_rotation(
        ctx, 2026, 12, ids, weekdays={2}, halves=("am", "pm"), work_calendar=holidays
    )
    assert again == []
    assert len(ctx.db.query("SELECT 1 FROM sync_outbox WHERE entity = 'duty_shift'")) == 8


def test_per_shift_two_never_puts_a_deputy_twice_in_a_slot(ctx):
    ids = [add_deputy(ctx, n) for n in ("张建国", "李秀英", "王敏")]
    plan = plan_rotation(ctx, 2027, 1, ids, weekdays={0}, per_shift=2)
    by_slot: dict[tuple[date, str], list[str]] = {}
    for p in plan:
        by_slot.setdefault((p.day, p.half), []).append(p.deputy_id)
    assert all(len(v) == 2 and len(set(v)) == 2 for v in by_slot.values())
    counts = [sum(p.deputy_id == d for p in plan) for d in ids]
    assert max(counts) - min(counts) <= 1  # turns are fair


def test_rotation_refuses_deputies_no_longer_serving(ctx):
    a = add_deputy(ctx, "张建国")
    b = add_deputy(ctx, "李秀英")
    set_status(ctx, b, "term_ended", ctx.clock().date())
    with pytest.raises(ValidationError) as err:
        plan_rotation(ctx, 2027, 1, [a, b], weekdays={0})
    assert err.value.code == "deputy_not_serving"


def test_duplicate_swap_reassign_and_cancel(ctx):
    a, b, c = (add_deputy(ctx, n) for n in ("张建国", "李秀英", "王敏"))
    day1, day2 = date(2026, 12, 2), date(2026, 12, 9)
    s1, _ = add_shift(ctx, a, day1, "am")
    s2, _ = add_shift(ctx, b, day2, "pm")
    with pytest.raises(ValidationError) as err:
        add_shift(ctx, a, day1, "day")  # overlaps the morning
    assert err.value.code == "duty_duplicate"
    swap_shifts(ctx, s1, s2)
    assert {(s.day, s.deputy_id) for s in month_shifts(ctx, 2026, 12)} == {(day1, b), (day2, a)}
    reassign_shift(ctx, s1, c, "李秀英出差")
    add_shift(ctx, a, day1, "am")
    with pytest.raises(ValidationError) as err:
        reassign_shift(ctx, s1, a)  # a already has that morning
    assert err.value.code == "duty_duplicate"
    cancel_shift(ctx, s2, "县人大集中培训")
    cancelled = next(s for s in month_shifts(ctx, 2026, 12) if s.id == s2)
    assert (cancelled.status, cancelled.note, cancelled.state_label) == (
        "cancelled", "县人大集中培训", "已取消",
    )  # fmt: skip
    with pytest.raises(ValidationError) as err:
        cancel_shift(ctx, s1, "  ")
    assert err.value.code == "required"


def test_sign_in_out_absent_and_undo(at_nine, clock):
    ctx = at_nine
    a, b = add_deputy(ctx, "张建国"), add_deputy(ctx, "李秀英")
    sa, _ = add_shift(ctx, a, NINE.date(), "am")
    sb, _ = add_shift(ctx, b, NINE.date(), "am")
    sign_in(ctx, sa)  # 9:00 for an 8:30 start: within the half hour
    with pytest.raises(ValidationError) as err:
        sign_in(ctx, sa)
    assert err.value.code == "duty_already_marked"
    with pytest.raises(ValidationError) as err:
        sign_in(ctx, sb, at=NINE + timedelta(minutes=40))  # not yet 9:40 on this clock
    assert (err.value.code, err.value.field) == ("time_in_future", "at")
    clock.now = NINE + timedelta(minutes=40)
    with pytest.raises(ValidationError) as err:
        sign_in(ctx, sb)  # 9:40: late, needs a note
    assert (err.value.code, err.value.field) == ("duty_late_note_required", "note")
    sign_in(ctx, sb, note="村里开会，晚到")
    views = {s.deputy_id: s for s in day_shifts(ctx)}
    assert views[a].state_label == "已签到 09:00"
    with pytest.raises(ValidationError) as err:
        sign_out(ctx, sa, at=NINE - timedelta(minutes=5))  # before the sign-in
    assert err.value.code == "sign_out_before_sign_in"
    assert views[b].attendance_note == "村里开会，晚到"
    # visits default to the deputies present
    assert set(reference_data(ctx, NINE.date()).duty_deputy_ids) == {a, b}
    sign_out(ctx, sa)
    assert set(reference_data(ctx, NINE.date()).duty_deputy_ids) == {b}
    with pytest.raises(ValidationError) as err:
        sign_out(ctx, sa)
    assert err.value.code == "duty_not_signed_in"
    undo_last_mark(ctx, sa, "签退点错了")
    assert {s.deputy_id: s for s in day_shifts(ctx)}[a].signed_out_at is None
    # a signed-in shift cannot be cancelled; a cancelled shift cannot be signed on
    with pytest.raises(ValidationError) as err:
        cancel_shift(ctx, sa, "取消")
    assert err.value.code == "duty_locked"
    later, _ = add_shift(ctx, a, NINE.date(), "pm")
    cancel_shift(ctx, later, "下午有会")
    with pytest.raises(ValidationError) as err:
        sign_in(ctx, later)
    assert err.value.code == "duty_locked"


def test_absence_and_planned_fallback(at_nine):
    ctx = at_nine
    a, b = add_deputy(ctx, "张建国"), add_deputy(ctx, "李秀英")
    sa, _ = add_shift(ctx, a, NINE.date(), "am")
    add_shift(ctx, b, NINE.date(), "pm")
    # nobody signed in yet: the planned deputies are the default
    assert set(reference_data(ctx, NINE.date()).duty_deputy_ids) == {a, b}
    mark_absent(ctx, sa, "请假")
    with pytest.raises(ValidationError) as err:
        sign_in(ctx, sa)
    assert err.value.code == "duty_already_marked"
    view = {s.deputy_id: s for s in day_shifts(ctx)}[a]
    assert (view.absent, view.state_label, view.attendance_note) == (True, "缺席", "请假")
    rows = ctx.db.query("SELECT kind, occurred_on FROM attendance")
    assert rows == [("absent", NINE.date().isoformat())]
    assert len(ctx.db.query("SELECT 1 FROM sync_outbox WHERE entity = 'attendance'")) == 1


def test_signing_in_for_another_day_needs_a_note(at_nine):
    ctx = at_nine
    a = add_deputy(ctx, "张建国")
    earlier, _ = add_shift(ctx, a, NINE.date() - timedelta(days=7), "pm")
    with pytest.raises(ValidationError) as err:
        sign_in(ctx, earlier, at=NINE - timedelta(days=7) + timedelta(hours=5, minutes=30))
    assert err.value.code == "duty_late_note_required"
    sign_in(ctx, earlier, "补签：当天网络故障", at=NINE - timedelta(days=7, hours=-5, minutes=-30))
    on = ctx.db.query("SELECT occurred_on FROM attendance")[0][0]
    assert on == (NINE.date() - timedelta(days=7)).isoformat()


def test_a_chosen_saturday_is_planned_and_a_holiday_skipped(ctx):
    ids = [add_deputy(ctx, n) for n in ("张建国", "李秀英")]
    holidays = WorkCalendar(holidays=frozenset({date(2027, 1, 2)}))
    plan = plan_rotation(ctx, 2027, 1, ids, weekdays={5}, work_calendar=holidays)
    assert sorted({p.day for p in plan}) == [date(2027, 1, d) for d in (9, 16, 23, 30)]


def test_turns_carry_over_from_the_months_before(ctx):
    a, b, c = (add_deputy(ctx, n) for n in ("张建国", "李秀英", "王敏"))
    save_rotation(ctx, plan_rotation(ctx, 2027, 1, [a, b, c], weekdays={0}))  # 4 Mondays
    february = plan_rotation(ctx, 2027, 2, [a, b, c], weekdays={0})
    # January gave a two shifts and b, c one each: February starts with b and c
    assert [p.deputy_id for p in february][:2] == [b, c]


def test_swap_refuses_a_deputy_no_longer_serving(ctx):
    a, b = add_deputy(ctx, "张建国"), add_deputy(ctx, "李秀英")
    day = ctx.clock().date() - timedelta(days=3)
    s1, _ = add_shift(ctx, a, day, "am")
    s2, _ = add_shift(ctx, b, day, "pm")
    set_status(ctx, b, "term_ended", ctx.clock().date())  # the past shift stays
    with pytest.raises(ValidationError) as err:
        swap_shifts(ctx, s1, s2)
    assert err.value.code == "deputy_not_serving"


def test_a_time_without_its_zone_is_refused(at_nine):
    a = add_deputy(at_nine, "张建国")
    shift, _ = add_shift(at_nine, a, NINE.date(), "am")
    with pytest.raises(ValidationError) as err:
        sign_in(at_nine, shift, at=datetime(2026, 12, 2, 8, 40))
    assert err.value.code == "invalid_time"
