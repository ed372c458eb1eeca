"""旧台账导入 on real .xlsx files and real station files: free forms, mapping, dry run, write."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from stationdesk.domain.enums import Channel, Rating, Track
from stationdesk.domain.errors import AccessError
from stationdesk.domain.figures import Period
from stationdesk.domain.permissions import Role
from stationdesk.paths import DataPaths
from stationdesk.services import accounts, register_import
from stationdesk.services.demo import generate
from stationdesk.services.maintenance import check
from stationdesk.services.progress import Cancelled, Job
from stationdesk.services.register_columns import (
    CellError,
    find_header_row,
    guess_mapping,
    parse_channel,
    parse_date,
    parse_people,
    parse_phone,
    parse_rating,
    parse_track,
)
from stationdesk.services.register_import import (
    check_register,
    import_register,
    preview_register,
)
from stationdesk.services.register_sheet import write_template
from stationdesk.services.station import create_station
from stationdesk.services.statistics import breakdowns, figures
from tests.services.register_factories import (
    ISSUE_LIST_HEADER,
    TYPICAL_HEADER,
    write_book,
)

TODAY = date(2026, 6, 30)


def _typical(path, rows, above=()):
    return write_book(path, TYPICAL_HEADER, rows, above=above)


def _count(ctx, sql, params=()):
    return ctx.db.query(sql, params)[0][0]


ROWS = [
    [1, "2024-3-5", "", "张三", "138 1234 5678", "红旗村三组", "村口路灯坏了三盏", "现场答复",
     "已联系电工修好", "满意"],
    [2, "2024/03/06", "", "李四", "+86 139-0000-1111", "东风村", "学校门口停车难", "转镇城建办督办",
     "", ""],
    [3, "2024年3月7日", "", "王五", "0379-1234567", "", "垃圾清运不及时", "联络站督办",
     "已协调清运", "基本满意"],
]  # fmt: skip


# --- free forms -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2023-5-6", date(2023, 5, 6)),
        ("2023/05/06", date(2023, 5, 6)),
        ("2023.5.6", date(2023, 5, 6)),
        ("2023年5月6日", date(2023, 5, 6)),
        ("2023年5月6号", date(2023, 5, 6)),
        ("２０２３－０５－０６", date(2023, 5, 6)),
        ("20230506", date(2023, 5, 6)),
        (20230506, date(2023, 5, 6)),
        (45052, date(2023, 5, 6)),
        (45052.0, date(2023, 5, 6)),
        (datetime(2023, 5, 6), date(2023, 5, 6)),
        (date(2023, 5, 6), date(2023, 5, 6)),
        (datetime(2023, 5, 6, 9, 30), datetime(2023, 5, 6, 9, 30)),
        ("2023-05-06 14:20", datetime(2023, 5, 6, 14, 20)),
        ("", None),
        (None, None),
    ],
)
def test_dates_in_the_usual_free_forms(cell, expected):
    """Every date form a register uses reads as the same day (with its time when given)."""
    assert parse_date(cell, TODAY) == expected


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("2023-13-01", "不存在"),
        ("2023-02-30", "不存在"),
        ("5月6日", "看不懂"),
        ("明天", "看不懂"),
        ("2030-01-01", "晚于今天"),
        ("1980-01-01", "早于 1990 年"),
    ],
)
def test_bad_dates_are_refused_in_chinese(cell, words):
    """A date that cannot be read, does not exist, lies ahead or long ago: a Chinese reason."""
    with pytest.raises(CellError) as err:
        parse_date(cell, TODAY)
    assert words in err.value.message


def test_only_a_due_date_may_lie_ahead():
    """办理期限 may be after today; nothing else may."""
    assert parse_date("2026-12-01", TODAY, future_ok=True) == date(2026, 12, 1)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("008613812345678", "13812345678"),
        ("0379-1234567", "0379-1234567"),
        ("0379 12345678", "0379-12345678"),
        ("(010)12345678", "010-12345678"),
        ("", None),
        ("无", None),
    ],
)
def test_phones_in_the_usual_free_forms(cell, expected):
    """Mobiles with spaces, dashes, +86; landlines with their area code."""
    assert parse_phone(cell) == expected


def test_a_masked_or_wrong_phone_is_refused():
    """138****5678 is a masked copy, not a number; 12345 is no phone at all."""
    with pytest.raises(CellError, match="隐去"):
        parse_phone("138****5678")
    with pytest.raises(CellError, match="格式不对"):
        parse_phone("12345")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("满意", Rating.SATISFIED),
        ("非常满意", Rating.SATISFIED),
        ("很满意", Rating.SATISFIED),
        ("✓", Rating.SATISFIED),
        ("√", Rating.SATISFIED),
        ("基本满意", Rating.BASICALLY),
        ("比较满意", Rating.BASICALLY),
        ("一般", Rating.BASICALLY),
        ("不满意", Rating.UNSATISFIED),
        ("很不满意", Rating.UNSATISFIED),
        ("×", Rating.UNSATISFIED),
        ("", None),
        ("未回访", None),
    ],
)
def test_ratings_in_the_usual_words(cell, expected):
    """The rating table of docs/register_import.md."""
    assert parse_rating(cell) is expected


def test_an_unknown_rating_word_lists_the_choices():
    """满意度 “还可以吧” is not guessed: the error names what can be written."""
    with pytest.raises(CellError, match="可填：满意、基本满意、不满意"):
        parse_rating("还可以吧")


@pytest.mark.parametrize(("cell", "expected"), [(None, 1), ("", 1), (3, 3), ("3", 3),
                                                ("3人", 3), ("１２人", 12), (2.0, 2)])  # fmt: skip
def test_people_as_number_or_with_ren(cell, expected):
    """人数 3, "3" or "3人"; empty is one person."""
    assert parse_people(cell) == expected


@pytest.mark.parametrize("cell", ["0", "三人", "2.5", "20000"])
def test_bad_people_counts_are_refused(cell):
    """Zero, words, fractions and absurd counts are refused."""
    with pytest.raises(CellError, match="人数"):
        parse_people(cell)


def test_tracks_and_channels_from_their_names_and_usual_words():
    """The official names and the words registers use for 办理方式 and 来访方式."""
    assert parse_track("现场办结") is Track.ON_SPOT
    assert parse_track("当场答复") is Track.ON_SPOT
    assert parse_track("联络站督办") is Track.SUPERVISE
    assert parse_track("转镇城建办") is Track.SUPERVISE
    assert parse_track("形成建议交办") is Track.SUGGESTION
    assert parse_track("已处理") is None
    assert parse_channel("") is Channel.WALK_IN
    assert parse_channel("12345热线转来") is Channel.HOTLINE
    assert parse_channel("来电") is Channel.PHONE
    assert parse_channel("网格员/民情联络员转来") is Channel.GRID_WORKER
    with pytest.raises(CellError, match="可填：来访、电话"):
        parse_channel("微信")


# --- header and mapping -----------------------------------------------------------------------


def test_the_typical_register_header_is_guessed():
    """序号, 接待日期, 接待代表, 来访人 … each lands on its field; nothing left to map by hand."""
    mapping = guess_mapping(TYPICAL_HEADER)
    assert mapping == {
        0: "seq", 1: "received_on", 2: "deputies", 3: "visitor_name", 4: "phone",
        5: "address", 6: "content", 7: "track", 8: "result", 9: "rating",
    }  # fmt: skip


def test_the_issue_list_header_is_guessed_whole():
    """The 问题清单 header of the ledger export maps every one of its 20 columns."""
    mapping = guess_mapping(ISSUE_LIST_HEADER)
    assert len(mapping) == 20
    assert mapping[1] == "source_no" and mapping[11] == "content" and mapping[16] == "closed_on"
    assert mapping[18] == "callback_on" and mapping[19] == "rating" and mapping[9] == "deputies"


def test_headers_with_notes_and_marks_are_still_recognised():
    """联系电话（手机）, 反映问题* and 接待 日期 read as their fields."""
    mapping = guess_mapping(["接待 日期", "来访人姓名", "联系电话（手机）", "反映问题*", "备注"])
    assert mapping == {0: "received_on", 1: "visitor_name", 2: "phone", 3: "content"}


def test_the_header_row_is_found_below_title_lines():
    """Title, 站点, 统计期间, 生成时间, a blank line, then the header (row 6)."""
    rows = [
        ["问题清单"],
        ["站点：某站"],
        ["统计期间：2024年"],
        ["生成时间：…"],
        [],
        ISSUE_LIST_HEADER,
    ]
    assert find_header_row(rows) == 5
    assert find_header_row([["接待台账"], ["日期", "备注"]]) is None


# --- dry run ----------------------------------------------------------------------------------


def test_a_typical_register_is_checked_and_imported(ctx, tmp_path):
    """Three rows in free forms → three visits and cases, closed and rated as the sheet says."""
    path = _typical(tmp_path / "台账.xlsx", ROWS, above=[["2024年红旗村联络站接待台账"]])
    report = check_register(ctx, path)
    assert report.ok and (report.rows_read, report.ready, report.skipped) == (3, 3, 0)
    assert _count(ctx, "SELECT count(*) FROM visit") == 0  # a dry run writes nothing
    report, changes = import_register(ctx, path)
    assert (report.visits_created, report.cases_created) == (3, 3)
    assert changes.touches("case_record")
    cases = ctx.db.query(
        "SELECT v.visitor_name, v.visitor_phone, c.track, c.status, c.rating, "
        "substr(c.first_closed_at, 1, 10), c.registered_on FROM case_record c "
        "JOIN visit v ON v.id = c.visit_id ORDER BY c.registered_on"
    )
    assert cases == [
        ("张三", "13812345678", "on_spot", "done", "satisfied", "2024-03-05", "2024-03-05"),
        ("李四", "13900001111", "supervise", "pending", None, None, "2024-03-06"),
        ("王五", "0379-1234567", "supervise", "done", "basically_satisfied", "2024-03-07",
         "2024-03-07"),
    ]  # fmt: skip
    assert (
        ctx.db.query("SELECT count(*) FROM case_record WHERE case_no LIKE '410205-01-2024-%'")[0][0]
        == 3
    )  # numbered from the device counter of the visit's year


def test_the_dry_run_lists_every_problem_by_row_and_column(ctx, tmp_path):
    """Bad date, masked name, bad phone, unknown category, empty content: all listed, in Chinese."""
    header = ["接待日期", "来访群众", "联系电话", "问题类别", "反映问题", "满意度"]
    rows = [
        ["2024-02-30", "李*", "138****5678", "不存在的类别", "", "还行吧"],
        ["2024-03-01", "赵六", "13812345678", "", "路灯坏了", "满意"],
    ]
    path = write_book(tmp_path / "坏.xlsx", header, rows)
    report = check_register(ctx, path)
    assert not report.ok and report.ready == 1
    by_column = {e.column: e for e in report.errors}
    assert set(by_column) == {"接待日期", "来访群众", "联系电话", "问题类别", "反映问题", "满意度"}
    assert all(e.row == 2 for e in report.errors)
    assert "不存在" in by_column["接待日期"].message
    assert "隐去" in by_column["来访群众"].message
    assert "隐去" in by_column["联系电话"].message
    assert "可填：" in by_column["问题类别"].message
    assert by_column["反映问题"].message == "反映问题必须填写"
    assert by_column["接待日期"].describe().startswith("第 2 行（接待日期）：")
    report, _ = import_register(ctx, path)
    assert report.errors and report.cases_created == 0
    assert _count(ctx, "SELECT count(*) FROM case_record") == 0  # all or nothing


def test_a_sheet_without_a_recognisable_header_is_refused(ctx, tmp_path):
    """No row with three known column names: one clear message, nothing read."""
    path = write_book(tmp_path / "x.xlsx", ["甲", "乙", "丙"], [["1", "2", "3"]])
    report = check_register(ctx, path)
    assert report.errors[0].row == 0 and "找不到表头" in report.errors[0].message


def test_a_missing_required_column_is_named(ctx, tmp_path):
    """A mapping without 反映问题 is refused before any row is read."""
    path = _typical(tmp_path / "台账.xlsx", ROWS)
    mapping = {i: k for i, k in guess_mapping(TYPICAL_HEADER).items() if k != "content"}
    report = check_register(ctx, path, mapping=mapping)
    assert "反映问题" in report.errors[0].message


def test_unknown_deputies_and_grids_are_notices_not_errors(ctx, tmp_path):
    """A deputy not in the roster: imported without the link, said once for all its rows."""
    rows = [[n, "2024-3-5", "钱七", f"群众{'甲乙'[n - 1]}", "", "", f"问题{n}", "", "", ""]
            for n in (1, 2)]  # fmt: skip
    path = _typical(tmp_path / "台账.xlsx", rows)
    report = check_register(ctx, path)
    assert report.ok and report.ready == 2
    assert [w.message for w in report.warnings] == [
        "接待代表“钱七”不在代表名册中，这一项不关联（可先导入代表名册）（共 2 行）"
    ]


def test_the_mapping_can_be_overridden_and_is_saved_for_the_layout(ctx, tmp_path):
    """办理结果 mapped to 诉求 instead: honoured, saved, offered for the next file of that layout."""
    path = _typical(tmp_path / "台账.xlsx", ROWS[:1])
    first = preview_register(ctx, path)
    assert not first.saved and first.header_row == 1 and first.rows[0][3] == "张三"
    mapping = dict(first.mapping)
    mapping[8] = "demand"
    report, _ = import_register(ctx, path, mapping=mapping)
    assert report.cases_created == 1
    assert ctx.db.query("SELECT demand FROM case_record")[0][0] == "已联系电工修好"
    again = preview_register(ctx, _typical(tmp_path / "另一份.xlsx", ROWS[1:]))
    assert again.saved and again.mapping == mapping and again.layout == first.layout


def test_importing_needs_the_import_right(ctx, tmp_path):
    """A deputy may not import a register (role matrix)."""
    accounts.create_user(ctx, username="dep", display_name="代表", role=Role.DEPUTY,
                         password="代表的口令-9x8y")  # fmt: skip
    deputy = ctx.as_actor(accounts.sign_in(ctx, "dep", "代表的口令-9x8y")[0])
    path = _typical(tmp_path / "台账.xlsx", ROWS)
    with pytest.raises(AccessError):
        check_register(deputy, path)
    with pytest.raises(AccessError):
        import_register(deputy, path)


# --- writing ----------------------------------------------------------------------------------


def test_re_import_adds_nothing_and_an_extended_file_adds_only_new_rows(ctx, tmp_path):
    """The same file twice → 0 new; the file re-saved with a row more → exactly that row."""
    path = _typical(tmp_path / "台账.xlsx", ROWS[:2])
    import_register(ctx, path)
    again, changes = import_register(ctx, path)
    assert (again.ready, again.skipped, again.cases_created) == (0, 2, 0) and not changes
    extended = [list(ROWS[1]), list(ROWS[0]), list(ROWS[2])]  # re-sorted, one more row
    extended[0][0], extended[1][0] = 9, 8  # renumbered 序号: not part of the identity
    bigger = _typical(tmp_path / "台账（续）.xlsx", extended)
    report, _ = import_register(ctx, bigger)
    assert (report.ready, report.skipped, report.cases_created) == (1, 2, 1)
    assert _count(ctx, "SELECT count(*) FROM case_record") == 3
    assert _count(ctx, "SELECT count(*) FROM import_row") == 3


def test_one_visits_issues_on_adjacent_rows_share_the_visit(ctx, tmp_path):
    """Two adjacent rows with the same visit data → one visit with two cases, 3 people once."""
    header = ["接待日期", "来访群众", "人数", "联系电话", "反映问题"]
    rows = [["2024-03-05", "张三", "3人", "13812345678", "路灯坏了"],
            ["2024-03-05", "张三", "3人", "13812345678", "道路积水"],
            ["2024-03-05", "李四", 1, "", "噪音扰民"]]  # fmt: skip
    report, _ = import_register(ctx, write_book(tmp_path / "a.xlsx", header, rows))
    assert (report.visits_created, report.cases_created) == (2, 3)
    assert figures(ctx, date(2024, 3, 5), date(2024, 3, 5))["residents_received"] == 4
    # The visit's third issue added later joins the visit imported before.
    rows.insert(2, ["2024-03-05", "张三", "3人", "13812345678", "菜市场脏乱"])
    report, _ = import_register(ctx, write_book(tmp_path / "b.xlsx", header, rows))
    assert (report.visits_created, report.cases_created, report.skipped) == (0, 1, 3)
    positions = ctx.db.query(
        "SELECT c.position FROM case_record c JOIN visit v ON v.id = c.visit_id "
        "WHERE v.visitor_name = '张三' ORDER BY c.position"
    )
    assert positions == [(1,), (2,), (3,)]


def test_events_fall_on_the_registers_dates(ctx, tmp_path):
    """办结日期 and 回访日期 become the close and call-back events on those days."""
    header = ["接待日期", "来访群众", "反映问题", "办理方式", "办结日期", "办理结果", "回访日期",
              "满意度", "办理状态"]  # fmt: skip
    rows = [["2024-01-10", "张三", "路灯坏了", "联络站督办", "2024-02-03", "已修", "2024-02-20",
             "不满意", "办理中"]]  # fmt: skip
    import_register(ctx, write_book(tmp_path / "a.xlsx", header, rows))
    events = ctx.db.query("SELECT kind, occurred_on FROM case_event ORDER BY rowid")
    assert events == [("registered", "2024-01-10"), ("closed", "2024-02-03"),
                      ("callback", "2024-02-20"), ("reopened", "2024-02-20")]  # fmt: skip
    assert figures(ctx, date(2024, 2, 1), date(2024, 2, 29))["issues_resolved"] == 1
    assert figures(ctx, date(2024, 1, 1), date(2024, 1, 31))["issues_resolved"] == 0
    status = ctx.db.query("SELECT status, round FROM case_record")[0]
    assert status == ("in_progress", 2)


def test_imported_rows_reach_the_outbox_and_pass_the_full_check(ctx, tmp_path):
    """Visits, cases and events are in sync_outbox; import_row is not; check finds nothing."""
    import_register(ctx, _typical(tmp_path / "台账.xlsx", ROWS))
    entities = dict(ctx.db.query("SELECT entity, count(*) FROM sync_outbox GROUP BY entity"))
    assert entities["visit"] == 3 and entities["case_record"] == 3
    assert entities["case_event"] == _count(ctx, "SELECT count(*) FROM case_event")
    assert "import_row" not in entities
    assert check(ctx).ok
    summary = ctx.db.query("SELECT detail FROM audit_log WHERE action = 'register.import'")
    detail = json.loads(summary[0][0])
    assert detail["file"] == "台账.xlsx" and detail["imported"] == 3 and detail["skipped"] == 0
    assert "张三" not in " ".join(r[0] for r in ctx.db.query("SELECT detail FROM audit_log"))


def test_a_failure_part_way_leaves_nothing(ctx, tmp_path, monkeypatch):
    """The second batch fails (disk, bug): the first batch's rows are rolled back too."""
    rows = [[n, "2024-3-5", "", f"群众{chr(0x4E00 + n)}", "", "", f"问题{n}", "", "", ""]
            for n in range(1, 251)]  # fmt: skip
    path = _typical(tmp_path / "大.xlsx", rows)
    writes = []
    original = register_import._Writer.write

    def failing(self, groups):
        writes.append(len(groups))
        if len(writes) == 2:
            raise OSError("磁盘错误")
        return original(self, groups)

    monkeypatch.setattr(register_import._Writer, "write", failing)
    with pytest.raises(OSError):
        import_register(ctx, path)
    assert writes == [100, 100]  # the first batch was written, then the second failed
    for table in ("visit", "case_record", "case_event", "import_row", "sync_outbox"):
        assert _count(ctx, f"SELECT count(*) FROM {table}") == 0, table
    assert _count(ctx, "SELECT count(*) FROM settings WHERE key LIKE 'register_import.%'") == 0


