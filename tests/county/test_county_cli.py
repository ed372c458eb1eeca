"""`stationdesk-county` commands in process: stations, devices, replies, stats, Chinese errors."""

import json
import re
import threading

from stationdesk.county import push as push_module
from stationdesk.county.auth import authenticate
from stationdesk.county.cli import main
from stationdesk.county.db import open_engine
from tests.county.payloads import batch, case, change, visit

UID = "0190aaaa-0000-7000-8000-00000000000a"


def test_cli_station_device_reply_stats(db_url, capsys):
    """add-station, add-device (token shown once), department, reply, stats and revoke-device."""
    assert main(["add-station", "st-01", "城关联络站", "--db", db_url]) == 0
    assert main(["add-device", "st-01", "--db", db_url]) == 0
    out = capsys.readouterr().out
    token = re.search(r"：([A-Za-z0-9_-]{43})$", out, re.M).group(1)
    device_id = re.search(r"设备编号：(\S+)", out).group(1)
    engine = open_engine(db_url)
    from sqlalchemy.orm import Session

    with Session(engine) as s:
        caller = authenticate(s, token)
    c = case(UID, "ST01-2026-000007")
    body, changes = push_module.parse_batch(batch([change("case_record", c["id"], c)]), 200)
    push_module.check_station(engine, caller, body, changes)
    push_module.apply_batch(engine, caller, body, changes)

    assert main(["reply", "NOPE", "--department", "县水利局", "--text", "x", "--db", db_url]) == 1
    assert "没有编号为 NOPE 的案件" in capsys.readouterr().err
    assert main(["refer", "ST01-2026-000007", "--department", "县水利局", "--db", db_url]) == 1
    assert "没有单位“县水利局”" in capsys.readouterr().err
    assert main(["department", "st-01", "县水利局", "--db", db_url]) == 0
    assert main(["category", "st-01", "water", "水利", "--limit-days", "20", "--db", db_url]) == 0
    args = [
        "reply",
        "ST01-2026-000007",
        "--department",
        "县水利局",
        "--text",
        "已修复",
        "--db",
        db_url,
    ]
    assert main(args) == 0
    assert (
        main(
            [
                "refer",
                "ST01-2026-000007",
                "--department",
                "县水利局",
                "--due",
                "2026-04-01",
                "--db",
                db_url,
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["stats", "--db", db_url]) == 0
    stats = json.loads(capsys.readouterr().out)
    (station,) = stats["stations"]
    assert station["code"] == "st-01" and station["devices"] == 1
    assert station["records"] == {"case_event": 2, "case_record": 1, "category": 1, "department": 1}
    assert station["county_events"] == 2
    assert stats["server_seq"] == 5
    assert main(["revoke-device", device_id, "--db", db_url]) == 0
    with Session(engine) as s:
        assert authenticate(s, token) is None
    assert main(["add-station", "st-01", "重复", "--db", db_url]) == 1
    assert "站点 st-01 已存在" in capsys.readouterr().err
    assert main(["add-device", "st-99", "--db", db_url]) == 1
    assert "没有编码为 st-99 的站点" in capsys.readouterr().err
    engine.dispose()


def test_concurrent_pushes_get_distinct_gap_free_seqs(db_url):
    """Four writers on two stations at once (two binding the same station): seqs distinct, no gaps."""
    assert main(["add-station", "st-a", "甲", "--db", db_url]) == 0
    assert main(["add-station", "st-b", "乙", "--db", db_url]) == 0
    from stationdesk.county import admin

    engine = open_engine(db_url)
    from sqlalchemy.orm import Session

    callers = []
    for code in ("st-a", "st-a", "st-b", "st-b"):
        _, token = admin.add_device(engine, code)
        with Session(engine) as s:
            callers.append(authenticate(s, token))
    seqs, errors = [], []

    def work(caller, uid):
        try:
            for _ in range(5):
                rows = [visit(uid) for _ in range(20)]
                body, changes = push_module.parse_batch(
                    batch([change("visit", v["id"], v) for v in rows]), 200
                )
                push_module.check_station(engine, caller, body, changes)
                result = push_module.apply_batch(engine, caller, body, changes)
                seqs.extend(r["server_seq"] for r in result["results"])
        except Exception as exc:
            errors.append(exc)

    uids = [
        UID,
        UID,
        "0190bbbb-0000-7000-8000-00000000000b",
        "0190bbbb-0000-7000-8000-00000000000b",
    ]
    threads = [
        threading.Thread(target=work, args=(c, u)) for c, u in zip(callers, uids, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(seqs) == 400 and len(set(seqs)) == 400 and max(seqs) == 400
    engine.dispose()
