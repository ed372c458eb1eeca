"""台账: each ledger's rows equal a selection made here from the raw rows; the .xlsx read back."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from stationdesk.domain.enums import RATING_NAMES, CaseStatus, EventKind, Rating
from stationdesk.domain.errors import AccessError, ValidationError
from stationdesk.domain.masking import mask_in_text, mask_phone
from stationdesk.domain.permissions import Role
from stationdesk.domain.workflow import CaseEvent, fold
from stationdesk.services import accounts
from stationdesk.services.case_actions import merge_duplicate
from stationdesk.services.context import Actor
from stationdesk.services.demo import generate
from stationdesk.services.ledgers import (
    KINDS,
    LEDGERS,
    export_ledger_xlsx,
    iter_ledger_rows,
    ledger_count,
    ledger_keys,
    ledger_pdf,
    ledger_rows,
)
from stationdesk.services.progress import Cancelled, Job

OPEN = {CaseStatus.PENDING, CaseStatus.IN_PROGRESS}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """Demo data with four merged duplicates and one deleted case (built once)."""
    from stationdesk.paths import DataPaths
    from stationdesk.services.station import create_station

    paths = DataPaths(tmp_path_factory.mktemp("ledgers") / "data").ensure()
    ctx, _ = create_station(paths, code="410205-01", name="测试联络站", county="测试县")
    generate(ctx, visits=1200, seed=5)
    rows = ctx.db.query(
        "SELECT id FROM case_record WHERE status IN ('pending', 'in_progress', 'done') "
        "ORDER BY registered_at DESC LIMIT 8"
    )
    for (dup,), (primary,) in zip(rows[0::2], rows[1::2], strict=True):
        merge_duplicate(ctx, dup, primary)
    with ctx.db.write_core() as conn:
        conn.exec_driver_sql(
            "UPDATE case_record SET deleted_at = '2026-01-01T00:00:00+08:00', "
            "row_version = row_version + 1 WHERE id = (SELECT id FROM case_record "
            "WHERE status = 'done' ORDER BY registered_at LIMIT 1 OFFSET 40)"
        )
    yield ctx
    ctx.db.dispose()


class Raw:
    """Every case of the database, folded here from its events (not through the service)."""

    def __init__(self, ctx) -> None:
        q = ctx.db.query
        self.events: dict[str, list[CaseEvent]] = {}
        for cid, eid, kind, at, payload, origin in q(
            "SELECT case_id, id, kind, occurred_at, payload, origin FROM case_event ORDER BY rowid"
        ):
            self.events.setdefault(cid, []).append(
                CaseEvent(eid, EventKind(kind), datetime.fromisoformat(at), json.loads(payload),
                          origin)
            )  # fmt: skip
        self.cases = {
            r[0]: {"case_no": r[1], "registered_on": date.fromisoformat(r[2]),
                   "registered_at": r[3], "visit": r[4]}
            for r in q(
                "SELECT c.id, c.case_no, c.registered_on, c.registered_at, c.visit_id "
                "FROM case_record c JOIN visit v ON v.id = c.visit_id "
                "WHERE c.deleted_at IS NULL AND v.deleted_at IS NULL"
            )
        }  # fmt: skip
        self.live = [cid for cid in self.cases if fold(self.events[cid]).status != "merged"]

    def until(self, cid: str, end: date) -> list[CaseEvent]:
        return [e for e in self.events[cid] if e.occurred_at.date() <= end]

    def kinds_in(self, cid: str, kind: EventKind, start: date, end: date) -> list[CaseEvent]:
        return [
            e for e in self.events[cid] if e.kind is kind and start <= e.occurred_at.date() <= end
        ]

    def by_registration(self, ids) -> list[str]:
        order = sorted(ids, key=lambda c: (self.cases[c]["registered_on"],
                                          self.cases[c]["registered_at"], self.cases[c]["case_no"]))  # fmt: skip
        return [self.cases[c]["case_no"] for c in order]

    def expected(self, kind: str, start: date, end: date) -> list[str]:
        """The case numbers each ledger must list, in its order."""
        live, c = self.live, self.cases

        def open_at_end(cid: str) -> bool:
            events = self.until(cid, end)
            return bool(events) and fold(events).status in OPEN

        if kind == "issues":
            return self.by_registration(x for x in live if start <= c[x]["registered_on"] <= end)
        if kind == "responsibility":
            return self.by_registration(
                x for x in live
                if fold(self.events[x]).track != "on_spot"
                and (open_at_end(x) or self.kinds_in(x, EventKind.CLOSED, start, end))
            )  # fmt: skip
        if kind == "rectification":
            return self.by_registration(
                x for x in live
                if open_at_end(x) or self.kinds_in(x, EventKind.PROGRESS, start, end)
            )  # fmt: skip
        if kind == "closed":
            done = []
            for x in live:
                st = fold(self.events[x])
                if (st.status == CaseStatus.DONE and st.rating in (Rating.SATISFIED, Rating.BASICALLY)
                        and start <= st.closed_at.date() <= end):  # fmt: skip
                    done.append((st.closed_at.isoformat(), c[x]["case_no"]))
            return [no for _at, no in sorted(done)]
        calls = [
            (e.occurred_at.date(), e.occurred_at.isoformat(), c[x]["case_no"])
            for x in live for e in self.kinds_in(x, EventKind.CALLBACK, start, end)
        ]  # fmt: skip
        return [no for *_k, no in sorted(calls)]


PERIODS = [(0, 10_000), (30, 60), (90, 90), (100, 130), (5, 20)]


def _period(ctx, back_from: int, back_to: int) -> tuple[date, date]:
    today = ctx.clock().date()
    return today - timedelta(days=min(back_to, 3650)), today - timedelta(days=back_from)


def _all_rows(ctx, kind, start, end):
    keys = ledger_keys(ctx, kind, start, end)
    rows = []
    for first in range(0, len(keys), 200):
        rows += ledger_rows(ctx, kind, start, end, keys[first : first + 200], first_no=first + 1)
    return rows


@pytest.mark.parametrize("kind", KINDS)
def test_each_ledger_lists_what_an_independent_selection_finds(demo, kind):
    """Five periods: the case numbers, their order and the count equal the selection here."""
    raw = Raw(demo)
    merged = {raw.cases[x]["case_no"] for x in raw.cases if x not in raw.live}
    assert len(merged) == 4
    seen = 0
    for back_from, back_to in PERIODS:
        start, end = _period(demo, back_from, back_to)
        rows = _all_rows(demo, kind, start, end)
        expected = raw.expected(kind, start, end)
        assert [r[1] for r in rows] == expected, (kind, start, end)
        assert [r[0] for r in rows] == list(range(1, len(rows) + 1))  # 序号
        assert ledger_count(demo, kind, start, end) == len(rows)
        assert not merged & {r[1] for r in rows}
        assert all(len(r) == len(LEDGERS[kind].columns) for r in rows)
        assert list(iter_ledger_rows(demo, kind, start, end)) == rows
        seen += len(rows)
    assert seen > 50  # the periods hold real rows


def test_issue_rows_carry_the_visit_and_the_case_history(demo):
    """人数, 接待代表, 办结日期 (first close), 办理结果 (last), 回访日期, 满意度, masking."""
    raw = Raw(demo)
    start, end = _period(demo, 0, 10_000)
    rows = {r[1]: r for r in _all_rows(demo, "issues", start, end)}
    visits = {r[0]: r for r in demo.db.query(
        "SELECT id, people, visitor_phone, confidential, received_on FROM visit")}  # fmt: skip
    deputies: dict[str, set[str]] = {}
    for vid, name in demo.db.query(
        "SELECT vd.visit_id, d.name FROM visit_deputy vd JOIN deputy d ON d.id = vd.deputy_id"
    ):
        deputies.setdefault(vid, set()).add(name)
    checked = with_deputies = 0
    for cid in raw.live:
        case = raw.cases[cid]
        row = rows[case["case_no"]]
        st = fold(raw.events[cid])
        visit = visits[case["visit"]]
        assert row[2] == date.fromisoformat(visit[4])
        assert row[5] == visit[1]
        assert row[6] == (mask_phone(visit[2]) if visit[2] else "")
        assert set(filter(None, row[9].split("、"))) == deputies.get(case["visit"], set())
        with_deputies += bool(row[9])
        assert row[16] == (st.first_closed_at.date() if st.first_closed_at else None)
        closes = [e for e in raw.events[cid] if e.kind is EventKind.CLOSED]
        result = closes[-1].payload["result"] if closes else ""
        assert row[17] == ("（保密）" if visit[3] and result else mask_in_text(result))
        assert row[18] == (st.rated_at.date() if st.rated_at else None)
        assert row[19] == (RATING_NAMES[st.rating] if st.rating else "")
        checked += 1
    assert checked == len(rows) > 500 and with_deputies > 0


def test_evaluation_has_one_row_per_call_back_with_its_own_rating(demo):
    """A case called back twice appears twice, numbered 1 and 2, each with that call's rating."""
    start, end = _period(demo, 0, 10_000)
    rows = _all_rows(demo, "evaluation", start, end)
    by_case: dict[str, list[tuple]] = {}
    for r in rows:
        by_case.setdefault(r[1], []).append(r)
    twice = [rs for rs in by_case.values() if len(rs) == 2]
    assert twice
    for first, second in twice:
        assert (first[4], second[4]) == (1, 2)
        assert first[10] == "不满意" and second[2] >= first[2]