def test_cancel_rolls_everything_back(ctx, tmp_path):
    """Cancelled after the first progress step: nothing written, the counter unchanged."""
    rows = [[n, "2024-3-5", "", f"群众{chr(0x4E00 + n)}", "", "", f"问题{n}", "", "", ""]
            for n in range(1, 251)]  # fmt: skip
    path = _typical(tmp_path / "大.xlsx", rows)
    seen = []

    def cancel_after_first_batch(done, total):
        seen.append((done, total))
        if done >= 100:
            job.cancel()

    job = Job(cancel_after_first_batch)
    with pytest.raises(Cancelled):
        import_register(ctx, path, job=job)
    assert seen[:2] == [(0, 250), (100, 250)]
    assert _count(ctx, "SELECT count(*) FROM case_record") == 0
    assert _count(ctx, "SELECT count(*) FROM device_counter WHERE name = 'case_seq:2024'") == 0


def test_the_template_is_offered_and_imports_once_its_example_is_replaced(ctx, tmp_path):
    """The template's example row is skipped; a filled-in line is imported."""
    path = tmp_path / "模板.xlsx"
    write_template(path)
    book = load_workbook(path)
    sheet = book["接待台账"]
    assert sheet["D1"].value == "来访群众" and sheet["B1"].value == "接待日期*"
    assert check_register(ctx, path).rows_read == 0
    sheet.append([1, "2024-05-06", "来访", "孙八", 1, "13812345678", "", "", "", "路灯坏了"])
    book.save(path)
    report, _ = import_register(ctx, path)
    assert report.cases_created == 1


