"""Realistic, deterministic demo data: grids, deputies, duty days, visits, cases in every state."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from stationdesk.domain.case_numbers import format_case_number
from stationdesk.domain.enums import Channel, DeputyLevel, EventKind, Rating, Track
from stationdesk.domain.errors import WorkflowError
from stationdesk.domain.masking import mask_name, mask_phone
from stationdesk.domain.permissions import Action
from stationdesk.domain.validators import citizen_id_check_char
from stationdesk.domain.workdays import add_working_days
from stationdesk.domain.workflow import CaseEvent, CaseState, apply
from stationdesk.services import demo_corpus as corpus
from stationdesk.services.authz import require
from stationdesk.services.changes import ChangeSet
from stationdesk.services.context import ServiceContext
from stationdesk.services.event_rows import event_row
from stationdesk.store import audit
from stationdesk.store.models import (
    Attendance,
    CaseEventRow,
    CaseRecord,
    Category,
    Department,
    Deputy,
    DeputyActivity,
    DeputyContact,
    DeputyGrid,
    DeputyStatusChange,
    DeputyTerm,
    DutyShift,
    Grid,
    Station,
    Suggestion,
    Visit,
    VisitDeputy,
)

BATCH = 1000
CHANNEL_WEIGHTS = (
    (Channel.WALK_IN, 45),
    (Channel.PHONE, 15),
    (Channel.QR, 10),
    (Channel.GRID_WORKER, 10),
    (Channel.HOTLINE, 8),
    (Channel.DEPUTY_VISIT, 7),
    (Channel.LETTER, 2),
    (Channel.MOBILE_STATION, 3),
)
LEVEL_PLAN = (
    (DeputyLevel.NATIONAL, "第十四届全国人民代表大会", 1),
    (DeputyLevel.PROVINCE, "河南省第十四届人民代表大会", 2),
    (DeputyLevel.CITY, "市第十六届人民代表大会", 3),
    (DeputyLevel.COUNTY, "县第十七届人民代表大会", 8),
    (DeputyLevel.TOWNSHIP, "镇第十七届人民代表大会", 10),
)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What demo-data added."""

    visits: int
    cases: int
    events: int
    deputies: int
    shifts: int
    first_day: date
    last_day: date


@dataclass
class _Ctx:
    rng: random.Random
    station: Station
    now: datetime
    categories: list[tuple[str, str, int]]
    departments: list[str]
    grids: list[tuple[str, str]] = field(default_factory=list)
    deputies: list[str] = field(default_factory=list)
    duty_by_day: dict[date, list[str]] = field(default_factory=dict)
    seq_by_year: dict[int, int] = field(default_factory=dict)
    last_ms: int = -1
    last_rand: int = -1

    def uid(self, at: datetime) -> str:
        """A UUIDv7 whose time part is `at` and whose random part comes from the seeded rng."""
        ms = int(at.timestamp() * 1000) & ((1 << 48) - 1)
        rand = self.rng.getrandbits(74)
        if ms == self.last_ms and rand <= self.last_rand:  # sort in creation order, as new_id does
            rand = self.last_rand + 1
        self.last_ms, self.last_rand = ms, rand
        value = (
            (ms << 80)
            | (0x7 << 76)
            | ((rand >> 62) << 64)
            | (0b10 << 62)
            | (rand & ((1 << 62) - 1))
        )
        return str(uuid.UUID(int=value))

    def common(self, at: datetime) -> dict[str, Any]:
        return {
            "station_id": self.station.id,
            "created_by_device": self.station.device_id,
            "created_at": at,
            "updated_at": at,
        }


def _person_name(rng: random.Random) -> str:
    given = "".join(rng.choice(corpus.GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2, 2))))
    return rng.choice(corpus.SURNAMES) + given


def _mobile(rng: random.Random) -> str:
    return "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))


def _citizen_id(rng: random.Random) -> str:
    born = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 65 * 365))
    first17 = f"{rng.choice(corpus.ADDRESS_CODES)}{born:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return first17 + citizen_id_check_char(first17)


