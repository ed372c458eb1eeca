"""值班安排 page and the 今日值班签到 panel on a real station, with a fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from ui_helpers import ADMIN_PASSWORD, sign_in, type_text

from stationdesk.domain.permissions import Role
from stationdesk.services import accounts
from stationdesk.services.context import ServiceContext
from stationdesk.services.duty import add_shift, month_shifts
from stationdesk.ui.dialogs import NoteDialog
from stationdesk.ui.duty_dialogs import ReassignDialog, RotationDialog, SwapDialog
from stationdesk.ui.duty_page import DutyPage
from stationdesk.ui.home_page import HomePage
from stationdesk.ui.main_window import Nav
from stationdesk.ui.signals import emit
from tests.services.roster_factories import add_deputy

WEDNESDAY = datetime(2026, 12, 2, 8, 40).astimezone()  # the first Wednesday of December 2026
DEPUTY_PASSWORD = "张代表的口令-Deputy8"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def at(self, hour: int, minute: int) -> None:
        self.now = self.now.replace(hour=hour, minute=minute)


@pytest.fixture
def clock() -> Clock:
    return Clock(WEDNESDAY)


@pytest.fixture
def admin_ctx(station_ctx, clock) -> ServiceContext:
    """The admin, signed in, on the test's clock."""
    actor, _ = accounts.sign_in(station_ctx, "admin", ADMIN_PASSWORD)
    return ServiceContext(station_ctx.paths, station_ctx.db, actor, clock)


@pytest.fixture
def deputies(station_ctx) -> dict[str, str]:
    """Three serving deputies by name."""
    return {name: add_deputy(station_ctx, name) for name in ("张建国", "李秀英", "王德明")}


@pytest.fixture
def page(qtbot, signals, admin_ctx, deputies) -> DutyPage:
    """The duty page, shown at 1200×720 and bound to the admin."""
    widget = DutyPage(signals)
    qtbot.addWidget(widget)
    widget.resize(1010, 660)
    widget.show()
    widget.attach(admin_ctx)
    return widget


@pytest.fixture
def home(qtbot, signals) -> Callable[[ServiceContext], HomePage]:
    """A shown home page bound to the given context (kept alive for the whole test)."""
    pages: list[HomePage] = []

    def _open(ctx: ServiceContext) -> HomePage:
        widget = HomePage(signals)
        pages.append(widget)
        qtbot.addWidget(widget)
        widget.resize(1010, 660)
        widget.show()
        widget.attach(ctx)
        return widget

    return _open


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def attendance(ctx: ServiceContext) -> list[tuple[str, str | None]]:
    rows = ctx.db.query("SELECT kind, note FROM attendance ORDER BY rowid")
    return [(r[0], r[1]) for r in rows]


# --- the calendar -----------------------------------------------------------------------------


def test_month_grid_has_the_weeks_and_highlights_today(page):
    """December 2026: Monday-first weeks, today chosen, header and month title in Chinese."""
    assert page.month_label.text() == "2026年12月"
    assert page.grid.columnCount() == 7 and page.grid.rowCount() == 5
    headers = [page.grid.horizontalHeaderItem(c).text() for c in range(7)]
    assert headers == ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
    assert page.grid_range() == (date(2026, 11, 30), date(2027, 1, 3))
    assert page.selected_day == WEDNESDAY.date()
    assert page.day_label.text() == "12月2日 星期三"
    assert page.day_lines() == ["这一天没有值班安排"]
    page.go_month(1)
    assert page.month_label.text() == "2027年1月"
    assert page.selected_day == date(2027, 1, 1)
    page.go_this_month()
    assert page.month_label.text() == "2026年12月"


