"""Reading an old register's .xlsx (sheets, header row, cells) and writing the optional template."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from stationdesk.services.register_columns import (
    FIELDS,
    REQUIRED_FIELDS,
    CellError,
    find_header_row,
)
from stationdesk.services.sheet_cells import cell_text

__all__ = ["MAX_ROWS", "Sheet", "column_name", "read_sheet", "sheet_names",
           "write_template"]  # fmt: skip

MAX_ROWS = 50_000  # data rows in one sheet
_MAX_BYTES = 50 * 1024 * 1024
_UNREADABLE = (
    "文件无法读取：可能已损坏、设了打开密码，或不是 Excel 文件。"
    "请用 Excel 打开后另存为 .xlsx 再导入"
)


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet as read: its name, the header row (Excel number) and the rows after it."""

    name: str
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]  # (Excel row number, raw cell values)


def column_name(index: int, headers: Sequence[str]) -> str:
    """The column as the clerk knows it: its header, or its letter when the header is blank."""
    header = headers[index].strip() if index < len(headers) else ""
    return header or f"{get_column_letter(index + 1)} 列"


def _check_file(path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise CellError("这是旧版 Excel（.xls）文件：请在 Excel 中另存为 .xlsx 格式后再导入")
    if suffix not in (".xlsx", ".xlsm"):
        raise CellError("只能导入 Excel 的 .xlsx 文件")
    try:
        size = path.stat().st_size
    except OSError:
        raise CellError(f"找不到文件：{path.name}") from None
    if size > _MAX_BYTES:
        raise CellError("文件太大（超过 50 MB），请只保留台账这一张表")


def _open(path: Path) -> Any:
    _check_file(path)
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged or foreign file fails in many ways inside openpyxl
        raise CellError(_UNREADABLE) from exc


def sheet_names(path: Path) -> tuple[str, ...]:
    """The workbook's sheet names, in order."""
    book = _open(path)
    try:
        return tuple(book.sheetnames)
    finally:
        book.close()


def read_sheet(path: Path, sheet: str | None = None) -> Sheet:
    """The named sheet (default: the first whose header row is found) with its data rows.

    Raises CellError with a Chinese message: unreadable file, no such sheet, no header row,
    too many rows.
    """
    book = _open(path)
    try:
        names = list(book.sheetnames)
        if sheet is not None and sheet not in names:
            raise CellError(f"文件中没有名为“{sheet}”的工作表（有：{'、'.join(names)}）")
        for name in [sheet] if sheet is not None else names:
            found = _read_one(book[name], name)
            if found is not None:
                return found
    except CellError:
        raise
    except Exception as exc:  # a broken sheet inside a valid zip
        raise CellError(_UNREADABLE) from exc
    finally:
        book.close()
    raise CellError(
        "找不到表头：前 15 行中应有一行列名，其中至少有三个能认出的列名，"
        "如“接待日期”“来访群众”“反映问题”"
    )


def _read_one(ws: Any, name: str) -> Sheet | None:
    ws.reset_dimensions()  # other programs may record a wrong size: read every row
    rows: list[tuple[int, tuple[object, ...]]] = []
    header_at: int | None = None
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if header_at is None:
            rows.append((number, tuple(values)))
            if len(rows) >= 15:
                header_at = find_header_row([[cell_text(v) for v in r] for _, r in rows])
                if header_at is None:
                    return None
            continue
        if any(v is not None and cell_text(v) != "" for v in values):
            rows.append((number, tuple(values)))
            if len(rows) > MAX_ROWS + 15:
                raise CellError(f"一次最多导入 {MAX_ROWS} 行，请把台账分成几个文件")
    if header_at is None:
        header_at = find_header_row([[cell_text(v) for v in r] for _, r in rows])
        if header_at is None:
            return None
    header_number, header_values = rows[header_at]
    headers = [cell_text(v) for v in header_values]
    while headers and not headers[-1]:
        headers.pop()
    data = tuple(
        (n, values)
        for n, values in rows[header_at + 1 :]
        if any(v is not None and cell_text(v) != "" for v in values)
    )
    return Sheet(name, header_number, tuple(headers), data)


# --- the template -----------------------------------------------------------------------------

_EXAMPLE = {
    "seq": "示例", "received_on": date(2024, 3, 5), "channel": "来访", "visitor_name": "示例：张三",
    "people": 1, "phone": "13812345678", "address": "红旗村三组", "deputies": "李建国、王芳",
    "category": "", "content": "村口路灯坏了三盏，晚上出行不便", "track": "联络站督办",
    "department": "", "due_date": date(2024, 3, 26), "closed_on": date(2024, 3, 20),
    "result": "已更换路灯", "callback_on": date(2024, 3, 22), "rating": "满意",
}  # fmt: skip
_TEMPLATE_FIELDS = ("seq", "received_on", "channel", "visitor_name", "people", "phone",
                    "address", "deputies", "category", "content", "track", "department",
                    "due_date", "closed_on", "result", "callback_on", "rating")  # fmt: skip
_NOTES = (
    "此模板只是参考：原有台账的列名和顺序不必改动，导入时可以逐列对应。",
    "灰色斜体的一行是示例（序号或来访群众以“示例”开头），导入时自动跳过，可以删掉。",
    "带*的列必须填写：接待日期、反映问题。日期可写 2024-3-5、2024/03/05、2024.3.5、2024年3月5日。",
    "满意度可填：满意、基本满意、不满意（也认：非常满意、比较满意、一般、✓ 等）。",
    "同一次来访反映几个问题时，每个问题一行，来访信息相同的相邻几行记为同一次来访。",
    "同一行导入两次只记一次：接待日期、来访群众、联系电话、反映问题都相同的行视为同一行。",
)


def write_template(dest: Path) -> None:
    """Write the optional template (.xlsx): header, one example row, a 说明 sheet."""
    labels = {f.key: f.label for f in FIELDS}
    labels["seq"] = "序号"
    book = Workbook()
    sheet = book.active
    sheet.title = "接待台账"
    header = [labels[k] + ("*" if k in REQUIRED_FIELDS else "") for k in _TEMPLATE_FIELDS]
    sheet.append(header)
    sheet.append([_EXAMPLE.get(k, "") for k in _TEMPLATE_FIELDS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="FF808080")
        if isinstance(cell.value, date):
            cell.number_format = "yyyy-mm-dd"
    widths = {"content": 40, "result": 24, "address": 18, "deputies": 14, "track": 14}
    for index, key in enumerate(_TEMPLATE_FIELDS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(key, 12)
    phone_column = get_column_letter(_TEMPLATE_FIELDS.index("phone") + 1)
    sheet.column_dimensions[phone_column].number_format = "@"  # a typed phone keeps its digits
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("说明")
    for line in _NOTES:
        notes.append((line,))
    notes.column_dimensions["A"].width = 100
    part = dest.with_name(dest.name + ".part")
    try:
        book.save(part)
        os.replace(part, dest)
    finally:
        part.unlink(missing_ok=True)