def _at(day: date, hour: int, minute: int, tz: Any) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


def _seed_roster(s: Session, c: _Ctx, first_day: date, last_day: date) -> int:
    rng, at = c.rng, c.now
    grid_rows = []
    for village in corpus.VILLAGES:
        for n in range(1, rng.choice((2, 3)) + 1):
            gid = c.uid(at)
            c.grids.append((gid, village))
            grid_rows.append(
                {
                    "id": gid,
                    "name": f"{village}第{n}网格",
                    "village": village,
                    "grid_worker": _person_name(rng),
                    "grid_worker_phone": _mobile(rng),
                    **c.common(at),
                }
            )
    s.execute(insert(Grid), grid_rows)
    deputy_rows, term_rows, link_rows = [], [], []
    for level, congress, count in LEVEL_PLAN:
        for _ in range(count):
            did = c.uid(at)
            c.deputies.append(did)
            unit, occupation = rng.choice(corpus.UNITS)
            deputy_rows.append(
                {
                    "id": did,
                    "name": _person_name(rng),
                    "gender": rng.choice(("male", "female")),
                    "unit": unit,
                    "occupation": occupation,
                    "professional_group": rng.choice(corpus.PROFESSIONAL_GROUPS),
                    "public_contact": "联络站转达",
                    "phone": _mobile(rng),
                    "commitment": rng.choice(corpus.COMMITMENTS),
                    "status": "serving",
                    **c.common(at),
                }
            )
            levels = [level]
            if level is DeputyLevel.TOWNSHIP and rng.random() < 0.3:
                levels.append(DeputyLevel.COUNTY)
            for lv in levels:
                term_rows.append(
                    {
                        "id": c.uid(at),
                        "deputy_id": did,
                        "level": lv.value,
                        "congress": congress if lv is level else "县第十七届人民代表大会",
                        "term": "2021-2026",
                        "constituency": f"第{rng.randrange(1, 12)}选区",
                        "started_on": date(2021, 10, 1),
                        **c.common(at),
                    }
                )
            gid, _ = rng.choice(c.grids)
            link_rows.append({"id": c.uid(at), "deputy_id": did, "grid_id": gid, **c.common(at)})
    s.execute(insert(Deputy), deputy_rows)
    s.execute(insert(DeputyTerm), term_rows)
    s.execute(insert(DeputyGrid), link_rows)
    return _seed_shifts(s, c, first_day, last_day)


_ACTIVITY_KINDS = (
    ("enterprise_visit", 3, "{village}合作社"),
    ("resident_visit", 4, "{village}"),
    ("research", 2, "{village}村委会"),
    ("publicity", 2, "{village}文化广场"),
    ("inspection", 1, "{village}道路施工现场"),
    ("other", 1, "{village}"),
)


def _seed_roster_extras(s: Session, c: _Ctx, first_day: date, last_day: date) -> None:
    """Status history, 联选民 households and 履职活动 for the demo deputies."""
    rng, tz = c.rng, c.now.tzinfo
    history, contacts, activities = [], [], []
    kinds = [k for k, weight, _ in _ACTIVITY_KINDS for _ in range(weight)]
    places = {k: p for k, _, p in _ACTIVITY_KINDS}
    for deputy_id in c.deputies:
        elected = _at(date(2021, 10, 1), 9, 0, tz)
        history.append(
            {"id": c.uid(elected), "station_id": c.station.id,
             "created_by_device": c.station.device_id, "created_at": elected,
             "deputy_id": deputy_id, "status": "serving", "changed_on": elected.date(),
             "note": "换届选举产生"}
        )  # fmt: skip
        for _ in range(rng.randint(1, 3)):
            village = rng.choice(corpus.VILLAGES)
            group = f"{village}{rng.randint(1, 9)}组"
            contacts.append(
                {"id": c.uid(elected), "deputy_id": deputy_id, "name": group,
                 "village": village, "households": rng.randint(5, 30), "note": None,
                 **c.common(elected)}
            )  # fmt: skip
        day = first_day
        while day <= last_day:
            if rng.random() < 0.06:  # about two activities a month per deputy
                kind = rng.choice(kinds)
                village = rng.choice(corpus.VILLAGES)
                at = _at(day, rng.randint(9, 17), 0, tz)
                activities.append(
                    {"id": c.uid(at), "deputy_id": deputy_id, "kind": kind, "occurred_on": day,
                     "place": places[kind].format(village=village), "note": None,
                     "people_reached": rng.randint(0, 40), **c.common(at)}
                )  # fmt: skip
            day += timedelta(days=1)
    s.execute(insert(DeputyStatusChange), history)
    s.execute(insert(DeputyContact), contacts)
    for chunk in range(0, len(activities), BATCH):
        s.execute(insert(DeputyActivity), activities[chunk : chunk + BATCH])


