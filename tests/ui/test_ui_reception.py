from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from ui_helpers import a_visit, ime_commit, type_text

from stationdesk.domain.enums import Channel, Track
from stationdesk.services import reception
from stationdesk.services.dto import IssueInput, VisitInput
from stationdesk.ui.reception_page import CONTENT_MAX, SHORT_MAX, ReceptionPage

ROOT = Path(__file__).resolve().parents[2]
RET = Qt.Key.Key_Return
CTRL = Qt.KeyboardModifier.ControlModifier
NO_MOD = Qt.KeyboardModifier.NoModifier
DEPUTIES = ("王建国", "李秀英", "张伟", "刘洋")
ON_DUTY = ("王建国", "李秀英")
VILLAGES = ("东关村", "西关社区")


def seed_roster(ctx) -> dict[str, str]:
    """Grids, serving deputies and today's duty shifts (what the roster pages will manage)."""
    ids: dict[str, str] = {}
    stamp = "2026-01-05T08:00:00+08:00"
    with ctx.db.write_core() as conn:
        station_id, device_id = conn.exec_driver_sql("SELECT id, device_id FROM station").one()
        common = (station_id, device_id, stamp, stamp)
        for village in VILLAGES:
            for n in (1, 2):
                gid = str(uuid.uuid4())
                ids[f"{village}第{n}网格"] = gid
                conn.exec_driver_sql(
                    "INSERT INTO grid (id, station_id, created_by_device, created_at, updated_at,"
                    " name, village) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (gid, *common, f"{village}第{n}网格", village),
                )
        for name in DEPUTIES:
            did = str(uuid.uuid4())
            ids[name] = did
            conn.exec_driver_sql(
                "INSERT INTO deputy (id, station_id, created_by_device, created_at, updated_at,"
                " name, unit, status) VALUES (?, ?, ?, ?, ?, ?, '东关街道', 'serving')",
                (did, *common, name),
            )
            if name in ON_DUTY:
                conn.exec_driver_sql(
                    "INSERT INTO duty_shift (id, station_id, created_by_device, created_at,"
                    " updated_at, shift_on, half, deputy_id) VALUES (?, ?, ?, ?, ?, ?, 'am', ?)",
                    (str(uuid.uuid4()), *common, ctx.clock().date().isoformat(), did),
                )
    return ids


