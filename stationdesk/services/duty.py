"""值班安排 and duty days: shifts, a month's rotation, swaps, cancelling, sign-in and sign-out."""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Connection

from stationdesk.domain.errors import ValidationError
from stationdesk.domain.ids import new_id
from stationdesk.domain.permissions import Action
from stationdesk.domain.validators import clean_text
from stationdesk.domain.workdays import WorkCalendar
from stationdesk.services.authz import require
from stationdesk.services.changes import ChangeSet
from stationdesk.services.context import ServiceContext
from stationdesk.services.synced_rows import common_columns, stamp
from stationdesk.store import audit
from stationdesk.store.bulk import insert_rows
from stationdesk.store.models import Attendance, DutyShift

HALVES = ("am", "pm", "day")
HALF_LABELS = {"am": "上午", "pm": "下午", "day": "全天"}
HALF_ORDER = {"am": 0, "day": 1, "pm": 2}  # how a day's shifts are listed
HALF_START = {"am": time(8, 30), "pm": time(14, 30), "day": time(8, 30)}
LATE_AFTER = timedelta(minutes=30)  # signing in later than start + this needs a note
CLOCK_SLACK = timedelta(minutes=5)  # a time typed a little ahead of this PC's clock is allowed
NOTE_MAX = 200
CHANGES = ChangeSet.of("duty_shift", "attendance")


@dataclass(frozen=True, slots=True)
class ShiftView:
    """One deputy's duty half-day with its attendance as it stands."""

    id: str
    day: date
    half: str
    deputy_id: str
    deputy_name: str
    status: str  # planned / cancelled
    note: str | None
    signed_in_at: datetime | None = None
    signed_out_at: datetime | None = None
    absent: bool = False
    attendance_note: str | None = None

    @property
    def half_label(self) -> str:
        """上午 / 下午 / 全天."""
        return HALF_LABELS[self.half]

    @property
    def state_label(self) -> str:
        """What the duty day shows for this shift."""
        if self.status == "cancelled":
            return "已取消"
        if self.absent:
            return "缺席"
        if self.signed_out_at:
            return f"已签退 {self.signed_out_at:%H:%M}"
        if self.signed_in_at:
            return f"已签到 {self.signed_in_at:%H:%M}"
        return "未签到"


@dataclass(frozen=True, slots=True)
class PlannedShift:
    """One shift of a proposed rotation."""

    day: date
    half: str
    deputy_id: str


# --- reading ----------------------------------------------------------------------------------

_SHIFTS_SQL = (
    "SELECT s.id, s.shift_on, s.half, s.deputy_id, d.name, s.status, s.note "
    "FROM duty_shift s JOIN deputy d ON d.id = s.deputy_id "
    "WHERE s.deleted_at IS NULL AND s.shift_on BETWEEN ? AND ? "
    "ORDER BY s.shift_on, CASE s.half WHEN 'am' THEN 0 WHEN 'day' THEN 1 ELSE 2 END, d.name"
)


def _marks(conn: Connection, shift_ids: Sequence[str]) -> dict[str, dict[str, object]]:
    """Each shift's standing marks: the latest non-voided sign_in, sign_out and absent."""
    if not shift_ids:
        return {}
    marks = ", ".join("?" for _ in shift_ids)
    rows = conn.exec_driver_sql(
        f"SELECT a.shift_id, a.kind, a.occurred_at, a.note FROM attendance a "
        f"WHERE a.shift_id IN ({marks}) AND a.kind != 'void' AND a.id NOT IN "
        f"(SELECT voids_id FROM attendance WHERE voids_id IS NOT NULL) ORDER BY a.occurred_at",
        tuple(shift_ids),
    ).all()
    out: dict[str, dict[str, object]] = {}
    for shift_id, kind, at, note in rows:
        entry = out.setdefault(str(shift_id), {})
        entry[str(kind)] = datetime.fromisoformat(str(at))
        if note and kind in ("sign_in", "absent"):
            entry["note"] = note
    return out