def _seed_shifts(s: Session, c: _Ctx, first_day: date, last_day: date) -> int:
    rng, tz = c.rng, c.now.tzinfo
    shifts, marks = [], []
    day = first_day
    while day <= last_day:
        if day.weekday() < 5:
            on_duty = rng.sample(c.deputies, 2)
            c.duty_by_day[day] = on_duty
            for deputy_id in on_duty:
                planned_at = _at(day, 8, 0, tz) - timedelta(days=7)
                sid = c.uid(planned_at)
                shifts.append(
                    {
                        "id": sid,
                        "shift_on": day,
                        "half": "am",
                        "deputy_id": deputy_id,
                        "status": "planned",
                        **c.common(planned_at),
                    }
                )
                if day == last_day or rng.random() < 0.05:
                    continue  # today's shift still open, or the deputy was absent
                sign_in = _at(day, 8, 20, tz) + timedelta(minutes=rng.randrange(0, 40))
                for kind, when in (("sign_in", sign_in), ("sign_out", _at(day, 11, 30, tz))):
                    marks.append(
                        {
                            "id": c.uid(when),
                            "station_id": c.station.id,
                            "created_by_device": c.station.device_id,
                            "created_at": when,
                            "shift_id": sid,
                            "deputy_id": deputy_id,
                            "kind": kind,
                            "occurred_at": when,
                            "occurred_on": day,
                        }
                    )
        day += timedelta(days=1)
    for chunk in range(0, len(shifts), BATCH):
        s.execute(insert(DutyShift), shifts[chunk : chunk + BATCH])
    for chunk in range(0, len(marks), BATCH):
        s.execute(insert(Attendance), marks[chunk : chunk + BATCH])
    return len(shifts)


def _later(at: datetime, rng: random.Random, lo: int, hi: int) -> datetime:
    day = add_working_days(at.date(), rng.randint(lo, hi))
    return _at(day, rng.randint(9, 16), rng.randrange(0, 60), at.tzinfo)


class _History:
    """Builds one case's events, keeping only those the workflow accepts before `now`."""

    def __init__(self, c: _Ctx, first: CaseEvent) -> None:
        self.c = c
        self.events = [first]
        self.state: CaseState = apply(None, first)

    def add(self, kind: EventKind, at: datetime, payload: dict[str, object]) -> bool:
        if at > self.c.now or at < self.events[-1].occurred_at:
            return False
        event = CaseEvent(self.c.uid(at), kind, at, payload)
        try:
            self.state = apply(self.state, event)
        except WorkflowError:
            return False
        self.events.append(event)
        return True

    def callback(self, at: datetime, unhappy: float) -> Rating | None:
        roll = self.c.rng.random()
        rating = (
            Rating.UNSATISFIED
            if roll < unhappy
            else Rating.BASICALLY
            if roll < unhappy + 0.12
            else Rating.SATISFIED
        )
        ok = self.add(EventKind.CALLBACK, at, {"rating": rating.value, "note": "电话回访"})
        return rating if ok else None