class Keyboard:
    """Drives the form through whatever widget has focus; counts every key that is not text."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.count = 0

    @staticmethod
    def focused() -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has keyboard focus"
        return widget

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NO_MOD) -> None:
        self.count += 1
        self.qtbot.keyClick(self.focused(), key, modifiers)

    def type(self, text: str) -> None:
        type_text(self.focused(), text)

    def ime(self, text: str) -> None:
        ime_commit(self.focused(), text)


def rows(ctx, sql: str, *params) -> list[tuple]:
    with ctx.db.read() as s:
        return [tuple(r) for r in s.connection().exec_driver_sql(sql, params)]


def count(ctx, table: str) -> int:
    return rows(ctx, f"SELECT count(*) FROM {table}")[0][0]


def drafts(ctx) -> list[dict]:
    return [json.loads(r[0]) for r in rows(ctx, "SELECT data FROM draft WHERE form = 'reception'")]


def show(qtbot, page: ReceptionPage, width: int = 1176, height: int = 708) -> None:
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    page.activateWindow()
    assert QTest.qWaitForWindowActive(page)


@pytest.fixture
def roster(station_ctx) -> dict[str, str]:
    """The station with grids, four deputies and two of them on duty today."""
    return seed_roster(station_ctx)


@pytest.fixture
def page(qtbot, signals, station_ctx, roster) -> ReceptionPage:
    """An attached reception page, shown and active, with the cursor in 来访群众."""
    widget = ReceptionPage(signals)
    show(qtbot, widget)
    widget.attach(station_ctx)
    assert widget.is_ready()
    assert widget.draft_offer is None
    widget.focus_first()
    assert QApplication.focusWidget() is widget.name_edit
    return widget


def test_two_issue_visit_is_registered_by_keyboard_alone(page, station_ctx, roster, qtbot):
    """Typing, Enter/Ctrl+Enter, Ctrl+N, an arrow key and Ctrl+S register 1 visit with 2 cases."""
    kb = Keyboard(qtbot)
    content1 = "村口路灯坏了三盏，晚上出门看不见。\n老人孩子走路不安全。"
    content2 = "学校门口上下学时段停车难，经常堵车"
    kb.type("张三丰")
    kb.press(RET)
    kb.type("13812345678")
    kb.press(RET)
    kb.type("11010519491231002X")
    kb.press(RET)
    kb.type("东关村幸福路12号")
    kb.press(RET)
    kb.press(RET)  # 村（社区）: filled by the grid below
    kb.type("西关社区第2")  # any part of the grid's name picks it
    kb.press(RET)
    assert page.village_edit.text() == "西关社区"
    kb.type("道路")  # 问题类别 → 道路交通
    kb.press(RET)
    kb.type(content1.split("\n")[0])
    kb.press(RET)  # a new line inside the resident's words
    kb.type(content1.split("\n")[1])
    kb.press(RET, CTRL)
    kb.type("尽快修好")
    kb.press(RET, CTRL)
    assert Keyboard.focused() is page.issues[0].track_buttons[Track.ON_SPOT]
    kb.press(RET)
    kb.type("已联系供电所电工，明天上午维修")
    kb.press(Qt.Key.Key_N, CTRL)  # 添加问题
    assert len(page.issues) == 2 and Keyboard.focused() is page.issues[1].category
    kb.type("城乡")
    kb.press(RET)
    kb.ime(content2)
    kb.press(RET, CTRL)
    kb.press(RET, CTRL)  # no 诉求
    kb.press(Qt.Key.Key_Down)  # 办理方式 → 联络站督办
    assert page.issues[1].track() is Track.SUPERVISE
    kb.press(RET)
    kb.type("派出所")
    kb.press(RET)
    assert Keyboard.focused() is page.issues[1].due
    with qtbot.waitSignal(page.saved) as saved:
        kb.press(Qt.Key.Key_S, CTRL)

    result = saved.args[0]
    assert count(station_ctx, "visit") == 1
    cases = rows(
        station_ctx,
        "SELECT c.case_no, c.content, c.demand, c.track, cat.name, c.on_spot_answer, d.name,"
        " c.status, c.due_date FROM case_record c LEFT JOIN category cat ON cat.id = c.category_id"
        " LEFT JOIN department d ON d.id = c.department_id ORDER BY c.position",
    )
    assert len(cases) == 2
    assert cases[0][1:7] == (
        content1,
        "尽快修好",
        "on_spot",
        "道路交通",
        "已联系供电所电工，明天上午维修",
        None,
    )
    assert cases[0][7] == "closed"
    assert cases[1][1:7] == (content2, None, "supervise", "城乡建设", None, "派出所")
    assert cases[1][8] is not None
    visit = rows(
        station_ctx,
        "SELECT visitor_name, visitor_phone, visitor_id_number, visitor_address, village, grid_id,"
        " channel, people FROM visit",
    )[0]
    assert visit == (
        "张三丰",
        "13812345678",
        "11010519491231002X",
        "东关村幸福路12号",
        "西关社区",
        roster["西关社区第2网格"],
        "walk_in",
        1,
    )
    present = {r[0] for r in rows(station_ctx, "SELECT deputy_id FROM visit_deputy")}
    assert present == {roster[name] for name in ON_DUTY}
    numbers = [c[0] for c in cases]
    assert [c.case_no for c in result.cases] == numbers
    assert page.status_label.text() == f"已保存：案件编号 {numbers[0]}、{numbers[1]}"
    # the form is ready for the next resident, and the ID number is not echoed anywhere
    assert page.name_edit.text() == "" and len(page.issues) == 1
    assert page.issues[0].content.text() == ""
    assert Keyboard.focused() is page.name_edit
    shown = " ".join(label.text() for label in page.findChildren(type(page.status_label)))
    assert "11010519491231002X" not in shown and "1231002X" not in shown
    assert drafts(station_ctx) == []


def test_one_issue_on_the_spot_needs_at_most_12_keys_beyond_the_text(page, station_ctx, qtbot):
    """Walking every field with Enter costs 11 keys; with Ctrl+↓ over the optional ones, 7."""
    kb = Keyboard(qtbot)
    kb.type("李四")
    kb.press(RET)
    kb.type("13912345678")
    for _ in range(5):  # past 身份证号, 住址, 村（社区）, 网格 (left empty) to 问题类别
        kb.press(RET)
    assert Keyboard.focused() is page.issues[0].category
    kb.type("环境")
    kb.press(RET)
    kb.type("小区垃圾清运不及时")
    kb.press(RET, CTRL)
    kb.press(RET, CTRL)  # no 诉求; 办理方式 is already 现场办结
    kb.press(RET)
    kb.type("已通知物业今天清运")
    kb.press(Qt.Key.Key_S, CTRL)
    assert count(station_ctx, "case_record") == 1, page.status_label.text()
    assert kb.count == 11
    assert kb.count <= 12

    quick = Keyboard(qtbot)
    quick.type("王五")
    quick.press(RET)
    quick.type("13712345678")
    quick.press(Qt.Key.Key_Down, CTRL)  # to 问题 1
    quick.press(RET)  # no category
    quick.type("路口红绿灯时间太短")
    quick.press(RET, CTRL)
    quick.press(RET, CTRL)
    quick.press(RET)
    quick.type("已向交警队反映，群众表示理解")
    quick.press(Qt.Key.Key_S, CTRL)
    assert count(station_ctx, "case_record") == 2, page.status_label.text()
    assert quick.count == 7
    answers = rows(station_ctx, "SELECT on_spot_answer, status FROM case_record ORDER BY case_no")
    assert answers == [
        ("已通知物业今天清运", "closed"),
        ("已向交警队反映，群众表示理解", "closed"),
    ]


def test_returning_visitor_shows_earlier_case_numbers(page, station_ctx, qtbot):
    """A known phone number (or name) brings up "该群众以前反映过 N 件" with the case numbers."""
    earlier, _ = reception.register_visit(station_ctx, a_visit(name="赵六"))
    case_no = earlier.cases[0].case_no
    kb = Keyboard(qtbot)
    kb.type("赵六")
    kb.press(RET)
    assert page.returning_notice.isVisible()
    assert page.returning_notice.text().startswith("同名群众以前反映过 1 件：")
    kb.type("138 1234 5678")
    kb.press(RET)
    assert page.returning_notice.isVisible()
    assert page.returning_notice.text() == f"该群众以前反映过 1 件：{case_no}"

    page.phone_edit.clear()
    page.name_edit.clear()
    type_text(page.phone_edit, "13800000000")
    qtbot.waitUntil(lambda: not page.returning_notice.isVisible())


def test_bad_phone_is_reported_at_the_field_and_nothing_is_lost(page, station_ctx, qtbot):
    """An invalid phone: the Chinese message under 联系电话, focus there, nothing saved or lost."""
    kb = Keyboard(qtbot)
    kb.type("钱七")
    kb.press(RET)
    kb.type("1381234")
    kb.press(Qt.Key.Key_Down, CTRL)
    kb.press(RET)
    kb.type("反映的问题")
    kb.press(RET, CTRL)
    kb.press(RET, CTRL)
    kb.press(RET)
    kb.type("当场答复")
    kb.press(Qt.Key.Key_S, CTRL)

    assert page.field_error("phone").startswith("电话号码不对")
    assert page.field_error("visitor_name") == ""
    assert Keyboard.focused() is page.phone_edit
    assert page.status_label.text() == "没有保存：请先改正标红的项目。"
    assert count(station_ctx, "visit") == 0
    assert (page.name_edit.text(), page.phone_edit.text()) == ("钱七", "1381234")
    assert page.issues[0].content.text() == "反映的问题"
    assert page.issues[0].answer.text() == "当场答复"

    kb.type("5678")  # typing at the field clears its message; the fixed form saves
    assert page.field_error("phone") == ""
    page.phone_edit.setText("13812345678")
    kb.press(Qt.Key.Key_S, CTRL)
    assert count(station_ctx, "visit") == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id_number", "110105194912310021", "身份证号最后一位校验码对不上"),
        ("id_number", "110105491231002", "这是 15 位的旧身份证号"),
        ("visitor_name", "张3", "姓名只能用汉字或字母"),
    ],
)
def test_invalid_id_or_name_shows_its_own_message(page, station_ctx, field, value, message):
    """ID number and name problems come back in Chinese at their own field."""
    page.name_edit.setText("孙八")
    page.fields[field].editor.setText(value)
    ime_commit(page.issues[0].content, "问题")
    ime_commit(page.issues[0].answer, "答复")
    page.save()
    assert page.field_error(field).startswith(message)
    assert value not in page.field_error(field)
    assert count(station_ctx, "visit") == 0
    assert page.fields[field].editor.text() == value


def test_hostile_text_is_saved_and_read_back_exactly(page, station_ctx, qtbot):
    """Emoji, an RTL override, <&> and SQL fragments are stored exactly as typed."""
    hostile = "😀👨‍👩‍👧 \u202e反向文字 <b>&amp;</b> '); DROP TABLE visit;--"
    answer = "<script>alert('x')</script> & \"引号\" \u202e🙂"
    address = "幸福路<12>号 & '); DELETE FROM case_record;--"
    kb = Keyboard(qtbot)
    kb.type("O'Brien-欧阳")
    kb.press(RET)
    kb.press(RET)
    kb.press(RET)
    kb.type(address)
    kb.press(Qt.Key.Key_Down, CTRL)
    kb.press(RET)
    kb.type(hostile)
    kb.press(RET, CTRL)
    kb.ime(hostile)
    kb.press(RET, CTRL)
    kb.press(RET)
    kb.type(answer)
    kb.press(RET, CTRL)
    kb.type("县信访局 <窗口> & '3号'")
    kb.press(Qt.Key.Key_S, CTRL)

    stored = rows(
        station_ctx,
        "SELECT v.visitor_name, v.visitor_address, c.content, c.demand, c.on_spot_answer,"
        " c.referred_to FROM case_record c JOIN visit v ON v.id = c.visit_id",
    )
    assert stored == [
        ("O'Brien-欧阳", address, hostile, hostile, answer, "县信访局 <窗口> & '3号'")
    ]
    assert count(station_ctx, "visit") == 1


def test_draft_is_offered_back_after_the_app_is_killed_mid_typing(
    qtbot, signals, station_ctx, roster, paths
):
    """A child app types, autosaves, is SIGKILLed; a new page offers the draft and restores it."""
    typed = {
        "name": "周九",
        "phone": "13612345678",
        "address": "西关社区 3 号楼 <&> 😀",
        "content": "楼道灯坏了\n晚上上楼要摸黑 \u202e'); DROP TABLE draft;--",
    }
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(paths.root), json.dumps(typed)],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "typed", (
            child.stderr.read() if child.stderr else ""
        )
        data = _wait_for_draft(paths.db, typed, timeout=30)
        assert child.poll() is None, "the child must still be running (typing) when killed"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    page = ReceptionPage(signals)
    show(qtbot, page)
    page.attach(station_ctx)
    box = page.draft_offer
    assert box is not None
    assert box.text().startswith("发现未保存的登记草稿（")
    assert box.text().endswith("），是否恢复？")
    restore = next(b for b in box.buttons() if b.text() == "恢复")
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)

    latest = drafts(station_ctx)
    assert len(latest) == 1
    assert page.form_data() == latest[0]
    assert page.name_edit.text() == typed["name"]
    assert page.phone_edit.text() == typed["phone"]
    assert page.address_edit.text() == typed["address"]
    assert page.issues[0].content.text() == typed["content"]
    assert set(page.form_data()["issues"][0]["on_spot_answer"]) <= {"再"}
    assert data["issues"][0]["content"] == typed["content"]
    assert page.deputy_ids() == latest[0]["deputy_ids"]

    # saving the restored visit removes the draft
    page.issues[0].answer.setPlainText("已记录")
    page.save()
    assert count(station_ctx, "visit") == 1
    assert drafts(station_ctx) == []


CHILD = r"""
import json, os, sys, time
from pathlib import Path
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from stationdesk.paths import DataPaths
from stationdesk.services.station import open_context
from stationdesk.ui.reception_page import ReceptionPage
from stationdesk.ui.signals import AppSignals


