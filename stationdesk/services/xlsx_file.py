"""Streaming .xlsx workbooks (ledgers, reports): heading lines, Chinese header, atomic write."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from stationdesk.services.csv_file import safe_cell

DATE_FORMAT = "yyyy-mm-dd"
_TITLE_FONT = Font(bold=True, size=14)
_HEAD_FONT = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDE6F0")
_CENTRE = Alignment(horizontal="center", vertical="center")
_WRAP = Alignment(vertical="top", wrap_text=True)
# Characters an .xlsx cell cannot hold (XML 1.0): openpyxl refuses them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

Cell = str | int | float | date | None


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a sheet: its Chinese header and its width in Excel characters."""

    title: str
    width: float = 12
    wrap: bool = False  # long text: wrapped in its cell


class Sheet:
    """One streaming worksheet: append rows after the heading; nothing is kept in memory."""

    def __init__(
        self, ws: Any, title: str, lines: Sequence[str], columns: Sequence[Column]
    ) -> None:
        self._ws = ws
        self._columns = tuple(columns)
        self._wrap = [c.wrap for c in self._columns]
        last = get_column_letter(max(1, len(self._columns)))
        self.header_row = len(lines) + 3  # title, the lines, a blank row, then the header
        # write_only: panes, widths and merges must be set before the first row is written.
        ws.freeze_panes = f"A{self.header_row + 1}"
        for i, column in enumerate(self._columns, 1):
            ws.column_dimensions[get_column_letter(i)].width = column.width
        ws.merged_cells.add(f"A1:{last}1")
        for n in range(len(lines)):
            ws.merged_cells.add(f"A{n + 2}:{last}{n + 2}")
        ws.append([self._styled(title, font=_TITLE_FONT, alignment=_CENTRE)])
        for line in lines:
            ws.append([_text(line)])
        ws.append([])
        ws.append(
            [
                self._styled(c.title, font=_HEAD_FONT, fill=_HEAD_FILL, alignment=_CENTRE)
                for c in self._columns
            ]
        )
        self.rows = 0

    def _styled(self, value: Cell, **style: Any) -> WriteOnlyCell:
        cell = WriteOnlyCell(self._ws, value=_value(value))
        for key, item in style.items():
            setattr(cell, key, item)
        return cell

    def append(self, row: Sequence[Cell]) -> None:
        """One data row; dates become real Excel dates (yyyy-mm-dd), text is formula-safe."""
        cells: list[object] = []
        for i, value in enumerate(row):
            # A date cell gets openpyxl's own yyyy-mm-dd format (DATE_FORMAT) without a style
            # object per cell: a 300,000-row ledger stays fast.
            if i < len(self._wrap) and self._wrap[i] and isinstance(value, str):
                cells.append(self._styled(value, alignment=_WRAP))
            else:
                cells.append(_value(value))
        self._ws.append(cells)
        self.rows += 1


def _text(value: str) -> str:
    return _ILLEGAL.sub("", value)


def _value(value: Cell) -> Cell:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        cleaned = safe_cell(_text(value))
        assert isinstance(cleaned, str)
        return cleaned
    return value


class Book:
    """A workbook being written; sheets are added in order and streamed one after another."""

    def __init__(self) -> None:
        self._wb = Workbook(write_only=True)

    def sheet(
        self, name: str, title: str, lines: Sequence[str], columns: Sequence[Column]
    ) -> Sheet:
        """Start a sheet: merged bold title, the heading lines, a blank row, the header row."""
        return Sheet(self._wb.create_sheet(_sheet_name(name)), title, lines, columns)

    def save(self, path: Path) -> None:
        """Write the workbook to path (once)."""
        self._wb.save(str(path))

    def discard(self) -> None:
        """Abandon the workbook: finish and delete the sheets' temporary files (best effort)."""
        for ws in self._wb.worksheets:
            try:
                if ws._rows is not None:  # the row stream: closed while its file is open
                    ws._rows.close()
                if ws._writer is not None:
                    ws._writer.close()
                    Path(ws._writer.out).unlink(missing_ok=True)
            except Exception:  # only temporary files are at stake
                pass


def _sheet_name(name: str) -> str:
    """Excel's rules: at most 31 characters, no backslash, / ? * [ ] or :."""
    cleaned = re.sub(r"[\\/?*\[\]:]", "_", name).strip("'") or "Sheet"
    return cleaned[:31]


@contextmanager
def xlsx_book(dest: Path) -> Iterator[Book]:
    """A workbook written to dest when the block ends without error.

    The file is saved as dest.part and renamed; on an error or Cancelled nothing is left
    under either name.
    """
    book = Book()
    try:
        yield book
    except BaseException:
        book.discard()
        raise
    part = dest.with_name(dest.name + ".part")
    try:
        book.save(part)
        part.replace(dest)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def heading_lines(
    station: str, period: str, generated: str, exporter: str, full_reason: str | None = None
) -> list[str]:
    """The lines under a title: 站点, 统计期间, 生成时间, 导出人 (and the full-data notice)."""
    lines = [
        f"站点：{station}",
        f"统计期间：{period}",
        f"生成时间：{generated}",
        f"导出人：{exporter}",
    ]
    if full_reason is not None:
        lines.append(f"含完整个人信息（原因：{full_reason}），仅限工作使用，不得外传")
    return lines


def write_rows(sheet: Sheet, rows: Iterable[Sequence[Cell]]) -> int:
    """Append every row; the number written."""
    for row in rows:
        sheet.append(row)
    return sheet.rows