# --- the round trip ---------------------------------------------------------------------------

# A register carries visits, issues, first closures, the latest call-back and the track; it
# cannot carry duty sign-ins (deputy_attendances), and of a case reopened and closed again it
# keeps only the first closure and the latest rating (so `reopened` and `overdue` differ, and
# an earlier rating of a re-rated case is lost in periods that hold only that rating).
CARRIED = ("residents_received", "issues_collected", "issues_resolved", "resolution_rate",
           "suggestions_formed")  # fmt: skip


def _scalar_text(ctx, sql: str) -> str:
    return str(ctx.db.query(sql)[0][0])


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    """A demo station's 问题清单, exported by the 台账 with full values, into a fresh station."""
    from stationdesk.services.ledgers import export_ledger_xlsx

    root = tmp_path_factory.mktemp("round")
    source, _ = create_station(DataPaths(root / "a").ensure(), code="410205-01", name="甲站")
    generate(source, visits=700, seed=5)
    first_day = date.fromisoformat(
        _scalar_text(source, "SELECT min(registered_on) FROM case_record")
    )
    book = root / "问题清单.xlsx"
    export_ledger_xlsx(
        source, "issues", first_day, source.clock().date(), book, full=True, reason="迁移到新站点"
    )
    fresh, _ = create_station(DataPaths(root / "b").ensure(), code="410205-02", name="乙站")
    report, _ = import_register(fresh, book)
    yield source, fresh, report, book
    source.db.dispose()
    fresh.db.dispose()


