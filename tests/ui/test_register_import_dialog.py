"""导入 Excel 台账 dialog: mapping shown and adjusted, dry-run errors listed, import, cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from stationdesk.ui.register_import_dialog import RegisterImportDialog
from tests.services.register_factories import TYPICAL_HEADER, write_book

ROWS = [
    [1, "2024-3-5", "", "张三", "138 1234 5678", "红旗村", "村口路灯坏了", "现场答复", "已修好",
     "满意"],
    [2, "2024/03/06", "", "李四", "139****1111", "东风村", "学校门口停车难", "联络站督办", "",
     ""],
]  # fmt: skip


def _count(ctx, table):
    return ctx.db.query(f"SELECT count(*) FROM {table}")[0][0]


def _dialog(open_window, paths, qtbot, window=None):
    window = window or open_window(paths)
    page = window.data_page
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, RegisterImportDialog)
    return dialog


def test_the_mapping_is_guessed_and_errors_are_listed_by_row_and_column(
    open_window, paths, station_ctx, qtbot, tmp_path
):
    """The typical register maps itself; a masked phone blocks the import with its row/column."""
    dialog = _dialog(open_window, paths, qtbot)
    dialog.open_file(write_book(tmp_path / "台账.xlsx", TYPICAL_HEADER, ROWS, above=[["台账"]]))
    assert dialog.mapping_table.rowCount() == len(TYPICAL_HEADER)
    assert dialog.combo(6).currentText() == "反映问题"
    assert dialog.combo(3).currentText() == "来访群众"
    assert "张三" in dialog.mapping_table.item(3, 2).text()
    assert "第 2 行" in dialog.layout_note.text()
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert not dialog.import_button.isEnabled()
    assert dialog.problems.item(0, 0).text() == "4"
    assert dialog.problems.item(0, 1).text() == "联系电话"
    assert "隐去" in dialog.problems.item(0, 2).text()
    assert "发现 1 处问题" in dialog.summary.text()
    assert _count(station_ctx, "case_record") == 0


def test_adjust_the_mapping_check_and_import(open_window, paths, station_ctx, qtbot, tmp_path):
    """办理结果 moved to 诉求, 联系电话 not imported: checked clean, imported, counts shown."""
    dialog = _dialog(open_window, paths, qtbot)
    dialog.open_file(write_book(tmp_path / "台账.xlsx", TYPICAL_HEADER, ROWS))
    dialog.combo(4).setCurrentIndex(0)  # 联系电话 → （不导入）
    demand = dialog.combo(8).findData("demand")
    dialog.combo(8).setCurrentIndex(demand)
    assert dialog.mapping()[8] == "demand" and 4 not in dialog.mapping()
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.import_button.isEnabled(), dialog.summary.text()
    dialog.combo(5).setCurrentIndex(0)  # a change after the check asks for a new check
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "已导入 2 次来访、2 件问题" in dialog.summary.text()
    assert dialog.progress is None  # the progress window is gone
    demands = station_ctx.db.query("SELECT demand FROM case_record ORDER BY registered_on")
    assert demands == [("已修好",), (None,)]
    assert station_ctx.db.query("SELECT visitor_phone FROM visit") == [(None,), (None,)]
    # The next file of this layout starts from the mapping saved with the import.
    again = _dialog(open_window, paths, qtbot, window=dialog.parent().window())
    again.open_file(write_book(tmp_path / "下月.xlsx", TYPICAL_HEADER, ROWS[:1]))
    assert again.combo(8).currentData() == "demand" and "上次" in again.layout_note.text()


def test_cancel_during_the_import_writes_nothing(
    open_window, paths, station_ctx, qtbot, tmp_path, monkeypatch
):
    """取消 in the progress window at the first step: Cancelled, nothing in the database."""
    from stationdesk.services.progress import Job

    rows = [[n, "2024-3-5", "", f"群众{chr(0x4E00 + n)}", "", "", f"问题{n}", "", "", ""]
            for n in range(1, 221)]  # fmt: skip
    dialog = _dialog(open_window, paths, qtbot)
    dialog.open_file(write_book(tmp_path / "大.xlsx", TYPICAL_HEADER, rows))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.import_button.isEnabled()
    seen = []
    original = Job.step

    def press_cancel(job, done, total):
        original(job, done, total)  # the progress window has moved (or Cancelled is raised)
        seen.append(done)
        if done >= 100 and dialog.progress is not None:
            button = dialog.progress.findChild(QPushButton)
            assert button.text() == "取消"
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    monkeypatch.setattr(Job, "step", press_cancel)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert seen[:2] == [0, 100]
    assert "已取消" in dialog.summary.text()
    assert _count(station_ctx, "case_record") == 0 and _count(station_ctx, "import_row") == 0
    assert dialog.progress is None and dialog.check_button.isEnabled()
