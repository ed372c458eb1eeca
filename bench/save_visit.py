"""Benchmark: register_visit vs raw sqlite3 writing the same rows in one transaction.

Both sides use the production pragmas (WAL, synchronous=FULL …) on a file in the same folder.
The baseline writes visit, 2 cases, 3 events, 3 audit rows (hash-chained) and 6 outbox rows
with full-row JSON snapshots, by plain INSERTs into the same schema without triggers; our side goes through the real service (validation,
case numbers, workflow fold, ORM, hash-chained audit, trigger-written outbox, search index).
Prints the medians and the ratio (goal ≤ 3.0, aim 1.5).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stationdesk.domain.enums import Track
from stationdesk.paths import DataPaths, migrations_dir
from stationdesk.services.dto import IssueInput, VisitInput
from stationdesk.services.reception import register_visit
from stationdesk.services.station import create_station, open_data_dir
from stationdesk.store.pragmas import connect_raw


def _visit(n: int) -> VisitInput:
    return VisitInput(
        visitor_name="张三丰",
        phone=f"138{n:08d}",
        address="东关村幸福路12号",
        issues=(
            IssueInput(
                content="村口路灯坏了三盏", track=Track.ON_SPOT, on_spot_answer="已联系电工"
            ),
            IssueInput(content="学校门口停车难", demand="增设停车位", track=Track.SUPERVISE),
        ),
    )


def _baseline_db(folder: Path) -> sqlite3.Connection:
    path = folder / "raw.db"
    con = connect_raw(str(path))
    sql = (migrations_dir() / "0001_initial.sql").read_text(encoding="utf-8")
    con.executescript(sql)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
        con.execute(f'DROP TRIGGER "{name}"')
    con.execute(
        "INSERT INTO app_user (id, username, display_name, role, created_at, updated_at) "
        "VALUES ('u', 'system', '系统', 'system', 't', 't')"
    )
    return con


def _insert(con: sqlite3.Connection, table: str, row: dict[str, object]) -> None:
    cols = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    con.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))


def _raw_save(con: sqlite3.Connection, n: int, prev_hash: str) -> str:
    """The same rows as register_visit, written by hand: full-row outbox snapshots included."""
    now = datetime.now().astimezone().isoformat(timespec="milliseconds")
    day = now[:10]
    common = {"station_id": "s", "created_by_device": "d", "created_at": now, "updated_at": now}

    def outbox(entity: str, row: dict[str, object], op: str) -> None:
        payload = json.dumps(row, ensure_ascii=False)
        _insert(
            con,
            "sync_outbox",
            {
                "change_id": uuid.uuid4().hex,
                "entity": entity,
                "entity_id": row["id"],
                "op": op,
                "row_version": 1 if op == "put" else None,
                "payload": payload,
                "payload_sha256": hashlib.sha256(payload.encode()).hexdigest(),
                "created_at": now,
            },
        )

    def audit(action: str, entity: str, record: str, detail: dict[str, object], prev: str) -> str:
        detail_json = json.dumps(detail, ensure_ascii=False, sort_keys=True)
        body = json.dumps(
            {
                "action": action,
                "detail": detail_json,
                "entity": entity,
                "reason": None,
                "record_id": record,
                "role": "system",
                "ts": now,
                "user_id": "u",
            },
            ensure_ascii=False,
            sort_keys=True,
        )
        h = hashlib.sha256((prev + body).encode()).hexdigest()
        _insert(
            con,
            "audit_log",
            {
                "ts": now,
                "user_id": "u",
                "role": "system",
                "action": action,
                "entity": entity,
                "record_id": record,
                "detail": detail_json,
                "prev_hash": prev,
                "row_hash": h,
            },
        )
        return h

    con.execute("BEGIN IMMEDIATE")
    phone = f"138{n:08d}"
    visit = {
        "id": str(uuid.uuid4()),
        **common,
        "row_version": 1,
        "received_at": now,
        "received_on": day,
        "channel": "walk_in",
        "visitor_name": "张三丰",
        "visitor_phone": phone,
        "visitor_phone_last4": phone[-4:],
        "visitor_address": "东关村幸福路12号",
        "people": 1,
        "confidential": 0,
        "clerk_id": "u",
    }
    _insert(con, "visit", visit)
    outbox("visit", visit, "put")
    case_nos = []
    cases = []
    for pos, (content, demand, track, status) in enumerate(
        (
            ("村口路灯坏了三盏", None, "on_spot", "closed"),
            ("学校门口停车难", "增设停车位", "supervise", "pending"),
        ),
        start=1,
    ):
        case = {
            "id": str(uuid.uuid4()),
            **common,
            "row_version": 1,
            "case_no": f"410205-01-2026-01-{n:05d}{pos}",
            "visit_id": visit["id"],
            "position": pos,
            "content": content,
            "demand": demand,
            "track": track,
            "on_spot_answer": "已联系电工" if track == "on_spot" else None,
            "registered_at": now,
            "registered_on": day,
            "status": status,
            "round": 1,
            "closed_at": now if status == "closed" else None,
            "first_closed_at": now if status == "closed" else None,
            "due_date": None if status == "closed" else day,
            "last_event_at": now,
        }
        _insert(con, "case_record", case)
        outbox("case_record", case, "put")
        case_nos.append(case["case_no"])
        cases.append(case)
        kinds = ["registered", "closed"] if track == "on_spot" else ["registered"]
        for kind in kinds:
            event = {
                "id": str(uuid.uuid4()),
                "station_id": "s",
                "created_by_device": "d",
                "created_at": now,
                "case_id": case["id"],
                "kind": kind,
                "occurred_at": now,
                "occurred_on": day,
                "origin": "station",
                "actor_id": "u",
                "payload": json.dumps({"track": track}),
            }
            _insert(con, "case_event", event)
            outbox("case_event", event, "event")
    h = audit(
        "visit.register",
        "visit",
        str(visit["id"]),
        {
            "channel": "walk_in",
            "people": 1,
            "visitor": "张*",
            "phone": "138****5678",
            "has_id_number": False,
            "cases": case_nos,
        },
        prev_hash,
    )
    for case in cases:
        h = audit(
            "case.register",
            "case_record",
            str(case["id"]),
            {"case_no": case["case_no"], "track": case["track"], "status": case["status"]},
            h,
        )
    con.execute("COMMIT")
    return h


def measure(n: int, rounds: int, data_dir: str | None = None) -> tuple[float, float]:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        folder = Path(tmp)
        if data_dir:  # an existing (demo) database: our saves go into it
            opened = open_data_dir(DataPaths(Path(data_dir)))
            assert opened.ctx is not None
            ctx = opened.ctx
        else:
            ctx, _ = create_station(DataPaths(folder / "ours"), code="410205-01", name="测试联络站")
        raw = _baseline_db(folder)
        ours_t: list[float] = []
        raw_t: list[float] = []
        prev = "0" * 64
        k = 0
        for _ in range(rounds):
            for _ in range(n):
                k += 1
                t0 = time.perf_counter()
                prev = _raw_save(raw, k, prev)
                raw_t.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                register_visit(ctx, _visit(k))
                ours_t.append(time.perf_counter() - t0)
        raw.close()
        ctx.db.dispose()
    return statistics.median(ours_t), statistics.median(raw_t)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--data-dir", help="save into this existing (demo) database; it gains the saved visits"
    )
    args = parser.parse_args()
    ours, raw = measure(args.saves, args.rounds, args.data_dir)
    ratio = ours / raw
    print(f"save_visit: ours median {ours * 1000:.2f} ms, raw sqlite3 median {raw * 1000:.2f} ms")
    print(f"save_visit ratio: {ratio:.2f}x (goal <= 3.0, aim 1.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