def test_rotation_is_previewed_then_saved_and_cancel_saves_nothing(qtbot, page, admin_ctx):
    """生成轮值…: all deputies checked, 星期三 and 上午 by default; 预览 saves nothing; 保存 does."""
    click(qtbot, page.rotation_button)
    dialog = page.dialog
    assert isinstance(dialog, RotationDialog)
    names = [name for _, name in page.deputies]
    assert dialog.deputy_ids() == [deputy_id for deputy_id, _ in page.deputies]
    assert dialog.weekdays() == [2] and dialog.halves() == ["am"]
    assert dialog.per_spin.value() == 1
    dialog.deputy_list.item(2).setCheckState(Qt.CheckState.Unchecked)

    click(qtbot, dialog.preview_button)
    preview = dialog.preview_label.text().split("\n")
    assert preview[0] == "将添加 5 个班次："
    assert preview[1] == f"12月2日 星期三 上午 {names[0]}"
    assert preview[2] == f"12月9日 星期三 上午 {names[1]}"
    assert preview[3] == f"12月16日 星期三 上午 {names[0]}"
    assert month_shifts(admin_ctx, 2026, 12) == []  # a preview only

    click(qtbot, dialog.save_button)
    saved = month_shifts(admin_ctx, 2026, 12)
    assert [(s.day.day, s.half, s.deputy_name) for s in saved] == [
        (2, "am", names[0]),
        (9, "am", names[1]),
        (16, "am", names[0]),
        (23, "am", names[1]),
        (30, "am", names[0]),
    ]
    assert page.message.text() == "已生成 5 个班次。"
    assert page.cell_lines(date(2026, 12, 9)) == [f"上午 {names[1]}"]
    assert page.cell_lines(date(2026, 12, 10)) == []
    assert page.day_lines() == [f"上午  {names[0]}  未签到"]

    # Again with 下午 too: previewed, then 取消 — nothing more is saved.
    click(qtbot, page.rotation_button)
    dialog = page.dialog
    dialog.half_boxes["pm"].setChecked(True)
    click(qtbot, dialog.preview_button)
    assert dialog.preview_label.text().startswith("将添加 5 个班次：")
    click(qtbot, dialog.cancel_button)
    assert len(month_shifts(admin_ctx, 2026, 12)) == 5

    # Nothing to choose: the refusal is worded next to the choices.
    click(qtbot, page.rotation_button)
    dialog = page.dialog
    dialog.weekday_boxes[2].setChecked(False)
    click(qtbot, dialog.preview_button)
    assert dialog.error_label.text() == "请至少选择一天（星期几）。"
    dialog.weekday_boxes[4].setChecked(True)
    dialog.half_boxes["am"].setChecked(False)
    assert not dialog.save_button.isEnabled()  # only a previewed rotation can be saved
    click(qtbot, dialog.preview_button)
    assert dialog.error_label.text() == "请至少选择一个时段。"
    assert len(month_shifts(admin_ctx, 2026, 12)) == 5


def test_add_swap_reassign_and_cancel_from_the_day_panel(qtbot, page, admin_ctx, deputies):
    """Each edit goes through the services; the grid, the side list and the database follow."""
    zhang, li, wang = deputies["张建国"], deputies["李秀英"], deputies["王德明"]
    page.select_day(date(2026, 12, 3))
    choose(page.deputy_combo, zhang)
    choose(page.half_combo, "am")
    click(qtbot, page.add_button)
    assert page.cell_lines(date(2026, 12, 3)) == ["上午 张建国"]
    assert page.day_lines() == ["上午  张建国  未签到"]
    assert page.message.text() == "已安排 张建国 12月3日 星期四 上午值班。"

    choose(page.half_combo, "day")  # overlaps the morning: refused, worded in Chinese
    click(qtbot, page.add_button)
    assert page.message.text() == "这位代表在这个时段已经有值班安排了。"
    assert page.message.objectName() == "formError"

    page.select_day(date(2026, 12, 10))
    choose(page.deputy_combo, li)
    choose(page.half_combo, "pm")
    click(qtbot, page.add_button)
    assert page.cell_lines(date(2026, 12, 10)) == ["下午 李秀英"]

    # 调换…: the two shifts exchange deputies.
    page.select_day(date(2026, 12, 3))
    assert page.swap_button.isEnabled()
    click(qtbot, page.swap_button)
    dialog = page.dialog
    assert isinstance(dialog, SwapDialog)
    assert [dialog.shift_combo.itemText(i) for i in range(dialog.shift_combo.count())] == [
        "12月10日 星期四 下午 李秀英"
    ]
    click(qtbot, dialog.ok_button)
    assert page.cell_lines(date(2026, 12, 3)) == ["上午 李秀英"]
    assert page.cell_lines(date(2026, 12, 10)) == ["下午 张建国"]
    by_day = {s.day.day: s.deputy_id for s in month_shifts(admin_ctx, 2026, 12)}
    assert by_day == {3: li, 10: zhang}

    # 换人…: 王德明 takes the 3rd, with a note.
    click(qtbot, page.reassign_button)
    dialog = page.dialog
    assert isinstance(dialog, ReassignDialog)
    assert li not in [dialog.deputy_combo.itemData(i) for i in range(dialog.deputy_combo.count())]
    choose(dialog.deputy_combo, wang)
    type_text(dialog.note_edit, "李秀英出差")
    click(qtbot, dialog.ok_button)
    shift = next(s for s in month_shifts(admin_ctx, 2026, 12) if s.day.day == 3)
    assert (shift.deputy_id, shift.note) == (wang, "李秀英出差")
    assert page.day_lines() == ["上午  王德明  未签到\n说明：李秀英出差"]

    # 取消值班…: a reason is required; then it shows grey with 已取消 and is locked.
    click(qtbot, page.cancel_button)
    dialog = page.dialog
    assert isinstance(dialog, NoteDialog)
    click(qtbot, dialog.ok_button)
    assert dialog.error_label.text() == "此项必须填写。"
    assert dialog.isVisible()
    type_text(dialog.note_edit, "县人大集中培训")
    click(qtbot, dialog.ok_button)
    shift = next(s for s in month_shifts(admin_ctx, 2026, 12) if s.day.day == 3)
    assert (shift.status, shift.note) == ("cancelled", "县人大集中培训")
    assert page.cell_lines(date(2026, 12, 3)) == ["上午 王德明 已取消"]
    assert page.day_lines() == ["上午  王德明  已取消\n说明：县人大集中培训"]
    page.select_shift(shift.id)
    assert not page.reassign_button.isEnabled()
    assert not page.cancel_button.isEnabled()


