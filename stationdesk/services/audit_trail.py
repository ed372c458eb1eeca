"""The audit log as the admin reads it: filtered pages of rows, the chain's state, CSV export."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from stationdesk.domain.permissions import Action
from stationdesk.services.authz import require
from stationdesk.services.context import ServiceContext
from stationdesk.services.csv_file import write_csv
from stationdesk.store import audit

PAGE = 500
# Families of actions, as the page's filter offers them (prefixes of `action`).
FAMILIES = ("auth", "visit", "case", "user", "settings", "purge", "station", "audit", "sync")


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which rows to show; empty fields do not filter."""

    date_from: date | None = None
    date_to: date | None = None
    user_id: str | None = None
    family: str | None = None  # one of FAMILIES
    record: str | None = None  # a record id or a case number


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One audit row; its detail is already masked by the writer."""

    id: int
    ts: datetime
    user: str | None  # the account's name, or None (an unknown user's failed sign-in)
    role: str | None
    action: str
    entity: str | None
    record_id: str | None
    case_no: str | None
    reason: str | None
    detail: dict[str, Any]


def _where(flt: AuditFilter) -> tuple[str, list[object]]:
    clauses: list[str] = ["1 = 1"]
    params: list[object] = []
    if flt.date_from:
        clauses.append("substr(a.ts, 1, 10) >= ?")
        params.append(flt.date_from.isoformat())
    if flt.date_to:
        clauses.append("substr(a.ts, 1, 10) <= ?")
        params.append(flt.date_to.isoformat())
    if flt.user_id:
        clauses.append("a.user_id = ?")
        params.append(flt.user_id)
    if flt.family in FAMILIES:
        clauses.append("a.action LIKE ?")
        params.append(f"{flt.family}.%")
    if flt.record:
        key = flt.record.strip().upper()
        clauses.append(
            "(a.record_id = ? OR a.record_id IN (SELECT id FROM case_record WHERE case_no = ?))"
        )
        params += [flt.record.strip(), key]
    return " AND ".join(clauses), params


_SELECT = (
    "SELECT a.id, a.ts, u.display_name, a.role, a.action, a.entity, a.record_id, "
    "c.case_no, a.reason, a.detail FROM audit_log AS a "
    "LEFT JOIN app_user AS u ON u.id = a.user_id "
    "LEFT JOIN case_record AS c ON c.id = a.record_id "
)


def audit_rows(ctx: ServiceContext, flt: AuditFilter, *, limit: int = PAGE) -> list[AuditRow]:
    """The newest matching rows first (admin only)."""
    require(ctx, Action.VIEW_AUDIT)
    where, params = _where(flt)
    rows = ctx.db.query(f"{_SELECT} WHERE {where} ORDER BY a.id DESC LIMIT ?", (*params, limit))
    return [
        AuditRow(
            id=int(r[0]),
            ts=datetime.fromisoformat(r[1]),
            user=r[2],
            role=r[3],
            action=str(r[4]),
            entity=r[5],
            record_id=r[6],
            case_no=r[7],
            reason=r[8],
            detail=json.loads(r[9]) if r[9] else {},
        )
        for r in rows
    ]


def users_in_log(ctx: ServiceContext) -> list[tuple[str, str]]:
    """(user id, name) of everyone who appears in the log, for the filter."""
    require(ctx, Action.VIEW_AUDIT)
    rows = ctx.db.query(
        "SELECT DISTINCT u.id, u.display_name FROM audit_log AS a "
        "JOIN app_user AS u ON u.id = a.user_id ORDER BY u.display_name"
    )
    return [(str(r[0]), str(r[1])) for r in rows]


def chain_state(ctx: ServiceContext) -> audit.ChainReport:
    """Whether the chain is whole, and where it first breaks."""
    require(ctx, Action.VIEW_AUDIT)
    with ctx.db.read() as s:
        return audit.verify_chain(s)


def export_csv(ctx: ServiceContext, flt: AuditFilter, dest: Path) -> int:
    """Every matching row into a CSV file Excel opens (UTF-8 with BOM); audited; row count."""
    require(ctx, Action.VIEW_AUDIT)
    rows = audit_rows(ctx, flt, limit=1_000_000)
    header: list[object] = [
        "序号",
        "时间",
        "用户",
        "角色",
        "操作",
        "对象",
        "记录",
        "案件编号",
        "原因",
        "详情",
    ]
    lines: list[list[object]] = [header]
    for r in rows:
        lines.append(
            [
                r.id,
                r.ts.isoformat(timespec="seconds"),
                r.user or "",
                r.role or "",
                r.action,
                r.entity or "",
                r.record_id or "",
                r.case_no or "",
                r.reason or "",
                json.dumps(r.detail, ensure_ascii=False, sort_keys=True),
            ]
        )
    write_csv(dest, lines)
    now = ctx.clock()
    detail = {"rows": len(rows), "file": dest.name}
    with ctx.db.write_core() as conn:
        audit.append(conn, ctx.audit_entry(now, "audit.export", "audit_log", "export", detail))
    return len(rows)