def _sheet(path):
    wb = load_workbook(path)
    return wb[wb.sheetnames[0]]


def test_xlsx_read_back_cell_by_cell(demo, tmp_path):
    """Title, station, period, header, widths, frozen header, real dates, masked phones."""
    start, end = _period(demo, 30, 60)
    dest = tmp_path / "问题清单.xlsx"
    n = export_ledger_xlsx(demo, "issues", start, end, dest)
    rows = _all_rows(demo, "issues", start, end)
    assert n == len(rows) > 20
    ws = _sheet(dest)
    assert ws.title == "问题清单"
    assert ws["A1"].value == "问题清单" and ws["A1"].font.b
    assert "A1:T1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A2"].value == "站点：测试联络站（410205-01）"
    assert ws["A3"].value == f"统计期间：{start.isoformat()} 至 {end.isoformat()}"
    assert ws["A4"].value.startswith("生成时间：" + demo.clock().date().isoformat())
    assert ws["A5"].value == "导出人：system" or ws["A5"].value.startswith("导出人：")
    assert ws["A6"].value is None
    header = [c.value for c in ws[7]]
    assert header == [
        "序号", "案件编号", "接待日期", "来访方式", "来访群众", "人数", "联系电话", "住址",
        "所属网格", "接待代表", "问题类别", "反映问题", "办理方式", "承办单位", "办理期限",
        "办理状态", "办结日期", "办理结果", "回访日期", "满意度",
    ]  # fmt: skip
    assert all(c.font.b for c in ws[7])
    assert ws.freeze_panes == "A8"
    assert ws.column_dimensions["B"].width == 22
    assert ws.column_dimensions["L"].width == 40
    assert ws.max_row == 7 + len(rows)
    for i, expected in enumerate(rows):
        got = [c.value for c in ws[8 + i]]
        want = [
            datetime(v.year, v.month, v.day) if isinstance(v, date) else (v if v != "" else None)
            for v in expected
        ]
        assert got == want, i
    received = ws["C8"]
    assert isinstance(received.value, datetime) and received.number_format == "yyyy-mm-dd"
    phones = [c.value for c in ws["G"][7:] if c.value]
    assert phones and all("****" in p for p in phones)
    audit_row = demo.db.query(
        "SELECT action, record_id, detail, reason FROM audit_log ORDER BY id DESC LIMIT 1"
    )[0]
    detail = json.loads(audit_row[2])
    assert audit_row[:2] == ("export.ledger", "issues") and audit_row[3] is None
    assert detail["rows"] == n and detail["full"] is False and detail["format"] == "xlsx"
    assert (detail["from"], detail["to"]) == (start.isoformat(), end.isoformat())
    assert not any(p for p in phones if p in audit_row[2])


