from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from ui_helpers import STATION_NAME, type_text

from stationdesk.domain.enums import CaseStatus, EventKind, Rating, Track
from stationdesk.paths import DataPaths
from stationdesk.services.cases import CaseFilter, case_detail, list_case_ids, load_rows
from stationdesk.services.context import ServiceContext
from stationdesk.services.dto import IssueInput, VisitInput
from stationdesk.services.duty import day_shifts
from stationdesk.services.overview import today_overview
from stationdesk.services.reception import register_visit
from stationdesk.services.reference import reference_data
from stationdesk.ui.case_detail import CaseDetailDialog
from stationdesk.ui.case_list_page import CaseListPage
from stationdesk.ui.case_model import BLOCK_SIZE
from stationdesk.ui.home_page import HomePage
from stationdesk.ui.signals import emit

DEMO_VISITS = 20_000


def visit(name: str, phone: str, *issues: IssueInput) -> VisitInput:
    """A walk-in visit with the given issues."""
    return VisitInput(visitor_name=name, phone=phone, issues=tuple(issues))


def register(ctx: ServiceContext, signals, new_visit: VisitInput):
    """register_visit, then the ChangeSet goes out as the reception page's Op would send it."""
    registered, changes = register_visit(ctx, new_visit)
    emit(signals.changes, changes)
    return registered


def supervised(content: str, **kwargs: object) -> IssueInput:
    """An issue for the station to supervise, not yet handed to a department."""
    return IssueInput(content=content, track=Track.SUPERVISE, **kwargs)  # type: ignore[arg-type]


def on_spot(content: str) -> IssueInput:
    """An issue answered on the spot."""
    return IssueInput(content=content, track=Track.ON_SPOT, on_spot_answer="已当场解释")


@pytest.fixture
def page(qtbot, signals, station_ctx) -> CaseListPage:
    """A shown case list page bound to the test station."""
    widget = CaseListPage(signals)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.attach(station_ctx)
    return widget


@pytest.fixture(scope="module")
def demo_ctx(tmp_path_factory) -> Iterator[ServiceContext]:
    """A station with DEMO_VISITS demo visits (made once for this module)."""
    from stationdesk.services.demo import generate
    from stationdesk.services.station import create_station

    paths = DataPaths(tmp_path_factory.mktemp("demo") / "数据")
    ctx, _ = create_station(paths, code="410205-01", name=STATION_NAME, county="瀍河回族区")
    generate(ctx, visits=DEMO_VISITS)
    yield ctx
    ctx.db.dispose()


@pytest.fixture
def demo_page(qtbot, signals, demo_ctx) -> CaseListPage:
    """A shown case list page on the demo station."""
    widget = CaseListPage(signals)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.attach(demo_ctx)
    return widget


def search(qtbot, page: CaseListPage, text: str) -> list[str]:
    """Type text into the search box like a clerk (Chinese key by key), press Enter."""
    page.search_box.clear()
    type_text(page.search_box, text)
    QTest.keyClick(page.search_box, Qt.Key.Key_Return)
    return page.model.ids()


def choose(combo, data) -> None:
    """Pick the entry of combo whose data is data."""
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def choose_filter(qtbot, page: CaseListPage, combo, data) -> None:
    """Pick a filter entry and wait until the filtered list is on screen."""
    with qtbot.waitSignal(page.list_shown, timeout=3000):
        choose(combo, data)


def loaded_rows(page: CaseListPage) -> list:
    """The rows of the ids shown, straight from the service."""
    return load_rows(page._ctx, page.model.ids())


# --- search ---------------------------------------------------------------------------------