def test_page_follows_changes_made_elsewhere(page, admin_ctx, deputies, signals):
    """A shift added by another page (its ChangeSet on AppSignals) appears in the grid."""
    _, changes = add_shift(admin_ctx, deputies["张建国"], date(2026, 12, 16), "pm")
    assert page.cell_lines(date(2026, 12, 16)) == []
    emit(signals.changes, changes)
    assert page.cell_lines(date(2026, 12, 16)) == ["下午 张建国"]


def test_print_notice_asks_from_the_chosen_day(qtbot, page, admin_ctx, deputies, tmp_path):
    """打印值班公示… previews the notice from the chosen day; the PDF names the deputies."""
    from stationdesk.ui.document_output import DocumentDialog
    from tests.printing.poppler import flat

    add_shift(admin_ctx, deputies["张建国"], date(2026, 12, 16), "pm")
    add_shift(admin_ctx, deputies["李秀英"], date(2026, 12, 30), "am")  # past the two weeks
    page.select_day(date(2026, 12, 14))
    with qtbot.waitSignal(page.notice_requested) as asked:
        click(qtbot, page.notice_button)
    assert asked.args == [date(2026, 12, 14)]
    dialog = page.dialog
    assert isinstance(dialog, DocumentDialog) and dialog.pdf
    out = tmp_path / "notice.pdf"
    dialog.write_pdf(out)
    text = flat(out)
    assert "张建国" in text and "李秀英" not in text
    assert "12月16日" in text


# --- the home page's sign-in panel ------------------------------------------------------------


def test_sign_in_then_out_then_undo_on_the_home_panel(qtbot, home, admin_ctx, deputies, clock):
    """签到 and 签退 change the state text and write attendance rows; 撤销… needs a reason."""
    shift_id, _ = add_shift(admin_ctx, deputies["张建国"], WEDNESDAY.date(), "am")
    page = home(admin_ctx)
    panel = page.duty_panel
    assert panel.title_label.text() == "今日值班签到（1）"
    assert panel.texts() == ["上午 张建国 未签到"]
    row = panel.row_for(shift_id)
    assert row.sign_in_button.isEnabled() and row.absent_button.isEnabled()
    assert not row.sign_out_button.isEnabled() and not row.undo_button.isEnabled()

    click(qtbot, row.sign_in_button)
    assert panel.texts() == ["上午 张建国 已签到 08:40"]
    assert attendance(admin_ctx) == [("sign_in", None)]
    row = panel.row_for(shift_id)
    assert not row.sign_in_button.isEnabled() and row.sign_out_button.isEnabled()

    clock.at(11, 30)
    click(qtbot, row.sign_out_button)
    assert panel.texts() == ["上午 张建国 已签退 11:30"]
    assert [kind for kind, _ in attendance(admin_ctx)] == ["sign_in", "sign_out"]
    row = panel.row_for(shift_id)
    assert [b.isEnabled() for b in (row.sign_out_button, row.undo_button)] == [False, True]

    click(qtbot, row.undo_button)
    dialog = panel.dialog
    assert dialog.windowTitle() == "撤销签到记录"
    click(qtbot, dialog.ok_button)
    assert dialog.error_label.text() == "此项必须填写。"
    type_text(dialog.note_edit, "签退点早了")
    click(qtbot, dialog.ok_button)
    assert panel.texts() == ["上午 张建国 已签到 08:40"]
    assert attendance(admin_ctx)[-1] == ("void", "签退点早了")


