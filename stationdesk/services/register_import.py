"""旧台账导入: an old register's rows become visits and cases; dry run, all or nothing, idempotent.

A source row (register_rows.source_key) is imported once, whatever file, sheet, row number or
other columns it comes with; import_row remembers which rows came in.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from stationdesk.domain.case_numbers import format_case_number
from stationdesk.domain.enums import EventKind, Track
from stationdesk.domain.errors import ValidationError
from stationdesk.domain.ids import new_id
from stationdesk.domain.masking import mask_in_text, mask_name, mask_phone
from stationdesk.domain.permissions import Action
from stationdesk.domain.workdays import add_working_days
from stationdesk.domain.workflow import CaseEvent, fold
from stationdesk.services.authz import require
from stationdesk.services.changes import ChangeSet
from stationdesk.services.context import ServiceContext
from stationdesk.services.event_rows import event_row
from stationdesk.services.progress import Job, step
from stationdesk.services.reception import reserve_case_seqs, state_columns
from stationdesk.services.register_columns import (
    FIELD_LABELS,
    FIELDS,
    REQUIRED_FIELDS,
    CellError,
    guess_mapping,
    layout_key,
)
from stationdesk.services.register_rows import (
    RowIssue,
    RowReader,
    SourceRow,
    at_day,
    references,
    source_key,
)
from stationdesk.services.register_sheet import Sheet, read_sheet, sheet_names
from stationdesk.services.sheet_cells import cell_text
from stationdesk.store import audit
from stationdesk.store.bulk import insert_rows
from stationdesk.store.disk import ensure_room_for_new_record
from stationdesk.store.models import CaseEventRow, CaseRecord, ImportRow, Visit, VisitDeputy
from stationdesk.store.record_hash import row_hashes
from stationdesk.store.settings import put

__all__ = [
    "RegisterReport",
    "RowIssue",
    "SheetPreview",
    "check_register",
    "field_choices",
    "import_register",
    "preview_register",
]

LAYOUT_PREFIX = "register_import.layout."
NO_RESULT = "（原台账未填写办理结果）"
_BATCH = 100  # visits written between two progress steps


@dataclass(frozen=True, slots=True)
class SheetPreview:
    """A sheet ready to be mapped: its header, the mapping to start from, the first rows."""

    file_name: str
    sheets: tuple[str, ...]
    sheet: str
    header_row: int
    headers: tuple[str, ...]
    mapping: dict[int, str]
    saved: bool  # the mapping is the one saved for this layout (else a guess)
    layout: str
    rows: tuple[tuple[str, ...], ...]
    row_count: int


@dataclass(frozen=True, slots=True)
class RegisterReport:
    """What a dry run found or an import did; nothing is written whenever errors is not empty."""

    sheet: str
    rows_read: int
    ready: int  # rows that would be (or were) imported
    skipped: int  # rows imported before (same source row)
    repeats: int  # rows with the same values as an earlier row of the sheet (each imported)
    errors: tuple[RowIssue, ...]
    warnings: tuple[RowIssue, ...] = ()
    visits_created: int = 0
    cases_created: int = 0
    dry_run: bool = True

    @property
    def ok(self) -> bool:
        """No errors: the rows can be imported."""
        return not self.errors


# --- the mapping ------------------------------------------------------------------------------


def _saved_mapping(ctx: ServiceContext, layout: str, width: int) -> dict[int, str] | None:
    rows = ctx.db.query("SELECT value FROM settings WHERE key = ?", (LAYOUT_PREFIX + layout,))
    if not rows:
        return None
    try:
        fields = json.loads(str(rows[0][0]))["fields"]
        known = set(FIELD_LABELS)
        return {int(i): str(k) for i, k in fields.items() if str(k) in known and int(i) < width}
    except (ValueError, KeyError, TypeError):
        return None  # a damaged setting: guess again


def _check_mapping(mapping: Mapping[int, str], width: int) -> None:
    seen: dict[str, int] = {}
    for index, key in mapping.items():
        if key not in FIELD_LABELS:
            raise ValidationError("register_unknown_field", "mapping", name=key)
        if not 0 <= index < width:
            raise ValidationError("register_bad_column", "mapping", column=index + 1)
        if key in seen:
            raise ValidationError("register_field_twice", "mapping", name=FIELD_LABELS[key])
        seen[key] = index


def preview_register(
    ctx: ServiceContext, path: Path, *, sheet: str | None = None, rows: int = 8
) -> SheetPreview:
    """The sheet's header, the saved mapping of its layout (else a guess) and its first rows.

    Raises ValidationError("register_unreadable", message=…) with the Chinese reason when the
    file or sheet cannot be read.
    """
    require(ctx, Action.IMPORT_RECORDS)
    try:
        names = sheet_names(path)
        found = read_sheet(path, sheet)
    except CellError as problem:
        raise ValidationError("register_unreadable", "file", message=problem.message) from None
    layout = layout_key(found.headers)
    saved = _saved_mapping(ctx, layout, len(found.headers))
    width = len(found.headers)
    first = tuple(
        tuple(cell_text(v) for v in values[:width]) + ("",) * max(0, width - len(values))
        for _, values in found.rows[:rows]
    )
    return SheetPreview(
        file_name=path.name,
        sheets=names,
        sheet=found.name,
        header_row=found.header_row,
        headers=found.headers,
        mapping=saved if saved is not None else guess_mapping(found.headers),
        saved=saved is not None,
        layout=layout,
        rows=first,
        row_count=len(found.rows),
    )


# --- checking rows ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Plan:
    sheet: Sheet
    layout: str
    mapping: dict[int, str]
    rows_read: int
    groups: list[tuple[str | None, list[SourceRow]]]  # (existing visit id, its new rows)
    skipped: int
    repeats: int
    errors: list[RowIssue]
    warnings: list[RowIssue]

    @property
    def ready(self) -> int:
        return sum(len(rows) for _, rows in self.groups)

    def report(self, *, dry_run: bool, visits: int = 0, cases: int = 0) -> RegisterReport:
        return RegisterReport(
            sheet=self.sheet.name,
            rows_read=self.rows_read,
            ready=self.ready,
            skipped=self.skipped,
            repeats=self.repeats,
            errors=tuple(self.errors),
            warnings=tuple(self.warnings),
            visits_created=visits,
            cases_created=cases,
            dry_run=dry_run,
        )


def _merge_notices(notices: list[RowIssue]) -> list[RowIssue]:
    """The same notice on many rows once, at its first row, with how many rows it concerns."""
    count: dict[tuple[str | None, str], int] = {}
    first: dict[tuple[str | None, str], RowIssue] = {}
    for notice in notices:
        key = (notice.column, notice.message)
        count[key] = count.get(key, 0) + 1
        first.setdefault(key, notice)
    merged = []
    for key, notice in first.items():
        n = count[key]
        extra = f"（共 {n} 行）" if n > 1 else ""
        merged.append(RowIssue(notice.row, notice.column, notice.message + extra, True))
    return merged


def _known_keys(conn: Connection, keys: Sequence[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for start in range(0, len(keys), 500):
        part = keys[start : start + 500]
        marks = ", ".join("?" for _ in part)
        for key, visit_id in conn.exec_driver_sql(
            f"SELECT source_key, visit_id FROM import_row WHERE source_key IN ({marks})",
            tuple(part),
        ):
            found[str(key)] = str(visit_id)
    return found


def _plan(
    ctx: ServiceContext,
    conn: Connection,
    path: Path,
    sheet: str | None,
    mapping: Mapping[int, str] | None,
) -> _Plan | RegisterReport:
    """Read and check every row; a RegisterReport when the file itself cannot be used."""
    try:
        found = read_sheet(path, sheet)
    except CellError as problem:
        return RegisterReport(sheet or "", 0, 0, 0, 0, (RowIssue(0, None, problem.message),))
    layout = layout_key(found.headers)
    width = len(found.headers)
    chosen = dict(mapping) if mapping is not None else None
    if chosen is None:
        chosen = _saved_mapping(ctx, layout, width) or guess_mapping(found.headers)
    _check_mapping(chosen, width)
    missing = [FIELD_LABELS[k] for k in REQUIRED_FIELDS if k not in chosen.values()]
    if missing:
        message = "没有对应到必需的列：" + "、".join(missing) + "（请在列对应中选择）"
        return RegisterReport(found.name, len(found.rows), 0, 0, 0, (RowIssue(0, None, message),))
    reader = RowReader(found, chosen, references(conn), ctx.clock())
    errors: list[RowIssue] = []
    warnings: list[RowIssue] = []
    checked: list[SourceRow] = []
    rows_read = 0
    for number, values in found.rows:
        if reader.is_example(values):
            continue
        rows_read += 1
        row, problems = reader.read(number, values)
        errors += problems.errors
        warnings += problems.warnings
        if row is not None:
            checked.append(row)
    if reader.no_close_date:
        message = (
            f"{reader.no_close_date} 行没有办结日期，但有办理结果、满意度或已办结的状态："
            "按接待日期计为办结"
        )
        warnings.insert(0, RowIssue(0, None, message, True))
    first_row: dict[str, int] = {}
    seen: dict[str, int] = {}
    repeats = 0
    for row in checked:
        base = row.key
        row.occurrence = seen[base] = seen.get(base, 0) + 1
        if row.occurrence == 1:
            first_row[base] = row.number
            continue
        repeats += 1
        message = f"与第 {first_row[base]} 行的日期、姓名、电话和反映问题都相同，按两件分别导入"
        warnings.append(RowIssue(row.number, None, message, True))
        row.key = source_key(row.received_at.date(), row.name, row.phone, row.content,
                             row.occurrence)  # fmt: skip
    known = _known_keys(conn, [r.key for r in checked])
    groups: list[tuple[str | None, list[SourceRow]]] = []
    skipped = 0
    previous: SourceRow | None = None
    # Where the previous row went: a group of this import (its index) or a visit imported before.
    target: int | str | None = None
    for row in checked:
        same_visit = previous is not None and previous.visit_signature() == row.visit_signature()
        if row.key in known:
            skipped += 1
            target = known[row.key]
        elif same_visit and isinstance(target, int):
            groups[target][1].append(row)
        else:
            existing = target if same_visit and isinstance(target, str) else None
            groups.append((existing, [row]))
            target = len(groups) - 1
        previous = row
    warnings = _merge_notices(warnings)
    errors.sort(key=lambda e: e.row)
    warnings.sort(key=lambda e: e.row)
    return _Plan(found, layout, chosen, rows_read, groups, skipped, repeats, errors, warnings)


def check_register(
    ctx: ServiceContext,
    path: Path,
    *,
    sheet: str | None = None,
    mapping: Mapping[int, str] | None = None,
) -> RegisterReport:
    """The dry run: every problem per row and column in Chinese, and what would be imported.

    `mapping` (column index → field key of register_columns.FIELDS) defaults to the mapping
    saved for this layout, else the guess from the header. Nothing is written.
    """
    require(ctx, Action.IMPORT_RECORDS)
    with ctx.db.read_core() as conn:
        plan = _plan(ctx, conn, path, sheet, mapping)
    return plan if isinstance(plan, RegisterReport) else plan.report(dry_run=True)


# --- writing ----------------------------------------------------------------------------------


def _events(row: SourceRow, due: date | None) -> list[CaseEvent]:
    """The case's history as the register tells it, each event on its own date."""
    payload: dict[str, object] = {"track": row.track.value}
    if row.category_id:
        payload["category_id"] = row.category_id
    if row.department_id:
        payload["department_id"] = row.department_id
    if due is not None:
        payload["due_date"] = due.isoformat()
    payload["imported"] = {"row": row.number, **row.source}
    at = row.received_at
    events = [CaseEvent(new_id(), EventKind.REGISTERED, at, payload)]

    def when(day: date) -> datetime:
        return at if day <= at.date() else max(at_day(day, at.tzinfo), at)

    if row.closed_on is not None:
        at = when(row.closed_on)
        events.append(
            CaseEvent(new_id(), EventKind.CLOSED, at, {"result": row.result or NO_RESULT})
        )
    if row.rating is not None and row.callback_on is not None:
        at = when(row.callback_on)
        callback = {"rating": row.rating.value, "method": "other", "note": "原台账记录"}
        events.append(CaseEvent(new_id(), EventKind.CALLBACK, at, callback))
    if row.reopen:
        reason = {"reason": "原台账记为办理中"}
        events.append(CaseEvent(new_id(), EventKind.REOPENED, at, reason))
    return events