def test_the_issue_list_imports_without_any_mapping(round_trip):
    """Every live case of the demo comes in; every visit is rebuilt once; no error."""
    source, _fresh, report, _ = round_trip
    assert report.ok and report.rows_read == report.cases_created
    assert report.cases_created == _count(
        source, "SELECT count(*) FROM case_record WHERE status != 'merged'"
    )
    assert report.visits_created == _count(source, "SELECT count(*) FROM visit")


def test_the_same_figures_come_back_after_the_round_trip(round_trip):
    """For each period, the figures a register carries are equal in both stations."""
    source, fresh, _, _ = round_trip
    today = source.clock().date()
    first = today.replace(day=1)
    last_month_end = first - timedelta(days=1)
    periods = [
        Period(today - timedelta(days=800), today),
        Period(first, today),
        Period.month(last_month_end.year, last_month_end.month),
        Period(today - timedelta(days=89), today),
        Period(today - timedelta(days=200), today - timedelta(days=100)),
        Period.day(today - timedelta(days=3)),
    ]
    for period in periods:
        a, b = figures(source, period.start, period.end), figures(fresh, period.start, period.end)
        assert {k: a[k] for k in CARRIED} == {k: b[k] for k in CARRIED}, period
        assert b["deputy_attendances"] == 0  # sign-ins are not in a register
    whole = periods[0]
    a, b = figures(source, whole.start, whole.end), figures(fresh, whole.start, whole.end)
    assert a["satisfaction_rate"] == b["satisfaction_rate"]  # every latest rating is there
    assert a["issues_collected"] > 300 and a["reopened"] > 0


