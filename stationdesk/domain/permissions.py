"""Who may do what (reliability.md §4.1): the role matrix every service checks."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

__all__ = ["MATRIX", "Action", "Role", "allowed"]


class Role(StrEnum):
    """The roles of a station PC's accounts (system: the built-in actor of maintenance)."""

    CLERK = "clerk"  # 工作人员
    ADMIN = "admin"  # 站点管理员
    DEPUTY = "deputy"  # 代表: read-only on cases, masked data
    SYSTEM = "system"  # first-run setup, migrations, demo data; never a signed-in person


class Action(StrEnum):
    """What a use case does, as the matrix knows it."""

    VIEW_CASES = "view_cases"  # lists and case windows, masked
    REGISTER = "register"  # 接待登记 and its drafts
    ACT_ON_CASE = "act_on_case"  # 交办 进度 办结 回访 重新督办 转建议 合并 更正
    PRINT_RECEIPT = "print_receipt"  # 打印回执 / 补打回执
    REVEAL = "reveal"  # a full phone or ID number, audited (clerks: their own entries)
    VIEW_ROSTER = (
        "view_roster"  # 代表名册, 值班安排, 履职档案 (public facts, deputies' phones masked)
    )
    EDIT_ROSTER = "edit_roster"  # deputies, duty shifts, sign-in, activities
    EXPORT = "export"  # bulk export of records
    EXPORT_LEDGER = "export_ledger"  # 台账 and 统计报表 to .xlsx/PDF, masked (full needs EXPORT)
    IMPORT_RECORDS = "import_records"  # 导入 Excel 台账: old registers as visits and cases
    BACKUP = "backup"  # take a backup now
    RESTORE = "restore"  # replace the database with a backup
    CHECK = "check"  # the full integrity check
    CONFIGURE = "configure"  # receipt settings, sync token, CA, backup policy
    MANAGE_USERS = "manage_users"  # accounts, password resets, unlocking
    VIEW_AUDIT = "view_audit"  # the audit log page and its export
    PURGE = "purge"  # retention purge
    DEMO_DATA = "demo_data"  # fill a practice database


_CLERK = frozenset(
    {
        Action.VIEW_CASES,
        Action.REGISTER,
        Action.ACT_ON_CASE,
        Action.PRINT_RECEIPT,
        Action.REVEAL,
        Action.VIEW_ROSTER,
        Action.EDIT_ROSTER,
        Action.EXPORT_LEDGER,
        Action.IMPORT_RECORDS,
        Action.BACKUP,
        Action.CHECK,
    }
)
_ADMIN = frozenset(Action) - {Action.DEMO_DATA}

MATRIX: Mapping[Role, frozenset[Action]] = MappingProxyType(
    {
        Role.CLERK: _CLERK,
        Role.ADMIN: _ADMIN,
        Role.DEPUTY: frozenset({Action.VIEW_CASES, Action.VIEW_ROSTER}),
        Role.SYSTEM: frozenset(Action),
    }
)


def allowed(role: str, action: Action) -> bool:
    """Whether the role may perform the action; unknown roles may do nothing."""
    try:
        return action in MATRIX[Role(role)]
    except ValueError:
        return False
