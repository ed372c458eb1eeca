"""The roster import on real .xlsx files and a real station file: template, dry run, commit."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime

import pytest
from openpyxl import Workbook, load_workbook

from stationdesk.domain.enums import DeputyLevel
from stationdesk.domain.errors import AccessError
from stationdesk.domain.permissions import Role
from stationdesk.services import accounts, roster_import
from stationdesk.services.roster import (
    ContactInput,
    TermInput,
    get_deputy,
    list_deputies,
    set_status,
)
from stationdesk.services.roster_import import (
    MAX_ROWS,
    TEMPLATE_COLUMNS,
    ImportReport,
    RowError,
    import_roster,
    write_template,
)
from tests.services.roster_factories import add_deputy, add_grid

HEADER = [c.rstrip("*") for c in TEMPLATE_COLUMNS]


def _line(**cells: object) -> list[object]:
    """A data row in the template's column order from {bare header: value}."""
    return [cells.get(h) for h in HEADER]


def _sheet(path, rows, header=TEMPLATE_COLUMNS, above=()):
    book = Workbook()
    sheet = book.active
    for row in (*above, header, *rows):
        sheet.append(list(row))
    book.save(path)
    return path


def _count(ctx, sql):
    return ctx.db.query(sql)[0][0]


def _by_name(ctx):
    return {d.name: get_deputy(ctx, d.id) for d in list_deputies(ctx)}


def test_the_template_filled_in_is_checked_then_imported_in_one_go(ctx, tmp_path):
    first = add_grid(ctx, "第一网格", "红旗村")
    second = add_grid(ctx, "第二网格", "东风村")
    path = tmp_path / "代表名册.xlsx"
    write_template(path)
    book = load_workbook(path)
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == list(TEMPLATE_COLUMNS)
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    assert sheet["A2"].value.startswith("示例") and sheet["A2"].font.italic
    assert book.sheetnames[1] == "说明"
    assert not list(tmp_path.glob("*.part"))
    sheet.append(_line(
        姓名="张建国", 性别="男", 代表层级="县、镇", 届次="第十七届",
        选区="第三选区、红旗村选区", 单位及职务="红旗村党支部书记", 职业="农民",
        专业小组="农业农村组", **{"联系方式（公开）": "0379-65123456"},
        手机号码=13812345678.0, 联系网格="第一网格、东风村第二网格",
        年度承诺="每月进站接待群众不少于一次。",
        **{"联系选民（户）": "红旗村三组12户；东风村二组8户"},
    ))  # fmt: skip
    sheet.append(_line(
        姓名="李秀英", 性别="女", 代表层级="市/乡(镇)", 届次=16, 选区="第五选区",
        手机号码="139 1234 5678", **{"联系选民（户）": "张大爷"},
    ))  # fmt: skip
    sheet.append(_line(姓名="王敏", 代表层级="全国", 届次="十四届"))
    book.save(path)

    dry = import_roster(ctx, path)
    assert dry == ImportReport(rows_read=3, ready=3, errors=(), created=0, dry_run=True)
    assert _count(ctx, "SELECT count(*) FROM deputy") == 0
    assert _count(ctx, "SELECT count(*) FROM sync_outbox WHERE entity LIKE 'deputy%'") == 0

    done = import_roster(ctx, path, dry_run=False)
    assert done == ImportReport(rows_read=3, ready=3, errors=(), created=3, dry_run=False)
    people = _by_name(ctx)
    assert set(people) == {"张建国", "李秀英", "王敏"}
    zhang, li, wang = people["张建国"], people["李秀英"], people["王敏"]
    assert zhang.terms == (
        TermInput(DeputyLevel.COUNTY, "县第十七届人民代表大会", "第十七届", "第三选区"),
        TermInput(DeputyLevel.TOWNSHIP, "镇第十七届人民代表大会", "第十七届", "红旗村选区"),
    )
    assert set(zhang.grid_ids) == {first, second}
    assert zhang.contacts == (
        ContactInput("红旗村三组", "红旗村", 12),
        ContactInput("东风村二组", "东风村", 8),
    )
    assert (zhang.summary.gender, zhang.summary.phone_masked) == ("male", "138****5678")
    assert zhang.summary.public_contact == "0379-65123456"
    assert li.terms == (
        TermInput(DeputyLevel.CITY, "市第十六届人民代表大会", "第十六届", "第五选区"),
        TermInput(DeputyLevel.TOWNSHIP, "乡第十六届人民代表大会", "第十六届", "第五选区"),
    )
    assert li.summary.phone_masked == "139****5678"
    assert li.contacts == (ContactInput("张大爷", None, 1),)
    assert wang.terms == (
        TermInput(DeputyLevel.NATIONAL, "第十四届全国人民代表大会", "第十四届", None),
    )
    assert wang.summary.gender is None and wang.summary.phone_masked is None
    assert [(h.status, h.note) for h in zhang.history] == [("serving", "录入名册")]
    # every row reached the outbox; one audit row for the whole sheet, no phone in it
    assert _count(ctx, "SELECT count(*) FROM sync_outbox WHERE entity = 'deputy'") == 3
    assert _count(ctx, "SELECT count(*) FROM sync_outbox WHERE entity = 'deputy_term'") == 5
    audits = ctx.db.query("SELECT action, detail FROM audit_log WHERE entity = 'deputy'")
    assert [a[0] for a in audits] == ["roster_import"]
    assert json.loads(audits[0][1]) == {"file": "代表名册.xlsx", "rows": 3}


