import sqlite3

import pytest

from stationdesk.domain.enums import CaseStatus, EventKind, Rating, Track
from stationdesk.domain.errors import ValidationError, WorkflowError
from stationdesk.services import case_actions as act
from stationdesk.services.cases import CaseFilter, case_detail, list_case_ids
from stationdesk.services.dto import IssueInput, VisitInput
from stationdesk.services.overview import today_overview
from stationdesk.services.reception import register_visit
from stationdesk.services.reference import reference_data
from stationdesk.services.reveal import reveal
from tests.factories import sample_visit


def _supervised(ctx):
    result, _ = register_visit(
        ctx,
        VisitInput(
            visitor_name="王五",
            phone="13900001111",
            issues=(IssueInput(content="村口道路坑洼积水", track=Track.SUPERVISE),),
        ),
    )
    return result.cases[0]


def _counts(ctx):
    con = sqlite3.connect(ctx.paths.db)
    try:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("case_event", "audit_log", "sync_outbox")
        }
    finally:
        con.close()


def test_full_loop_to_a_second_round_and_satisfied(ctx):
    """交办 → 进度 → 办结 → 回访不满意 → 重新督办 → 办结 → 回访满意, figures follow each step."""
    case = _supervised(ctx)
    dep = reference_data(ctx).departments[0].id
    assert today_overview(ctx).open_cases == 1
    act.assign(ctx, case.id, dep)
    act.record_progress(ctx, case.id, "承办单位已到现场查看")
    act.close_case(ctx, case.id, "已填平坑洼")
    assert today_overview(ctx).awaiting_callback == 1
    assert today_overview(ctx).closed == 1
    state, _ = act.callback(ctx, case.id, Rating.UNSATISFIED, "phone", "还是有积水")
    assert state.status is CaseStatus.UNSATISFIED
    assert today_overview(ctx).open_cases == 1
    state, _ = act.reopen(ctx, case.id, "群众不满意，二次督办")
    assert (state.status, state.round) == (CaseStatus.IN_PROGRESS, 2)
    act.close_case(ctx, case.id, "已重新铺设路面")
    state, _ = act.callback(ctx, case.id, Rating.SATISFIED, "phone", "满意")
    assert state.status is CaseStatus.DONE
    overview = today_overview(ctx)
    assert (overview.open_cases, overview.awaiting_callback, overview.closed) == (0, 0, 1)
    detail = case_detail(ctx, case.case_no)
    assert [t.kind for t in detail.timeline] == [
        EventKind.REGISTERED,
        EventKind.ASSIGNED,
        EventKind.PROGRESS,
        EventKind.CLOSED,
        EventKind.CALLBACK,
        EventKind.REOPENED,
        EventKind.CLOSED,
        EventKind.CALLBACK,
    ]
    assert detail.timeline[1].details["department"] == reference_data(ctx).departments[0].name
    assert detail.row.status is CaseStatus.DONE and detail.round == 2
    assert EventKind.CALLBACK not in detail.allowed


def test_every_action_writes_event_audit_and_outbox(ctx):
    """Each action adds one event, one audit row and outbox rows (event + case snapshot)."""
    case = _supervised(ctx)
    before = _counts(ctx)
    act.record_progress(ctx, case.id, "进度")
    after = _counts(ctx)
    assert after["case_event"] == before["case_event"] + 1
    assert after["audit_log"] == before["audit_log"] + 1
    assert after["sync_outbox"] == before["sync_outbox"] + 2


def test_illegal_actions_are_refused_and_change_nothing(ctx):
    """A call-back on an open case is refused by the workflow; nothing is written."""
    case = _supervised(ctx)
    before = _counts(ctx)
    with pytest.raises(WorkflowError) as err:
        act.callback(ctx, case.id, Rating.SATISFIED, "phone")
    assert err.value.code == "illegal_transition"
    assert _counts(ctx) == before