def test_search_finds_one_to_four_character_chinese_queries(qtbot, page, station_ctx, signals):
    """路灯 (2 characters), 医保缴费 (4), 停车难 (3) and 灯 (1) each find exactly their case."""
    register(station_ctx, signals, visit("张三", "13812345678", supervised("小区路灯坏了好几天")))
    register(station_ctx, signals, visit("李四", "13987654321", supervised("医保缴费流程不清楚")))
    register(station_ctx, signals, visit("王五", "13700001111", supervised("停车难，车位被占")))

    qtbot.waitUntil(lambda: page.count_label.text() == "共 3 件", timeout=3000)
    ids = search(qtbot, page, "路灯")
    assert [r.excerpt for r in load_rows(station_ctx, ids)] == ["小区路灯坏了好几天"]
    ids = search(qtbot, page, "医保缴费")
    assert [r.excerpt for r in load_rows(station_ctx, ids)] == ["医保缴费流程不清楚"]
    assert page.count_label.text() == "共 1 件"
    ids = search(qtbot, page, "停车难")  # 3 characters
    assert [r.visitor for r in load_rows(station_ctx, ids)] == ["王*"]
    ids = search(qtbot, page, "灯")  # 1 character
    assert [r.visitor for r in load_rows(station_ctx, ids)] == ["张*"]


def test_search_finds_phone_last_four_digits_and_case_number(qtbot, page, station_ctx, signals):
    """The last 4 digits of a phone and a whole case number each find their case."""
    register(station_ctx, signals, visit("张三", "13812345678", supervised("路灯坏了")))
    registered = register(station_ctx, signals, visit("李四", "13987654321", supervised("停车难")))
    case_no = registered.cases[0].case_no

    ids = search(qtbot, page, "5678")
    assert [r.visitor for r in load_rows(station_ctx, ids)] == ["张*"]
    ids = search(qtbot, page, case_no)
    assert ids == [registered.cases[0].id]
    row = page.model.case_row(0)
    assert row is not None and row.phone == "139****4321"  # masked in the list
    assert page.model.data(page.model.index(0, 2)) == "李*"


def test_typing_searches_after_a_pause(qtbot, page, station_ctx, signals):
    """Typed text is searched without Enter once the clerk pauses."""
    register(station_ctx, signals, visit("张三", "13812345678", supervised("路灯坏了")))
    register(station_ctx, signals, visit("李四", "13987654321", supervised("停车难")))
    page.refresh()
    type_text(page.search_box, "停车")
    qtbot.waitUntil(lambda: page.count_label.text() == "共 1 件", timeout=3000)


def test_empty_result_and_unsearchable_text_show_a_friendly_chinese_line(
    qtbot, page, station_ctx, signals
):
    """No match shows a Chinese hint instead of the table; punctuation alone asks for a query."""
    register(station_ctx, signals, visit("张三", "13812345678", supervised("路灯坏了")))
    search(qtbot, page, "飞机场")
    assert page.body.currentWidget() is page.empty_label
    assert "没有找到与“飞机场”有关的问题" in page.empty_label.text()
    assert page.count_label.text() == "共 0 件"

    search(qtbot, page, "！！")
    assert page.body.currentWidget() is page.empty_label
    assert page.empty_label.text().startswith("请输入要查找的内容")

    search(qtbot, page, "路灯")
    assert page.body.currentWidget() is page.table
    assert page.model.rowCount() == 1


# --- the full loop through the case window --------------------------------------------------


def run_action(qtbot, dialog: CaseDetailDialog, kind: EventKind, fill) -> None:
    """Click the action's button, fill its form, press 确定; the window reloads."""
    button = dialog.action_buttons[kind]
    assert button.isVisible(), (kind, dialog.offered_actions())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    form = dialog.form
    assert form is not None
    fill(form)
    with qtbot.waitSignal(dialog.loaded, timeout=3000):
        qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.error_text() == "", form.error_text()


