"""台账: the five ledgers as views over the cases, with rows, counts, .xlsx and PDF exports.

问题清单 (issues), 责任清单 (responsibility), 整改清单 (rectification), 销号清单 (closed) and
评价清单 (evaluation). Which date puts a case in a ledger's period is each ledger's `rule`
(docs/ledgers.md). Merged duplicates and deleted records are never listed. Columns that
describe the case as it stands (办理状态, 满意度 …) show it when the ledger is made.

Rows are found as an ordered list of keys (rowids: the sort touches only narrow rows),
then read in chunks, so neither the page nor a 300,000-row export holds every row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from stationdesk.domain.enums import (
    CHANNEL_NAMES,
    RATING_NAMES,
    STATUS_NAMES,
    TRACK_NAMES,
    CaseStatus,
    Channel,
    Rating,
    Track,
)
from stationdesk.domain.errors import ValidationError
from stationdesk.domain.masking import mask_address, mask_in_text, mask_name, mask_phone
from stationdesk.domain.permissions import Action
from stationdesk.domain.validators import clean_text
from stationdesk.services.authz import require
from stationdesk.services.context import ServiceContext
from stationdesk.services.progress import Job, step
from stationdesk.services.xlsx_file import Cell, Column, heading_lines, xlsx_book
from stationdesk.store import audit

KINDS = ("issues", "responsibility", "rectification", "closed", "evaluation")
CHUNK = 500  # rows read per query (and the page's block size)
PDF_MAX_ROWS = 3000  # paper beyond this is an Excel job: the PDF is refused
WITHHELD = "（保密）"
CALLBACK_METHOD_NAMES: Mapping[str, str] = MappingProxyType(
    {"phone": "电话回访", "visit": "上门回访", "in_station": "来站当面回访", "other": "其他方式"}
)
_OPEN = ("pending", "in_progress", "unsatisfied")

Row = tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class LedgerSpec:
    """A ledger: its title, columns, which of them go on paper and its period rule."""

    kind: str
    title: str
    columns: tuple[Column, ...]
    # The columns printed on A4 landscape: (index, width in mm); None shares what is left.
    paper: tuple[tuple[int, float | None], ...]
    rule: str  # which date puts a row in the period (for files, paper and docs)


def _cols(spec: str) -> tuple[Column, ...]:
    """Columns from "序号 6, 反映问题 40*": title, width in characters, * for wrapped text."""
    cols = []
    for item in spec.split(","):
        title, width = item.split()
        cols.append(Column(title, float(width.rstrip("*")), width.endswith("*")))
    return tuple(cols)


def _paper(spec: str) -> tuple[tuple[int, float | None], ...]:
    """Paper columns from "0:8 1:38 4:*": column index and width in mm (* shares the rest)."""
    pairs = (item.split(":") for item in spec.split())
    return tuple((int(i), None if w == "*" else float(w)) for i, w in pairs)


LEDGERS: Mapping[str, LedgerSpec] = MappingProxyType(
    {
        "issues": LedgerSpec(
            "issues",
            "问题清单",
            _cols(
                "序号 6, 案件编号 22, 接待日期 11, 来访方式 10, 来访群众 10, 人数 6, 联系电话 14, "
                "住址 22, 所属网格 14, 接待代表 14, 问题类别 12, 反映问题 40*, 办理方式 12, "
                "承办单位 16, 办理期限 11, 办理状态 14, 办结日期 11, 办理结果 32*, 回访日期 11, "
                "满意度 9"
            ),
            _paper("0:8 1:38 2:18 4:9 6:20 10:17 11:* 12:17 13:24 15:20 19:14"),
            "接待登记日期在期间内的全部问题",
        ),
        "responsibility": LedgerSpec(
            "responsibility",
            "责任清单",
            _cols(
                "序号 6, 案件编号 22, 登记日期 11, 问题类别 12, 反映问题 40*, 办理方式 12, "
                "承办单位 16, 牵头代表 10, 交办日期 11, 办理期限 11, 办理轮次 8, 办理状态 14, "
                "是否超期 8"
            ),
            _paper("0:8 1:38 2:18 3:17 4:* 6:24 7:12 8:18 9:18 11:18 12:11"),
            "交承办单位或代表办理的问题中，期间结束时仍在办理或在期间内办结的；现场办结的不列入",
        ),
        "rectification": LedgerSpec(
            "rectification",
            "整改清单",
            _cols(
                "序号 6, 案件编号 22, 登记日期 11, 问题类别 12, 反映问题 36*, 承办单位 16, "
                "办理期限 11, 办理进度 44*, 最近进度日期 12, 办理轮次 8, 办理状态 14"
            ),
            _paper("0:8 1:38 2:18 4:* 5:24 6:18 7:* 10:18"),
            "期间结束时仍在办理的问题，以及期间内记录过办理进度的问题",
        ),
        "closed": LedgerSpec(
            "closed",
            "销号清单",
            _cols(
                "序号 6, 案件编号 22, 登记日期 11, 问题类别 12, 反映问题 36*, 办理方式 12, "
                "承办单位 16, 办结日期 11, 办理结果 36*, 回访日期 11, 满意度 9, 办理轮次 8"
            ),
            _paper("0:8 1:38 2:18 4:* 6:24 7:18 8:* 9:18 10:14"),
            "最后一次办结在期间内、回访评价为满意或基本满意并已闭环的问题",
        ),
        "evaluation": LedgerSpec(
            "evaluation",
            "评价清单",
            _cols(
                "序号 6, 案件编号 22, 回访日期 11, 回访方式 12, 回访次序 9, 来访群众 10, "
                "联系电话 14, 问题类别 12, 反映问题 36*, 承办单位 16, 满意度 9, 群众意见 30*"
            ),
            _paper("0:8 1:38 2:18 3:19 4:12 5:9 6:20 8:* 9:24 10:14 11:*"),
            "回访日期在期间内的每一次回访，一次一行",
        ),
    }
)


def ledger_spec(kind: str) -> LedgerSpec:
    """The ledger named kind; ValidationError("unknown_ledger") otherwise."""
    spec = LEDGERS.get(kind)
    if spec is None:
        raise ValidationError("unknown_ledger", "kind", kind=kind)
    return spec


# --- the queries --------------------------------------------------------------------------

_CASE_FROM = """case_record AS c
JOIN visit AS v ON v.id = c.visit_id
LEFT JOIN category AS cat ON cat.id = c.category_id
LEFT JOIN department AS d ON d.id = c.department_id"""
_LIVE = "c.deleted_at IS NULL AND v.deleted_at IS NULL AND c.status != 'merged'"
_CASE_ORDER = "c.registered_on, c.registered_at, c.case_no"
# (+e.kind: events are looked up by case, never through the kind index.)
_LAST_RESULT = """(SELECT json_extract(e.payload, '$.result') FROM case_event AS e
  WHERE e.case_id = c.id AND +e.kind = 'closed'
  ORDER BY e.occurred_at DESC, e.rowid DESC LIMIT 1)"""
_DEPUTIES = """(SELECT group_concat(name, '、') FROM (
  SELECT dp.name AS name FROM visit_deputy AS vd JOIN deputy AS dp ON dp.id = vd.deputy_id
  WHERE vd.visit_id = v.id AND vd.deleted_at IS NULL ORDER BY vd.created_at, dp.name))"""
# 交办: the first assignment (or turn into a suggestion), or the registration that named a
# department or a deputy.
_ASSIGNED_ON = """(SELECT e.occurred_on FROM case_event AS e WHERE e.case_id = c.id AND (
  +e.kind IN ('assigned', 'to_suggestion') OR (+e.kind = 'registered' AND (
    coalesce(json_extract(e.payload, '$.department_id'), '') != ''
    OR coalesce(json_extract(e.payload, '$.deputy_id'), '') != '')))
  ORDER BY e.occurred_at, e.rowid LIMIT 1)"""
_PROGRESS = """(SELECT group_concat(line, char(10)) FROM (
  SELECT e.occurred_on || ' ' || coalesce(json_extract(e.payload, '$.note'), '') AS line
  FROM case_event AS e WHERE e.case_id = c.id AND +e.kind = 'progress' AND e.occurred_on <= :stop
  ORDER BY e.occurred_at, e.rowid))"""
_LAST_PROGRESS = """(SELECT max(e.occurred_on) FROM case_event AS e
  WHERE e.case_id = c.id AND +e.kind = 'progress' AND e.occurred_on <= :stop)"""
# Open at the period's end: registered by then, and every close on or before the end was
# followed by a reopen on or before the end. Only cases open now or closed (last) after the
# end can be (a case open at the end changes only by a later close), so those are checked.
_OPEN_AT_END = """c.registered_on <= :stop
  AND (c.status IN ('pending', 'in_progress') OR substr(c.closed_at, 1, 10) > :stop)
  AND NOT EXISTS (SELECT 1 FROM case_event AS e WHERE e.case_id = c.id AND +e.kind = 'closed'
    AND e.occurred_on <= :stop AND NOT EXISTS (SELECT 1 FROM case_event AS r
      WHERE r.case_id = c.id AND +r.kind = 'reopened' AND r.occurred_on <= :stop
        AND r.occurred_at > e.occurred_at))"""
_CLOSED_IN_PERIOD = """EXISTS (SELECT 1 FROM case_event AS e WHERE e.case_id = c.id
  AND +e.kind = 'closed' AND e.occurred_on BETWEEN :start AND :stop)"""
_PROGRESS_IN_PERIOD = """EXISTS (SELECT 1 FROM case_event AS e WHERE e.case_id = c.id
  AND +e.kind = 'progress' AND e.occurred_on BETWEEN :start AND :stop)"""


@dataclass(frozen=True, slots=True)
class _Query:
    """Where a ledger's rows come from: key (a rowid), selected columns, period filter, order."""

    key: str
    select: str
    source: str
    where: str
    order: str