def test_suggestion_merge_and_correction(ctx):
    """转建议 creates a suggestion; 合并 marks the duplicate; 更正 keeps history."""
    a = _supervised(ctx)
    b = _supervised(ctx)
    deputy = None
    with ctx.db.write_core() as conn:
        conn.exec_driver_sql(
            "INSERT INTO deputy (id, station_id, created_by_device, created_at, updated_at, name)"
            " VALUES ('dep1', 's', 'd', '2026-11-26T09:00:00+08:00', '2026-11-26T09:00:00+08:00', '张代表')"
        )
        deputy = "dep1"
    state, changes = act.to_suggestion(
        ctx, a.id, deputy_id=deputy, title="关于修缮村道的建议", content="建议统筹资金修缮村道"
    )
    assert state.track is Track.SUGGESTION and "suggestion" in changes.entities
    state, _ = act.merge_duplicate(ctx, b.id, a.id)
    assert state.status is CaseStatus.MERGED
    assert case_detail(ctx, b.id).merged_into == a.case_no
    with pytest.raises(ValidationError):
        act.merge_duplicate(ctx, a.id, a.id)
    cat = reference_data(ctx).categories[1].id
    act.correct(ctx, a.id, "category_id", cat, "类别选错")
    detail = case_detail(ctx, a.id)
    assert detail.timeline[-1].kind is EventKind.CORRECTION
    assert detail.timeline[-1].details["category"] == reference_data(ctx).categories[1].name
    # Every action left each row as its audit row's after_hash says (no false alarm).
    from stationdesk.services.maintenance import check

    assert check(ctx).changed_outside == ()


def test_search_by_short_and_long_chinese_phone_and_case_number(ctx):
    """2- and 4-character queries, the phone's last 4 and the case number all find the case."""
    result, _ = register_visit(
        ctx,
        VisitInput(
            visitor_name="赵六",
            phone="13812345678",
            issues=(IssueInput(content="医保缴费流程不清楚，停车难", track=Track.SUPERVISE),),
        ),
    )
    register_visit(ctx, sample_visit(7))
    case = result.cases[0]
    for query in ("医保", "医保缴费", "停车难", "5678", "13812345678", case.case_no, "赵六"):
        assert case.id in list_case_ids(ctx, CaseFilter(search=query)), query
    assert list_case_ids(ctx, CaseFilter(search="医院")) == []
    assert len(list_case_ids(ctx, CaseFilter(search="路灯"))) == 1  # sample_visit's issue


def test_reveal_is_audited_without_the_value(ctx):
    """Revealing a phone needs a reason and leaves an audit row that does not hold the number."""
    result, _ = register_visit(ctx, sample_visit(12345678))
    with pytest.raises(ValidationError):
        reveal(ctx, result.visit_id, "phone", "  ")
    assert reveal(ctx, result.visit_id, "phone", "回访需要") == "13812345678"
    assert reveal(ctx, result.visit_id, "id_number", "核实身份") == "11010519491231002X"
    con = sqlite3.connect(ctx.paths.db)
    rows = con.execute(
        "SELECT action, reason, detail FROM audit_log WHERE action LIKE 'visit.reveal%'"
    ).fetchall()
    con.close()
    assert [r[:2] for r in rows] == [
        ("visit.reveal_phone", "回访需要"),
        ("visit.reveal_id_number", "核实身份"),
    ]
    assert all("13812345678" not in r[2] and "1949" not in r[2] for r in rows)


def _cache_matches_fold(ctx, case_id):
    """The case_record cache equals the fold of its events in append order."""
    import json as _json
    from datetime import datetime as _dt

    from stationdesk.domain.workflow import CaseEvent, fold

    con = sqlite3.connect(ctx.paths.db)
    try:
        events = [
            CaseEvent(r[0], EventKind(r[1]), _dt.fromisoformat(r[2]), _json.loads(r[3]), r[4])
            for r in con.execute(
                "SELECT id, kind, occurred_at, payload, origin FROM case_event "
                "WHERE case_id = ? ORDER BY rowid",
                (case_id,),
            )
        ]
        row = con.execute(
            "SELECT status, track, round, department_id, due_date FROM case_record WHERE id = ?",
            (case_id,),
        ).fetchone()
    finally:
        con.close()
    state = fold(events)
    due = state.due_date.isoformat() if state.due_date else None
    return row == (state.status.value, state.track.value, state.round, state.department_id, due)


