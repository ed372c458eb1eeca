"""代表名册 driven with pytest-qt on a real station: add, refuse bad input, edit, photo, status."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import type_text

from stationdesk.domain.enums import DeputyLevel
from stationdesk.domain.permissions import Role
from stationdesk.services import accounts
from stationdesk.services.roster import get_deputy, list_deputies
from stationdesk.ui.deputy_dialog import DeputyDialog
from stationdesk.ui.main_window import Nav
from stationdesk.ui.roster_page import RosterPage, StatusDialog
from tests.services.roster_factories import add_deputy, add_grid, jpeg


def _roster(window) -> RosterPage:
    window.nav.setCurrentRow(Nav.ROSTER)
    page = window.pages.currentWidget()
    assert isinstance(page, RosterPage)
    return page


def _names(page: RosterPage) -> list[str]:
    return [page.table.item(r, 1).text() for r in range(page.table.rowCount())]


def test_adding_a_deputy_through_the_form(open_window, paths, station_ctx, qtbot):
    grid = add_grid(station_ctx, "红旗村第一网格", "红旗村")
    window = open_window(paths)
    page = _roster(window)
    assert _names(page) == []
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, DeputyDialog)
    type_text(dialog.name, "李秀英")
    dialog.gender.setCurrentIndex(dialog.gender.findData("female"))
    dialog.unit.setText("东风小学校长")
    dialog.phone.setText("139 1234 5678")
    county = next(line for line in dialog.levels if line.level is DeputyLevel.COUNTY)
    # no level ticked yet: refused at the levels block, nothing typed is lost
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.errors["terms"].isVisibleTo(dialog)
    assert "至少填写一个代表层级" in dialog.errors["terms"].text()
    assert dialog.name.text() == "李秀英"
    county.check.setChecked(True)
    county.congress.setText("县第十七届人民代表大会")
    county.term.setText("第十七届")
    county.constituency.setText("第五选区")
    dialog.grid_list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.add_contact_row("东风村二组", "东风村", 8, "每月走访")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert _names(page) == ["李秀英"]
    saved = list_deputies(station_ctx)[0]
    assert (saved.level_text, saved.constituency, saved.grids) == (
        "县(区)人大代表", "第五选区", ("红旗村第一网格",),
    )  # fmt: skip
    assert saved.phone_masked == "139****5678"
    detail = get_deputy(station_ctx, saved.id)
    assert detail.grid_ids == (grid,) and detail.contacts[0].households == 8
    # the table shows the masked phone nowhere and the full number never
    assert "13912345678" not in page.card.lines.text()
    assert "139****5678" in page.card.lines.text()


def test_bad_phone_is_shown_at_the_field(open_window, paths, station_ctx, qtbot):
    did = add_deputy(station_ctx)
    window = open_window(paths)
    page = _roster(window)
    page.select(did)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, DeputyDialog)
    assert dialog.phone.text() == ""  # never shown in full
    assert "138****5678" in dialog.phone.placeholderText()
    dialog.phone.setText("12345")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "电话号码不对" in dialog.errors["phone"].text()
    dialog.phone.clear()  # empty keeps the stored number
    dialog.unit.setText("镇农业服务中心主任")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    summary = get_deputy(station_ctx, did).summary
    assert (summary.unit, summary.phone_masked) == ("镇农业服务中心主任", "138****5678")


def test_photo_and_status_change(open_window, paths, station_ctx, tmp_path, qtbot):
    did = add_deputy(station_ctx, "张建国")
    add_deputy(station_ctx, "王敏")
    window = open_window(paths)
    page = _roster(window)
    page.select(did)
    picture = tmp_path / "照片.jpg"
    picture.write_bytes(jpeg(900, 900))
    page.apply_photo(picture)
    assert get_deputy(station_ctx, did).summary.photo_sha256
    assert "照片已更新" in page.message.text()
    row = _names(page).index("张建国")
    assert not page.table.item(row, 0).icon().isNull()
    page.select(did)
    qtbot.mouseClick(page.status_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, StatusDialog)
    dialog.status.setCurrentIndex(dialog.status.findData("transferred"))
    dialog.note.setText("调往县城工作")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert _names(page) == ["王敏"]  # the list shows 在任 by default
    page.status.setCurrentIndex(page.status.findData(None))
    assert sorted(_names(page)) == ["张建国", "王敏"]
    assert [h.note for h in get_deputy(station_ctx, did).history][-1] == "调往县城工作"
    page.select(did)
    assert "状态：调离" in page.card.lines.text()  # the card shows the change at once


def test_filters_narrow_the_list(open_window, paths, station_ctx):
    add_deputy(station_ctx, "张建国", unit="红旗机械厂")
    add_deputy(station_ctx, "王敏", unit="东风小学")
    window = open_window(paths)
    page = _roster(window)
    page.search.setText("小学")
    assert _names(page) == ["王敏"]
    page.search.clear()
    page.level.setCurrentIndex(page.level.findData(DeputyLevel.CITY.value))
    assert _names(page) == []


def test_a_deputy_account_reads_the_roster_without_edit_buttons(
    open_window, paths, station_ctx, qtbot
):
    add_deputy(station_ctx, "张建国")
    admin = station_ctx.as_actor(accounts.sign_in(station_ctx, "admin", "站长的口令-A1b2")[0])
    accounts.create_user(
        admin, username="zhang", display_name="张代表", role=Role.DEPUTY,
        password="张代表的口令-Deputy8",
    )  # fmt: skip
    window = open_window(paths, signed_in=False)
    from ui_helpers import sign_in

    sign_in(window, "zhang", "张代表的口令-Deputy8")
    page = _roster(window)
    assert _names(page) == ["张建国"]
    for button in (page.add_button, page.edit_button, page.photo_button, page.status_button):
        assert not button.isVisibleTo(page)
    assert page.board_button.isVisibleTo(page)


def test_excel_import_checks_first_then_imports(open_window, paths, station_ctx, tmp_path, qtbot):
    from openpyxl import load_workbook

    from stationdesk.ui.roster_import_dialog import RosterImportDialog

    window = open_window(paths)
    page = _roster(window)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, RosterImportDialog)
    sheet = tmp_path / "名册.xlsx"
    dialog.write_template(sheet)
    book = load_workbook(sheet)
    ws = book.worksheets[0]
    header = [c.value for c in ws[1]]
    for name, level in (("赵国强", "县"), ("钱芳", "省级")):
        values = {"姓名*": name, "代表层级*": level, "届次*": "第十七届"}
        ws.append([values.get(h) for h in header])
    book.save(sheet)
    dialog.check(sheet)
    assert not dialog.import_button.isEnabled()
    assert dialog.errors.rowCount() == 1
    assert "省级" in dialog.errors.item(0, 2).text()
    assert _names(page) == []
    ws.cell(row=ws.max_row, column=header.index("代表层级*") + 1, value="省")
    book.save(sheet)
    dialog.check(sheet)
    assert dialog.errors.rowCount() == 0 and dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "已导入 2 名代表" in dialog.summary.text()
    assert sorted(_names(page)) == ["赵国强", "钱芳"]  # the roster refreshed itself


def test_a_second_edit_starts_from_the_first_and_a_stale_form_is_refused(
    open_window, paths, station_ctx, qtbot
):
    from stationdesk.services.roster import save_deputy
    from tests.services.roster_factories import deputy_input

    did = add_deputy(station_ctx, "张建国", commitment="旧承诺")
    window = open_window(paths)
    page = _roster(window)
    page.select(did)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    first = page.dialog
    first.commitment.setPlainText("新承诺")
    qtbot.mouseClick(first.save_button, Qt.MouseButton.LeftButton)
    assert "新承诺" in page.card.lines.text()
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    second = page.dialog
    assert second is not first and second.commitment.toPlainText() == "新承诺"
    # someone else saves meanwhile: this form is refused and keeps what was typed
    save_deputy(station_ctx, deputy_input("张建国", unit="别处改的", phone=None), did)
    second.unit.setText("我改的单位")
    qtbot.mouseClick(second.save_button, Qt.MouseButton.LeftButton)
    assert second.isVisible() and "刚被别人改过" in second.message.text()
    assert second.unit.text() == "我改的单位"
    assert get_deputy(station_ctx, did).summary.unit == "别处改的"


def test_the_stored_phone_can_be_removed(open_window, paths, station_ctx, qtbot):
    did = add_deputy(station_ctx, "张建国")
    window = open_window(paths)
    page = _roster(window)
    page.select(did)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog.clear_phone.isVisibleTo(dialog)
    dialog.clear_phone.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert get_deputy(station_ctx, did).summary.phone_masked is None
    assert station_ctx.db.query("SELECT phone FROM deputy")[0][0] is None