def _views(conn: Connection, start: date, end: date) -> list[ShiftView]:
    rows = conn.exec_driver_sql(_SHIFTS_SQL, (start.isoformat(), end.isoformat())).all()
    marks = _marks(conn, [r[0] for r in rows])
    out = []
    for r in rows:
        m = marks.get(r[0], {})
        out.append(
            ShiftView(
                id=r[0], day=date.fromisoformat(r[1]), half=r[2], deputy_id=r[3],
                deputy_name=r[4], status=r[5], note=r[6],
                signed_in_at=m.get("sign_in"),  # type: ignore[arg-type]
                signed_out_at=m.get("sign_out"),  # type: ignore[arg-type]
                absent="absent" in m,
                attendance_note=m.get("note"),  # type: ignore[arg-type]
            )
        )  # fmt: skip
    return out


def shifts_between(ctx: ServiceContext, start: date, end: date) -> list[ShiftView]:
    """Every shift from `start` to `end` (both included), cancelled ones too."""
    require(ctx, Action.VIEW_ROSTER)
    with ctx.db.read_core() as conn:
        return _views(conn, start, end)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a month."""
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise ValidationError("invalid_month", "month")
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def month_shifts(ctx: ServiceContext, year: int, month: int) -> list[ShiftView]:
    """The month's calendar."""
    return shifts_between(ctx, *month_bounds(year, month))


def day_shifts(ctx: ServiceContext, day: date | None = None) -> list[ShiftView]:
    """The duty day: today's planned shifts (the 今日 view signs deputies in from here)."""
    day = day or ctx.clock().date()
    return [s for s in shifts_between(ctx, day, day) if s.status == "planned"]


def present_deputy_ids(conn: Connection, day: date) -> tuple[str, ...] | None:
    """Deputies signed in on `day` and not yet signed out; None when nobody signed in that day."""
    views = [v for v in _views(conn, day, day) if v.status == "planned"]
    if not any(v.signed_in_at for v in views):
        return None
    return tuple(
        dict.fromkeys(v.deputy_id for v in views if v.signed_in_at and not v.signed_out_at)
    )


# --- planning ---------------------------------------------------------------------------------


def _clean_note(note: str | None, field: str = "note") -> str | None:
    return clean_text(note, field, NOTE_MAX) or None if note else None


def _overlaps(a: str, b: str) -> bool:
    return a == b or "day" in (a, b)


def _serving(conn: Connection, deputy_ids: Iterable[str]) -> dict[str, str]:
    ids = list(dict.fromkeys(deputy_ids))
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    found: dict[str, str] = dict(
        conn.exec_driver_sql(
            f"SELECT id, name FROM deputy WHERE id IN ({marks}) AND deleted_at IS NULL "
            "AND status = 'serving'",
            tuple(ids),
        ).all()
    )
    if len(found) != len(ids):
        raise ValidationError("deputy_not_serving", "deputy_id")
    return found


def _taken(conn: Connection, start: date, end: date) -> list[tuple[date, str, str]]:
    return [
        (date.fromisoformat(r[0]), r[1], r[2])
        for r in conn.exec_driver_sql(
            "SELECT shift_on, half, deputy_id FROM duty_shift WHERE deleted_at IS NULL "
            "AND status = 'planned' AND shift_on BETWEEN ? AND ?",
            (start.isoformat(), end.isoformat()),
        )
    ]


def _check_half(half: str) -> None:
    if half not in HALVES:
        raise ValidationError("invalid_type", "half")


def add_shift(
    ctx: ServiceContext, deputy_id: str, day: date, half: str, note: str | None = None
) -> tuple[str, ChangeSet]:
    """One shift; the same deputy twice in the same half-day is refused (duty_duplicate)."""
    require(ctx, Action.EDIT_ROSTER)
    _check_half(half)
    clean = _clean_note(note)
    with ctx.db.write_core() as conn:
        _serving(conn, [deputy_id])
        if any(d == deputy_id and _overlaps(h, half) for _, h, d in _taken(conn, day, day)):
            raise ValidationError("duty_duplicate", "deputy_id")
        shift_id = new_id()
        row = {"id": shift_id, "shift_on": day, "half": half, "deputy_id": deputy_id, "note": clean}
        insert_rows(conn, DutyShift, [{**row, **common_columns(conn, ctx)}])
        audit.append(
            conn,
            ctx.audit_entry(
                ctx.clock(), "duty_add", "duty_shift", shift_id,
                {"day": day.isoformat(), "half": half, "deputy_id": deputy_id},
            ),
        )  # fmt: skip
    return shift_id, CHANGES


