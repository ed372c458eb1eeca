"""被县级拒绝的记录 against the REAL county (pytest-qt): 重新上传 and 忽略… empty the list.

Set STATIONDESK_SHOTS=<folder> to keep offscreen screenshots of the dialog.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from stationdesk.domain.permissions import Role
from stationdesk.services.context import Actor
from stationdesk.services.reception import register_visit
from stationdesk.sync.engine import SyncEngine
from stationdesk.sync.setup import configure
from stationdesk.ui.sync_rejects import SyncRejectsDialog
from tests.factories import sample_visit
from tests.sync import conftest as sync_fixtures
from tests.sync.checks import assert_converged, outbox_count
from tests.sync.test_rejects import (
    _county_origin_event,
    county_holds,
    county_record,
    edit_visit,
)
from tests.ui.test_sync_ui import CYCLE_MS, _idle, _shot

county = sync_fixtures.county
county_config = sync_fixtures.county_config
memory_keyring = sync_fixtures.memory_keyring
tls = sync_fixtures.tls


def _two_rejects(ctx, county, tls) -> tuple[str, str]:
    """A stale visit (county at v9) and a county_owned case event, both in sync_rejects."""
    visit, _ = register_visit(ctx, sample_visit(1))
    _device, token = county.add_station()
    configure(ctx, county.url, token, tls.ca)
    SyncEngine(ctx).run_cycle()
    county_holds(county, "visit", visit.visit_id, 9)
    edit_visit(ctx, visit.visit_id, "东关村幸福路18号")
    _county_origin_event(ctx, visit.cases[1].id)
    assert SyncEngine(ctx).run_cycle().rejects_open == 2
    return visit.visit_id, visit.cases[1].case_no


def test_admin_resends_and_dismisses_and_the_list_and_the_bar_empty(
    qtbot, station_ctx, open_window, paths, county, tls, memory_keyring
):
    """Two rejects listed in Chinese; 重新上传 (confirmed) and 忽略… (note) each resolve one."""
    visit_id, case_no = _two_rejects(station_ctx, county, tls)
    window = open_window(paths)
    worker = window.sync_worker
    bar = window.status.sync
    _idle(qtbot, worker)
    assert bar.rejects_button.isVisible() and bar.rejects_button.text() == "被拒绝 2 条"
    bar.rejects_button.click()
    dialog = window.sync_dialog
    assert isinstance(dialog, SyncRejectsDialog) and dialog.can_resolve
    rows = dialog.rows()
    assert [r[0] for r in rows] == ["来访记录", "办理过程"]
    assert "张*" in rows[0][1] and "张三丰" not in rows[0][1]
    assert rows[0][2:4] == ["县级已有较新版本", "县级版本 9，本机版本 2"]
    assert rows[1][1].endswith(case_no) and rows[1][2] == "这类记录只能由县级填写"
    assert dialog.table.item(0, 2).toolTip() == "原因代码：stale"
    assert dialog.resend_button.isVisible() and dialog.dismiss_button.isVisible()
    _shot(qtbot, dialog, "rejects_two")

    cycles: list[str] = []
    worker.cycle_started.connect(cycles.append)
    dialog.table.selectRow(0)
    dialog.resend_button.click()
    box = dialog.confirm_box
    assert isinstance(box, QMessageBox) and "替换" in box.informativeText()
    next(b for b in box.buttons() if b.text() == "重新上传").click()
    assert [r[0] for r in dialog.rows()] == ["办理过程"]
    assert "已重新排队上传" in dialog.result_label.text()
    qtbot.waitUntil(lambda: bar.rejects_button.text() == "被拒绝 1 条", timeout=CYCLE_MS)
    assert cycles == []  # the dialog asked for the count, before any sync cycle ran

    dialog.table.selectRow(0)
    dialog.dismiss_button.click()
    note = dialog.note_dialog
    assert note is not None and note.isVisible()
    note.ok_button.click()  # no note: refused under the field, the dialog stays
    assert note.error_label.isVisible() and note.error_label.text() == "此项必须填写。"
    _shot(qtbot, note, "rejects_note")
    assert dialog.rows() and note.isVisible()
    note.note_edit.setText("已与县人大代表工委核对，由县级填写")
    note.ok_button.click()
    assert dialog.rows() == [] and dialog.empty_label.isVisible()
    assert not dialog.resend_button.isEnabled() and not dialog.dismiss_button.isEnabled()
    _shot(qtbot, dialog, "rejects_empty")
    qtbot.waitUntil(lambda: not bar.rejects_button.isVisible(), timeout=CYCLE_MS)
    assert cycles == []
    _idle(qtbot, worker)

    if outbox_count(station_ctx):  # the after-commit cycle may already have pushed it
        with qtbot.waitSignal(worker.cycle_ended, timeout=CYCLE_MS):
            bar.now_button.click()
        _idle(qtbot, worker)
    version, payload = county_record(county, "visit", visit_id)
    assert version == 10 and payload["visitor_address"] == "东关村幸福路18号"
    assert_converged(station_ctx, county)


def test_a_clerk_sees_the_list_read_only_with_a_hint(qtbot, station_ctx, signals, county, tls,
                                                    memory_keyring):  # fmt: skip
    """No 重新上传 or 忽略… for a clerk (or a deputy): the list and a hint to ask the admin."""
    _two_rejects(station_ctx, county, tls)
    for role in (Role.CLERK, Role.DEPUTY):
        ctx = station_ctx.as_actor(Actor("u-" + role.value, role.value))
        dialog = SyncRejectsDialog(ctx, signals)
        qtbot.addWidget(dialog)
        dialog.show()
        assert len(dialog.rows()) == 2 and not dialog.can_resolve
        assert not dialog.resend_button.isVisible() and not dialog.dismiss_button.isVisible()
        assert "只有站点管理员" in dialog.hint.text()
        dialog.resend_selected()  # even called directly: nothing happens
        assert len(dialog.rows()) == 2 and dialog.confirm_box is None
    _shot(qtbot, dialog, "rejects_read_only")


def test_a_reject_resolved_elsewhere_is_said_and_the_list_reads_again(
    qtbot, station_ctx, signals, county, tls, memory_keyring
):
    """The CLI (or another window) resolves a reject while the list is open: 重新上传 says it
    was dealt with and the list reads again; the selection stays on the same record."""
    from stationdesk.sync import rejects

    _two_rejects(station_ctx, county, tls)
    dialog = SyncRejectsDialog(station_ctx, signals)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.table.selectRow(1)
    event_reject = dialog.selected()
    assert event_reject is not None and event_reject.entity == "case_event"
    dialog.refresh()
    assert dialog.selected() == event_reject  # read again: still the same record selected
    rejects.dismiss(station_ctx, event_reject.change_id, "命令行里已处理")
    dialog.resend_selected()  # not stale: no question asked
    assert "已经处理过了" in dialog.result_label.text()
    assert [r[0] for r in dialog.rows()] == ["来访记录"]
