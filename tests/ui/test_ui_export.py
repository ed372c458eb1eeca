"""导出… on 办理跟踪: admins only; 完整信息 asks for a reason at the field."""

from __future__ import annotations

import csv

from ui_helpers import type_text

from stationdesk.services.reception import register_visit
from stationdesk.ui.main_window import Nav
from tests.factories import sample_visit


def test_admin_exports_the_list_masked_or_with_a_reason(open_window, paths, station_ctx, tmp_path):
    register_visit(station_ctx, sample_visit(12345678))
    window = open_window(paths)
    window.nav.setCurrentRow(Nav.CASES)
    page = window.case_list_page
    assert page.export_button.isVisible()
    page.ask_export()
    dialog = page.export_dialog
    dialog.full_radio.setChecked(True)
    dialog.export_to(tmp_path / "full.csv")
    assert dialog.reason_error.isVisible() and "必须填写" in dialog.reason_error.text()
    assert not (tmp_path / "full.csv").exists()
    dialog.masked_radio.setChecked(True)
    dialog.export_to(tmp_path / "masked.csv")
    with (tmp_path / "masked.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert "脱敏导出" in rows[0][0] and len(rows) == 2 + 2
    assert "已导出 2 件" in page.count_label.text()
    page.ask_export()
    dialog = page.export_dialog
    dialog.full_radio.setChecked(True)
    type_text(dialog.reason_edit, "县人大要求核对名单")
    dialog.export_to(tmp_path / "full.csv")
    with (tmp_path / "full.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert "13812345678" in fh.read()
