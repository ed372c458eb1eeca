"""One row of an old register read and checked: its values, or its problems in Chinese.

What counts as the same source row (docs/register_import.md): the same 接待日期, 来访群众,
联系电话 and 反映问题 after normalisation (NFKC, no spaces; the phone in its stored form).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo

from sqlalchemy import Connection

from stationdesk.domain.enums import CaseStatus, Channel, Rating, Track
from stationdesk.domain.errors import ValidationError
from stationdesk.domain.validators import clean_text, validate_person_name
from stationdesk.services.register_columns import (
    CellError,
    is_masked,
    norm,
    parse_channel,
    parse_date,
    parse_people,
    parse_phone,
    parse_rating,
    parse_status,
    parse_track,
)
from stationdesk.services.register_sheet import Sheet, column_name
from stationdesk.services.sheet_cells import cell_text

__all__ = ["ANONYMOUS", "EXAMPLE_MARK", "References", "RowIssue", "RowReader", "SourceRow",
           "at_day", "references", "source_key"]  # fmt: skip

ANONYMOUS = "匿名"  # 来访群众 left blank in the register
EXAMPLE_MARK = "示例"  # the template's example row (序号 or 来访群众 starting so) is skipped
_DAY_START = time(9, 0)  # a date without a time: the visit is put at 9:00
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


@dataclass(slots=True)
class SourceRow:
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
class References:
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


def references(conn: Connection) -> References:
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
    return References(categories, tuple(names), departments, deputies, grids)


def at_day(day: date, tz: tzinfo | None) -> datetime:
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


def _deputies(
    p: _Problems, text: str, refs: References, source: dict[str, object]
) -> tuple[str, ...]:
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


class RowReader:
    """Turns the sheet's rows into checked rows (or problems) under one mapping."""

    def __init__(self, sheet: Sheet, mapping: Mapping[int, str], refs: References, now: datetime):
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

    def read(self, number: int, values: tuple[object, ...]) -> tuple[SourceRow | None, _Problems]:
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
            received.replace(tzinfo=tz) if isinstance(received, datetime) else at_day(received, tz)
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
        return SourceRow(
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