_QUERIES: Mapping[str, _Query] = MappingProxyType(
    {
        "issues": _Query(
            "c.rowid",
            f"""c.case_no, v.received_on, v.channel, v.visitor_name, v.people, v.visitor_phone,
            v.visitor_address, coalesce(g.name, v.village), {_DEPUTIES}, cat.name, c.content,
            c.track, d.name, c.due_date, c.status, c.first_closed_at, {_LAST_RESULT},
            c.rated_at, c.rating, v.confidential""",
            _CASE_FROM + "\nLEFT JOIN grid AS g ON g.id = v.grid_id",
            f"{_LIVE} AND c.registered_on BETWEEN :start AND :stop",
            _CASE_ORDER,
        ),
        "responsibility": _Query(
            "c.rowid",
            f"""c.case_no, c.registered_on, cat.name, c.content, c.track, d.name, dep.name,
            {_ASSIGNED_ON}, c.due_date, c.round, c.status, v.confidential""",
            _CASE_FROM + "\nLEFT JOIN deputy AS dep ON dep.id = c.deputy_id",
            f"""{_LIVE} AND c.track != 'on_spot' AND (({_OPEN_AT_END}) OR {_CLOSED_IN_PERIOD})""",
            _CASE_ORDER,
        ),
        "rectification": _Query(
            "c.rowid",
            f"""c.case_no, c.registered_on, cat.name, c.content, d.name, c.due_date,
            {_PROGRESS}, {_LAST_PROGRESS}, c.round, c.status, v.confidential""",
            _CASE_FROM,
            f"{_LIVE} AND (({_OPEN_AT_END}) OR {_PROGRESS_IN_PERIOD})",
            _CASE_ORDER,
        ),
        "closed": _Query(
            "c.rowid",
            f"""c.case_no, c.registered_on, cat.name, c.content, c.track, d.name, c.closed_at,
            {_LAST_RESULT}, c.rated_at, c.rating, c.round, v.confidential""",
            _CASE_FROM,
            f"""{_LIVE} AND c.registered_on <= :stop AND c.status = 'done'
            AND c.rating IN ('satisfied', 'basically_satisfied')
            AND substr(c.closed_at, 1, 10) BETWEEN :start AND :stop""",
            "c.closed_at, c.case_no",
        ),
        "evaluation": _Query(
            "cb.rowid",
            """c.case_no, cb.occurred_on, json_extract(cb.payload, '$.method'),
            (SELECT count(*) FROM case_event AS x WHERE x.case_id = cb.case_id
              AND +x.kind = 'callback' AND x.occurred_at <= cb.occurred_at),
            v.visitor_name, v.visitor_phone, cat.name, c.content, d.name,
            json_extract(cb.payload, '$.rating'), json_extract(cb.payload, '$.note'),
            v.confidential""",
            "case_event AS cb JOIN "
            + _CASE_FROM.replace("case_record AS c", "case_record AS c ON c.id = cb.case_id", 1),
            f"{_LIVE} AND cb.kind = 'callback' AND cb.occurred_on BETWEEN :start AND :stop",
            "cb.occurred_on, cb.occurred_at, c.case_no",
        ),
    }
)