def test_full_loop_through_the_case_window_updates_timeline_figures_and_tiles(
    qtbot, page, station_ctx, signals
):
    """交办 → 进度 → 办结 → 回访 不满意 → 重新督办 → 办结 → 回访 满意, all by the buttons."""
    home = HomePage(signals)
    qtbot.addWidget(home)
    home.attach(station_ctx)
    registered, changes = register_visit(
        station_ctx, visit("张三", "13812345678", supervised("小区路灯坏了好几天"))
    )
    emit(signals.changes, changes)
    case_id = registered.cases[0].id
    assert home.tile_text("open_cases") == "1"
    qtbot.waitUntil(lambda: page.count_label.text() == "共 1 件", timeout=3000)
    department = reference_data(station_ctx).departments[0]

    dialog = page.open_case(case_id)
    assert dialog is not None and dialog.isVisible()
    assert not dialog.isModal()
    assert dialog.case_no_label.text() == registered.cases[0].case_no
    assert dialog.status_label.text() == "待办理"
    assert EventKind.CALLBACK not in dialog.offered_actions()

    def assign(form):
        choose(form.inputs["department_id"], department.id)

    run_action(qtbot, dialog, EventKind.ASSIGNED, assign)
    assert dialog.status_label.text() == "办理中"
    assert department.name in dialog.timeline_texts()[-1]

    run_action(
        qtbot, dialog, EventKind.PROGRESS, lambda f: type_text(f.inputs["note"], "已联系供电所")
    )
    run_action(
        qtbot, dialog, EventKind.CLOSED, lambda f: type_text(f.inputs["result"], "路灯已修复")
    )
    assert dialog.status_label.text() == "已办结，待回访"
    assert home.tile_text("awaiting_callback") == "1"
    assert home.tile_text("closed") == "1"

    def unhappy(form):
        form.rating_buttons[Rating.UNSATISFIED].click()
        type_text(form.inputs["words"], "东头还有两盏不亮")

    run_action(qtbot, dialog, EventKind.CALLBACK, unhappy)
    assert dialog.status_label.text() == "不满意，待重新督办"
    assert EventKind.REOPENED in dialog.offered_actions()
    assert home.tile_text("awaiting_callback") == "0"

    run_action(
        qtbot, dialog, EventKind.REOPENED, lambda f: type_text(f.inputs["reason"], "还有两盏没修")
    )
    assert dialog.detail.round == 2
    assert "第 2 轮" in dialog.meta_label.text()
    run_action(qtbot, dialog, EventKind.CLOSED, lambda f: type_text(f.inputs["result"], "全部修好"))

    def happy(form):
        form.rating_buttons[Rating.SATISFIED].click()

    run_action(qtbot, dialog, EventKind.CALLBACK, happy)
    assert dialog.status_label.text() == "已回访闭环"
    assert dialog.offered_actions() == [EventKind.CORRECTION, EventKind.MERGED] or set(
        dialog.offered_actions()
    ) == {EventKind.CORRECTION, EventKind.MERGED}

    kinds = [item.entry.kind for item in dialog.timeline_items()]
    assert kinds == [
        EventKind.REGISTERED,
        EventKind.ASSIGNED,
        EventKind.PROGRESS,
        EventKind.CLOSED,
        EventKind.CALLBACK,
        EventKind.REOPENED,
        EventKind.CLOSED,
        EventKind.CALLBACK,
    ]
    texts = dialog.timeline_texts()
    assert "满意度：不满意" in texts[4] and "群众原话：东头还有两盏不亮" in texts[4]
    assert "原因：还有两盏没修" in texts[5]
    assert all("经办：" in t for t in texts)

    overview = today_overview(station_ctx)
    assert (overview.closed, overview.open_cases, overview.awaiting_callback) == (1, 0, 0)
    assert home.tile_text("closed") == "1"  # the first 办结 counts, not the second
    assert home.tile_text("open_cases") == "0"
    qtbot.waitUntil(lambda: page.model.case_row(0).status is CaseStatus.DONE, timeout=3000)
    assert page.model.case_row(0).rating is Rating.SATISFIED
    assert page.model.data(page.model.index(0, 10)) == "满意"


def test_action_errors_show_in_chinese_at_the_field_and_keep_the_form(
    qtbot, page, station_ctx, signals
):
    """An empty note and a missing rating are refused at their fields; nothing is recorded."""
    registered = register(station_ctx, signals, visit("张三", "13812345678", on_spot("问政策")))
    dialog = page.open_case(registered.cases[0].id)
    assert dialog.status_label.text() == "已办结，待回访"

    form = dialog.start_action(EventKind.CALLBACK)
    type_text(form.inputs["words"], "还行")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.error_text("rating") == "此项必须填写。"
    assert form.isVisible()
    assert form.text("words") == "还行"
    form.close()

    registered = register(station_ctx, signals, visit("李四", "13987654321", supervised("路灯")))
    dialog = page.open_case(registered.cases[0].id)
    form = dialog.start_action(EventKind.PROGRESS)
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.error_text("note") == "此项必须填写。"
    form.inputs["note"].setPlainText("字" * 2001)
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.error_text("note") == "内容过长：最多 2000 个字，现在是 2001 个字。"
    assert len(case_detail(station_ctx, registered.cases[0].id).timeline) == 1


