"""Bulk export of cases to CSV: masked by default; full values only with a reason; watermarked.

Admins only (reliability.md §4.1, GB/T 35273 7.1). The first line of every file says who
exported it, when, from which station and whether it holds full personal data; the export
is audited with its row count, filter and reason, never with the data itself.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from stationdesk.domain.enums import (
    CHANNEL_NAMES,
    STATUS_NAMES,
    TRACK_NAMES,
    CaseStatus,
    Channel,
    Track,
)
from stationdesk.domain.masking import mask_citizen_id, mask_in_text, mask_name, mask_phone
from stationdesk.domain.permissions import Action
from stationdesk.domain.validators import clean_text
from stationdesk.services.authz import require
from stationdesk.services.cases import CaseFilter, case_ids_query
from stationdesk.services.context import ServiceContext
from stationdesk.services.csv_file import write_csv
from stationdesk.store import audit

HEADER = [
    "案件编号", "登记时间", "来访群众", "联系电话", "身份证号", "来访方式", "问题类别",
    "反映问题", "办理方式", "状态", "承办单位", "办理期限", "保密",
]  # fmt: skip

_ROWS = """
SELECT c.id, c.case_no, c.registered_at, v.visitor_name, v.visitor_phone, v.visitor_id_number,
       v.channel, cat.name, c.content, c.track, c.status, d.name, c.due_date, v.confidential
FROM case_record AS c
JOIN visit AS v ON v.id = c.visit_id
LEFT JOIN category AS cat ON cat.id = c.category_id
LEFT JOIN department AS d ON d.id = c.department_id
WHERE c.id = ?
"""


def export_cases(
    ctx: ServiceContext,
    flt: CaseFilter,
    dest: Path,
    *,
    full: bool = False,
    reason: str = "",
) -> int:
    """Write the matching cases to dest (UTF-8 CSV Excel opens); the number of cases.

    Masked: 李*, 138****5678, the ID number never, text with numbers masked, 保密 content
    withheld. full=True needs a reason and writes names, phones and ID numbers as stored.
    """
    require(ctx, Action.EXPORT)
    why = clean_text(reason, "reason", 200, required=full) or None
    now = ctx.clock()
    sql, params = case_ids_query(flt, now.date())
    ids = [str(r[0]) for r in ctx.db.query(sql, params)]
    station = ctx.db.query("SELECT name, code FROM station")[0]
    user = ctx.db.query("SELECT display_name FROM app_user WHERE id = ?", (ctx.actor.user_id,))
    who = str(user[0][0]) if user else ctx.actor.user_id
    kind = f"完整信息导出（原因：{why}）" if full else "脱敏导出"
    lines: list[list[object]] = []
    lines.append(
        [f"联络站工作台导出 · {station[0]}（{station[1]}）· 导出人 {who} · "
         f"{now.isoformat(timespec='minutes')} · {kind} · 仅限工作使用，不得外传"]
    )  # fmt: skip
    lines.append(list(HEADER))
    with ctx.db.read_core() as conn:
        for case_id in ids:
            r = conn.exec_driver_sql(_ROWS, (case_id,)).one()
            confidential = bool(r[13])
            name, phone, id_number, content = r[3], r[4], r[5], str(r[8])
            if not full:
                name = mask_name(str(name))
                phone = mask_phone(str(phone)) if phone else ""
                id_number = mask_citizen_id(str(id_number)) if id_number else ""
                content = "（保密）" if confidential else mask_in_text(content)
            lines.append(
                [
                    r[1],
                    str(r[2])[:16].replace("T", " "),
                    name,
                    phone or "",
                    id_number or "",
                    CHANNEL_NAMES[Channel(r[6])],
                    r[7] or "",
                    content,
                    TRACK_NAMES[_track(r[9])],
                    STATUS_NAMES[_status(r[10])],
                    r[11] or "",
                    r[12] or "",
                    "是" if confidential else "",
                ]
            )
    write_csv(dest, lines)
    # The filter as asked, with any phone or ID number typed into the search masked.
    filters = {
        k: mask_in_text(str(v)) for k, v in asdict(flt).items() if v not in (None, "", (), False)
    }
    detail = {"rows": len(ids), "full": full, "file": dest.name, "filter": filters}
    with ctx.db.write_core() as conn:
        entry = ctx.audit_entry(now, "export.cases", "case_record", "export", detail, why)
        audit.append(conn, entry)
    return len(ids)


def _track(value: object) -> Track:
    return Track(str(value))


def _status(value: object) -> CaseStatus:
    return CaseStatus(str(value))