# --- shaping rows -------------------------------------------------------------------------


def _day(value: object) -> date | None:
    """A date from a stored DATE or ISO timestamp (its local calendar date)."""
    return date.fromisoformat(str(value)[:10]) if value else None


def _s(value: object) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True, slots=True)
class _Mask:
    """How personal data leaves: masked (the default) or as stored (a full export)."""

    full: bool

    def name(self, value: object) -> str:
        return _s(value) if self.full else mask_name(_s(value))

    def phone(self, value: object) -> str:
        return _s(value) if self.full else mask_phone(_s(value))

    def address(self, value: object) -> str:
        return _s(value) if self.full else mask_address(_s(value))

    def text(self, value: object, confidential: object) -> str:
        """Free text: as stored, or withheld for 保密 visits, else numbers in it masked."""
        if self.full:
            return _s(value)
        return WITHHELD if confidential and value else mask_in_text(_s(value))


def _status(value: object) -> str:
    return STATUS_NAMES[CaseStatus(str(value))]


def _track(value: object) -> str:
    return TRACK_NAMES[Track(str(value))]


def _rating(value: object) -> str:
    return RATING_NAMES[Rating(str(value))] if value else ""


def _issues(r: Sequence[Any], m: _Mask, _today: date) -> Row:
    conf = r[20]
    return (
        r[1], _day(r[2]), CHANNEL_NAMES[Channel(r[3])], m.name(r[4]), r[5], m.phone(r[6]),
        m.address(r[7]), _s(r[8]), _s(r[9]), _s(r[10]), m.text(r[11], conf), _track(r[12]),
        _s(r[13]), _day(r[14]), _status(r[15]), _day(r[16]), m.text(r[17], conf),
        _day(r[18]), _rating(r[19]),
    )  # fmt: skip


