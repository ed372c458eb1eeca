"""Case queries: the filtered, searchable list (masked), one case's detail and timeline, lookups."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, text

from stationdesk.domain.case_numbers import is_valid_case_number
from stationdesk.domain.enums import CaseStatus, Channel, EventKind, Rating, Track
from stationdesk.domain.errors import ValidationError
from stationdesk.domain.masking import mask_address, mask_citizen_id, mask_name, mask_phone
from stationdesk.domain.permissions import Action
from stationdesk.domain.workflow import CaseState, allowed_kinds
from stationdesk.services.authz import require
from stationdesk.services.context import ServiceContext
from stationdesk.store.textindex import match_expression

OPEN_STATUSES = ("pending", "in_progress", "unsatisfied")
EXCERPT = 40


@dataclass(frozen=True, slots=True)
class CaseFilter:
    """What the case list shows; empty fields do not filter."""

    statuses: tuple[CaseStatus, ...] = ()
    tracks: tuple[Track, ...] = ()
    category_id: str | None = None
    grid_id: str | None = None
    deputy_id: str | None = None
    department_id: str | None = None
    channel: Channel | None = None
    date_from: date | None = None
    date_to: date | None = None
    overdue: bool = False
    awaiting_callback: bool = False
    due_to: date | None = None  # open cases due on or before this day (到期与超期)
    search: str = ""
    order: str = "newest"  # or "due": earliest due date first


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One line of the case list; visitor data masked."""

    id: str
    case_no: str
    registered_at: datetime
    visitor: str
    phone: str | None
    category: str | None
    excerpt: str
    track: Track
    status: CaseStatus
    department: str | None
    due_date: date | None
    overdue: bool
    rating: Rating | None
    confidential: bool


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One event of a case's history, with ids resolved to names."""

    id: str
    kind: EventKind
    occurred_at: datetime
    county: bool
    actor: str | None
    details: dict[str, Any]


@dataclass(frozen=True, slots=True)
class CaseDetail:
    """A case as the case-detail view shows it (visitor data masked; content per role)."""

    row: CaseRow
    visit_id: str
    content: str
    demand: str | None
    on_spot_answer: str | None
    referred_to: str | None
    visitor_name: str
    phone_masked: str | None
    id_number_masked: str | None
    address: str | None
    village: str | None
    grid: str | None
    people: int
    channel: Channel
    hotline_no: str | None
    deputies_present: tuple[str, ...]
    deputy: str | None
    round: int
    merged_into: str | None
    timeline: tuple[TimelineEntry, ...] = field(default_factory=tuple)
    allowed: frozenset[EventKind] = frozenset()
    needs_review: bool = False  # a sync conflict: the county holds another version (rejects list)


_ROW_SELECT = """
SELECT c.id, c.case_no, c.registered_at, v.visitor_name, v.visitor_phone, cat.name,
       c.content, c.track, c.status, d.name, c.due_date, c.rating, v.confidential
FROM case_record AS c
JOIN visit AS v ON v.id = c.visit_id
LEFT JOIN category AS cat ON cat.id = c.category_id
LEFT JOIN department AS d ON d.id = c.department_id
"""