class _Writer:
    """Writes the planned visits and cases in the caller's transaction."""

    def __init__(self, ctx: ServiceContext, conn: Connection, plan: _Plan, file_name: str):
        self.ctx, self.conn, self.plan, self.file_name = ctx, conn, plan, file_name
        self.now = ctx.clock()
        st = conn.exec_driver_sql("SELECT id, code, device_id, device_no FROM station").one()
        self.station = st
        self.common = {"station_id": st.id, "created_by_device": st.device_id,
                       "created_at": self.now, "updated_at": self.now}  # fmt: skip
        self.limits = {
            str(i): int(str(d))
            for i, d in conn.exec_driver_sql("SELECT id, limit_days FROM category")
        }
        self.visits = self.cases = 0

    def due(self, row: SourceRow) -> date | None:
        if row.track is Track.ON_SPOT or row.due_date is not None:
            return row.due_date
        limit = self.limits.get(row.category_id or "", 15)
        return add_working_days(row.received_at.date(), limit)

    def write(self, groups: Sequence[tuple[str | None, list[SourceRow]]]) -> None:
        visits: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        cases: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        marks: list[dict[str, Any]] = []
        for existing, rows in groups:
            first = rows[0]
            position = 1
            if existing is None:
                visit_id = new_id()
                visits.append(self.visit_row(visit_id, first))
                links += [{"id": new_id(), "visit_id": visit_id, "deputy_id": d, **self.common}
                          for d in first.deputy_ids]  # fmt: skip
            else:
                visit_id = existing
                position += int(self.conn.exec_driver_sql(
                    "SELECT coalesce(max(position), 0) FROM case_record WHERE visit_id = ?",
                    (visit_id,)).scalar_one())  # fmt: skip
            year = first.received_at.year
            seqs = reserve_case_seqs(self.conn, year, len(rows))
            for offset, (row, seq) in enumerate(zip(rows, seqs, strict=True)):
                case_id = new_id()
                case_no = format_case_number(self.station.code, year, self.station.device_no, seq)
                history = _events(row, self.due(row))
                state = fold(history)
                on_spot = row.track is Track.ON_SPOT
                cases.append({
                    "id": case_id, "case_no": case_no, "visit_id": visit_id,
                    "position": position + offset, "category_id": row.category_id,
                    "content": row.content, "demand": row.demand, "referred_to": None,
                    "on_spot_answer": (row.result or NO_RESULT) if on_spot else None,
                    "registered_at": row.received_at, "registered_on": row.received_at.date(),
                    **state_columns(state), **self.common,
                })  # fmt: skip
                events += [
                    event_row(e, case_id=case_id, station_id=self.station.id,
                              device_id=self.station.device_id, actor_id=self.ctx.actor.user_id,
                              created_at=self.now)
                    for e in history
                ]  # fmt: skip
                marks.append({
                    "source_key": row.key, "visit_id": visit_id, "case_id": case_id,
                    "file_name": self.file_name, "sheet": self.plan.sheet.name,
                    "row_no": row.number, "imported_at": self.now,
                    "imported_by": self.ctx.actor.user_id,
                })  # fmt: skip
        insert_rows(self.conn, Visit, visits)
        insert_rows(self.conn, VisitDeputy, links)
        insert_rows(self.conn, CaseRecord, cases)
        insert_rows(self.conn, CaseEventRow, events)
        insert_rows(self.conn, ImportRow, marks)
        self.audit(visits, cases)
        self.visits += len(visits)
        self.cases += len(cases)

    def visit_row(self, visit_id: str, row: SourceRow) -> dict[str, Any]:
        return {
            "id": visit_id, "received_at": row.received_at,
            "received_on": row.received_at.date(), "channel": row.channel.value,
            "hotline_no": None, "visitor_name": row.name, "visitor_phone": row.phone,
            "visitor_phone_last4": row.phone[-4:] if row.phone else None,
            "visitor_id_number": None, "visitor_address": row.address, "village": None,
            "grid_id": row.grid_id, "people": row.people, "confidential": False,
            "clerk_id": self.ctx.actor.user_id, **self.common,
        }  # fmt: skip

    def audit(self, visits: Sequence[dict[str, Any]], cases: Sequence[dict[str, Any]]) -> None:
        """One row per visit and per case with its hash, as every other writer leaves them."""
        visit_hashes = row_hashes(self.conn, "visit", [v["id"] for v in visits])
        case_hashes = row_hashes(self.conn, "case_record", [c["id"] for c in cases])
        entries = [
            self.ctx.audit_entry(self.now, "visit.import", "visit", v["id"], {
                "channel": v["channel"], "people": v["people"],
                "visitor": mask_name(v["visitor_name"]),
                "phone": mask_phone(v["visitor_phone"]) if v["visitor_phone"] else None,
                "after_hash": visit_hashes[v["id"]],
            })
            for v in visits
        ]  # fmt: skip
        entries += [
            self.ctx.audit_entry(self.now, "case.import", "case_record", c["id"], {
                "case_no": c["case_no"], "track": c["track"], "status": c["status"],
                "after_hash": case_hashes[c["id"]],
            })
            for c in cases
        ]  # fmt: skip
        audit.append_many(self.conn, entries)


