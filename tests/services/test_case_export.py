"""Case export: masked by default, full only with a reason, watermarked, audited, admin only."""

from __future__ import annotations

import csv
import re
import sqlite3

import pytest

from stationdesk.domain.enums import Track
from stationdesk.domain.errors import AccessError, ValidationError
from stationdesk.domain.permissions import Role
from stationdesk.services import accounts
from stationdesk.services.case_export import HEADER, export_cases
from stationdesk.services.cases import CaseFilter
from stationdesk.services.dto import IssueInput, VisitInput
from stationdesk.services.reception import register_visit
from tests.factories import sample_visit

MOBILE = re.compile(r"(?<![0-9A-Za-z*])1[3-9]\d{9}(?![0-9A-Za-z])")


def _read(path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


@pytest.fixture
def admin(ctx):
    accounts.create_user(
        ctx, username="admin", display_name="王站长", role=Role.ADMIN, password="站长的口令-A1b2"
    )
    return ctx.as_actor(accounts.sign_in(ctx, "admin", "站长的口令-A1b2")[0])


def test_masked_export_holds_no_full_phone_id_or_secret_content(admin, tmp_path):
    """Default: 张*, 138****…, no ID number, 保密 content withheld; watermark line first."""
    register_visit(admin, sample_visit(12345678))
    register_visit(
        admin,
        VisitInput(
            visitor_name="秘密群众",
            phone="13900001111",
            confidential=True,
            issues=(IssueInput(content="举报村干部违规", track=Track.SUPERVISE),),
        ),
    )
    dest = tmp_path / "cases.csv"
    assert export_cases(admin, CaseFilter(), dest) == 3
    rows = _read(dest)
    assert "导出人 王站长" in rows[0][0] and "脱敏导出" in rows[0][0]
    assert rows[1] == HEADER
    text = "\n".join(",".join(r) for r in rows)
    assert MOBILE.search(text) is None and "11010519491231002X" not in text
    assert "张*" in text and "秘密群众" not in text and "举报村干部违规" not in text
    assert "（保密）" in text


def test_full_export_needs_a_reason_and_says_so_in_the_file_and_log(admin, tmp_path):
    """完整信息 without a reason is refused; with one the file and the audit row say why."""
    register_visit(admin, sample_visit(12345678))
    with pytest.raises(ValidationError) as err:
        export_cases(admin, CaseFilter(), tmp_path / "x.csv", full=True, reason="  ")
    assert err.value.field == "reason"
    dest = tmp_path / "full.csv"
    export_cases(admin, CaseFilter(), dest, full=True, reason="县人大要求核对")
    rows = _read(dest)
    assert "完整信息导出（原因：县人大要求核对）" in rows[0][0]
    assert "13812345678" in "\n".join(",".join(r) for r in rows)
    con = sqlite3.connect(admin.paths.db)
    logged = con.execute(
        "SELECT reason, detail FROM audit_log WHERE action = 'export.cases'"
    ).fetchall()
    con.close()
    assert logged[0][0] == "县人大要求核对" and '"full": true' in logged[0][1]
    assert "13812345678" not in logged[0][1]


def test_only_admins_export(admin, tmp_path):
    accounts.create_user(
        admin, username="lina", display_name="李娜", role=Role.CLERK, password="李娜的接待口令-77"
    )
    clerk = admin.as_actor(accounts.sign_in(admin, "lina", "李娜的接待口令-77")[0])
    with pytest.raises(AccessError):
        export_cases(clerk, CaseFilter(), tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()
