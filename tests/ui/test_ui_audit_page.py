"""审计日志 page: the admin filters the log, sees the chain's state, and exports a CSV."""

from __future__ import annotations

import csv
import re

from stationdesk.services import case_actions as act
from stationdesk.services.reception import register_visit
from stationdesk.services.reveal import reveal
from stationdesk.ui.main_window import Nav
from tests.factories import sample_visit


def test_admin_filters_the_log_and_exports_it(open_window, paths, station_ctx, tmp_path):
    """Rows in Chinese, newest first; filter by case number; CSV export is itself logged."""
    result, _ = register_visit(station_ctx, sample_visit(1))
    case = result.cases[1]
    act.record_progress(station_ctx, case.id, "已电话联系承办单位")
    reveal(station_ctx, result.visit_id, "phone", "回访需要")
    window = open_window(paths)
    assert not window.nav.isRowHidden(Nav.AUDIT)
    window.nav.setCurrentRow(Nav.AUDIT)
    page = window.audit_page
    assert "审计链完整" in page.chain_label.text()
    actions = [page.table.item(r, 2).text() for r in range(page.table.rowCount())]
    assert actions[:3] == ["登录", "查看完整电话", "记录进度"]  # newest first
    shown = " ".join(
        page.table.item(r, c).text()
        for r in range(page.table.rowCount())
        for c in range(page.table.columnCount())
    )
    assert re.search(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])", shown) is None  # masked
    assert "after_hash" not in shown and "case_no" not in shown  # no raw keys on screen

    page.record_edit.setText(case.case_no)
    page.refresh()
    assert {page.table.item(r, 3).text() for r in range(page.table.rowCount())} == {case.case_no}
    assert [page.table.item(r, 2).text() for r in range(page.table.rowCount())] == [
        "记录进度",
        "问题登记",
    ]
    dest = tmp_path / "审计.csv"
    page.export_to(dest)
    with dest.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["序号", "时间", "用户"] and len(rows) == 3
    assert "已导出 2 条" in page.message.text()
    page.record_edit.clear()
    page.refresh()
    assert page.table.item(0, 2).text() == "导出审计日志"
    window.grab().save(str(tmp_path / "audit_page.png"))


def test_details_read_in_chinese():
    """Known codes become words; a username stays the username even when it is 'admin'."""
    from stationdesk.ui.audit_page import describe

    assert describe({"username": "admin", "role": "clerk"}) == "用户名：admin；角色：工作人员"
    assert (
        describe({"status": "closed", "field": "id_number"})
        == "状态：已办结，待回访；项目：身份证号"
    )
    assert describe({"after_hash": "ab" * 32, "case_no": "X"}) == ""
