"""`stationdesk import-excel` and `register-template` as subprocesses on real files."""

from __future__ import annotations

import sqlite3

from tests.cli.test_cli import sd
from tests.services.register_factories import TYPICAL_HEADER, write_book

ROWS = [
    [1, "2024-3-5", "", "张三", "138 1234 5678", "红旗村", "村口路灯坏了", "现场答复", "已修好",
     "满意"],
    [2, "2024/03/06", "", "李四", "13900001111", "东风村", "学校门口停车难", "联络站督办", "",
     ""],
]  # fmt: skip


def _station(tmp_path):
    d = tmp_path / "D"
    sd("init", "--station-code", "410205-01", "--station-name", "红旗镇联络站", data_dir=d,
       check=True)  # fmt: skip
    return d


def _cases(d):
    db = sqlite3.connect(d / "stationdesk.db")
    try:
        return db.execute("SELECT count(*) FROM case_record").fetchone()[0]
    finally:
        db.close()


def test_dry_run_then_import_then_again(tmp_path):
    """检查 writes nothing; the import writes both rows; a second run finds both imported."""
    d = _station(tmp_path)
    book = write_book(tmp_path / "台账.xlsx", TYPICAL_HEADER, ROWS)
    done = sd("import-excel", str(book), "--dry-run", data_dir=d, check=True)
    assert "反映问题 → 反映问题（content）" in done.stdout
    assert "新的 2 行" in done.stdout and "可以导入" in done.stdout
    assert _cases(d) == 0
    done = sd("import-excel", str(book), data_dir=d, check=True)
    assert "已导入 2 次来访、2 件问题" in done.stdout
    assert _cases(d) == 2
    done = sd("import-excel", str(book), data_dir=d, check=True)
    assert "以前已导入 2 行" in done.stdout and "已导入 0 次来访" in done.stdout
    assert _cases(d) == 2


def test_map_overrides_a_column_and_errors_come_in_chinese(tmp_path):
    """--map 办理结果=诉求 moves the column; a bad row exits 1 with its row and column."""
    d = _station(tmp_path)
    bad = [list(ROWS[0]), list(ROWS[1])]
    bad[1][4] = "139****1111"
    book = write_book(tmp_path / "台账.xlsx", TYPICAL_HEADER, bad)
    done = sd("import-excel", str(book), "--map", "办理结果=诉求", "--map", "A=-", data_dir=d)
    assert done.returncode == 1
    assert "办理结果 → 诉求（demand）" in done.stdout and "序号 →" not in done.stdout
    assert "第 3 行（联系电话）：" in done.stderr and "没有导入" in done.stderr
    assert _cases(d) == 0
    done = sd("import-excel", str(book), "--map", "反映问题=不存在的字段", data_dir=d)
    assert done.returncode == 1 and "没有“不存在的字段”这个字段" in done.stderr


def test_template_and_an_unreadable_file(tmp_path):
    """The template is written; a file that is not Excel is refused in Chinese."""
    d = _station(tmp_path)
    out = tmp_path / "模板.xlsx"
    sd("register-template", str(out), data_dir=d, check=True)
    assert out.stat().st_size > 0
    junk = tmp_path / "坏.xlsx"
    junk.write_text("不是表格", encoding="utf-8")
    done = sd("import-excel", str(junk), data_dir=d)
    assert done.returncode == 1 and "文件无法读取" in done.stderr
