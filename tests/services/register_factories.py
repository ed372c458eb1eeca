"""Old-register workbooks for the import tests: a typical station layout and the 问题清单 shape."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from openpyxl import Workbook

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

ISSUE_LIST_HEADER = [
    "序号", "案件编号", "接待日期", "来访方式", "来访群众", "人数", "联系电话", "住址", "所属网格",
    "接待代表", "问题类别", "反映问题", "办理方式", "承办单位", "办理期限", "办理状态", "办结日期",
    "办理结果", "回访日期", "满意度",
]  # fmt: skip
TYPICAL_HEADER = [
    "序号", "接待日期", "接待代表", "来访人", "联系电话", "住址", "反映问题", "办理情况",
    "办理结果", "满意度",
]  # fmt: skip

_CASES = """
SELECT c.id, c.case_no, c.registered_on, v.channel, v.visitor_name, v.people, v.visitor_phone,
       v.visitor_address, g.name, v.id, cat.name, c.content, c.track, d.name, c.due_date,
       c.status, c.first_closed_at
FROM case_record c JOIN visit v ON v.id = c.visit_id
LEFT JOIN grid g ON g.id = v.grid_id
LEFT JOIN category cat ON cat.id = c.category_id
LEFT JOIN department d ON d.id = c.department_id
WHERE c.deleted_at IS NULL AND c.status != 'merged'
ORDER BY c.registered_at, c.case_no
"""


def write_book(path: Path, header, rows, above=(), sheet="Sheet1") -> Path:
    """A one-sheet workbook: optional title lines, the header, the rows."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for line in above:
        ws.append(list(line))
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    book.save(path)
    return path


def issue_list_rows(ctx) -> list[list[object]]:
    """The 问题清单 of every live case, full values, as the ledger export lays it out."""
    q = ctx.db.query
    deputies: dict[str, list[str]] = {}
    for visit_id, name in q(
        "SELECT vd.visit_id, d.name FROM visit_deputy vd JOIN deputy d ON d.id = vd.deputy_id "
        "WHERE vd.deleted_at IS NULL ORDER BY vd.rowid"
    ):
        deputies.setdefault(visit_id, []).append(name)
    results: dict[str, str] = {}
    callbacks: dict[str, tuple[str, str]] = {}
    for case_id, kind, on, payload in q(
        "SELECT case_id, kind, occurred_on, payload FROM case_event "
        "WHERE kind IN ('closed', 'callback') ORDER BY rowid"
    ):
        data = json.loads(payload)
        if kind == "closed":
            results[case_id] = data.get("result", "")
        else:
            callbacks[case_id] = (on, data["rating"])
    rows = []
    for n, r in enumerate(q(_CASES), start=1):
        callback = callbacks.get(r[0])
        rows.append([
            n, r[1], date.fromisoformat(r[2]), CHANNEL_NAMES[Channel(r[3])], r[4], r[5],
            r[6] or "", r[7] or "", r[8] or "", "、".join(deputies.get(r[9], [])), r[10] or "",
            r[11], TRACK_NAMES[Track(r[12])], r[13] or "",
            date.fromisoformat(r[14]) if r[14] else None, STATUS_NAMES[CaseStatus(r[15])],
            date.fromisoformat(r[16][:10]) if r[16] else None, results.get(r[0], ""),
            date.fromisoformat(callback[0]) if callback else None,
            RATING_NAMES[Rating(callback[1])] if callback else "",
        ])  # fmt: skip
    return rows


def write_issue_list(ctx, path: Path) -> Path:
    """The 问题清单 .xlsx with its title lines above the header (full export)."""
    above = [
        ["问题清单"],
        ["站点：测试联络站（410205-01）"],
        ["统计期间：全部"],
        ["生成时间：2026-01-01 09:00 · 完整信息导出"],
        [],
    ]
    return write_book(path, ISSUE_LIST_HEADER, issue_list_rows(ctx), above=above, sheet="问题清单")
