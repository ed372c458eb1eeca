"""The search-only fast path (slim case_order table) agrees with the general case query."""

import sqlite3
from datetime import date

from stationdesk.domain.enums import Track
from stationdesk.services.cases import CaseFilter, case_ids_query, list_case_ids
from stationdesk.services.dto import IssueInput, VisitInput
from stationdesk.services.reception import register_visit
from tests.factories import sample_visit

LONG_AGO = date(2000, 1, 1)


def _register(ctx, name, phone, *contents):
    issues = tuple(IssueInput(content=c, track=Track.SUPERVISE) for c in contents)
    result, _ = register_visit(ctx, VisitInput(visitor_name=name, phone=phone, issues=issues))
    return result.cases


def _order_rows(ctx):
    con = sqlite3.connect(ctx.paths.db)
    try:
        order = con.execute(
            "SELECT case_rowid, registered_at, case_no, id FROM case_order ORDER BY case_rowid"
        ).fetchall()
        live = con.execute(
            "SELECT rowid, registered_at, case_no, id FROM case_record "
            "WHERE deleted_at IS NULL ORDER BY rowid"
        ).fetchall()
        return order, live
    finally:
        con.close()


def test_search_alone_uses_case_order_and_agrees_with_the_general_query(ctx):
    """Same ids in the same order as the case_record query; soft-deleted cases leave both."""
    first = _register(ctx, "赵六", "13812345678", "医保缴费流程不清楚", "路灯不亮")
    _register(ctx, "钱七", "13912345678", "小区停车难，医保报销慢")
    for n in range(5):
        register_visit(ctx, sample_visit(n))
    sql, _ = case_ids_query(CaseFilter(search="医保"), date(2026, 11, 26))
    assert "FROM case_order" in sql
    general_sql, _ = case_ids_query(
        CaseFilter(search="医保", date_from=LONG_AGO), date(2026, 11, 26)
    )
    assert "FROM case_record" in general_sql
    for query in (
        "医",
        "医保",
        "医保缴费",
        "5678",
        "13812345678",
        first[0].case_no,
        "赵六",
        "路灯",
    ):
        fast = list_case_ids(ctx, CaseFilter(search=query))
        general = list_case_ids(ctx, CaseFilter(search=query, date_from=LONG_AGO))
        assert fast == general and fast, query
    assert len(list_case_ids(ctx, CaseFilter(search="医保"))) == 2
    order, live = _order_rows(ctx)
    assert order == live and len(order) > 3
    before = len(order)
    with ctx.db.write_core() as conn:
        conn.exec_driver_sql(
            "UPDATE case_record SET deleted_at = updated_at, row_version = row_version + 1 "
            "WHERE id = ?",
            (first[0].id,),
        )
    assert first[0].id not in list_case_ids(ctx, CaseFilter(search="医保"))
    assert list_case_ids(ctx, CaseFilter(search="医保")) == list_case_ids(
        ctx, CaseFilter(search="医保", date_from=LONG_AGO)
    )
    order, live = _order_rows(ctx)
    assert order == live and len(order) == before - 1


def test_blank_search_lists_every_case(ctx):
    """A search of spaces is no search: every live case, newest first."""
    _register(ctx, "赵六", "13812345678", "医保缴费流程不清楚")
    register_visit(ctx, sample_visit(1))
    assert list_case_ids(ctx, CaseFilter(search="   ")) == list_case_ids(ctx, CaseFilter())
    assert len(list_case_ids(ctx, CaseFilter())) == 1 + len(sample_visit(1).issues)