def _case_history(c: _Ctx, track: Track, category: tuple[str, str, int], at: datetime) -> _History:
    rng = c.rng
    payload: dict[str, object] = {"track": track.value, "category_id": category[0]}
    if track is Track.SUPERVISE and rng.random() < 0.92:
        payload["department_id"] = rng.choice(c.departments)
    if track is Track.SUGGESTION:
        payload["deputy_id"] = rng.choice(c.deputies)
    if track is not Track.ON_SPOT:
        payload["due_date"] = add_working_days(at.date(), category[2]).isoformat()
    h = _History(c, CaseEvent(c.uid(at), EventKind.REGISTERED, at, payload))
    if track is Track.ON_SPOT:
        h.add(EventKind.CLOSED, at, {"result": rng.choice(corpus.ON_SPOT_ANSWERS)})
    else:
        if "department_id" not in payload and track is Track.SUPERVISE:
            h.add(
                EventKind.ASSIGNED,
                _later(at, rng, 1, 3),
                {"department_id": rng.choice(c.departments)},
            )
        h.add(
            EventKind.PROGRESS,
            _later(h.events[-1].occurred_at, rng, 1, 4),
            {"note": rng.choice(corpus.PROGRESS_NOTES)},
        )
        span = (3, category[2] + 8) if track is Track.SUPERVISE else (20, 70)
        h.add(
            EventKind.CLOSED,
            _later(h.events[-1].occurred_at, rng, *span),
            {"result": rng.choice(corpus.RESULTS)},
        )
    if h.state.status.value == "closed":
        rating = h.callback(_later(h.events[-1].occurred_at, rng, 1, 5), 0.06)
        if rating is Rating.UNSATISFIED and rng.random() < 0.95:
            reopen_at = _later(h.events[-1].occurred_at, rng, 0, 2)
            due = add_working_days(reopen_at.date(), 10).isoformat()
            if h.add(EventKind.REOPENED, reopen_at, {"due_date": due}):
                h.add(
                    EventKind.CLOSED,
                    _later(reopen_at, rng, 2, 12),
                    {"result": rng.choice(corpus.RESULTS)},
                )
                if h.state.status.value == "closed":
                    h.callback(_later(h.events[-1].occurred_at, rng, 1, 4), 0.1)
    return h


def _case_row(
    c: _Ctx, h: _History, visit_id: str, pos: int, at: datetime, content: tuple[str, str]
) -> dict[str, Any]:
    st = h.state
    year = at.year
    c.seq_by_year[year] = c.seq_by_year.get(year, 0) + 1
    first = h.events[0].payload
    closed_answer = next(
        (e.payload.get("result") for e in h.events if e.kind is EventKind.CLOSED), None
    )
    return {
        "id": c.uid(at),
        "case_no": format_case_number(
            c.station.code, year, c.station.device_no, c.seq_by_year[year]
        ),
        "visit_id": visit_id,
        "position": pos,
        "category_id": first.get("category_id"),
        "content": content[0],
        "demand": content[1],
        "track": st.track.value,
        "on_spot_answer": closed_answer if st.track is Track.ON_SPOT else None,
        "registered_at": at,
        "registered_on": at.date(),
        "status": st.status.value,
        "department_id": st.department_id,
        "deputy_id": st.deputy_id,
        "due_date": st.due_date,
        "round": st.round,
        "first_closed_at": st.first_closed_at,
        "closed_at": st.closed_at,
        "rating": st.rating.value if st.rating else None,
        "rated_at": st.rated_at,
        "last_event_at": st.last_event_at,
        **c.common(at),
    }


def _visit_times(c: _Ctx, n: int, first_day: date, last_day: date) -> Iterator[datetime]:
    days = (last_day - first_day).days + 1
    tz = c.now.tzinfo
    stamps = []
    for _ in range(n):
        day = first_day + timedelta(days=c.rng.randrange(days))
        if day.weekday() >= 5 and c.rng.random() < 0.7:
            day -= timedelta(days=day.weekday() - 4)
        stamps.append(_at(day, c.rng.randint(8, 16), c.rng.randrange(60), tz))
    stamps.sort()
    return (min(t, c.now) for t in stamps)


