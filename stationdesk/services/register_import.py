"""旧台账导入: an old register's rows become visits and cases; dry run, all or nothing, idempotent.

What counts as the same source row (docs/register_import.md): the same 接待日期, 来访群众,
联系电话 and 反映问题 after normalisation (NFKC, no spaces; the phone in its stored form).
Such a row is imported once, whatever file, sheet, row number or other columns it comes with.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from stationdesk.domain.case_numbers import format_case_number
from stationdesk.domain.enums import CaseStatus, Channel, EventKind, Rating, Track
from stationdesk.domain.errors import ValidationError
from stationdesk.domain.ids import new_id
from stationdesk.domain.masking import mask_in_text, mask_name, mask_phone
from stationdesk.domain.permissions import Action
from stationdesk.domain.validators import clean_text, validate_person_name
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
    is_masked,
    layout_key,
    norm,
    parse_channel,
    parse_date,
    parse_people,
    parse_phone,
    parse_rating,
    parse_status,
    parse_track,
)
from stationdesk.services.register_sheet import (
    Sheet,
    cell_text,
    column_name,
    read_sheet,
    sheet_names,
)
from stationdesk.store import audit
from stationdesk.store.bulk import insert_rows
from stationdesk.store.disk import ensure_room_for_new_record
from stationdesk.store.models import CaseEventRow, CaseRecord, ImportRow, Visit, VisitDeputy
from stationdesk.store.record_hash import row_hashes
from stationdesk.store.settings import put

__all__ = [
    "ANONYMOUS",
    "RegisterReport",
    "RowIssue",
    "SheetPreview",
    "check_register",
    "import_register",
    "preview_register",
    "source_key",
]

ANONYMOUS = "匿名"  # 来访群众 left blank in the register
LAYOUT_PREFIX = "register_import.layout."
EXAMPLE_MARK = "示例"
NO_RESULT = "（原台账未填写办理结果）"
_DAY_START = time(9, 0)  # a date without a time: the visit is put at 9:00
_BATCH = 100  # visits written between two progress steps
_CONTENT_MAX, _SHORT_MAX = 5000, 2000
_SEPARATORS = str.maketrans({c: "、" for c in ",，/;；\n "})


@dataclass(frozen=True, slots=True)
class RowIssue:
    """A problem (or, with warning=True, a notice) at an Excel row (0: the whole file)."""

    row: int
    column: str | None
    message: str
    warning: bool = False

    def describe(self) -> str:
        """第 5 行（联系电话）：… — the message alone for the whole file."""
        where = f"（{self.column}）" if self.column else ""
        return f"第 {self.row} 行{where}：{self.message}" if self.row else self.message


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


@dataclass(slots=True)
class _Row:
    number: int
    key: str
    received_at: datetime
    name: str
    phone: str | None
    address: str | None
    people: int
    channel: Channel
    deputy_ids: tuple[str, ...]
    grid_id: str | None
    category_id: str | None
    content: str
    demand: str | None
    track: Track
    department_id: str | None
    due_date: date | None
    closed_on: date | None
    result: str | None
    callback_on: date | None
    rating: Rating | None
    reopen: bool
    source: dict[str, object] = field(default_factory=dict)
    occurrence: int = 1

    def visit_signature(self) -> tuple[object, ...]:
        return (self.received_at, self.name, self.phone, self.address, self.people,
                self.channel, self.deputy_ids, self.grid_id)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Refs:
    categories: dict[str, str]
    category_names: tuple[str, ...]
    departments: dict[str, str]
    deputies: dict[str, list[str]]
    grids: dict[str, list[str]]


class _Problems:
    """Errors and notices of one row, each at its sheet column."""

    def __init__(self, number: int, columns: Mapping[str, str]) -> None:
        self.number, self.columns = number, columns
        self.errors: list[RowIssue] = []
        self.warnings: list[RowIssue] = []

    def error(self, key: str | None, message: str) -> None:
        self.errors.append(RowIssue(self.number, self.columns.get(key or ""), message))

    def warn(self, key: str | None, message: str) -> None:
        self.warnings.append(RowIssue(self.number, self.columns.get(key or ""), message, True))


def source_key(
    received_on: date, name: str, phone: str | None, content: str, occurrence: int = 1
) -> str:
    """The identity of a source row: SHA-256 of its normalised identifying values.

    The n-th row of a sheet with the same values (a visitor raising the same words twice
    that day) is occurrence n, so each such row is imported once, and once only.
    """
    parts = [received_on.isoformat(), norm(name), phone or "", norm(content)]
    if occurrence > 1:
        parts.append(str(occurrence))
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


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


def _references(conn: Connection) -> _Refs:
    categories: dict[str, str] = {}
    names: list[str] = []
    for cid, name in conn.exec_driver_sql(
        "SELECT id, name FROM category WHERE active ORDER BY sort_order, name"
    ):
        categories[norm(str(name))] = str(cid)
        names.append(str(name))
    departments = {
        norm(str(n)): str(i) for i, n in conn.exec_driver_sql("SELECT id, name FROM department")
    }
    deputies: dict[str, list[str]] = {}
    for did, name in conn.exec_driver_sql("SELECT id, name FROM deputy WHERE deleted_at IS NULL"):
        deputies.setdefault(norm(str(name)), []).append(str(did))
    grids: dict[str, list[str]] = {}
    for gid, name, village in conn.exec_driver_sql(
        "SELECT id, name, village FROM grid WHERE deleted_at IS NULL"
    ):
        for spelling in {norm(str(name)), norm(str(village) + str(name))}:
            grids.setdefault(spelling, []).append(str(gid))
    return _Refs(categories, tuple(names), departments, deputies, grids)


def _at(day: date, tz: tzinfo | None) -> datetime:
    return datetime.combine(day, _DAY_START, tzinfo=tz)


def _date_of(value: datetime | date | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _text(p: _Problems, key: str, raw: str, max_len: int) -> str | None:
    try:
        return clean_text(raw, key, max_len) or None
    except ValidationError as exc:
        if exc.code == "too_long":
            p.error(key, f"太长：最多 {max_len} 个字，现有 {exc.params.get('length')} 个字")
        else:
            p.error(key, "含有无法保存的字符")
        return None


def _name(p: _Problems, raw: str) -> str:
    if not raw.strip():
        return ANONYMOUS
    if is_masked(raw):
        p.error(
            "visitor_name",
            f"“{raw}”是隐去了部分字的姓名，不是真实姓名：请用“完整信息”导出的文件，"
            f"或把姓名改为真实姓名（不愿留名的写“{ANONYMOUS}”）",
        )
        return ANONYMOUS
    try:
        return validate_person_name(raw, "visitor_name")
    except ValidationError:
        p.error("visitor_name", f"姓名“{raw}”含有数字或符号")
        return ANONYMOUS


def _names(text: str) -> list[str]:
    return [part for part in norm(text).translate(_SEPARATORS).split("、") if part]


def _deputies(p: _Problems, text: str, refs: _Refs, source: dict[str, object]) -> tuple[str, ...]:
    ids: list[str] = []
    unknown: list[str] = []
    for name in _names(text):
        found = refs.deputies.get(name, [])
        if len(found) == 1:
            ids.append(found[0])
        else:
            unknown.append(name)
            why = "代表名册中有同名代表" if found else "不在代表名册中"
            p.warn("deputies", f"接待代表“{name}”{why}，这一项不关联（可先导入代表名册）")
    if unknown:
        source["deputies"] = unknown
    return tuple(dict.fromkeys(ids))


def _one_of(found: list[str] | None) -> str | None:
    return found[0] if found and len(set(found)) == 1 else None


class _Reader:
    """Turns the sheet's rows into checked rows (or problems) under one mapping."""

    def __init__(self, sheet: Sheet, mapping: Mapping[int, str], refs: _Refs, now: datetime):
        self.sheet, self.refs, self.now = sheet, refs, now
        self.index = {key: i for i, key in mapping.items()}
        self.columns = {key: column_name(i, sheet.headers) for i, key in mapping.items()}
        self.no_close_date = 0

    def raw(self, values: tuple[object, ...], key: str) -> object:
        i = self.index.get(key)
        return values[i] if i is not None and i < len(values) else None

    def text(self, values: tuple[object, ...], key: str) -> str:
        return cell_text(self.raw(values, key))

    def is_example(self, values: tuple[object, ...]) -> bool:
        return any(self.text(values, k).startswith(EXAMPLE_MARK) for k in ("seq", "visitor_name"))

    def day(self, p: _Problems, values: tuple[object, ...], key: str) -> datetime | date | None:
        try:
            future_ok = key == "due_date"
            return parse_date(self.raw(values, key), self.now.date(), future_ok=future_ok)
        except CellError as problem:
            p.error(key, problem.message)
            return None

    def read(self, number: int, values: tuple[object, ...]) -> tuple[_Row | None, _Problems]:
        p = _Problems(number, self.columns)
        tz = self.now.tzinfo
        source: dict[str, object] = {}
        received = self.day(p, values, "received_on")
        if received is None and not p.errors:
            p.error("received_on", "接待日期必须填写")
        name = _name(p, self.text(values, "visitor_name"))
        phone = None
        try:
            phone = parse_phone(self.text(values, "phone"))
        except CellError as problem:
            p.error("phone", problem.message)
        address = _text(p, "address", self.text(values, "address"), 200)
        people = 1
        try:
            people = parse_people(self.raw(values, "people"))
        except CellError as problem:
            p.error("people", problem.message)
        channel = Channel.WALK_IN
        try:
            channel = parse_channel(self.text(values, "channel"))
        except CellError as problem:
            p.error("channel", problem.message)
        deputy_ids = _deputies(p, self.text(values, "deputies"), self.refs, source)
        grid_text = self.text(values, "grid")
        grid_id = _one_of(self.refs.grids.get(norm(grid_text))) if grid_text else None
        if grid_text and grid_id is None:
            p.warn("grid", f"网格“{grid_text}”在本站找不到（或有重名），这一项不关联")
            source["grid"] = grid_text
        category_text = self.text(values, "category")
        category_id = self.refs.categories.get(norm(category_text)) if category_text else None
        if category_text and category_id is None:
            p.error("category", f"问题类别“{category_text}”不认识，可填：" + "、".join(
                self.refs.category_names))  # fmt: skip
        content = _text(p, "content", self.text(values, "content"), _CONTENT_MAX)
        if content is None and not any(i.column == self.columns.get("content") for i in p.errors):
            p.error("content", "反映问题必须填写")
        demand = _text(p, "demand", self.text(values, "demand"), _SHORT_MAX)
        department_text = self.text(values, "department")
        department_id = (
            self.refs.departments.get(norm(department_text)) if department_text else None
        )
        if department_text and department_id is None:
            p.warn("department", f"承办单位“{department_text}”不在单位名单中，这一项不关联")
            source["department"] = department_text
        due = _date_of(self.day(p, values, "due_date"))
        closed_on = _date_of(self.day(p, values, "closed_on"))
        callback_on = _date_of(self.day(p, values, "callback_on"))
        result = _text(p, "result", self.text(values, "result"), _SHORT_MAX)
        rating = None
        try:
            rating = parse_rating(self.text(values, "rating"))
        except CellError as problem:
            p.error("rating", problem.message)
        status_text = self.text(values, "status")
        status = parse_status(status_text)
        if status_text and status is None:
            p.warn("status", f"办理状态“{status_text}”看不懂，按办结日期和满意度判断")
        source_no = self.text(values, "source_no")
        if source_no:
            source["case_no"] = source_no[:60]
        if received is None or content is None or p.errors:
            return None, p
        received_at = (
            received.replace(tzinfo=tz) if isinstance(received, datetime) else _at(received, tz)
        )
        received_on = received_at.date()
        track_text = self.text(values, "track")
        track = parse_track(track_text)
        if track_text and track is None:
            p.warn("track", f"办理方式“{track_text}”看不出是哪种，按办结日期判断")
        if status is CaseStatus.MERGED:
            p.warn("status", "已合并的重复问题不导入")
            return None, p
        closed_like = status in (CaseStatus.CLOSED, CaseStatus.DONE, CaseStatus.UNSATISFIED)
        if closed_on is None and (track is Track.ON_SPOT or rating is not None or closed_like
                                  or (result is not None and status is None)):  # fmt: skip
            closed_on = received_on
            if track is not Track.ON_SPOT:
                self.no_close_date += 1
        if track is None:
            on_spot = closed_on == received_on and department_id is None
            track = Track.ON_SPOT if on_spot else Track.SUPERVISE
        if track is Track.ON_SPOT and closed_on is None:
            closed_on = received_on
        if closed_on is not None and closed_on < received_on:
            p.error("closed_on", "办结日期早于接待日期")
        if due is not None and due < received_on:
            p.error("due_date", "办理期限早于接待日期")
        if rating is not None and callback_on is None:
            callback_on = closed_on
        if callback_on is not None and rating is None:
            p.warn("callback_on", "有回访日期但没有满意度，回访不导入")
            callback_on = None
        if callback_on is not None and closed_on is not None and callback_on < closed_on:
            p.error("callback_on", "回访日期早于办结日期")
        if p.errors:
            return None, p
        reopen = status in (CaseStatus.PENDING, CaseStatus.IN_PROGRESS) and closed_on is not None
        return _Row(
            number=number,
            key=source_key(received_on, name, phone, content),
            received_at=received_at,
            name=name,
            phone=phone,
            address=address,
            people=people,
            channel=channel,
            deputy_ids=deputy_ids,
            grid_id=grid_id,
            category_id=category_id,
            content=content,
            demand=demand,
            track=track,
            department_id=department_id if track is not Track.ON_SPOT else None,
            due_date=None if track is Track.ON_SPOT else due,
            closed_on=closed_on,
            result=result,
            callback_on=callback_on,
            rating=rating,
            reopen=reopen,
            source=source,
        ), p


@dataclass(slots=True)
class _Plan:
    sheet: Sheet
    layout: str
    mapping: dict[int, str]
    rows_read: int
    groups: list[tuple[str | None, list[_Row]]]  # (existing visit id, its new rows)
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
    reader = _Reader(found, chosen, _references(conn), ctx.clock())
    errors: list[RowIssue] = []
    warnings: list[RowIssue] = []
    checked: list[_Row] = []
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
    groups: list[tuple[str | None, list[_Row]]] = []
    skipped = 0
    previous: _Row | None = None
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


def _events(row: _Row, due: date | None) -> list[CaseEvent]:
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
        return at if day <= at.date() else max(_at(day, at.tzinfo), at)

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

    def due(self, row: _Row) -> date | None:
        if row.track is Track.ON_SPOT or row.due_date is not None:
            return row.due_date
        limit = self.limits.get(row.category_id or "", 15)
        return add_working_days(row.received_at.date(), limit)

    def write(self, groups: Sequence[tuple[str | None, list[_Row]]]) -> None:
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

    def visit_row(self, visit_id: str, row: _Row) -> dict[str, Any]:
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