def type_text(widget, text):
    for ch in text:
        key = Qt.Key.Key_Return if ch == "\n" else Qt.Key.Key_unknown
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, key, ch, Qt.KeyboardModifier.NoModifier)


app = QApplication([])
typed = json.loads(sys.argv[2])
ctx = open_context(DataPaths(Path(sys.argv[1])))
page = ReceptionPage(AppSignals())
page.resize(1176, 708)
page.show()
page.attach(ctx)
deadline = time.monotonic() + 30
while not page.is_ready():
    app.processEvents()
    time.sleep(0.01)
    if time.monotonic() > deadline:
        sys.exit(3)
type_text(page.name_edit, typed["name"])
type_text(page.phone_edit, typed["phone"])
type_text(page.address_edit, typed["address"])
type_text(page.issues[0].content, typed["content"])
print("typed", flush=True)
timer = QTimer()
timer.timeout.connect(lambda: type_text(page.issues[0].answer, "再"))
timer.start(150)
app.exec()
"""


def _wait_for_draft(db: Path, typed: dict[str, str], timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with sqlite3.connect(db.as_uri() + "?mode=ro", uri=True, timeout=5) as conn:
                found = conn.execute("SELECT data FROM draft WHERE form = 'reception'").fetchall()
        except sqlite3.OperationalError:
            found = []
        for (raw,) in found:
            data = json.loads(raw)
            issue = data["issues"][0]
            if data["visitor_name"] == typed["name"] and issue["content"] == typed["content"]:
                return data
        time.sleep(0.1)
    raise AssertionError("the autosaved draft never appeared")


def test_discarding_a_draft_asks_first(qtbot, signals, station_ctx, roster):
    """放弃 asks for a confirm; 返回 offers the draft again; 确定放弃 deletes it."""
    from stationdesk.services.drafts import save_draft

    save_draft(station_ctx, "reception", {"visitor_name": "吴十", "issues": [{"content": "x"}]})
    page = ReceptionPage(signals)
    show(qtbot, page)
    page.attach(station_ctx)

    def click(box: QMessageBox, text: str) -> None:
        qtbot.mouseClick(
            next(b for b in box.buttons() if b.text() == text), Qt.MouseButton.LeftButton
        )

    click(page.draft_offer, "放弃")
    assert page.confirm_box is not None and "不能找回" in page.confirm_box.text()
    click(page.confirm_box, "返回")
    assert page.draft_offer is not None and len(drafts(station_ctx)) == 1
    click(page.draft_offer, "放弃")
    click(page.confirm_box, "确定放弃")
    assert drafts(station_ctx) == []
    assert page.name_edit.text() == ""


def test_form_is_autosaved_on_focus_change_and_timer(page, station_ctx, qtbot):
    """Leaving a changed field writes the draft at once; later typing is saved by the timer."""
    kb = Keyboard(qtbot)
    kb.type("郑十一")
    assert drafts(station_ctx) == []
    kb.press(RET)
    assert [d["visitor_name"] for d in drafts(station_ctx)] == ["郑十一"]
    kb.type("1")
    qtbot.waitUntil(lambda: drafts(station_ctx)[0]["phone"] == "1", timeout=5000)
    assert len(drafts(station_ctx)) == 1


def test_esc_clears_only_after_a_confirm(page, station_ctx, qtbot):
    """Esc asks first; 取消 keeps everything, 清空 empties the form and drops the draft."""
    kb = Keyboard(qtbot)
    kb.type("冯十二")
    kb.press(RET)
    assert len(drafts(station_ctx)) == 1
    kb.press(Qt.Key.Key_Escape)
    box = page.confirm_box
    assert box is not None and box.text().startswith("清空本次登记？")
    qtbot.mouseClick(
        next(b for b in box.buttons() if b.text() == "取消"), Qt.MouseButton.LeftButton
    )
    assert page.name_edit.text() == "冯十二"
    kb.press(Qt.Key.Key_Escape)
    qtbot.mouseClick(
        next(b for b in page.confirm_box.buttons() if b.text() == "清空"),
        Qt.MouseButton.LeftButton,
    )
    assert page.name_edit.text() == ""
    assert drafts(station_ctx) == []
    assert set(page.deputy_ids()) == set(page.reference.duty_deputy_ids)


def test_over_long_content_is_refused_never_cut(page, station_ctx, qtbot):
    """5001 characters: the counter turns red, save is refused at the field, the text stays whole."""
    block = page.issues[0]
    page.name_edit.setText("陈十三")
    text = "路" * (CONTENT_MAX + 1)
    ime_commit(block.content, text)
    ime_commit(block.answer, "答复")
    assert block.content.counter.text().startswith(f"{CONTENT_MAX + 1}/{CONTENT_MAX}，超出 1 字")
    assert block.content.counter.property("alert") is True
    page.save()
    assert page.field_error("issues[0].content") == "内容过长：最多 5000 个字，现在是 5001 个字。"
    assert QApplication.focusWidget() is block.content
    assert count(station_ctx, "visit") == 0
    assert block.content.text() == text
    block.content.textCursor().deletePreviousChar()
    assert block.content.counter.property("alert") is False
    assert block.content.counter.text() == "5000/5000"


def test_grid_fills_village_and_hotline_duplicate_is_warned(page, station_ctx, roster, qtbot):
    """Picking a grid fills 村（社区）; a 12345 work-order number already on file is warned about."""
    reception.register_visit(
        station_ctx,
        VisitInput(
            visitor_name="卫十四",
            channel=Channel.HOTLINE,
            hotline_no="GD20261126001",
            issues=(IssueInput(content="噪音扰民", track=Track.SUPERVISE),),
        ),
    )
    existing = rows(station_ctx, "SELECT case_no FROM case_record")[0][0]
    page.grid_combo.setFocus()
    type_text(page.grid_combo, "东关村第2")
    page.grid_combo.resolve()
    assert page.grid_combo.selected_id() == roster["东关村第2网格"]
    assert page.village_edit.text() == "东关村"

    assert not page.hotline_edit.isVisibleTo(page)
    page.channel_combo.setFocus()
    names = [page.channel_combo.itemText(i) for i in range(page.channel_combo.count())]
    assert names == [
        "来访",
        "电话",
        "扫码",
        "网格员/民情联络员转来",
        "12345热线转来",
        "代表走访收集",
        "信件",
        "流动工作站",
    ]
    page.channel_combo.setCurrentIndex(names.index("12345热线转来"))
    assert page.hotline_edit.isVisibleTo(page)
    qtbot.keyClick(page.channel_combo, RET)
    assert QApplication.focusWidget() is page.hotline_edit
    qtbot.keyClicks(page.hotline_edit, "GD20261126001")
    qtbot.keyClick(page.hotline_edit, RET)
    assert page.hotline_notice.isVisible()
    assert existing in page.hotline_notice.text()


def test_duty_deputies_are_prechecked_and_saved_with_the_visit(page, station_ctx, roster):
    """Today's duty deputies start checked; unchecking one leaves it out of the visit."""
    assert set(page.deputy_ids()) == {roster[n] for n in ON_DUTY}
    page.deputy_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    page.name_edit.setText("褚十五")
    page.issues[0].content.setPlainText("问题")
    page.issues[0].answer.setPlainText("答复")
    page.save()
    present = [r[0] for r in rows(station_ctx, "SELECT deputy_id FROM visit_deputy")]
    assert len(present) == 1 and present[0] in {roster[n] for n in ON_DUTY}