def test_every_bad_row_is_listed_with_its_excel_row_and_column_and_nothing_is_saved(ctx, tmp_path):
    add_grid(ctx, "第一网格", "红旗村")
    old = add_deputy(ctx, "张建国")
    set_status(ctx, old, "term_ended", ctx.clock().date())  # not serving: still the same name
    county = {"代表层级": "县", "届次": "第十七届"}
    path = _sheet(tmp_path / "名册.xlsx", [
        _line(姓名="赵一", 手机号码="12345", **county),  # row 2
        _line(姓名="钱二", 代表层级="省级", 届次="第十七届"),  # 3
        _line(姓名="孙三", 联系网格="第一网格、三网格", **county),  # 4
        _line(单位及职务="镇卫生院", **county),  # 5: no name
        _line(姓名="周五", **county),  # 6
        _line(姓名="张建国", **county),  # 7: already in the roster
        _line(),  # 8: empty, skipped
        _line(姓名="周五", 代表层级="镇", 届次="第十七届"),  # 9: twice in the sheet
        _line(姓名="吴六", 代表层级="县", 届次="第十七届、第五届"),  # 10
        _line(姓名="郑7", **county),  # 11
        _line(姓名="冯八", 性别="公", 代表层级="县、区", 届次="17", 手机号码="123"),  # 12
        _line(姓名="陈九", 代表层级="镇", 届次="abc", **{"联系选民（户）": "三组0户"}),  # 13
        _line(姓名="褚十", **county),  # 14: fine
    ])  # fmt: skip
    before = _count(ctx, "SELECT count(*) FROM sync_outbox")

    report = import_roster(ctx, path)
    assert (report.rows_read, report.ready, report.created) == (12, 1, 0)
    got = [(e.row, e.column, e.message) for e in report.errors]
    assert got == [
        (2, "手机号码", "手机号码格式不对"),
        (3, "代表层级", "代表层级不认识：“省级”（可填全国、省、市、县、区、乡、镇）"),
        (4, "联系网格", "网格“三网格”不存在"),
        (5, "姓名", "姓名必须填写"),
        (6, "姓名", "姓名与第9行重复；如确为两人，请删去一行"),
        (7, "姓名", "名册中已有同名代表；如确为另一人，请删去此行，导入后在名册中单独添加"),
        (9, "姓名", "姓名与第6行重复；如确为两人，请删去一行"),
        (10, "届次", "届次的个数与层级不一致"),
        (11, "姓名", "姓名含有数字或符号：“7”"),
        (12, "性别", "性别只能填“男”或“女”，不能填“公”"),
        (12, "代表层级", "代表层级有重复"),
        (12, "手机号码", "手机号码格式不对"),
        (13, "届次", "届次写法不对：“abc”，应写成“第十七届”这样"),
        (13, "联系选民（户）", "联系选民（户）的户数应在1到10000之间"),
    ]
    assert report.errors[0].describe() == "第 2 行：手机号码格式不对"

    real = import_roster(ctx, path, dry_run=False)
    assert real.errors == report.errors and real.created == 0 and not real.dry_run
    assert [d.id for d in list_deputies(ctx)] == [old]
    assert _count(ctx, "SELECT count(*) FROM sync_outbox") == before
    assert _count(ctx, "SELECT count(*) FROM audit_log WHERE action = 'roster_import'") == 0


