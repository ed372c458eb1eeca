"""`stationdesk ledger KIND --from --to -o FILE` as a subprocess: .xlsx, PDF, full and refusals."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from openpyxl import load_workbook

from tests.cli.test_cli import sd


def test_ledger_files_from_the_command_line(tmp_path):
    """xlsx by suffix, pdf by --format, full with a reason; every export audited."""
    d = tmp_path / "D"
    sd("init", "--station-code", "410205-01", "--station-name", "红旗镇联络站", data_dir=d,
       check=True)  # fmt: skip
    sd("demo-data", "--visits", "300", data_dir=d, check=True)
    db = sqlite3.connect(d / "stationdesk.db")
    today = date.today()
    start = (today - timedelta(days=30)).isoformat()
    expected = db.execute(
        "SELECT count(*) FROM case_record WHERE status != 'merged' AND registered_on BETWEEN ? AND ?",
        (start, today.isoformat()),
    ).fetchone()[0]
    out = tmp_path / "问题清单.xlsx"
    done = sd("ledger", "issues", "--from", start, "--to", today.isoformat(), "-o", str(out),
              data_dir=d, check=True)  # fmt: skip
    assert f"（{expected} 行）" in done.stdout
    ws = load_workbook(out)["问题清单"]
    assert ws["A1"].value == "问题清单" and ws["A2"].value == "站点：红旗镇联络站（410205-01）"
    assert ws.max_row == 7 + expected > 7
    assert all("****" in (c.value or "****") for c in ws["G"][7:])

    pdf = tmp_path / "评价"
    sd("ledger", "evaluation", "--from", start, "--to", today.isoformat(), "-o", str(pdf),
       "--format", "pdf", data_dir=d, check=True)  # fmt: skip
    assert pdf.read_bytes()[:5] == b"%PDF-"

    full = tmp_path / "full.xlsx"
    sd("ledger", "closed", "--from", start, "--to", today.isoformat(), "-o", str(full), "--full",
       "--reason", "县人大核对", data_dir=d, check=True)  # fmt: skip
    assert "含完整个人信息（原因：县人大核对）" in load_workbook(full).active["A6"].value
    rows = db.execute(
        "SELECT detail, reason FROM audit_log WHERE action = 'export.ledger' ORDER BY id"
    ).fetchall()
    assert len(rows) == 3 and rows[2][1] == "县人大核对"
    assert '"via": "cli:' in rows[0][0]


def test_ledger_refusals_are_in_chinese(tmp_path):
    """Bad kind, bad suffix, reversed period, a full PDF, a full export without reason."""
    d = tmp_path / "D"
    sd("init", "--station-code", "410205-01", "--station-name", "红旗镇联络站", data_dir=d,
       check=True)  # fmt: skip
    base = ["--from", "2026-01-01", "--to", "2026-01-31"]
    bad_kind = sd("ledger", "cases", *base, "-o", str(tmp_path / "a.xlsx"), data_dir=d)
    assert bad_kind.returncode == 2 and "invalid choice" in bad_kind.stderr
    suffix = sd("ledger", "issues", *base, "-o", str(tmp_path / "a.csv"), data_dir=d)
    assert suffix.returncode == 1 and "扩展名应为 .xlsx 或 .pdf" in suffix.stderr
    reversed_ = sd("ledger", "issues", "--from", "2026-02-01", "--to", "2026-01-01", "-o",
                   str(tmp_path / "a.xlsx"), data_dir=d)  # fmt: skip
    assert reversed_.returncode == 1 and "结束日期不能早于开始日期" in reversed_.stderr
    pdf = sd("ledger", "issues", *base, "-o", str(tmp_path / "a.pdf"), "--full", data_dir=d)
    assert pdf.returncode == 1 and "PDF 台账总是脱敏的" in pdf.stderr
    no_reason = sd("ledger", "issues", *base, "-o", str(tmp_path / "a.xlsx"), "--full", data_dir=d)
    assert no_reason.returncode == 1 and "reason" in no_reason.stderr
    assert not list(tmp_path.glob("a.*"))