def test_every_action_keeps_the_cache_equal_to_the_fold(ctx):
    """After each of the eight actions the cached columns equal the fold of the stored events."""
    a = _supervised(ctx)
    b = _supervised(ctx)
    ref = reference_data(ctx)
    with ctx.db.write_core() as conn:
        conn.exec_driver_sql(
            "INSERT INTO deputy (id, station_id, created_by_device, created_at, updated_at, name)"
            " VALUES ('dep9', 's', 'd', '2026-11-26T09:00:00+08:00', '2026-11-26T09:00:00+08:00', '李代表')"
        )
    steps = [
        lambda: act.assign(ctx, a.id, ref.departments[0].id),
        lambda: act.record_progress(ctx, a.id, "已到现场"),
        lambda: act.correct(ctx, a.id, "department_id", ref.departments[1].id, "单位选错"),
        lambda: act.close_case(ctx, a.id, "已处理"),
        lambda: act.callback(ctx, a.id, Rating.UNSATISFIED, "visit", "不行"),
        lambda: act.reopen(ctx, a.id, "二次督办"),
        lambda: act.to_suggestion(ctx, a.id, deputy_id="dep9", title="建议", content="内容"),
        lambda: act.merge_duplicate(ctx, b.id, a.id),
    ]
    for step in steps:
        step()
        assert _cache_matches_fold(ctx, a.id) and _cache_matches_fold(ctx, b.id)


def test_reopen_only_after_an_unsatisfied_rating(ctx):
    """重新督办 is refused for a closed case without a 不满意 rating."""
    case = _supervised(ctx)
    act.close_case(ctx, case.id, "已处理")
    with pytest.raises(WorkflowError):
        act.reopen(ctx, case.id, "想再办一次")


def test_saving_with_a_draft_deletes_it_in_the_same_transaction(ctx):
    """register_visit(draft_id=…) removes the draft with the save; a refused save keeps it."""
    from stationdesk.services.drafts import latest_draft, save_draft

    draft = save_draft(ctx, "reception", {"visitor_name": "张三"})
    bad = VisitInput(visitor_name="张三", phone="12", issues=sample_visit().issues)
    with pytest.raises(ValidationError):
        register_visit(ctx, bad, draft_id=draft)
    assert latest_draft(ctx, "reception") is not None
    register_visit(ctx, sample_visit(), draft_id=draft)
    assert latest_draft(ctx, "reception") is None


def test_unknown_department_is_a_clear_validation_error(ctx):
    """Assigning to a department id that does not exist is refused without a raw SQL error."""
    case = _supervised(ctx)
    with pytest.raises(ValidationError) as err:
        act.assign(ctx, case.id, "no-such-department")
    assert err.value.code == "unknown_reference"


def test_each_action_audits_before_and_after(ctx):
    """The audit row names the fields that changed (old and new) and hashes the row both ways."""
    import json

    case = _supervised(ctx)
    department = reference_data(ctx).departments[0].id
    act.assign(ctx, case.id, department_id=department)
    con = sqlite3.connect(ctx.paths.db)
    detail = json.loads(
        con.execute(
            "SELECT detail FROM audit_log WHERE action = 'case.assigned' ORDER BY id DESC"
        ).fetchone()[0]
    )
    con.close()
    assert detail["changes"]["department_id"] == [None, department]
    assert detail["changes"]["status"] == ["pending", "in_progress"]
    assert detail["before_hash"] != detail["after_hash"]
    assert len(detail["after_hash"]) == 64


def test_to_suggestion_leaves_the_row_as_audited(ctx):
    """转为代表建议 links the suggestion inside the audited write: check finds no stray change."""
    from stationdesk.services.maintenance import check

    case = _supervised(ctx)
    with ctx.db.write_core() as conn:
        conn.exec_driver_sql(
            "INSERT INTO deputy (id, station_id, created_by_device, created_at, updated_at, name)"
            " VALUES ('dep2', 's', 'd', '2026-11-26T09:00:00+08:00', '2026-11-26T09:00:00+08:00',"
            " '李代表')"
        )
    act.to_suggestion(ctx, case.id, deputy_id="dep2", title="关于道路的建议", content="建议修路")
    assert check(ctx).changed_outside == ()
