"""`stationdesk deputies list`, `duty month` and `performance --year` as subprocesses."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from datetime import date, timedelta

from tests.cli.test_cli import sd


def _station(tmp_path):
    d = tmp_path / "D"
    sd("init", "--station-code", "410205-01", "--station-name", "红旗镇联络站", data_dir=d,
       check=True)  # fmt: skip
    sd("demo-data", "--visits", "400", data_dir=d, check=True)
    return d


def test_roster_commands_agree_with_the_database(tmp_path):
    d = _station(tmp_path)
    db = sqlite3.connect(d / "stationdesk.db")
    deputies = json.loads(sd("deputies", "list", "--json", data_dir=d, check=True).stdout)
    assert len(deputies) == db.execute("SELECT count(*) FROM deputy").fetchone()[0] == 24
    assert all("****" in x["phone_masked"] for x in deputies)  # never the full number
    raw_phones = {r[0] for r in db.execute("SELECT phone FROM deputy")}
    listing = sd("deputies", "list", data_dir=d, check=True).stdout
    assert not any(p in listing for p in raw_phones)
    assert "共 24 名代表" in listing

    month = db.execute("SELECT substr(max(shift_on), 1, 7) FROM duty_shift").fetchone()[0]
    duty = json.loads(sd("duty", "month", month, "--json", data_dir=d, check=True).stdout)
    expected = db.execute(
        "SELECT count(*) FROM duty_shift WHERE substr(shift_on, 1, 7) = ?", (month,)
    ).fetchone()[0]
    assert len(duty["shifts"]) == expected > 0
    assert {s["half_label"] for s in duty["shifts"]} == {"上午"}

    year = int(month[:4])
    perf = json.loads(
        sd("performance", "--year", str(year), "--json", data_dir=d, check=True).stdout
    )
    signed = db.execute(
        "SELECT count(DISTINCT shift_id || deputy_id) FROM attendance WHERE kind = 'sign_in' "
        "AND substr(occurred_on, 1, 4) = ?",
        (str(year),),
    ).fetchone()[0]
    total = sum(x["items"]["duty_attendances"]["count"] for x in perf["deputies"])
    assert total == signed > 0
    quotas = {r["item"]: r["quota"] for r in perf["rules"]}
    assert (quotas["enterprise_visit"], quotas["residents_received"]) == (5, 10)


def test_bad_month_is_refused_in_chinese(tmp_path):
    d = _station(tmp_path)
    done = sd("duty", "month", "2026-13", data_dir=d)
    assert done.returncode == 1
    assert "月份应写成 YYYY-MM" in done.stderr


def test_template_then_import_from_the_command_line(tmp_path):
    from openpyxl import load_workbook

    d = tmp_path / "D"
    sd("init", "--station-code", "410205-01", "--station-name", "红旗镇联络站", data_dir=d,
       check=True)  # fmt: skip
    sheet = tmp_path / "名册.xlsx"
    sd("deputies", "template", str(sheet), data_dir=d, check=True)
    book = load_workbook(sheet)
    ws = book.worksheets[0]
    header = [c.value for c in ws[1]]
    row = {"姓名*": "赵国强", "代表层级*": "县", "届次*": "第十七届", "手机号码": "1381234567"}
    ws.append([row.get(h) for h in header])
    book.save(sheet)
    bad = sd("deputies", "import", str(sheet), "--dry-run", data_dir=d)
    assert bad.returncode == 1 and "手机号码" in bad.stderr
    ws.cell(row=ws.max_row, column=header.index("手机号码") + 1, value="13812345678")
    book.save(sheet)
    ok = sd("deputies", "import", str(sheet), "--dry-run", data_dir=d, check=True)
    assert "可以导入 1 名代表" in ok.stdout
    assert json.loads(sd("deputies", "list", "--json", data_dir=d, check=True).stdout) == []
    sd("deputies", "import", str(sheet), data_dir=d, check=True)
    listed = json.loads(sd("deputies", "list", "--json", data_dir=d, check=True).stdout)
    assert [x["name"] for x in listed] == ["赵国强"]


def test_report_json_has_the_county_keys_and_matches_the_service(tmp_path):
    d = _station(tmp_path)
    db = sqlite3.connect(d / "stationdesk.db")
    first, last = db.execute("SELECT min(received_on), max(received_on) FROM visit").fetchone()
    out = tmp_path / "report.json"
    sd("report", "--from", first, "--to", last, "-o", str(out), data_dir=d, check=True)
    data = json.loads(out.read_text(encoding="utf-8"))
    keys = {
        "deputy_attendances", "residents_received", "issues_collected", "issues_resolved",
        "resolution_rate", "satisfaction_rate", "suggestions_formed", "reopened", "overdue",
        "by_category", "by_grid", "by_channel", "by_track", "by_deputy", "by_department",
    }  # fmt: skip
    assert keys <= set(data)
    people = db.execute("SELECT sum(people) FROM visit").fetchone()[0]
    assert data["residents_received"] == people
    assert (
        data["issues_collected"]
        == db.execute("SELECT count(*) FROM case_record WHERE status != 'merged'").fetchone()[0]
    )
    assert 0 < data["satisfaction_rate"] <= 1
    assert sum(g["issues_collected"] for g in data["by_channel"]) == data["issues_collected"]
    bad = sd("report", "--from", "2026-13-01", "--to", last, data_dir=d)
    assert bad.returncode == 1 and "YYYY-MM-DD" in bad.stderr


def test_report_pdf_is_the_monthly_report_for_a_month_else_the_period(tmp_path):
    d = _station(tmp_path)
    db = sqlite3.connect(d / "stationdesk.db")
    last = db.execute("SELECT max(received_on) FROM visit").fetchone()[0]
    month_start = last[:8] + "01"
    no_file = sd("report", "--from", month_start, "--to", last, "--format", "pdf", data_dir=d)
    assert no_file.returncode == 1 and "-o" in no_file.stderr  # a pdf needs a file
    whole = tmp_path / "month.pdf"
    year, month = int(last[:4]), int(last[5:7])
    end = (date(year, month, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    sd("report", "--from", month_start, "--to", end.isoformat(), "-o", str(whole),
       data_dir=d, check=True)  # fmt: skip
    text = subprocess.run(["pdftotext", str(whole), "-"], capture_output=True, text=True).stdout
    assert "工作月报" in text and "本年累计" in text
    period = tmp_path / "period.pdf"
    sd("report", "--from", month_start, "--to", last, "--format", "pdf", "-o", str(period),
       data_dir=d, check=True)  # fmt: skip
    text = subprocess.run(["pdftotext", str(period), "-"], capture_output=True, text=True).stdout
    assert "统计报表" in text and "本年累计" not in text and f"{month_start} 至 {last}" in text
    assert "分类统计（本期）" in text


def test_report_xlsx_by_its_suffix(tmp_path):
    """`report -o FILE.xlsx` writes the workbook (format from the suffix)."""
    from openpyxl import load_workbook

    d = _station(tmp_path)
    db = sqlite3.connect(d / "stationdesk.db")
    first, last = db.execute("SELECT min(received_on), max(received_on) FROM visit").fetchone()
    out = tmp_path / "report.xlsx"
    sd("report", "--from", first, "--to", last, "-o", str(out), data_dir=d, check=True)
    book = load_workbook(out)
    assert book.sheetnames[:2] == ["统计数字", "月度趋势"]
    total = db.execute("SELECT count(*) FROM case_record WHERE status != 'merged'").fetchone()[0]
    rows = list(book["统计数字"].iter_rows(values_only=True))
    assert ("征集意见建议条数", total) in [(r[0], r[1]) for r in rows]