def _responsibility(r: Sequence[Any], m: _Mask, today: date) -> Row:
    due = _day(r[9])
    overdue = due is not None and due < today and r[11] in _OPEN
    return (
        r[1], _day(r[2]), _s(r[3]), m.text(r[4], r[12]), _track(r[5]), _s(r[6]), _s(r[7]),
        _day(r[8]), due, r[10], _status(r[11]), "超期" if overdue else "",
    )  # fmt: skip


def _rectification(r: Sequence[Any], m: _Mask, _today: date) -> Row:
    conf = r[11]
    return (
        r[1], _day(r[2]), _s(r[3]), m.text(r[4], conf), _s(r[5]), _day(r[6]),
        m.text(r[7], conf), _day(r[8]), r[9], _status(r[10]),
    )  # fmt: skip


def _closed(r: Sequence[Any], m: _Mask, _today: date) -> Row:
    conf = r[12]
    return (
        r[1], _day(r[2]), _s(r[3]), m.text(r[4], conf), _track(r[5]), _s(r[6]), _day(r[7]),
        m.text(r[8], conf), _day(r[9]), _rating(r[10]), r[11],
    )  # fmt: skip


def _evaluation(r: Sequence[Any], m: _Mask, _today: date) -> Row:
    conf = r[12]
    method = CALLBACK_METHOD_NAMES.get(_s(r[3]), _s(r[3]))
    return (
        r[1], _day(r[2]), method, r[4], m.name(r[5]), m.phone(r[6]), _s(r[7]),
        m.text(r[8], conf), _s(r[9]), _rating(r[10]), m.text(r[11], conf),
    )  # fmt: skip


_SHAPERS: Mapping[str, Callable[[Sequence[Any], _Mask, date], Row]] = MappingProxyType(
    {
        "issues": _issues,
        "responsibility": _responsibility,
        "rectification": _rectification,
        "closed": _closed,
        "evaluation": _evaluation,
    }
)


# --- reading ------------------------------------------------------------------------------


def _params(start: date, end: date) -> dict[str, str]:
    if end < start:
        raise ValidationError("period_reversed", "end")
    return {"start": start.isoformat(), "stop": end.isoformat()}