def plan_rotation(
    ctx: ServiceContext,
    year: int,
    month: int,
    deputy_ids: Sequence[str],
    weekdays: Iterable[int],
    halves: Sequence[str] = ("am",),
    per_shift: int = 1,
    work_calendar: WorkCalendar | None = None,
) -> list[PlannedShift]:
    """A month's rotation (not saved) on the chosen weekdays (0 = Monday), holidays skipped.

    Each slot is filled up to `per_shift` deputies, counting shifts already planned; the
    deputy with the fewest shifts over the last three months goes first, ties in the order
    given; nobody is put twice in one half-day. Existing shifts stay as they are.
    """
    require(ctx, Action.VIEW_ROSTER)
    if not deputy_ids:
        raise ValidationError("required", "deputy_ids")
    days_of_week = set(weekdays)
    if not days_of_week:
        raise ValidationError("required", "weekdays")
    if not 1 <= per_shift <= 10:
        raise ValidationError("out_of_range", "per_shift", low=1, high=10)
    for half in halves:
        _check_half(half)
    start, end = month_bounds(year, month)
    cal = work_calendar or WorkCalendar()
    with ctx.db.read_core() as conn:
        _serving(conn, deputy_ids)
        taken = _taken(conn, start, end)
        # Fair over time: whoever had fewest shifts in the last three months goes first.
        load = Counter(d for _, _, d in _taken(conn, start - timedelta(days=92), end))
    order = list(dict.fromkeys(deputy_ids))
    plan: list[PlannedShift] = []
    day = start
    while day <= end:
        # The clerk chose the weekdays (a Saturday duty day is allowed); holidays are skipped.
        if day.weekday() in days_of_week and (day in cal.extra_workdays or day not in cal.holidays):
            for half in halves:
                on_slot = {d for dd, h, d in taken if dd == day and _overlaps(h, half)}
                on_slot |= {p.deputy_id for p in plan if p.day == day and _overlaps(p.half, half)}
                free = [d for d in order if d not in on_slot]
                for _ in range(max(0, per_shift - len(on_slot))):
                    if not free:
                        break
                    chosen = min(free, key=lambda d: (load[d], order.index(d)))
                    free.remove(chosen)
                    plan.append(PlannedShift(day, half, chosen))
                    load[chosen] += 1
        day += timedelta(days=1)
    return plan


def save_rotation(ctx: ServiceContext, plan: Sequence[PlannedShift]) -> tuple[int, ChangeSet]:
    """Save a rotation in one transaction (one audit row); refused whole if any slot clashes."""
    require(ctx, Action.EDIT_ROSTER)
    if not plan:
        return 0, ChangeSet()
    start, end = min(p.day for p in plan), max(p.day for p in plan)
    with ctx.db.write_core() as conn:
        _serving(conn, [p.deputy_id for p in plan])
        taken = _taken(conn, start, end)
        seen: list[tuple[date, str, str]] = list(taken)
        for p in plan:
            _check_half(p.half)
            if any(
                d == p.day and dep == p.deputy_id and _overlaps(h, p.half) for d, h, dep in seen
            ):
                raise ValidationError("duty_duplicate", "plan")
            seen.append((p.day, p.half, p.deputy_id))
        common = common_columns(conn, ctx)
        rows = [
            {"id": new_id(), "shift_on": p.day, "half": p.half, "deputy_id": p.deputy_id,
             "note": None, **common}
            for p in plan
        ]  # fmt: skip
        insert_rows(conn, DutyShift, rows)
        audit.append(
            conn,
            ctx.audit_entry(
                ctx.clock(), "duty_rotation", "duty_shift", rows[0]["id"],  # type: ignore[arg-type]
                {"from": start.isoformat(), "to": end.isoformat(), "shifts": len(rows)},
            ),
        )  # fmt: skip
    return len(rows), CHANGES


def _shift(conn: Connection, shift_id: str) -> tuple[str, str, str, str]:
    row = conn.exec_driver_sql(
        "SELECT shift_on, half, deputy_id, status FROM duty_shift "
        "WHERE id = ? AND deleted_at IS NULL",
        (shift_id,),
    ).one_or_none()
    if row is None:
        raise ValidationError("unknown_reference", "shift_id")
    return str(row[0]), str(row[1]), str(row[2]), str(row[3])