def test_the_breakdowns_that_survive_the_round_trip(round_trip):
    """By category, channel, track and department the same; grids and deputies need a roster."""
    source, fresh, _, _ = round_trip
    today = source.clock().date()
    start = today - timedelta(days=120)
    a, b = breakdowns(source, start, today), breakdowns(fresh, start, today)
    for key in ("category", "channel", "track", "department"):
        strip = [(g.name, g.issues_collected, g.issues_resolved) for g in a[key]]
        assert strip == [(g.name, g.issues_collected, g.issues_resolved) for g in b[key]], key
    assert [g.name for g in b["grid"]] == ["（未填）"]  # the fresh station has no grids yet


def test_importing_the_issue_list_again_adds_nothing(round_trip):
    """The round-trip file a second time: every row recognised, nothing written."""
    _, fresh, first, book = round_trip
    before = _count(fresh, "SELECT count(*) FROM sync_outbox")
    again, _ = import_register(fresh, book)
    assert (again.ready, again.skipped, again.cases_created) == (0, first.rows_read, 0)
    assert _count(fresh, "SELECT count(*) FROM sync_outbox") == before


def test_the_retention_purge_takes_the_import_bookkeeping_with_it(ctx, tmp_path):
    """An imported visit past its retention is purged together with its import_row."""
    from stationdesk.services.retention import purge

    old = [[1, "2015-3-5", "", "张三", "", "", "路灯坏了", "现场答复", "已修", "满意"],
           [2, "2024-3-5", "", "李四", "", "", "道路积水", "现场答复", "已修", "满意"]]  # fmt: skip
    import_register(ctx, _typical(tmp_path / "旧.xlsx", old))
    plan, _ = purge(ctx)
    assert len(plan.visit_ids) == 1
    assert _count(ctx, "SELECT count(*) FROM import_row") == 1
    assert ctx.db.query("SELECT row_no FROM import_row") == [(3,)]