def test_merge_duplicate_takes_the_primary_case_number(qtbot, page, station_ctx, signals):
    """合并重复 refuses an unknown number and itself at the field, then links to the primary."""
    first = register(station_ctx, signals, visit("张三", "13812345678", supervised("路灯坏了")))
    second = register(station_ctx, signals, visit("张三", "13812345678", supervised("路灯不亮")))
    dialog = page.open_case(second.cases[0].id)

    form = dialog.start_action(EventKind.MERGED)
    type_text(form.inputs["primary_case_id"], "410205-01-2026-01-99999Z")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.error_text("primary_case_id").startswith("没有找到案件")
    form.inputs["primary_case_id"].setText(second.cases[0].case_no)
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert "不能把案件合并到它自己" in form.error_text("primary_case_id")

    form.inputs["primary_case_id"].setText(first.cases[0].case_no.lower())
    with qtbot.waitSignal(dialog.loaded, timeout=3000):
        qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.status_label.text() == "已合并"
    assert first.cases[0].case_no in dialog.meta_label.text()
    assert f"主案件：{first.cases[0].case_no}" in dialog.timeline_texts()[-1]
    assert dialog.offered_actions() == []


def test_correction_shows_the_new_name_and_keeps_history(qtbot, page, station_ctx, signals):
    """更正 of the department appends an event naming old history and the new department."""
    ref = reference_data(station_ctx)
    registered, _ = register_visit(
        station_ctx,
        visit("张三", "13812345678", supervised("路灯坏了", department_id=ref.departments[0].id)),
    )
    dialog = page.open_case(registered.cases[0].id)
    form = dialog.start_action(EventKind.CORRECTION)
    choose(form.field_combo, "department_id")
    choose(form.value_widgets["department_id"], ref.departments[1].id)
    type_text(form.inputs["reason"], "登记时选错了单位")
    with qtbot.waitSignal(dialog.loaded, timeout=3000):
        qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    texts = dialog.timeline_texts()
    assert len(texts) == 2
    assert f"改为：{ref.departments[1].name}" in texts[-1]
    assert ref.departments[0].name in texts[0]  # the registration still says what it said
    assert dialog.detail.row.department == ref.departments[1].name


def test_county_events_are_marked_and_user_text_is_shown_exactly(qtbot, page, station_ctx, signals):
    """A county reply carries 县级; markup typed by a resident is shown as typed, not rendered."""
    content = "<b>路灯</b> & 'x' -- DROP TABLE case_record;"
    registered = register(station_ctx, signals, visit("张三", "13812345678", supervised(content)))
    case_id = registered.cases[0].id
    now = station_ctx.clock()
    with station_ctx.db.write_core() as con:  # what a sync from the county would append
        station_id, device = con.exec_driver_sql(
            "SELECT station_id, created_by_device FROM case_record WHERE id = ?", (case_id,)
        ).one()
        con.exec_driver_sql(
            "INSERT INTO case_event (id, station_id, created_by_device, created_at, case_id, "
            "kind, occurred_at, occurred_on, origin, actor_id, payload) "
            "VALUES (?, ?, ?, ?, ?, 'county_reply', ?, ?, 'county', NULL, ?)",
            (
                str(uuid.uuid4()),
                station_id,
                device,
                now.isoformat(timespec="milliseconds"),
                case_id,
                now.isoformat(timespec="milliseconds"),
                now.date().isoformat(),
                json.dumps({"note": "县住建局已纳入改造计划"}, ensure_ascii=False),
            ),
        )
    dialog = page.open_case(case_id)
    items = dialog.timeline_items()
    assert [i.entry.county for i in items] == [False, True]
    assert "县级" in items[1].text() and "县住建局已纳入改造计划" in items[1].text()
    shown = [label.text() for label in dialog.info.findChildren(type(dialog.case_no_label))]
    assert content in shown


# --- opening cases --------------------------------------------------------------------------