def _refuse_clash(conn: Connection, days: set[str]) -> None:
    """duty_duplicate when a change left a deputy twice in one half-day (the caller rolls back)."""
    for day in days:
        taken = _taken(conn, date.fromisoformat(day), date.fromisoformat(day))
        for i, (_, half, deputy) in enumerate(taken):
            if any(d == deputy and _overlaps(h, half) for _, h, d in taken[i + 1 :]):
                raise ValidationError("duty_duplicate", "deputy_id")


def _has_marks(conn: Connection, shift_id: str) -> bool:
    return bool(_marks(conn, [shift_id]).get(shift_id))


def reassign_shift(
    ctx: ServiceContext, shift_id: str, deputy_id: str, note: str | None = None
) -> ChangeSet:
    """换人: another deputy takes this shift (before anyone signed in on it)."""
    require(ctx, Action.EDIT_ROSTER)
    clean = _clean_note(note)
    with ctx.db.write_core() as conn:
        day, _, old, status = _shift(conn, shift_id)
        if status != "planned" or _has_marks(conn, shift_id):
            raise ValidationError("duty_locked", "shift_id")
        _serving(conn, [deputy_id])
        conn.exec_driver_sql(
            "UPDATE duty_shift SET deputy_id = ?, note = ?, updated_at = ?, "
            "row_version = row_version + 1 WHERE id = ?",
            (deputy_id, clean, stamp(ctx), shift_id),
        )
        _refuse_clash(conn, {day})
        audit.append(
            conn,
            ctx.audit_entry(
                ctx.clock(), "duty_reassign", "duty_shift", shift_id,
                {"from": old, "to": deputy_id}, clean,
            ),
        )  # fmt: skip
    return CHANGES


def swap_shifts(ctx: ServiceContext, first_id: str, second_id: str) -> ChangeSet:
    """调换: two shifts exchange their deputies (neither signed in yet)."""
    require(ctx, Action.EDIT_ROSTER)
    if first_id == second_id:
        raise ValidationError("duty_swap_same", "shift_id")
    with ctx.db.write_core() as conn:
        a = _shift(conn, first_id)
        b = _shift(conn, second_id)
        for shift_id, s in ((first_id, a), (second_id, b)):
            if s[3] != "planned" or _has_marks(conn, shift_id):
                raise ValidationError("duty_locked", "shift_id")
        if a[2] == b[2]:
            raise ValidationError("duty_swap_same", "shift_id")
        _serving(conn, [a[2], b[2]])
        now = stamp(ctx)
        for shift_id, incoming in ((first_id, b[2]), (second_id, a[2])):
            conn.exec_driver_sql(
                "UPDATE duty_shift SET deputy_id = ?, updated_at = ?, "
                "row_version = row_version + 1 WHERE id = ?",
                (incoming, now, shift_id),
            )
        _refuse_clash(conn, {a[0], b[0]})
        audit.append(
            conn,
            ctx.audit_entry(
                ctx.clock(), "duty_swap", "duty_shift", first_id,
                {"with": second_id, "days": [a[0], b[0]]},
            ),
        )  # fmt: skip
    return CHANGES


def cancel_shift(ctx: ServiceContext, shift_id: str, reason: str) -> ChangeSet:
    """取消值班 with a reason; a shift someone already signed in on cannot be cancelled."""
    require(ctx, Action.EDIT_ROSTER)
    clean = clean_text(reason, "reason", NOTE_MAX, required=True)
    with ctx.db.write_core() as conn:
        _, _, _, status = _shift(conn, shift_id)
        if status != "planned" or _has_marks(conn, shift_id):
            raise ValidationError("duty_locked", "shift_id")
        conn.exec_driver_sql(
            "UPDATE duty_shift SET status = 'cancelled', note = ?, updated_at = ?, "
            "row_version = row_version + 1 WHERE id = ?",
            (clean, stamp(ctx), shift_id),
        )
        audit.append(
            conn, ctx.audit_entry(ctx.clock(), "duty_cancel", "duty_shift", shift_id, {}, clean)
        )
    return CHANGES


# --- the duty day -----------------------------------------------------------------------------


def _last_mark(conn: Connection, shift_id: str) -> str | None:
    """The standing mark recorded last on a shift (what 撤销 voids)."""
    found = conn.exec_driver_sql(
        "SELECT a.id FROM attendance a WHERE a.shift_id = ? AND a.kind != 'void' "
        "AND a.id NOT IN (SELECT voids_id FROM attendance WHERE voids_id IS NOT NULL) "
        "ORDER BY a.rowid DESC LIMIT 1",
        (shift_id,),
    ).scalar_one_or_none()
    return str(found) if found else None