def test_supervised_issue_due_date_defaults_from_the_category_limit(page, station_ctx):
    """联络站督办 gets 办理期限 = today + the category's working days, until the clerk edits it."""
    from stationdesk.domain.workdays import add_working_days

    block = page.issues[0]
    block.track_buttons[Track.SUPERVISE].setChecked(True)
    assert block.due.isVisibleTo(page) and not block.answer.isVisibleTo(page)
    block.category.setCurrentIndex(block.category.findText("水电气暖"))
    today = station_ctx.clock().date()
    expected = add_working_days(today, 5)
    assert block.due.date().toPython() == expected
    assert "5 个工作日" in block.due_hint.text()
    block.due.setDate(block.due.date().addDays(3))
    block.category.setCurrentIndex(block.category.findText("教育"))
    assert block.due.date().toPython() == date.fromordinal(expected.toordinal() + 3)


def test_form_fits_a_1024_by_768_screen_without_sideways_scrolling(
    qtbot, signals, station_ctx, roster
):
    """At 1024×768 (minus the navigation) the form scrolls only vertically; the save bar shows."""
    page = ReceptionPage(signals)
    show(qtbot, page, width=1024 - 190, height=768 - 60)
    page.attach(station_ctx)
    page.add_issue(focus=False)
    qtbot.wait(10)
    assert page.content_widget.minimumSizeHint().width() <= page.scroll.viewport().width()
    assert not page.scroll.horizontalScrollBar().isVisible()
    assert page.save_button.isVisible()
    assert page.save_button.geometry().bottom() <= page.height()
    assert QApplication.font().pointSizeF() >= 10.5