def _visit_row(c: _Ctx, at: datetime) -> dict[str, Any]:
    rng = c.rng
    channel = rng.choices([ch for ch, _ in CHANNEL_WEIGHTS], [w for _, w in CHANNEL_WEIGHTS])[0]
    gid, village = rng.choice(c.grids)
    phone = _mobile(rng) if rng.random() < 0.93 else None
    return {
        "id": c.uid(at),
        "received_at": at,
        "received_on": at.date(),
        "channel": channel.value,
        "hotline_no": f"12345-{at:%Y%m%d}-{rng.randrange(10000):04d}"
        if channel is Channel.HOTLINE
        else None,
        "visitor_name": _person_name(rng),
        "visitor_phone": phone,
        "visitor_phone_last4": phone[-4:] if phone else None,
        "visitor_id_number": _citizen_id(rng) if rng.random() < 0.15 else None,
        "visitor_address": f"{village}{rng.choice(corpus.STREETS)}{rng.randrange(1, 200)}号",
        "village": village,
        "grid_id": gid,
        "people": rng.randint(2, 30) if rng.random() < 0.06 else 1,
        "confidential": rng.random() < 0.03,
        "clerk_id": "00000000-0000-7000-8000-000000000001",
        **c.common(at),
    }


def _write_batch(
    s: Session, c: _Ctx, stamps: list[datetime], actor: tuple[str, str]
) -> tuple[int, int]:
    rng = c.rng
    visits, links, cases, events, suggestions, entries = [], [], [], [], [], []
    for at in stamps:
        v = _visit_row(c, at)
        visits.append(v)
        for deputy_id in c.duty_by_day.get(at.date(), [])[: rng.choice((0, 1, 2))]:
            links.append(
                {"id": c.uid(at), "visit_id": v["id"], "deputy_id": deputy_id, **c.common(at)}
            )
        case_nos = []
        for pos in range(1, rng.choice((1, 1, 1, 1, 2, 2, 3)) + 1):
            category = rng.choice(c.categories)
            track = rng.choices(list(Track), (45, 45, 10))[0]
            h = _case_history(c, track, category, at)
            row = _case_row(c, h, v["id"], pos, at, rng.choice(corpus.ISSUES[category[1]]))
            if h.state.track is Track.SUGGESTION and row["deputy_id"]:
                sug_id = c.uid(at)
                suggestions.append(
                    {
                        "id": sug_id,
                        "title": "关于" + row["content"][:16] + "的建议",
                        "content": row["content"],
                        "deputy_id": row["deputy_id"],
                        "formed_on": at.date(),
                        **c.common(at),
                    }
                )
                row["suggestion_id"] = sug_id
            cases.append(row)
            case_nos.append(row["case_no"])
            for e in h.events:
                events.append(
                    event_row(
                        e,
                        case_id=row["id"],
                        station_id=c.station.id,
                        device_id=c.station.device_id,
                        actor_id=v["clerk_id"],
                        created_at=e.occurred_at,
                    )
                )
            entries.append(
                audit.AuditEntry(
                    at,
                    actor[0],
                    actor[1],
                    "case.register",
                    "case_record",
                    row["id"],
                    {"case_no": row["case_no"], "demo": True},
                )
            )
        phone = v["visitor_phone"]
        entries.insert(
            len(entries) - len(case_nos),
            audit.AuditEntry(
                at,
                actor[0],
                actor[1],
                "visit.register",
                "visit",
                v["id"],
                {
                    "visitor": mask_name(v["visitor_name"]),
                    "phone": mask_phone(phone) if phone else None,
                    "cases": case_nos,
                    "demo": True,
                },
            ),
        )
    s.execute(insert(Visit), visits)
    if links:
        s.execute(insert(VisitDeputy), links)
    if suggestions:
        s.execute(insert(Suggestion), suggestions)
    s.execute(insert(CaseRecord), cases)
    s.execute(insert(CaseEventRow), events)
    audit.append_many(s, entries)
    for year, seq in c.seq_by_year.items():
        s.execute(
            text(
                "INSERT INTO device_counter (name, value) VALUES (:n, :v) "
                "ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)"
            ),
            {"n": f"case_seq:{year}", "v": seq},
        )
    return len(cases), len(events)