def test_a_failure_while_saving_leaves_nothing_saved(ctx, tmp_path, monkeypatch):
    path = _sheet(tmp_path / "名册.xlsx", [
        _line(姓名=name, 代表层级="县", 届次="第十七届") for name in ("张建国", "李秀英", "王敏")
    ])  # fmt: skip
    real = roster_import.write_deputy
    calls = []

    def third_fails(conn, ctx, data, *args, **kw):
        calls.append(data.name)
        if len(calls) == 3:
            raise RuntimeError("the disk went away")
        return real(conn, ctx, data, *args, **kw)

    monkeypatch.setattr(roster_import, "write_deputy", third_fails)
    with pytest.raises(RuntimeError):
        import_roster(ctx, path, dry_run=False)
    assert calls == ["张建国", "李秀英", "王敏"]
    for table in ("deputy", "deputy_term", "deputy_status_change", "sync_outbox"):
        assert _count(ctx, f"SELECT count(*) FROM {table}") == 0
    assert _count(ctx, "SELECT count(*) FROM audit_log WHERE action = 'roster_import'") == 0


def _zip_without_a_workbook(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a workbook")


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("老名册.xls", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(500)), ".xls"),
        ("名册.csv", lambda p: p.write_text("姓名,届次\n"), "只能导入 Excel 的 .xlsx 文件"),
        ("坏的.xlsx", lambda p: p.write_bytes(b"garbage" * 100), "文件无法读取"),
        ("空壳.xlsx", _zip_without_a_workbook, "文件无法读取"),
        ("没有.xlsx", lambda p: None, "找不到文件：没有.xlsx"),
    ],
)
def test_a_file_that_is_not_a_usable_xlsx_gives_one_clear_error(ctx, tmp_path, name, make, message):
    path = tmp_path / name
    make(path)
    for dry_run in (True, False):
        report = import_roster(ctx, path, dry_run=dry_run)
        assert (report.rows_read, report.ready, report.created) == (0, 0, 0)
        assert len(report.errors) == 1 and message in report.errors[0].message
        assert report.errors[0].row == 0


def test_missing_header_or_required_column_is_one_error_on_the_header_row(ctx, tmp_path):
    no_term = _sheet(
        tmp_path / "a.xlsx", [["张建国", "县"]], header=["姓名*", "代表层级*", "手机号码"]
    )
    assert import_roster(ctx, no_term).errors == (RowError(1, None, "缺少必填的列：届次"),)
    no_header = _sheet(tmp_path / "b.xlsx", [["张建国", "县", "第十七届"]], header=["名单"])
    (error,) = import_roster(ctx, no_header).errors
    assert (error.row, error.column) == (1, "姓名") and error.message.startswith("找不到表头")


def test_columns_in_another_order_with_extras_and_a_title_row_still_import(ctx, tmp_path):
    header = ["序号", "届 次", " 姓 名 ＊", "备注", "代表层级*", "手机号码", "联系方式(公开)"]
    title = [["红旗镇人大代表名册（2026年）"], []]
    good = [1, "第十七届", "张建国", "老代表", "县", "13812345678", "0379-65123456"]
    bad = [2, "第十七届", "李秀英", "", "镇", "1381234", ""]
    report = import_roster(ctx, _sheet(tmp_path / "a.xlsx", [good, bad], header, title))
    assert [(e.row, e.column) for e in report.errors] == [(5, "手机号码")]
    report = import_roster(ctx, _sheet(tmp_path / "b.xlsx", [good], header, title), dry_run=False)
    assert report.created == 1
    (zhang,) = _by_name(ctx).values()
    assert zhang.summary.public_contact == "0379-65123456"
    assert zhang.terms[0].congress == "县第十七届人民代表大会"


def test_the_template_alone_has_nothing_to_import(ctx, tmp_path):
    path = tmp_path / "模板.xlsx"
    write_template(path)
    report = import_roster(ctx, path, dry_run=False)
    assert report.errors == (RowError(0, None, "表格中没有代表（示例行不导入）"),)
    assert _count(ctx, "SELECT count(*) FROM deputy") == 0