def test_enter_and_double_click_open_one_window_per_case(qtbot, page, station_ctx, signals):
    """Enter on a row and a double-click open the case; the same case never opens twice."""
    register(station_ctx, signals, visit("张三", "13812345678", supervised("路灯坏了")))
    page.refresh()
    page.table.setFocus()
    page.table.selectRow(0)
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert len(page.open_dialogs()) == 1
    rect = page.table.visualRect(page.model.index(0, 0))
    QTest.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(page.open_dialogs()) == 1
    dialog = page.open_dialogs()[0]
    assert dialog.case_id == page.model.case_id(0)
    dialog.close_button.click()
    assert page.open_dialogs() == []


def test_list_refreshes_when_a_changeset_touches_cases(qtbot, page, station_ctx, signals):
    """A ChangeSet for visits reloads the list; one for other tables does not."""
    assert page.count_label.text() == "共 0 件"
    assert page.body.currentWidget() is page.empty_label
    _, changes = register_visit(station_ctx, visit("张三", "13812345678", supervised("路灯")))
    from stationdesk.services.changes import ChangeSet

    emit(signals.changes, ChangeSet.of("settings"))
    qtbot.wait(300)
    assert page.count_label.text() == "共 0 件"
    emit(signals.changes, changes)
    qtbot.waitUntil(lambda: page.count_label.text() == "共 1 件", timeout=3000)


def test_a_hidden_page_lists_the_cases_when_first_shown(qtbot, signals, station_ctx):
    """attach() on a hidden page only fills the filters; the ids load when it is shown."""
    register_visit(station_ctx, visit("张三", "13812345678", supervised("路灯")))
    widget = CaseListPage(signals)
    qtbot.addWidget(widget)
    widget.attach(station_ctx)
    assert widget.model.rowCount() == 0
    assert widget.category_combo.count() > 1
    with qtbot.waitSignal(widget.list_shown, timeout=3000):
        widget.show()
    assert widget.count_label.text() == "共 1 件"


# --- the home lists -------------------------------------------------------------------------