def test_full_export_needs_an_admin_and_a_reason_and_is_audited(ctx, tmp_path):
    """Clerk refused; admin without reason refused; with one the file has full phones."""
    from stationdesk.services.reception import register_visit
    from tests.factories import sample_visit

    accounts.create_user(ctx, username="admin", display_name="王站长", role=Role.ADMIN,
                         password="站长的口令-A1b2")  # fmt: skip
    admin = ctx.as_actor(accounts.sign_in(ctx, "admin", "站长的口令-A1b2")[0])
    accounts.create_user(admin, username="clerk", display_name="李文员", role=Role.CLERK,
                         password="文员的口令-C3d4")  # fmt: skip
    clerk = ctx.as_actor(accounts.sign_in(ctx, "clerk", "文员的口令-C3d4")[0])
    register_visit(clerk, sample_visit(12345678))
    today = ctx.clock().date()
    dest = tmp_path / "full.xlsx"
    with pytest.raises(AccessError):
        export_ledger_xlsx(clerk, "issues", today, today, dest, full=True, reason="核对")
    assert export_ledger_xlsx(clerk, "issues", today, today, tmp_path / "m.xlsx") == 2
    with pytest.raises(ValidationError) as err:
        export_ledger_xlsx(admin, "issues", today, today, dest, full=True, reason="  ")
    assert err.value.field == "reason"
    assert not dest.exists()
    assert (
        export_ledger_xlsx(admin, "issues", today, today, dest, full=True, reason="县里核对名单")
        == 2
    )
    ws = _sheet(dest)
    assert ws["A6"].value == "含完整个人信息（原因：县里核对名单），仅限工作使用，不得外传"
    assert ws["A5"].value == "导出人：王站长"
    assert ws["A8"].value == "序号" and ws.freeze_panes == "A9"
    assert ws["E9"].value == "张三丰" and ws["G9"].value == "13812345678"
    masked = _sheet(tmp_path / "m.xlsx")
    assert masked["E8"].value == "张*" and masked["G8"].value == "138****5678"
    last = ctx.db.query(
        "SELECT user_id, action, detail, reason FROM audit_log ORDER BY id DESC LIMIT 1"
    )[0]
    assert last[1] == "export.ledger" and last[3] == "县里核对名单"
    detail = json.loads(last[2])
    assert detail["full"] is True and detail["rows"] == 2 and detail["kind"] == "issues"
    assert "13812345678" not in last[2]