@pytest.mark.parametrize(
    ("typed", "term"),
    [("17", "第十七届"), (10, "第十届"), ("第 21 届", "第二十一届"), ("十七", "第十七届")],
)
def test_terms_are_written_the_one_way(ctx, tmp_path, typed, term):
    path = _sheet(tmp_path / "a.xlsx", [_line(姓名="王敏", 代表层级="区", 届次=typed)])
    assert import_roster(ctx, path, dry_run=False).created == 1
    (wang,) = _by_name(ctx).values()
    assert wang.terms == (TermInput(DeputyLevel.COUNTY, f"区{term}人民代表大会", term, None),)


def test_grids_with_the_same_name_in_two_villages_need_the_village(ctx, tmp_path):
    add_grid(ctx, "第一网格", "红旗村")
    east = add_grid(ctx, "第一网格", "东风村")
    county = {"代表层级": "县", "届次": "第十七届"}
    path = _sheet(tmp_path / "a.xlsx", [
        _line(姓名="张建国", 联系网格="第一网格", **county),
        _line(姓名="李秀英", 联系网格="东风村 第一网格", **county),
    ])  # fmt: skip
    report = import_roster(ctx, path)
    (error,) = report.errors
    assert (error.row, error.column) == (2, "联系网格")
    assert error.message.startswith("网格“第一网格”有重名，请在前面加村名")
    assert report.ready == 1
    path = _sheet(tmp_path / "b.xlsx", [_line(姓名="李秀英", 联系网格="东风村第一网格", **county)])
    assert import_roster(ctx, path, dry_run=False).created == 1
    assert _by_name(ctx)["李秀英"].grid_ids == (east,)


def test_dates_and_numbers_are_read_as_the_clerk_sees_them(ctx, tmp_path):
    path = _sheet(tmp_path / "a.xlsx", [
        _line(姓名="王敏", 代表层级="镇", 届次=17.0, 手机号码=13912345678,
              年度承诺=datetime(2026, 3, 1), 专业小组=2.5),
    ])  # fmt: skip
    assert import_roster(ctx, path, dry_run=False).created == 1
    (wang,) = _by_name(ctx).values()
    assert wang.summary.commitment == "2026-03-01"
    assert wang.summary.professional_group == "2.5"
    assert wang.summary.phone_masked == "139****5678"


def test_more_than_the_limit_is_refused_whole(ctx, tmp_path):
    rows = [
        _line(姓名="代" + chr(0x4E00 + i), 代表层级="镇", 届次="第十七届") for i in range(MAX_ROWS)
    ]
    at_limit = import_roster(ctx, _sheet(tmp_path / "a.xlsx", rows))
    assert (at_limit.errors, at_limit.ready) == ((), MAX_ROWS)
    rows.append(_line(姓名="多一", 代表层级="镇", 届次="第十七届"))
    over = import_roster(ctx, _sheet(tmp_path / "b.xlsx", rows), dry_run=False)
    assert over.errors == (
        RowError(0, None, f"一次最多导入{MAX_ROWS}名代表，请把表格分成几个文件"),
    )
    assert _count(ctx, "SELECT count(*) FROM deputy") == 0


def test_only_roles_that_edit_the_roster_may_import(ctx, tmp_path):
    accounts.create_user(
        ctx, username="admin", display_name="王站长", role=Role.ADMIN, password="站长的口令-A1b2"
    )
    admin = ctx.as_actor(accounts.sign_in(ctx, "admin", "站长的口令-A1b2")[0])
    signed_in = {}
    for role, name in ((Role.CLERK, "clerk1"), (Role.DEPUTY, "deputy1")):
        accounts.create_user(
            admin, username=name, display_name="某某", role=role, password=f"{name}-口令-9x8y"
        )
        signed_in[role] = ctx.as_actor(accounts.sign_in(ctx, name, f"{name}-口令-9x8y")[0])
    path = _sheet(tmp_path / "a.xlsx", [_line(姓名="王敏", 代表层级="镇", 届次="第十七届")])
    with pytest.raises(AccessError) as err:
        import_roster(signed_in[Role.DEPUTY], path)
    assert err.value.code == "forbidden"
    with pytest.raises(AccessError):  # refused before the file is even looked at
        import_roster(signed_in[Role.DEPUTY], tmp_path / "none.xlsx")
    assert import_roster(signed_in[Role.CLERK], path, dry_run=False).created == 1