def _check_time(at: datetime | None, now: datetime, marks: dict[str, object], kind: str) -> None:
    """A time given for a mark: with its zone, not ahead of the clock, a sign-out after the in."""
    if at is None:
        return
    if at.tzinfo is None:
        raise ValidationError("invalid_time", "at")
    if at > now + CLOCK_SLACK:
        raise ValidationError("time_in_future", "at")
    signed_in = marks.get("sign_in")
    if kind == "sign_out" and isinstance(signed_in, datetime) and at < signed_in:
        raise ValidationError("sign_out_before_sign_in", "at")


def _mark(
    ctx: ServiceContext,
    shift_id: str,
    kind: str,
    at: datetime | None,
    note: str | None,
) -> ChangeSet:
    with ctx.db.write_core() as conn:
        day, half, deputy_id, status = _shift(conn, shift_id)
        if status != "planned":
            raise ValidationError("duty_locked", "shift_id")
        m = _marks(conn, [shift_id]).get(shift_id, {})
        # 撤销 looks up what it voids inside this transaction: two quick clicks void one mark
        # each, never the same mark twice, and never one the clerk did not see go.
        voids_id = _last_mark(conn, shift_id) if kind == "void" else None
        _check_mark(kind, m, voids_id)
        now = ctx.clock()
        _check_time(at, now, m, kind)
        when = at or now
        shift_day = date.fromisoformat(day)
        if kind == "sign_in" and not note:
            late = when > datetime.combine(shift_day, HALF_START[half], now.tzinfo) + LATE_AFTER
            if late or shift_day != now.date():
                raise ValidationError("duty_late_note_required", "note")
        common = common_columns(conn, ctx)
        del common["updated_at"]
        row = {
            "id": new_id(), "shift_id": shift_id, "deputy_id": deputy_id, "kind": kind,
            "occurred_at": when, "occurred_on": shift_day, "voids_id": voids_id, "note": note,
            **common,
        }  # fmt: skip
        insert_rows(conn, Attendance, [row])
        audit.append(
            conn,
            ctx.audit_entry(
                now, f"duty_{kind}", "attendance", str(row["id"]),
                {"shift_id": shift_id, "deputy_id": deputy_id}, note,
            ),
        )  # fmt: skip
    return CHANGES


def _check_mark(kind: str, marks: dict[str, object], voids_id: str | None) -> None:
    if kind == "sign_in" and ("sign_in" in marks or "absent" in marks):
        raise ValidationError("duty_already_marked", "shift_id")
    if kind == "absent" and ("sign_in" in marks or "absent" in marks):
        raise ValidationError("duty_already_marked", "shift_id")
    if kind == "sign_out" and ("sign_in" not in marks or "sign_out" in marks):
        raise ValidationError("duty_not_signed_in", "shift_id")
    if kind == "void" and voids_id is None:
        raise ValidationError("duty_nothing_to_undo", "shift_id")


def sign_in(
    ctx: ServiceContext, shift_id: str, note: str | None = None, at: datetime | None = None
) -> ChangeSet:
    """签到 now, or at `at` (补签); late or on another day needs a note."""
    require(ctx, Action.EDIT_ROSTER)
    return _mark(ctx, shift_id, "sign_in", at, _clean_note(note))


def sign_out(ctx: ServiceContext, shift_id: str, at: datetime | None = None) -> ChangeSet:
    """签退 after a sign-in."""
    require(ctx, Action.EDIT_ROSTER)
    return _mark(ctx, shift_id, "sign_out", at, None)


def mark_absent(ctx: ServiceContext, shift_id: str, note: str | None = None) -> ChangeSet:
    """缺席 (with the reason if known: 请假, 因公 …)."""
    require(ctx, Action.EDIT_ROSTER)
    return _mark(ctx, shift_id, "absent", None, _clean_note(note))


def undo_last_mark(ctx: ServiceContext, shift_id: str, reason: str) -> ChangeSet:
    """撤销 the latest sign-in, sign-out or absence of a shift (a void row; history kept)."""
    require(ctx, Action.EDIT_ROSTER)
    clean = clean_text(reason, "reason", NOTE_MAX, required=True)
    return _mark(ctx, shift_id, "void", None, clean)