_DIGITS = re.compile(r"^[0-9]+$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _row(r: Sequence[Any], today: date) -> CaseRow:
    status = CaseStatus(r[8])
    due = date.fromisoformat(r[10]) if r[10] else None
    content = str(r[6])
    return CaseRow(
        id=r[0],
        case_no=r[1],
        registered_at=datetime.fromisoformat(r[2]),
        visitor=mask_name(r[3]),
        phone=mask_phone(r[4]) if r[4] else None,
        category=r[5],
        excerpt=content if len(content) <= EXCERPT else content[:EXCERPT] + "…",
        track=Track(r[7]),
        status=status,
        department=r[9],
        due_date=due,
        overdue=due is not None and due < today and r[8] in OPEN_STATUSES,
        rating=Rating(r[11]) if r[11] else None,
        confidential=bool(r[12]),
    )


def _search_clause(query: str, params: dict[str, Any], rowid: str = "c.rowid") -> str | None:
    """SQL matching case number, visitor name, phone (full or last 4) and text.

    Each way of matching is an index lookup of its own; their rowids are united, so the
    OR never turns into a scan of every case.
    """
    q = unicodedata.normalize("NFKC", query).strip()
    if not q:
        return None
    parts = []
    digits = q.replace(" ", "").replace("-", "")
    by_visit = "SELECT c2.rowid FROM case_record c2 JOIN visit v2 ON v2.id = c2.visit_id WHERE "
    if _DIGITS.match(digits) and len(digits) == 11:
        params["s_phone"] = digits
        parts.append(by_visit + "v2.visitor_phone = :s_phone")
    if _DIGITS.match(digits) and len(digits) == 4:
        params["s_last4"] = digits
        parts.append(by_visit + "v2.visitor_phone_last4 = :s_last4")
    if is_valid_case_number(q):  # a whole case number: the unique index answers alone
        params["s_case_no"] = q.upper()
        return f"{rowid} IN (SELECT rowid FROM case_record WHERE case_no = :s_case_no)"
    expr = match_expression(q)
    if expr:
        params["s_match"] = expr
        parts.append("SELECT rowid FROM case_search WHERE case_search MATCH :s_match")
    if not parts:
        raise ValidationError("search_nothing_to_find", "search")
    return f"{rowid} IN (" + " UNION ".join(parts) + ")"


def _needs_visit(flt: CaseFilter) -> bool:
    """Whether _where refers to the visit (alias v): only its grid and channel filters do."""
    return bool(flt.grid_id or flt.channel)


def _where(flt: CaseFilter, today: date, params: dict[str, Any]) -> str:
    clauses = ["c.deleted_at IS NULL"]
    if flt.statuses:
        keys = []
        for i, st in enumerate(flt.statuses):
            params[f"st{i}"] = st.value
            keys.append(f":st{i}")
        clauses.append(f"c.status IN ({', '.join(keys)})")
    if flt.tracks:
        keys = []
        for i, tr in enumerate(flt.tracks):
            params[f"tr{i}"] = tr.value
            keys.append(f":tr{i}")
        clauses.append(f"c.track IN ({', '.join(keys)})")
    for name, column, value in (
        ("cat", "c.category_id", flt.category_id),
        ("grid", "v.grid_id", flt.grid_id),
        ("dep", "c.department_id", flt.department_id),
        ("chan", "v.channel", flt.channel.value if flt.channel else None),
    ):
        if value:
            params[name] = value
            clauses.append(f"{column} = :{name}")
    if flt.deputy_id:
        params["deputy"] = flt.deputy_id
        clauses.append(
            "(c.deputy_id = :deputy OR EXISTS (SELECT 1 FROM visit_deputy vd "
            "WHERE vd.visit_id = c.visit_id AND vd.deputy_id = :deputy))"
        )
    if flt.date_from:
        params["from"] = flt.date_from.isoformat()
        clauses.append("c.registered_on >= :from")
    if flt.date_to:
        params["to"] = flt.date_to.isoformat()
        clauses.append("c.registered_on <= :to")
    if flt.overdue:
        params["today"] = today.isoformat()
        clauses.append(
            "c.status IN ('pending', 'in_progress', 'unsatisfied') AND c.due_date < :today"
        )
    if flt.awaiting_callback:
        clauses.append("c.status = 'closed'")
    if flt.due_to:
        params["due_to"] = flt.due_to.isoformat()
        clauses.append(
            "c.status IN ('pending', 'in_progress', 'unsatisfied') AND c.due_date <= :due_to"
        )
    search = _search_clause(flt.search, params) if flt.search else None
    if search:
        clauses.append(search)
    return " AND ".join(clauses)


def _search_only(flt: CaseFilter) -> bool:
    """Whether the filter is a search and nothing else, in the default newest-first order."""
    return bool(flt.search) and flt.order != "due" and flt == CaseFilter(search=flt.search)


def case_ids_query(flt: CaseFilter, today: date) -> tuple[str, dict[str, Any]]:
    """The one SQL statement (and its parameters) behind list_case_ids.

    A search alone is sorted in the slim case_order table (migration 0002): ten thousand
    hits then cost ten thousand short rows, not ten thousand case_record rows.
    """
    params: dict[str, Any] = {}
    search = _search_clause(flt.search, params, rowid="o.case_rowid") if _search_only(flt) else None
    if search:
        return (
            "SELECT o.id FROM case_order AS o "
            f"WHERE {search} ORDER BY o.registered_at DESC, o.case_no DESC",
            params,
        )
    where = _where(flt, today, params)
    # Join the visit only when a filter needs its columns: on 300k cases the join costs
    # as much as the search itself.
    join = " JOIN visit AS v ON v.id = c.visit_id" if _needs_visit(flt) else ""
    order = (
        "c.due_date, c.case_no" if flt.order == "due" else "c.registered_at DESC, c.case_no DESC"
    )
    return f"SELECT c.id FROM case_record AS c{join} WHERE {where} ORDER BY {order}", params


def list_case_ids(ctx: ServiceContext, flt: CaseFilter, today: date | None = None) -> list[str]:
    """Ids of every matching case, newest first (the lazy table loads rows per screen)."""
    require(ctx, Action.VIEW_CASES)
    sql, params = case_ids_query(flt, today or ctx.clock().date())
    return [row[0] for row in ctx.db.query(sql, params)]


def load_rows(ctx: ServiceContext, ids: Sequence[str], today: date | None = None) -> list[CaseRow]:
    """The list rows of the given ids, in the given order."""
    require(ctx, Action.VIEW_CASES)
    if not ids:
        return []
    today = today or ctx.clock().date()
    params = {f"i{n}": i for n, i in enumerate(ids)}
    sql = _ROW_SELECT + f"WHERE c.id IN ({', '.join(':' + k for k in params)})"
    with ctx.db.read_core() as conn:
        found = {r[0]: _row(r, today) for r in conn.exec_driver_sql(sql, params)}
    return [found[i] for i in ids if i in found]


def list_cases(
    ctx: ServiceContext, flt: CaseFilter, *, limit: int = 100, offset: int = 0
) -> tuple[int, list[CaseRow]]:
    """The total number of matches and one page of rows (CLI and simple callers)."""
    require(ctx, Action.VIEW_CASES)
    ids = list_case_ids(ctx, flt)
    return len(ids), load_rows(ctx, ids[offset : offset + limit])


def find_resident_cases(
    ctx: ServiceContext, *, phone: str | None = None, name: str | None = None, limit: int = 10
) -> list[CaseRow]:
    """Earlier cases of a returning resident: by full phone number, else by exact name."""
    require(ctx, Action.VIEW_CASES)
    today = ctx.clock().date()
    if phone:
        where, params = "v.visitor_phone = :p", {"p": phone}
    elif name:
        where, params = "v.visitor_name = :n", {"n": unicodedata.normalize("NFC", name).strip()}
    else:
        return []
    sql = _ROW_SELECT + (
        f"WHERE {where} AND c.deleted_at IS NULL ORDER BY c.registered_at DESC LIMIT :lim"
    )
    with ctx.db.read() as s:
        return [_row(r, today) for r in s.execute(text(sql), {**params, "lim": limit})]


def hotline_cases(ctx: ServiceContext, hotline_no: str) -> list[str]:
    """Case numbers already registered under a 12345 work-order number."""
    require(ctx, Action.VIEW_CASES)
    with ctx.db.read() as s:
        rows = s.execute(
            text(
                "SELECT c.case_no FROM case_record c JOIN visit v ON v.id = c.visit_id "
                "WHERE v.hotline_no = :h AND c.deleted_at IS NULL ORDER BY c.case_no"
            ),
            {"h": hotline_no.strip()},
        )
        return [str(r[0]) for r in rows]


def _names(conn: Connection, table: str, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    params = {f"i{n}": i for n, i in enumerate(ids)}
    sql = f"SELECT id, name FROM {table} WHERE id IN ({', '.join(':' + k for k in params)})"
    return {r[0]: r[1] for r in conn.execute(text(sql), params)}


def case_id_of(ctx: ServiceContext, case: str) -> str:
    """The id of a live case given by id or case number (ValidationError case_not_found)."""
    require(ctx, Action.VIEW_CASES)
    wanted = case.strip()
    key = wanted if _UUID.match(wanted) else unicodedata.normalize("NFKC", wanted).upper()
    rows = ctx.db.query(
        "SELECT id FROM case_record WHERE (id = ? OR case_no = ?) AND deleted_at IS NULL",
        (key, key),
    )
    if not rows:
        raise ValidationError("case_not_found", "case", case=case)
    return str(rows[0][0])


def case_detail(ctx: ServiceContext, case: str) -> CaseDetail:
    """One case by id or case number, with its timeline and the actions its state allows."""
    require(ctx, Action.VIEW_CASES)
    today = ctx.clock().date()
    with ctx.db.read() as s:
        conn = s.connection()
        wanted = case.strip()
        if _UUID.match(wanted):
            where, value = "c.id = :k", wanted
        else:
            where, value = "c.case_no = :k", unicodedata.normalize("NFKC", wanted).upper()
        r = conn.execute(text(_ROW_SELECT + f"WHERE {where}"), {"k": value}).first()
        if r is None:
            raise ValidationError("case_not_found", "case", case=case)
        row = _row(r, today)
        extra = conn.execute(
            text(
                "SELECT c.visit_id, c.content, c.demand, c.on_spot_answer, c.referred_to, "
                "v.visitor_name, v.visitor_phone, v.visitor_id_number, v.visitor_address, "
                "v.village, g.name, v.people, v.channel, v.hotline_no, c.deputy_id, c.round, "
                "c.first_closed_at, c.closed_at, c.rated_at, c.last_event_at, c.category_id, "
                "c.department_id, c.needs_review "
                "FROM case_record c JOIN visit v ON v.id = c.visit_id "
                "LEFT JOIN grid g ON g.id = v.grid_id WHERE c.id = :i"
            ),
            {"i": row.id},
        ).one()
        present = [
            str(x[0])
            for x in conn.execute(
                text(
                    "SELECT d.name FROM visit_deputy vd JOIN deputy d ON d.id = vd.deputy_id "
                    "WHERE vd.visit_id = :v AND vd.deleted_at IS NULL ORDER BY d.name"
                ),
                {"v": extra[0]},
            )
        ]
        events = conn.execute(
            text(
                "SELECT e.id, e.kind, e.occurred_at, e.origin, u.display_name, e.payload "
                "FROM case_event e LEFT JOIN app_user u ON u.id = e.actor_id "
                "WHERE e.case_id = :i ORDER BY e.rowid"
            ),
            {"i": row.id},
        ).all()
        payloads = [json.loads(e[5]) for e in events]
        for p in payloads:  # a correction names its field: resolve its value like the others
            if p.get("field") in ("category_id", "department_id", "deputy_id") and p.get("value"):
                p[p["field"]] = p["value"]
        dep_ids = {p[k] for p in payloads for k in ("department_id",) if p.get(k)}
        deputy_ids = {p["deputy_id"] for p in payloads if p.get("deputy_id")}
        if extra[14]:
            deputy_ids.add(extra[14])
        case_ids = {p["primary_case_id"] for p in payloads if p.get("primary_case_id")}
        deps = _names(conn, "department", dep_ids)
        deputies = _names(conn, "deputy", deputy_ids)
        cats = _names(
            conn, "category", {p["category_id"] for p in payloads if p.get("category_id")}
        )
        primaries = {
            r2[0]: r2[1]
            for r2 in conn.execute(
                text(
                    "SELECT id, case_no FROM case_record "
                    "WHERE id IN (SELECT value FROM json_each(:j))"
                ),
                {"j": json.dumps(sorted(case_ids))},
            )
        }
    timeline = []
    for e, p in zip(events, payloads, strict=True):
        details = dict(p)
        if p.get("department_id"):
            details["department"] = deps.get(p["department_id"])
        if p.get("deputy_id"):
            details["deputy"] = deputies.get(p["deputy_id"])
        if p.get("category_id"):
            details["category"] = cats.get(p["category_id"])
        if p.get("primary_case_id"):
            details["primary_case_no"] = primaries.get(p["primary_case_id"])
        timeline.append(
            TimelineEntry(
                id=e[0],
                kind=EventKind(e[1]),
                occurred_at=datetime.fromisoformat(e[2]),
                county=e[3] == "county",
                actor=e[4],
                details=details,
            )
        )
    merged = next(
        (t.details.get("primary_case_no") for t in timeline if t.kind is EventKind.MERGED), None
    )
    state = CaseState(
        status=row.status,
        track=row.track,
        category_id=extra[20],
        department_id=extra[21],
        deputy_id=extra[14],
        due_date=row.due_date,
        round=int(extra[15]),
        first_closed_at=None,
        closed_at=None,
        rating=row.rating,
        rated_at=None,
        reopened_count=int(extra[15]) - 1,
        county_replies=0,
        merged_into=None,
        last_event_at=datetime.fromisoformat(extra[19]),
    )
    return CaseDetail(
        row=row,
        visit_id=extra[0],
        content=extra[1],
        demand=extra[2],
        on_spot_answer=extra[3],
        referred_to=extra[4],
        visitor_name=extra[5],
        phone_masked=mask_phone(extra[6]) if extra[6] else None,
        id_number_masked=mask_citizen_id(extra[7]) if extra[7] else None,
        address=mask_address(extra[8]) if extra[8] else None,
        village=extra[9],
        grid=extra[10],
        people=int(extra[11]),
        channel=Channel(extra[12]),
        hotline_no=extra[13],
        deputies_present=tuple(present),
        deputy=deputies.get(extra[14]) if extra[14] else None,
        round=int(extra[15]),
        merged_into=merged,
        timeline=tuple(timeline),
        allowed=allowed_kinds(state),
        needs_review=bool(extra[22]),
    )