def test_counters_show_the_service_limits():
    """The counters use the same limits the service enforces."""
    assert (CONTENT_MAX, SHORT_MAX) == (reception.CONTENT_MAX, reception.SHORT_MAX)


def test_tab_walks_the_form_in_screen_order(page, qtbot):
    """Tab and Shift+Tab follow the screen: reception details, resident, then each issue."""
    block = page.issues[0]
    expected = [
        page.phone_edit,
        page.id_edit,
        page.address_edit,
        page.village_edit,
        page.grid_combo,
        block.category,
        block.content,
        block.demand,
        block.track_buttons[Track.ON_SPOT],
        block.answer,
        block.referred_to,
    ]
    seen = []
    for _ in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == expected
    page.focus_first()
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is page.deputy_list


def test_enter_in_an_open_completion_list_takes_the_entry_and_moves_on(page, roster, qtbot):
    """With the completion list open, one Enter picks the highlighted grid and goes on."""
    combo = page.grid_combo
    page._focus(combo)
    type_text(combo, "西关")
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    popup.setCurrentIndex(popup.model().index(1, 0))
    qtbot.keyClick(popup, RET)
    assert not popup.isVisible()
    assert combo.selected_id() == roster["西关社区第2网格"]
    assert page.village_edit.text() == "西关社区"
    assert QApplication.focusWidget() is page.issues[0].category