def _keys(conn: sqlite3.Connection, kind: str, params: Mapping[str, str]) -> list[int]:
    q = _QUERIES[kind]
    sql = f"SELECT {q.key} FROM {q.source} WHERE {q.where} ORDER BY {q.order}"
    return [int(r[0]) for r in conn.execute(sql, dict(params))]


def _rows(
    conn: sqlite3.Connection,
    kind: str,
    keys: Sequence[int],
    params: Mapping[str, str],
    mask: _Mask,
    today: date,
    first_no: int,
) -> list[Row]:
    """The rows of keys (at most a chunk), in the keys' order, numbered from first_no."""
    if not keys:
        return []
    q = _QUERIES[kind]
    marks = ", ".join(f":k{i}" for i in range(len(keys)))
    sql = f"SELECT {q.key}, {q.select} FROM {q.source} WHERE {q.key} IN ({marks})"
    args: dict[str, object] = {**params, **{f"k{i}": k for i, k in enumerate(keys)}}
    found = {int(r[0]): r for r in conn.execute(sql, args)}
    shape = _SHAPERS[kind]
    out: list[Row] = []
    for no, key in enumerate(keys, first_no):
        r = found.get(key)
        if r is not None:  # gone since the keys were read (purged): skipped
            out.append((no, *shape(r, mask, today)))
    return out


def _driver(conn: Any) -> sqlite3.Connection:
    """The sqlite3 connection under a SQLAlchemy connection (inside its read transaction)."""
    driver = conn.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


def ledger_count(ctx: ServiceContext, kind: str, start: date, end: date) -> int:
    """How many rows the ledger has for the period."""
    require(ctx, Action.VIEW_CASES)
    return _count(ctx, ledger_spec(kind).kind, _params(start, end))


def _count(ctx: ServiceContext, kind: str, params: Mapping[str, str]) -> int:
    q = _QUERIES[kind]
    sql = f"SELECT count(*) FROM {q.source} WHERE {q.where}"
    return int(ctx.db.query(sql, dict(params))[0][0])


def ledger_keys(ctx: ServiceContext, kind: str, start: date, end: date) -> list[int]:
    """The ledger's rows for the period as ordered keys (opaque; pass them to ledger_rows)."""
    require(ctx, Action.VIEW_CASES)
    params = _params(start, end)
    with ctx.db.read_core() as conn:
        return _keys(_driver(conn), ledger_spec(kind).kind, params)


def ledger_rows(
    ctx: ServiceContext,
    kind: str,
    start: date,
    end: date,
    keys: Sequence[int],
    *,
    first_no: int = 1,
) -> list[Row]:
    """The masked rows of some keys (a screenful), 序号 counted from first_no.

    Cells are str, int, date or None, in the order of LEDGERS[kind].columns.
    """
    require(ctx, Action.VIEW_CASES)
    params = _params(start, end)
    spec = ledger_spec(kind)
    today = ctx.clock().date()
    with ctx.db.read_core() as conn:
        return _rows(_driver(conn), spec.kind, keys, params, _Mask(False), today, first_no)


def _stream(
    ctx: ServiceContext,
    kind: str,
    start: date,
    end: date,
    mask: _Mask,
    job: Job | None,
) -> Iterator[tuple[int, Row]]:
    """(total, row) for every row, in one read snapshot, a chunk at a time; job.step between."""
    params = _params(start, end)
    today = ctx.clock().date()
    with ctx.db.read_core() as conn:
        driver = _driver(conn)
        keys = _keys(driver, kind, params)
        total = len(keys)
        step(job, 0, total)
        for first in range(0, total, CHUNK):
            chunk = keys[first : first + CHUNK]
            for row in _rows(driver, kind, chunk, params, mask, today, first + 1):
                yield total, row
            step(job, min(total, first + CHUNK), total)


def iter_ledger_rows(
    ctx: ServiceContext, kind: str, start: date, end: date, *, job: Job | None = None
) -> Iterator[Row]:
    """Every masked row of the ledger, streamed a chunk at a time from one read snapshot."""
    require(ctx, Action.VIEW_CASES)
    spec = ledger_spec(kind)
    for _total, row in _stream(ctx, spec.kind, start, end, _Mask(False), job):
        yield row