def test_late_sign_in_asks_for_the_reason_and_stores_it(qtbot, home, admin_ctx, deputies, clock):
    """At 09:35 for an 08:30 start the service wants a note: the dialog asks, then signs in."""
    shift_id, _ = add_shift(admin_ctx, deputies["李秀英"], WEDNESDAY.date(), "am")
    clock.at(9, 35)
    panel = home(admin_ctx).duty_panel
    click(qtbot, panel.row_for(shift_id).sign_in_button)
    dialog = panel.dialog
    assert isinstance(dialog, NoteDialog)
    assert dialog.windowTitle() == "说明迟到原因"
    assert attendance(admin_ctx) == []
    click(qtbot, dialog.ok_button)  # still no note: refused, the dialog stays
    assert dialog.error_label.text() == "迟到或补签需要填写说明。"
    type_text(dialog.note_edit, "村里临时开会")
    click(qtbot, dialog.ok_button)
    assert panel.texts() == ["上午 李秀英 已签到 09:35"]
    assert attendance(admin_ctx) == [("sign_in", "村里临时开会")]
    assert panel.row_for(shift_id).state_label.toolTip() == "说明：村里临时开会"


def test_absent_with_an_optional_reason(qtbot, home, admin_ctx, deputies):
    """缺席… records the absence with the reason typed."""
    shift_id, _ = add_shift(admin_ctx, deputies["王德明"], WEDNESDAY.date(), "pm")
    panel = home(admin_ctx).duty_panel
    click(qtbot, panel.row_for(shift_id).absent_button)
    type_text(panel.dialog.note_edit, "请假")
    click(qtbot, panel.dialog.ok_button)
    assert panel.texts() == ["下午 王德明 缺席"]
    assert attendance(admin_ctx) == [("absent", "请假")]
    row = panel.row_for(shift_id)
    assert [b.isEnabled() for b in (row.sign_in_button, row.undo_button)] == [False, True]


# --- roles ------------------------------------------------------------------------------------


def test_a_deputy_account_sees_duty_without_edit_buttons(open_window, paths, station_ctx):
    """A deputy sees today's shifts and the calendar but no button that changes them."""
    admin = station_ctx.as_actor(accounts.sign_in(station_ctx, "admin", ADMIN_PASSWORD)[0])
    accounts.create_user(
        admin, username="zhang", display_name="张代表", role=Role.DEPUTY, password=DEPUTY_PASSWORD
    )
    deputy_id = add_deputy(station_ctx, "张建国")
    add_shift(station_ctx, deputy_id, station_ctx.clock().date(), "am")
    window = open_window(paths, signed_in=False)
    sign_in(window, "zhang", DEPUTY_PASSWORD)

    panel = window.home_page.duty_panel
    assert panel.texts() == ["上午 张建国 未签到"]
    assert all(row.buttons.isHidden() for row in panel.rows)

    window.nav.setCurrentRow(Nav.DUTY)
    page = window.roster_pages[Nav.DUTY]
    assert window.pages.currentWidget() is page
    assert page.cell_lines(station_ctx.clock().date()) == ["上午 张建国"]
    for hidden in (page.rotation_button, page.shift_actions, page.add_box):
        assert hidden.isHidden()
    assert page.notice_button.isVisible()


def test_a_clerk_gets_the_duty_page_through_the_navigation(open_window, paths, station_ctx):
    """The window builds the page on first use; the admin has the edit controls."""
    window = open_window(paths)
    window.nav.setCurrentRow(Nav.DUTY)
    page = window.roster_pages[Nav.DUTY]
    assert isinstance(page, DutyPage)
    assert page.rotation_button.isVisible() and page.add_box.isVisible()