DEMO_SETTING = "demo_data"


def _mark_demo(s: Session, now: datetime) -> None:
    """Flag the database as holding demo data; sync refuses such a database."""
    s.execute(
        text(
            "INSERT INTO settings (key, value, updated_at) VALUES (:k, 'true', :t) "
            "ON CONFLICT (key) DO UPDATE SET value = 'true', updated_at = :t"
        ),
        {"k": DEMO_SETTING, "t": now.isoformat(timespec="milliseconds")},
    )


def generate(
    ctx: ServiceContext,
    *,
    visits: int = 2000,
    seed: int = 1,
    progress: Callable[[float, str], None] | None = None,
) -> tuple[DemoSummary, ChangeSet]:
    """Add `visits` demo visits (plus roster and duty days) ending today; same seed, same content.

    Writes in batches of 1000 visits, each one transaction with its audit rows. Demo records
    are kept out of the sync outbox and the database is flagged as demo data (settings
    "demo_data"), so they can never reach the county.
    """
    require(ctx, Action.DEMO_DATA)
    rng = random.Random(seed)
    now = ctx.clock()
    days = max(30, min(3 * 365, visits // 12))
    last_day = now.date()
    first_day = last_day - timedelta(days=days - 1)
    with ctx.db.write() as s:
        station = s.execute(select(Station)).scalars().one()
        cats = [
            (r.id, r.code, r.limit_days)
            for r in s.execute(select(Category).order_by(Category.sort_order)).scalars()
        ]
        deps = list(s.execute(select(Department.id).order_by(Department.name)).scalars())
        counters: dict[str, int] = dict(
            s.execute(text("SELECT name, value FROM device_counter")).all()
        )
        c = _Ctx(rng, station, now, cats, deps)
        c.seq_by_year = {
            int(k.split(":")[1]): int(v) for k, v in counters.items() if k.startswith("case_seq:")
        }
        outbox_mark = s.execute(text("SELECT coalesce(max(seq), 0) FROM sync_outbox")).scalar()
        shifts = _seed_roster(s, c, first_day, last_day)
        # Own random stream: the visits that follow stay the same as before these rows existed.
        _seed_roster_extras(s, replace(c, rng=random.Random(seed * 7919 + 5)), first_day, last_day)
        s.execute(text("DELETE FROM sync_outbox WHERE seq > :m"), {"m": outbox_mark})
        _mark_demo(s, now)
        c.categories = [(cid, code, limit) for cid, code, limit in cats if code in corpus.ISSUES]
    stamps = list(_visit_times(c, visits, first_day, last_day))
    actor = (ctx.actor.user_id, ctx.actor.role)
    n_cases = n_events = 0
    for start in range(0, len(stamps), BATCH):
        with ctx.db.write() as s:
            c.station = s.execute(select(Station)).scalars().one()
            outbox_mark = s.execute(text("SELECT coalesce(max(seq), 0) FROM sync_outbox")).scalar()
            nc, ne = _write_batch(s, c, stamps[start : start + BATCH], actor)
            # Demo records must never reach the county: drop what the triggers captured.
            s.execute(text("DELETE FROM sync_outbox WHERE seq > :m"), {"m": outbox_mark})
            _mark_demo(s, now)
        n_cases += nc
        n_events += ne
        if progress:
            progress(min(1.0, (start + BATCH) / max(1, visits)), f"{start + BATCH}")
    summary = DemoSummary(visits, n_cases, n_events, len(c.deputies), shifts, first_day, last_day)
    return summary, ChangeSet.of(
        "visit", "case_record", "case_event", "deputy", "grid", "duty_shift"
    )