# --- exports ------------------------------------------------------------------------------


def exporter_name(ctx: ServiceContext) -> str:
    """Who is exporting, as the heading of a file names them."""
    user = ctx.db.query("SELECT display_name FROM app_user WHERE id = ?", (ctx.actor.user_id,))
    return str(user[0][0]) if user else ctx.actor.user_id


def station_label(ctx: ServiceContext) -> str:
    """The station as a file heading names it: 名称（代码）."""
    name, code = ctx.db.query("SELECT name, code FROM station")[0]
    return f"{name}（{code}）"


def period_label(start: date, end: date) -> str:
    """2026-11-01 至 2026-11-30."""
    return f"{start.isoformat()} 至 {end.isoformat()}"


def _audit(
    ctx: ServiceContext, spec: LedgerSpec, start: date, end: date, detail: dict[str, object],
    reason: str | None,
) -> None:  # fmt: skip
    """Who exported which ledger for which period: counts and choices, never the data."""
    body = {"kind": spec.kind, "from": start.isoformat(), "to": end.isoformat(), **detail}
    with ctx.db.write_core() as conn:
        entry = ctx.audit_entry(
            ctx.clock(), "export.ledger", "case_record", spec.kind, body, reason
        )
        audit.append(conn, entry)


def export_ledger_xlsx(
    ctx: ServiceContext,
    kind: str,
    start: date,
    end: date,
    dest: Path,
    *,
    full: bool = False,
    reason: str = "",
    job: Job | None = None,
) -> int:
    """Write the ledger to dest as .xlsx; the number of rows.

    Masked (李*, 138****5678, text with numbers masked, 保密 content withheld) unless full:
    full needs Action.EXPORT and a reason, which the file's heading states. Streams: rows are
    read and written a chunk at a time. job.step reports progress and may raise Cancelled;
    then, as on any error, no file and no .part is left. Audited once written.
    """
    require(ctx, Action.EXPORT_LEDGER)
    if full:
        require(ctx, Action.EXPORT)
    why = clean_text(reason, "reason", 200, required=full) if full else None
    spec = ledger_spec(kind)
    _params(start, end)
    generated = ctx.clock().isoformat(sep=" ", timespec="minutes")[:16]
    lines = heading_lines(
        station_label(ctx), period_label(start, end), generated, exporter_name(ctx), why
    )
    written = 0
    with xlsx_book(dest) as book:
        sheet = book.sheet(spec.title, spec.title, lines, spec.columns)
        for _total, row in _stream(ctx, spec.kind, start, end, _Mask(full), job):
            sheet.append(row)
            written += 1
    detail: dict[str, object] = {"rows": written, "full": full, "format": "xlsx", "file": dest.name}
    _audit(ctx, spec, start, end, detail, why)
    return written


def ledger_pdf(ctx: ServiceContext, kind: str, start: date, end: date) -> bytes:
    """The ledger on A4 landscape paper, always masked (no ID numbers exist in any ledger).

    More than PDF_MAX_ROWS rows is refused (ledger_too_long_for_pdf): export Excel instead.
    Audited like an export.
    """
    from stationdesk.printing.ledger_sheet import LedgerSheet, render_ledger_sheet

    require(ctx, Action.EXPORT_LEDGER)
    spec = ledger_spec(kind)
    count = _count(ctx, spec.kind, _params(start, end))
    if count > PDF_MAX_ROWS:
        raise ValidationError("ledger_too_long_for_pdf", "end", rows=count, limit=PDF_MAX_ROWS)
    rows = [
        tuple(_paper_text(row[i]) for i, _w in spec.paper)
        for _total, row in _stream(ctx, spec.kind, start, end, _Mask(False), None)
    ]
    now = ctx.clock()
    sheet = LedgerSheet(
        title=spec.title,
        station=station_label(ctx),
        period=period_label(start, end),
        generated=now.isoformat(sep=" ", timespec="minutes")[:16],
        rule=spec.rule,
        headers=tuple(spec.columns[i].title for i, _w in spec.paper),
        widths=tuple(w for _i, w in spec.paper),
        rows=tuple(rows),
    )
    pdf = render_ledger_sheet(sheet)
    _audit(ctx, spec, start, end, {"rows": len(rows), "full": False, "format": "pdf"}, None)
    return pdf


def _paper_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
