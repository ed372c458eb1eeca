"""Excel import of an existing deputy roster (代表名册): template, dry run, all-or-nothing."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

from stationdesk.domain.enums import LEVEL_NAMES, DeputyLevel
from stationdesk.domain.errors import ValidationError
from stationdesk.domain.masking import mask_in_text
from stationdesk.domain.permissions import Action
from stationdesk.domain.validators import validate_person_name
from stationdesk.services.authz import require
from stationdesk.services.context import ServiceContext
from stationdesk.services.csv_file import safe_cell
from stationdesk.services.roster import (
    GENDER_LABELS,
    ContactInput,
    DeputyInput,
    TermInput,
    validate_deputy,
    write_deputy,
)
from stationdesk.services.sheet_cells import cell_text
from stationdesk.store import audit

__all__ = [
    "EXAMPLE_MARK",
    "MAX_ROWS",
    "TEMPLATE_COLUMNS",
    "ImportReport",
    "RowError",
    "import_roster",
    "write_template",
]

MAX_ROWS = 2000  # deputies in one file
EXAMPLE_MARK = "示例"  # a row whose 姓名 starts with this is the template's example: skipped
_MAX_BYTES = 20 * 1024 * 1024
_HEADER_SCAN = 20  # the header row is looked for in the first rows (a title may sit above it)
_V = TypeVar("_V")

_NAME, _GENDER, _LEVELS, _TERMS, _PLACES = "姓名", "性别", "代表层级", "届次", "选区"
_UNIT, _JOB, _GROUP, _PUBLIC = "单位及职务", "职业", "专业小组", "联系方式（公开）"
_PHONE, _GRIDS, _COMMITMENT, _CONTACTS = "手机号码", "联系网格", "年度承诺", "联系选民（户）"
_REQUIRED = (_NAME, _LEVELS, _TERMS)

# One line per column: header, width, the example row's value, the note on the 说明 sheet.
_SPEC: tuple[tuple[str, int, str, str], ...] = (
    (_NAME, 14, "示例：张建国",
     "必填。只用汉字或字母（少数民族姓名可带“·”）。名册中已有同名代表的不导入。"),
    (_GENDER, 6, "男", "填“男”或“女”，也可不填。"),
    (_LEVELS, 14, "县、镇",
     "必填。填 全国、省、市、县、区、乡、镇（也可写“县(区)”“乡(镇)”）；"
     "兼任几级代表的，用“、”分开，如“县、镇”。"),
    (_TERMS, 12, "第十七届",
     "必填。如“第十七届”（也可写“十七”或“17”）。兼任几级的，按层级的顺序逐一填写，"
     "用“、”分开；只填一个表示各级相同。人大名称自动生成：县＋第十七届 → "
     "县第十七届人民代表大会；全国＋第十四届 → 第十四届全国人民代表大会。"),
    (_PLACES, 20, "第三选区、红旗村选区",
     "可不填。按层级的顺序逐一填写，用“、”分开；只填一个表示各级相同。"),
    (_UNIT, 22, "红旗村党支部书记", "工作单位和职务，最多100字。"),
    (_JOB, 10, "农民", "最多60字。"),
    (_GROUP, 12, "农业农村组", "代表所在的专业小组，最多40字。"),
    (_PUBLIC, 16, "0379-65123456", "可以向群众公开的联系方式，如办公电话，最多60字。"),
    (_PHONE, 14, "13812345678",
     "代表本人的手机号（11位），也可填带区号的固定电话。站内显示时隐去中间四位。"),
    (_GRIDS, 18, "红旗村第一网格",
     "代表联系的网格，写本站已有网格的名称，几个用“、”分开。"
     "不同村有同名网格时在前面加村名，如“红旗村第一网格”。"),
    (_COMMITMENT, 30, "每月进站接待群众不少于一次。", "最多1000字。"),
    (_CONTACTS, 28, "红旗村三组12户；东风村二组8户",
     "代表固定联系的选民或户，几项用“；”分开，每项写名称和户数；不写户数算1户。"
     "名称以“某某村”“某某社区”开头的，记为所在村。"),
)  # fmt: skip
_GENERAL_NOTES = (
    "第一行是列名，不要改动；带*的列必须填写，列的先后可以调换，多出的列不读。",
    f"灰色斜体的一行是示例（姓名以“{EXAMPLE_MARK}”开头），导入时自动跳过，可以删掉。",
    "几项之间可用“、”“，”“/”或“；”分开。",
    f"一次最多导入{MAX_ROWS}名代表。先“检查”，列出每一行的问题；"
    "全部改正后才能导入，有任何一行出错，整个表都不导入。",
)
_COLUMNS = tuple(spec[0] for spec in _SPEC)
TEMPLATE_COLUMNS: tuple[str, ...] = tuple(f"{c}*" if c in _REQUIRED else c for c in _COLUMNS)
_COLUMN_ORDER = {c: i for i, c in enumerate(_COLUMNS)}

_FIELD_COLUMNS = {
    "name": _NAME, "gender": _GENDER, "terms": _LEVELS, "unit": _UNIT, "occupation": _JOB,
    "professional_group": _GROUP, "public_contact": _PUBLIC, "phone": _PHONE,
    "commitment": _COMMITMENT, "grid_ids": _GRIDS, "contacts": _CONTACTS,
}  # fmt: skip
_TERM_COLUMNS = {"level": _LEVELS, "congress": _TERMS, "term": _TERMS, "constituency": _PLACES}
# What a bad field is replaced with so validate_deputy can go on to the row's other fields.
_NEUTRAL: dict[str, Any] = {
    "name": "某", "gender": None, "terms": (TermInput(DeputyLevel.COUNTY, "某", "某"),),
    "unit": None, "occupation": None, "professional_group": None, "public_contact": None,
    "phone": None, "commitment": None, "grid_ids": (), "contacts": (),
}  # fmt: skip

_LEVEL_WORDS: Mapping[str, DeputyLevel] = {
    **{name: level for level, name in LEVEL_NAMES.items()},
    "县": DeputyLevel.COUNTY,
    "区": DeputyLevel.COUNTY,
    "乡": DeputyLevel.TOWNSHIP,
    "镇": DeputyLevel.TOWNSHIP,
}
_GENDERS = {label: code for code, label in GENDER_LABELS.items()}
_SEPARATORS = re.compile(r"[、,，/;；\n]+")
_SPACES = re.compile(r"\s+")
_TERM = re.compile(r"第?([0-9]{1,2}|[〇零一二两三四五六七八九十]{1,4})届?")
_CN_DIGITS = "〇一二三四五六七八九"
_CONTACT = re.compile(r"(.*?\D)\s*([0-9]+)\s*户?")
_VILLAGE = re.compile(r".+?(?:村|社区)")

_TOO_MANY = f"一次最多导入{MAX_ROWS}名代表，请把表格分成几个文件"
_UNREADABLE = (
    "文件无法读取：可能已损坏、设了打开密码，或不是 Excel 文件。"
    "请用 Excel 打开后另存为 .xlsx 再导入"
)
_ALREADY = "名册中已有同名代表；如确为另一人，请删去此行，导入后在名册中单独添加"


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem: the Excel row the clerk sees (0: the file as a whole) and the column."""

    row: int
    column: str | None
    message: str

    def describe(self) -> str:
        """e.g. 第 3 行：手机号码格式不对 (the message alone for the whole file)."""
        return f"第 {self.row} 行：{self.message}" if self.row else self.message


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What a dry run found or a real run did; `created` is 0 whenever there are errors."""

    rows_read: int
    ready: int
    errors: tuple[RowError, ...]
    created: int
    dry_run: bool


class _SheetError(Exception):
    """A cell (or the whole file) that cannot be imported, with the message shown as it is."""

    def __init__(self, column: str | None, message: str, row: int = 0) -> None:
        super().__init__(message)
        self.column, self.message, self.row = column, message, row


@dataclass(frozen=True, slots=True)
class _Row:
    number: int
    cells: Mapping[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


# --- the template -----------------------------------------------------------------------------


def write_template(path: Path) -> None:
    """Write the import template (.xlsx): header, one grey example row, a 说明 sheet."""
    book = Workbook()
    sheet = book.active
    sheet.title = "代表名册"
    sheet.append(TEMPLATE_COLUMNS)
    sheet.append([safe_cell(spec[2]) for spec in _SPEC])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="FF808080")
    for index, spec in enumerate(_SPEC, start=1):
        column = sheet.column_dimensions[get_column_letter(index)]
        column.width = spec[1]
        column.number_format = "@"  # text: a typed phone keeps its digits, no dates appear
    sheet.freeze_panes = "A2"
    genders = DataValidation(type="list", formula1='"男,女"', allow_blank=True)
    genders.add(f"B2:B{MAX_ROWS + 2}")
    sheet.add_data_validation(genders)
    notes = book.create_sheet("说明")
    for line in _GENERAL_NOTES:
        notes.append((line,))
    notes.append(())
    notes.append(("列名", "填写说明", "示例"))
    for header, spec in zip(TEMPLATE_COLUMNS, _SPEC, strict=True):
        notes.append((header, spec[3], safe_cell(spec[2])))
    for cell in notes[len(_GENERAL_NOTES) + 2]:
        cell.font = Font(bold=True)
    for cell in notes["B"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    notes.column_dimensions["A"].width = 18
    notes.column_dimensions["B"].width = 90
    notes.column_dimensions["C"].width = 30
    _save(book, path)


def _save(book: Any, path: Path) -> None:
    """Save beside `path` and rename: a half-written file never appears under its name."""
    part = path.with_name(path.name + ".part")
    try:
        book.save(part)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


# --- reading the sheet ------------------------------------------------------------------------


def _key(text: str) -> str:
    """NFKC without any spaces: （ → (, full-width digits → ASCII."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


def _check_file(path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise _SheetError(
            None, "这是旧版 Excel（.xls）文件：请在 Excel 中另存为 .xlsx 格式后再导入"
        )
    if suffix != ".xlsx":
        raise _SheetError(None, "只能导入 Excel 的 .xlsx 文件")
    try:
        size = path.stat().st_size
    except OSError:
        raise _SheetError(None, f"找不到文件：{path.name}") from None
    if size > _MAX_BYTES:
        raise _SheetError(None, "文件太大（超过 20 MB），请只保留代表名册这一张表")


def _load(path: Path) -> list[tuple[int, tuple[object, ...]]]:
    """The first sheet's non-empty rows as (Excel row number, values)."""
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged or foreign file fails in many ways inside openpyxl
        raise _SheetError(None, _UNREADABLE) from exc
    rows: list[tuple[int, tuple[object, ...]]] = []
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # other programs may record a wrong size: read every row
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if any(v is not None and v != "" for v in values):
                rows.append((number, tuple(values)))
            if len(rows) > MAX_ROWS + _HEADER_SCAN + 1:  # title and header rows, one example
                raise _SheetError(None, _TOO_MANY)
    except _SheetError:
        raise
    except Exception as exc:  # a broken sheet inside a valid zip, as above
        raise _SheetError(None, _UNREADABLE) from exc
    finally:
        book.close()
    return rows


def _header(rows: Sequence[tuple[int, tuple[object, ...]]]) -> tuple[int, dict[str, int]]:
    """The header row's number and where each known column is; required ones must be there."""
    known = {_key(c): c for c in _COLUMNS}
    for number, values in rows:
        if number > _HEADER_SCAN:
            break
        keys = [_key(cell_text(v)).rstrip("*") for v in values]
        if _NAME not in keys:
            continue
        columns: dict[str, int] = {}
        for index, key in enumerate(keys):
            if key in known:
                columns.setdefault(known[key], index)
        missing = [c for c in _REQUIRED if c not in columns]
        if missing:
            raise _SheetError(None, "缺少必填的列：" + "、".join(missing), number)
        return number, columns
    raise _SheetError(_NAME, "找不到表头：应有一行列名，其中有“姓名”“代表层级”“届次”", 1)


def _data_rows(path: Path) -> list[_Row]:
    """The deputies' rows: after the header, not empty, not the example."""
    _check_file(path)
    raw = _load(path)
    header_row, columns = _header(raw)
    rows = []
    for number, values in raw:
        if number <= header_row:
            continue
        cells = {c: cell_text(values[i]) if i < len(values) else "" for c, i in columns.items()}
        if any(cells.values()) and not cells[_NAME].startswith(EXAMPLE_MARK):
            rows.append(_Row(number, cells))
    if not rows:
        raise _SheetError(None, "表格中没有代表（示例行不导入）")
    if len(rows) > MAX_ROWS:
        raise _SheetError(None, _TOO_MANY)
    return rows


# --- one row ----------------------------------------------------------------------------------


def _items(text: str) -> list[str]:
    return [part.strip() for part in _SEPARATORS.split(text) if part.strip()]


def _gender(text: str) -> str | None:
    if not text:
        return None
    if _key(text) not in _GENDERS:
        raise _SheetError(_GENDER, f"性别只能填“男”或“女”，不能填“{text}”")
    return _GENDERS[_key(text)]


def _chinese_number(n: int) -> str:
    """1–99 in Chinese numerals: 10 → 十, 17 → 十七, 21 → 二十一."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else "十" if tens == 1 else _CN_DIGITS[tens] + "十"
    return head + (_CN_DIGITS[ones] if ones else "")


def _term(token: str) -> str:
    """第十七届, 十七届, 十七, 17 → 第十七届."""
    found = _TERM.fullmatch(_key(token))
    number = found.group(1) if found else ""
    if number.isascii():  # Arabic digits (or nothing): 0 is no term
        number = _chinese_number(int(number)) if number.strip("0") else ""
    if not number:
        raise _SheetError(_TERMS, f"届次写法不对：“{token}”，应写成“第十七届”这样")
    return f"第{number}届"


def _congress(word: str, term: str) -> str:
    """县 + 第十七届 → 县第十七届人民代表大会; 全国 + 第十四届 → 第十四届全国人民代表大会."""
    if word == "全国":
        return f"{term}全国人民代表大会"
    return f"{word[0]}{term}人民代表大会"  # 县(区) → 县, 乡(镇) → 乡


def _spread(values: list[str], count: int, column: str) -> list[str]:
    """One value per level: none (blank), one for all, or as many as there are levels."""
    if len(values) <= 1:
        return (values or [""]) * count
    if len(values) != count:
        raise _SheetError(column, f"{column}的个数与层级不一致")
    return values


def _terms(row: _Row) -> tuple[TermInput, ...]:
    words = [_key(word) for word in _items(row.get(_LEVELS))]
    if not words:
        raise _SheetError(_LEVELS, "代表层级必须填写")
    for word in words:
        if word not in _LEVEL_WORDS:
            raise _SheetError(
                _LEVELS, f"代表层级不认识：“{word}”（可填全国、省、市、县、区、乡、镇）"
            )
    given = _items(row.get(_TERMS))
    if not given:
        raise _SheetError(_TERMS, "届次必须填写")
    terms = _spread([_term(t) for t in given], len(words), _TERMS)
    places = _spread(_items(row.get(_PLACES)), len(words), _PLACES)
    return tuple(
        TermInput(_LEVEL_WORDS[word], _congress(word, term), term, place or None)
        for word, term, place in zip(words, terms, places, strict=True)
    )


def _grid_ids(text: str, grids: Mapping[str, Mapping[str, str]]) -> tuple[str, ...]:
    """Grid names (or village + name) → ids; `grids` maps both spellings to {id: village}."""
    ids = []
    for name in _items(text):
        found = grids.get(_key(name), {})
        if not found:
            raise _SheetError(_GRIDS, f"网格“{name}”不存在")
        if len(found) > 1:
            village = next(iter(found.values()))
            raise _SheetError(_GRIDS, f"网格“{name}”有重名，请在前面加村名，如“{village}{name}”")
        ids.append(next(iter(found)))
    return tuple(ids)


def _contacts(text: str) -> tuple[ContactInput, ...]:
    """红旗村三组12户；张大爷 → (红旗村三组, 红旗村, 12), (张大爷, None, 1)."""
    out = []
    for item in _items(unicodedata.normalize("NFKC", text)):
        found = _CONTACT.fullmatch(item)
        name, households = (found.group(1).strip(), int(found.group(2))) if found else (item, 1)
        village = _VILLAGE.match(name)
        out.append(ContactInput(name, village.group(0) if village else None, households))
    return tuple(out)


def _validate(data: DeputyInput) -> tuple[DeputyInput | None, list[ValidationError]]:
    """validate_deputy, again with each bad field blanked, so a row lists all its mistakes."""
    found: list[ValidationError] = []
    blanked: set[str] = set()
    while True:
        try:
            clean = validate_deputy(data)
        except ValidationError as exc:
            found.append(exc)
            root = (exc.field or "").split(".")[0]
            if root in blanked or root not in _NEUTRAL:
                return None, found
            blanked.add(root)
            data = replace(data, **{root: _NEUTRAL[root]})
        else:
            return (None if found else clean), found


def _column_of(field: str | None) -> str | None:
    parts = (field or "").split(".")
    if parts[0] == "terms" and len(parts) == 3:
        return _TERM_COLUMNS.get(parts[2], _LEVELS)
    return _FIELD_COLUMNS.get(parts[0])


def _message(column: str | None, exc: ValidationError) -> str:
    """A validator's code as a short Chinese sentence naming the column."""
    label, p = column or "这一行", exc.params
    if exc.code == "required":
        return f"{label}必须填写"
    if exc.code == "too_long":
        return f"{label}太长：最多{p.get('max_len')}个字，现有{p.get('length')}个字"
    if exc.code == "name_characters":
        return "姓名含有数字或符号" + (f"：“{p['char']}”" if "char" in p else "")
    if exc.code == "phone_format":
        return f"{label}格式不对"
    if exc.code == "duplicate_level":
        return "代表层级有重复"
    if exc.code == "deputy_needs_level":
        return "代表层级必须填写"
    if exc.code == "out_of_range":
        return f"{label}的户数应在{p.get('low')}到{p.get('high')}之间"
    if exc.code == "invalid_characters":
        return f"{label}含有无法保存的字符"
    return f"{label}填写有误（{exc.code}）"


def _attempt(problems: list[_SheetError], parse: Callable[[], _V], fallback: _V) -> _V:
    try:
        return parse()
    except _SheetError as problem:
        problems.append(problem)
        return fallback


def _check_row(
    row: _Row, grids: Mapping[str, Mapping[str, str]]
) -> tuple[DeputyInput | None, list[RowError]]:
    """The row as a cleaned DeputyInput, or every problem found in it."""
    problems: list[_SheetError] = []
    data = DeputyInput(
        name=row.get(_NAME),
        terms=_attempt(problems, lambda: _terms(row), _NEUTRAL["terms"]),
        gender=_attempt(problems, lambda: _gender(row.get(_GENDER)), None),
        unit=row.get(_UNIT) or None,
        occupation=row.get(_JOB) or None,
        professional_group=row.get(_GROUP) or None,
        public_contact=row.get(_PUBLIC) or None,
        phone=row.get(_PHONE) or None,
        commitment=row.get(_COMMITMENT) or None,
        grid_ids=_attempt(problems, lambda: _grid_ids(row.get(_GRIDS), grids), ()),
        contacts=_contacts(row.get(_CONTACTS)),
    )
    clean, invalid = _validate(data)
    errors = [RowError(row.number, p.column, p.message) for p in problems]
    for exc in invalid:
        column = _column_of(exc.field)
        errors.append(RowError(row.number, column, _message(column, exc)))
    return (None if errors else clean), errors


def _clean_name(text: str) -> str | None:
    try:
        return validate_person_name(text)
    except ValidationError:
        return None


def _name_clashes(rows: Sequence[_Row], existing: set[str]) -> list[RowError]:
    """Names already in the roster, and names given twice in the sheet (every such row)."""
    by_name: dict[str, list[int]] = {}
    for row in rows:
        name = _clean_name(row.get(_NAME))
        if name:
            by_name.setdefault(name, []).append(row.number)
    errors = []
    for name, numbers in by_name.items():
        if name in existing:
            errors += [RowError(n, _NAME, _ALREADY) for n in numbers]
        if len(numbers) > 1:
            for n in numbers:
                others = "、".join(str(o) for o in numbers if o != n)
                errors.append(RowError(n, _NAME, f"姓名与第{others}行重复；如确为两人，请删去一行"))
    return errors


# --- the use case -----------------------------------------------------------------------------


def _references(ctx: ServiceContext) -> tuple[dict[str, dict[str, str]], set[str]]:
    """Grids by name and by village + name ({id: village}); every deputy's name."""
    grids: dict[str, dict[str, str]] = {}
    with ctx.db.read_core() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, name, village FROM grid WHERE deleted_at IS NULL"
        ).all()
        names = conn.exec_driver_sql("SELECT name FROM deputy WHERE deleted_at IS NULL").all()
    for row in rows:
        gid, name, village = str(row[0]), str(row[1]), str(row[2])
        for spelling in {_key(name), _key(village + name)}:
            grids.setdefault(spelling, {})[gid] = village
    existing = {str(r[0]) for r in names}
    return grids, existing


def _commit(ctx: ServiceContext, file_name: str, ready: Sequence[DeputyInput]) -> None:
    """Every deputy and one audit row in one transaction: all are saved or none."""
    with ctx.db.write_core() as conn:
        for data in ready:
            write_deputy(conn, ctx, data)
        detail = {"file": mask_in_text(file_name), "rows": len(ready)}
        audit.append(
            conn, ctx.audit_entry(ctx.clock(), "roster_import", "deputy", "import", detail)
        )


def import_roster(ctx: ServiceContext, path: Path, *, dry_run: bool = True) -> ImportReport:
    """Check an .xlsx roster row by row; unless `dry_run`, save it if no row has an error.

    Problems come back as data (Chinese messages with the Excel row and column), never as
    exceptions; a failure while saving (e.g. disk full) raises and leaves nothing saved.
    """
    require(ctx, Action.EDIT_ROSTER)
    try:
        rows = _data_rows(path)
    except _SheetError as problem:
        error = RowError(problem.row, problem.column, problem.message)
        return ImportReport(0, 0, (error,), 0, dry_run)
    grids, existing = _references(ctx)
    checked = [_check_row(row, grids) for row in rows]
    errors = [e for _, row_errors in checked for e in row_errors]
    errors += _name_clashes(rows, existing)
    errors.sort(key=lambda e: (e.row, _COLUMN_ORDER.get(e.column or "", -1)))
    bad_rows = {e.row for e in errors}
    ready = [
        data
        for row, (data, _) in zip(rows, checked, strict=True)
        if data is not None and row.number not in bad_rows
    ]
    if errors or dry_run:
        return ImportReport(len(rows), len(ready), tuple(errors), 0, dry_run)
    _commit(ctx, path.name, ready)
    return ImportReport(len(rows), len(ready), (), len(ready), dry_run)
