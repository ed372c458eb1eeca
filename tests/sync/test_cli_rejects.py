"""`stationdesk sync rejects [--json] | resend ID | dismiss ID --note T` against the real county."""

from __future__ import annotations

import json

from stationdesk.services.reception import register_visit
from stationdesk.sync.engine import SyncEngine
from tests.factories import sample_visit
from tests.sync.checks import assert_converged
from tests.sync.test_cli_sync import _run
from tests.sync.test_rejects import county_holds, county_record, edit_visit


def test_list_resend_and_dismiss_from_the_command_line(station, county, capsys):
    """A stale visit listed in Chinese; resend puts ours on the county; dismiss needs --note."""
    ctx = station.ctx
    visit, _ = register_visit(ctx, sample_visit(1))
    SyncEngine(ctx).run_cycle()
    county_holds(county, "visit", visit.visit_id, 7)
    edit_visit(ctx, visit.visit_id, "东关村幸福路30号")
    SyncEngine(ctx).run_cycle()

    assert _run(ctx, "sync", "rejects") == 0
    out = capsys.readouterr().out
    assert "被县级拒绝、尚未处理的记录 1 条" in out and "来访记录" in out
    assert "县级已有较新版本（县级版本 7，本机版本 2）" in out
    assert "张*" in out and "张三丰" not in out
    assert _run(ctx, "sync", "rejects", "--json") == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["code"] == "stale" and listed["county_version"] == 7

    assert _run(ctx, "sync", "rejects", "resend", "no-such-id") == 1
    assert "没有这个编号（no-such-id）" in capsys.readouterr().err
    assert _run(ctx, "sync", "rejects", "resend", listed["change_id"]) == 0
    assert "已重新排队上传 1 条" in capsys.readouterr().out
    assert _run(ctx, "sync", "--once") == 0
    assert county_record(county, "visit", visit.visit_id)[0] == 8
    assert_converged(ctx, county)
    capsys.readouterr()
    assert _run(ctx, "sync", "rejects") == 0
    assert "没有被县级拒绝、尚未处理的记录" in capsys.readouterr().out

    county_holds(county, "visit", visit.visit_id, 20)
    edit_visit(ctx, visit.visit_id, "东关村幸福路32号")
    SyncEngine(ctx).run_cycle()
    assert _run(ctx, "sync", "rejects", "--json") == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert _run(ctx, "sync", "rejects", "dismiss", listed["change_id"], "--note", " ") == 1
    assert "[required]（字段：note）" in capsys.readouterr().err
    assert (
        _run(ctx, "sync", "rejects", "dismiss", listed["change_id"], "--note", "县级版本正确") == 0
    )
    assert "已忽略" in capsys.readouterr().out
    assert _run(ctx, "sync", "rejects", "dismiss", listed["change_id"], "--note", "再一次") == 1
    assert "已经处理过了" in capsys.readouterr().err