def _save_layout(conn: Connection, plan: _Plan, now: datetime) -> None:
    value = json.dumps(
        {
            "headers": list(plan.sheet.headers),
            "fields": {str(i): k for i, k in plan.mapping.items()},
        },
        ensure_ascii=False,
    )
    put(conn, LAYOUT_PREFIX + plan.layout, value, now.isoformat(timespec="milliseconds"))


def import_register(
    ctx: ServiceContext,
    path: Path,
    *,
    sheet: str | None = None,
    mapping: Mapping[int, str] | None = None,
    job: Job | None = None,
) -> tuple[RegisterReport, ChangeSet]:
    """Check the sheet and, when no row has an error, import it in ONE write transaction.

    Rows imported before are skipped; the mapping is saved for this layout. Progress goes
    through `job` (done, total rows); a cancel raises Cancelled and the transaction is rolled
    back, so nothing is written. A report with errors means nothing was written either.
    """
    require(ctx, Action.IMPORT_RECORDS)
    ensure_room_for_new_record(ctx.paths.db)
    with ctx.db.write_core() as conn:
        plan = _plan(ctx, conn, path, sheet, mapping)
        if isinstance(plan, RegisterReport):
            return plan, ChangeSet()
        if plan.errors:
            return plan.report(dry_run=False), ChangeSet()
        writer = _Writer(ctx, conn, plan, path.name)
        total, done = plan.ready, 0
        step(job, 0, total)
        for start in range(0, len(plan.groups), _BATCH):
            batch = plan.groups[start : start + _BATCH]
            writer.write(batch)
            done += sum(len(rows) for _, rows in batch)
            step(job, done, total)
        _save_layout(conn, plan, writer.now)
        detail = {
            "file": mask_in_text(path.name), "sheet": mask_in_text(plan.sheet.name),
            "rows": plan.rows_read, "imported": plan.ready, "skipped": plan.skipped,
            "repeats": plan.repeats, "visits": writer.visits, "cases": writer.cases,
        }  # fmt: skip
        audit.append(conn, ctx.audit_entry(writer.now, "register.import", "import_row",
                                           "import", detail))  # fmt: skip
        step(job, total, total)  # a cancel up to here still rolls everything back
    report = plan.report(dry_run=False, visits=writer.visits, cases=writer.cases)
    changes = ChangeSet.of("visit", "case_record", "case_event") if writer.cases else ChangeSet()
    return report, changes


def field_choices() -> tuple[tuple[str, str], ...]:
    """(key, Chinese label) of every field a column can be mapped to, in template order."""
    return tuple((f.key, f.label) for f in FIELDS)