def test_home_lists_show_todays_visits_due_cases_and_callbacks_and_open_them(
    qtbot, signals, station_ctx
):
    """今日接待, 到期与超期 and 待回访 list their cases; clicking a line asks to open it."""
    department = reference_data(station_ctx).departments[0].id
    late = supervised(
        "路灯坏了", department_id=department, due_date=date.today() - timedelta(days=2)
    )
    overdue, _ = register_visit(station_ctx, visit("张三", "13812345678", late))
    answered, _ = register_visit(station_ctx, visit("李四", "13987654321", on_spot("问低保政策")))
    home = HomePage(signals)
    qtbot.addWidget(home)
    home.resize(1000, 720)
    home.show()
    home.attach(station_ctx)

    lists = home.work_lists
    assert lists["visits"].title_label.text() == "今日接待（2）"
    assert set(lists["visits"].case_ids()) == {overdue.cases[0].id, answered.cases[0].id}
    assert lists["due"].case_ids() == [overdue.cases[0].id]
    assert lists["due"].texts()[0].startswith("超期2天 张*")
    assert lists["callbacks"].case_ids() == [answered.cases[0].id]
    assert home.duty_panel.texts() == ["今天没有安排值班代表"]

    item = lists["due"].list.item(0)
    with qtbot.waitSignal(home.open_case_requested) as opened:
        rect = lists["due"].list.visualItemRect(item)
        QTest.mouseClick(lists["due"].list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [overdue.cases[0].id]


def test_home_lists_follow_changes_once_shown(qtbot, signals, station_ctx):
    """A change while the home page is hidden reloads its lists when it is shown again."""
    home = HomePage(signals)
    qtbot.addWidget(home)
    home.attach(station_ctx)
    assert home.work_lists["visits"].case_ids() == []
    _, changes = register_visit(station_ctx, visit("张三", "13812345678", supervised("路灯")))
    emit(signals.changes, changes)
    assert home.tile_text("issues") == "1"  # the figures follow at once
    assert home.work_lists["visits"].case_ids() == []
    with qtbot.waitSignal(home.lists_shown, timeout=3000):
        home.show()
    assert len(home.work_lists["visits"].case_ids()) == 1
    _, changes = register_visit(station_ctx, visit("李四", "13987654321", supervised("停车难")))
    with qtbot.waitSignal(home.lists_shown, timeout=3000):
        emit(signals.changes, changes)
    assert home.work_lists["visits"].title_label.text() == "今日接待（2）"


def test_home_tiles_still_fit_a_1024x768_screen(qtbot, signals, station_ctx):
    """With the lists under them, the seven tiles keep their minimum width at 1024×768."""
    home = HomePage(signals)
    qtbot.addWidget(home)
    home.resize(1024 - 190, 768 - 90)  # the navigation, title bar and status bar taken off
    home.show()
    home.attach(station_ctx)
    qtbot.wait(10)
    for tile in home.tiles.values():
        assert tile.width() >= 150
        assert tile.geometry().bottom() < home.height()
    for work_list in home.work_lists.values():
        assert work_list.list.height() >= 72
        assert work_list.geometry().bottom() <= home.height()
    assert home.duty_panel.scroll.height() >= 72
    assert home.duty_panel.geometry().bottom() <= home.height()


# --- the lazy model on a demo database ------------------------------------------------------


def test_lazy_model_loads_only_the_rows_it_shows(qtbot, demo_page, demo_ctx):
    """Scrolling 20,000 visits' cases to the end loads a few blocks, not the whole table."""
    page = demo_page
    total = len(list_case_ids(demo_ctx, CaseFilter()))
    assert total > DEMO_VISITS
    assert page.model.rowCount() == total
    assert page.count_label.text() == f"共 {total} 件"
    assert page.model.rows_fetched <= BLOCK_SIZE
    assert page.first_screen_ready()

    page.table.scrollToBottom()
    qtbot.waitUntil(page.first_screen_ready, timeout=3000)
    page.table.scrollTo(page.model.index(total // 2, 0))
    qtbot.waitUntil(page.first_screen_ready, timeout=3000)
    page.table.viewport().repaint()
    assert page.model.rows_fetched <= 4 * BLOCK_SIZE
    assert page.model.cached_rows() <= 4 * BLOCK_SIZE
    last = page.model.case_row(total - 1)
    assert last is not None and last.id == page.model.case_id(total - 1)


def test_first_screen_of_a_filtered_table_is_ready_with_the_list(qtbot, demo_page):
    """Choosing a status shows the filtered list with its first screen of rows already loaded.

    (How fast is measured in bench/case_list.py, not here.)
    """
    page = demo_page
    for status in (CaseStatus.IN_PROGRESS, CaseStatus.CLOSED, CaseStatus.DONE):
        with qtbot.waitSignal(page.list_shown, timeout=3000):
            choose(page.status_combo, status.value)
        assert page.first_screen_ready()
        page.table.viewport().repaint()
        assert page.model.case_row(0).status is status


def test_filters_narrow_the_list_correctly(qtbot, demo_page, demo_ctx):
    """Each filter keeps only matching cases; together they narrow further; 清除条件 resets."""
    page = demo_page
    total = page.model.rowCount()
    ref = reference_data(demo_ctx)
    today = demo_ctx.clock().date()

    choose_filter(qtbot, page, page.status_combo, CaseStatus.IN_PROGRESS.value)
    in_progress = loaded_rows(page)
    assert 0 < len(in_progress) < total
    assert {r.status for r in in_progress} == {CaseStatus.IN_PROGRESS}

    choose_filter(qtbot, page, page.track_combo, Track.SUPERVISE.value)
    both = loaded_rows(page)
    assert 0 < len(both) <= len(in_progress)
    assert {(r.status, r.track) for r in both} == {(CaseStatus.IN_PROGRESS, Track.SUPERVISE)}

    page.clear_filters()
    assert page.model.rowCount() == total

    category = ref.categories[0]
    choose_filter(qtbot, page, page.category_combo, category.id)
    assert {r.category for r in loaded_rows(page)} == {category.name}
    page.clear_filters()

    with qtbot.waitSignal(page.list_shown, timeout=3000):
        page.overdue_box.setChecked(True)
    overdue = loaded_rows(page)
    assert overdue and all(r.overdue for r in overdue)
    page.clear_filters()

    with qtbot.waitSignal(page.list_shown, timeout=3000):
        page.callback_box.setChecked(True)
    assert {r.status for r in loaded_rows(page)} == {CaseStatus.CLOSED}
    page.clear_filters()

    with qtbot.waitSignal(page.list_shown, timeout=3000):
        page.date_from.set_value(today - timedelta(days=6))
        page.date_to.set_value(today)
    week = loaded_rows(page)
    assert week
    assert all(
        today - timedelta(days=6) <= r.registered_at.astimezone().date() <= today for r in week
    )

    department = next(d for d in ref.departments if d.name in {r.department for r in in_progress})
    choose_filter(qtbot, page, page.department_combo, department.id)
    assert {r.department for r in loaded_rows(page)} <= {department.name}
    page.clear_filters()
    assert page.model.rowCount() == total
    assert page.search_box.text() == ""


def test_home_shows_todays_duty_deputies_from_the_roster(qtbot, signals, demo_ctx):
    """今日值班签到 lists today's planned duty shifts, one row each."""
    shifts = day_shifts(demo_ctx)
    home = HomePage(signals)
    qtbot.addWidget(home)
    home.attach(demo_ctx)
    shown = home.duty_panel.texts()
    assert len(shown) == len(shifts) or (not shifts and shown == ["今天没有安排值班代表"])
    assert {line.split(" ")[1] for line in shown} == {s.deputy_name for s in shifts} or not shifts
    assert home.work_lists["due"].case_ids()


def test_to_suggestion_names_the_deputy_and_changes_the_track(qtbot, demo_page, demo_ctx):
    """转为代表建议 with a deputy, a title and the case's words moves the case to 形成建议交办."""
    ids = list_case_ids(
        demo_ctx, CaseFilter(statuses=(CaseStatus.IN_PROGRESS,), tracks=(Track.SUPERVISE,))
    )
    deputy = reference_data(demo_ctx).deputies[0]
    dialog = demo_page.open_case(ids[0])
    form = dialog.start_action(EventKind.TO_SUGGESTION)
    assert form.text("content").startswith(dialog.detail.content)
    assert form.text("title")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.error_text("deputy_id") == "此项必须填写。"
    choose(form.inputs["deputy_id"], deputy.id)
    type_text(form.inputs["submitted_to"], "县人大常委会代表工委")
    with qtbot.waitSignal(dialog.loaded, timeout=3000):
        qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.detail.row.track is Track.SUGGESTION
    assert "形成建议交办" in dialog.meta_label.text()
    assert f"代表：{deputy.name}" in dialog.timeline_texts()[-1]


def test_reveal_full_phone_needs_a_reason_and_is_audited(qtbot, page, station_ctx, signals):
    """查看完整 asks for a reason, then shows the full phone; the audit row records it."""
    import sqlite3

    from PySide6.QtWidgets import QLabel, QPushButton

    from stationdesk.ui.case_detail import RevealDialog

    registered = register(station_ctx, signals, visit("张三", "13812345678", on_spot("问政策")))
    dialog = page.open_case(registered.cases[0].id)
    buttons = [b for b in dialog.findChildren(QPushButton) if b.text() == "查看完整"]
    assert len(buttons) == 1  # the phone (no ID number was given)
    labels = [lbl.text() for lbl in dialog.findChildren(QLabel)]
    assert "138****5678" in labels and "13812345678" not in labels
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    reveal = dialog.findChild(RevealDialog)
    assert reveal is not None and reveal.isVisible()
    qtbot.mouseClick(reveal.ok_button, Qt.MouseButton.LeftButton)  # no reason yet
    assert reveal.error_label.text() != "" and reveal.isVisible()
    type_text(reveal.reason_edit, "电话回访需要")
    qtbot.mouseClick(reveal.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "13812345678" in [lbl.text() for lbl in dialog.findChildren(QLabel)])
    con = sqlite3.connect(station_ctx.paths.db)
    rows = con.execute(
        "SELECT reason FROM audit_log WHERE action = 'visit.reveal_phone'"
    ).fetchall()
    con.close()
    assert rows == [("电话回访需要",)]