def test_cancel_mid_export_leaves_no_file_and_no_part(demo, tmp_path, monkeypatch):
    """Cancelled after the first chunk: no file, no .part, no audit row."""
    import stationdesk.services.ledgers as ledgers

    monkeypatch.setattr(ledgers, "CHUNK", 50)
    start, end = _period(demo, 0, 10_000)
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done >= 100:
            job.cancel()

    job = Job(progress)
    audits = demo.db.query("SELECT count(*) FROM audit_log")[0][0]
    dest = tmp_path / "x.xlsx"
    with pytest.raises(Cancelled):
        export_ledger_xlsx(demo, "issues", start, end, dest, job=job)
    assert not dest.exists() and not (tmp_path / "x.xlsx.part").exists()
    assert list(tmp_path.iterdir()) == []
    assert seen[0][0] == 0 and seen[-1][0] == 100 and seen[-1][1] > 1000
    assert demo.db.query("SELECT count(*) FROM audit_log")[0][0] == audits


def test_bad_requests_are_refused_with_codes(demo, tmp_path, monkeypatch):
    """Unknown ledger, reversed period, a deputy exporting, a PDF too long for paper."""
    import stationdesk.services.ledgers as ledgers

    today = demo.clock().date()
    with pytest.raises(ValidationError) as err:
        ledger_count(demo, "nonsense", today, today)
    assert err.value.code == "unknown_ledger"
    with pytest.raises(ValidationError) as err:
        ledger_keys(demo, "issues", today, today - timedelta(days=1))
    assert err.value.code == "period_reversed"
    deputy = demo.as_actor(Actor("x", "deputy"))
    assert ledger_count(deputy, "issues", today - timedelta(days=30), today) >= 0  # may view
    with pytest.raises(AccessError):
        export_ledger_xlsx(deputy, "issues", today, today, tmp_path / "d.xlsx")
    with pytest.raises(AccessError):
        ledger_pdf(deputy, "issues", today, today)
    start = today - timedelta(days=10_000)
    monkeypatch.setattr(ledgers, "PDF_MAX_ROWS", 100)
    with pytest.raises(ValidationError) as err:
        ledger_pdf(demo, "issues", start, today)
    assert err.value.code == "ledger_too_long_for_pdf" and err.value.params["limit"] == 100
