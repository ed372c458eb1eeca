"""End-of-run checks shared by the sync tests: what the station holds against what the county holds."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from sqlalchemy import text

from stationdesk.sync.outbox import synced_tables
from tests.sync.conftest import STATION_CODE


def local_rows(ctx) -> dict[tuple[str, str], int | None]:
    """Every synced row the station wrote itself: (entity, id) → row_version (None for events)."""
    out: dict[tuple[str, str], int | None] = {}
    with ctx.db.read_core() as conn:
        for table in sorted(synced_tables(conn)):
            cols = {r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
            version = "row_version" if "row_version" in cols else "NULL"
            origin = "AND origin = 'station'" if "origin" in cols else ""
            for row_id, v in conn.exec_driver_sql(
                f"SELECT id, {version} FROM {table} WHERE 1 {origin}"
            ):
                out[(table, row_id)] = v
    return out


def server_rows(county) -> dict[tuple[str, str], int | None]:
    """The station's own rows on the county server: (entity, id) → row_version."""
    with county.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT entity, id, row_version FROM record "
                "WHERE station_code = :s AND origin = 'station'"
            ),
            {"s": STATION_CODE},
        ).all()
    return {(r[0], r[1]): r[2] for r in rows}


def receipt_count(county) -> int:
    with county.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM change_receipt")).scalar_one()


def outbox_count(ctx) -> int:
    with ctx.db.read_core() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar_one()


def state_of(ctx) -> dict[str, str]:
    with ctx.db.read_core() as conn:
        return dict(conn.exec_driver_sql("SELECT key, value FROM sync_state").all())


def assert_converged(ctx, county) -> None:
    """Outbox empty; every local row on the server exactly once at its final row_version."""
    assert outbox_count(ctx) == 0
    assert local_rows(ctx) == server_rows(county)


# --- Checker K (design/sync.md §5.1): the end state after faults, healed and quiescent ---------

_VOLATILE = frozenset({"server_seq"})  # sync bookkeeping carried in payloads, not content
_REFERENCE_KEYS = {"category": "code", "department": "name"}
# The fold cache of a case that pulled county events: re-folded locally without a new
# row_version (derived data, never pushed back; case_actions.refold_received), and its
# server_seq set to the county event's (even when lower than the row's own acknowledgement).
_FOLD_CACHE = frozenset(
    {"status", "track", "category_id", "department_id", "deputy_id", "due_date", "round",
     "first_closed_at", "closed_at", "rating", "rated_at", "last_event_at", "updated_at"}
)  # fmt: skip


def _canonical(values: dict[str, object], skip: frozenset[str] = frozenset()) -> str:
    return json.dumps(
        {k: v for k, v in values.items() if k not in _VOLATILE and k not in skip},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )


@dataclass
class Verdict:
    """What K found; `ok` only when every list is empty."""

    lost: list[tuple[str, str]] = field(default_factory=list)  # committed locally, not on server
    phantom: list[tuple[str, str]] = field(default_factory=list)  # on server, not local
    divergent: list[str] = field(default_factory=list)  # version, content or ack differ
    duplicated: list[str] = field(default_factory=list)  # a change judged more than once
    missing_county: list[tuple[str, str]] = field(default_factory=list)  # not on the station
    other: list[str] = field(default_factory=list)  # outbox, rejects, cursor
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # entity → (local, server)
    hashes_equal: bool = True

    @property
    def ok(self) -> bool:
        return not (
            self.lost
            or self.phantom
            or self.divergent
            or self.duplicated
            or self.missing_county
            or self.other
            or not self.hashes_equal
        )

    def summary(self) -> str:
        return (
            f"lost={len(self.lost)} phantom={len(self.phantom)} divergent={len(self.divergent)} "
            f"duplicated={len(self.duplicated)} missing_county={len(self.missing_county)} "
            f"hashes_equal={self.hashes_equal} other={self.other[:5]} "
            f"first: {(self.lost + self.phantom)[:3]} {self.divergent[:3]} {self.duplicated[:3]}"
        )


def _server_records(engine) -> list[tuple[str, str, str, int | None, int, str]]:
    with engine.connect() as conn:
        return [
            tuple(r)  # type: ignore[misc]
            for r in conn.execute(
                text(
                    "SELECT entity, id, origin, row_version, server_seq, payload FROM record "
                    "WHERE station_code = :s"
                ),
                {"s": STATION_CODE},
            ).all()
        ]


def check(county, ctx, injected_rejects: frozenset[str] = frozenset()) -> Verdict:
    """K: the station (ctx) against the county (anything with `.engine`), one device.

    1. every committed station row (at its final row_version) and every station event is on the
       server exactly once — same version, same content, and the server_seq the station was
       acknowledged with; no phantom rows;
    2. no change was judged twice: with one device a `stale` or `key_reuse` receipt, or a case
       flagged as a sync conflict (needs review), can only come from a replay that missed its
       receipt (records are keyed, so a replay cannot add a row: it shows up as these);
    3. every county event and reference row is on the station; per-entity counts and content
       hashes equal; outbox empty; sync_rejects are exactly the injected invalid change ids;
       the pull cursor has reached the station's last server_seq.
    """
    v = Verdict()
    server = _server_records(county.engine)
    mine = {(e, i): (ver, seq, json.loads(p)) for e, i, o, ver, seq, p in server if o == "station"}
    county_rows = [(e, i, json.loads(p)) for e, i, o, _v, _s, p in server if o == "county"]
    local_hash: dict[str, list[str]] = {}
    server_hash: dict[str, list[str]] = {}
    with ctx.db.read_core() as conn:
        refolded: dict[str, set[int]] = {}  # case id → server_seqs of its county events
        for case_id, event_seq in conn.exec_driver_sql(
            "SELECT case_id, server_seq FROM case_event WHERE origin = 'county'"
        ):
            refolded.setdefault(case_id, set()).add(event_seq)
        seen: set[tuple[str, str]] = set()
        for table in sorted(synced_tables(conn)):
            cols = [r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")]
            where = "WHERE origin = 'station'" if "origin" in cols else ""
            for raw in conn.exec_driver_sql(f"SELECT * FROM {table} {where}"):
                row = dict(zip(cols, raw, strict=True))
                key = (table, str(row["id"]))
                seen.add(key)
                if key not in mine:
                    v.lost.append(key)
                    continue
                version, seq, payload = mine[key]
                folded = table == "case_record" and key[1] in refolded
                skip = _FOLD_CACHE if folded else frozenset()
                content = {k: row.get(k) for k in payload}
                mine_text, theirs_text = _canonical(content, skip), _canonical(payload, skip)
                local_hash.setdefault(table, []).append(f"{key[1]}:{mine_text}")
                server_hash.setdefault(table, []).append(f"{key[1]}:{theirs_text}")
                acked = row.get("server_seq")
                if row.get("row_version") != version:
                    v.divergent.append(f"{key} version {row.get('row_version')} != {version}")
                elif mine_text != theirs_text:
                    diff = sorted(k for k in payload if k not in skip and content[k] != payload[k])
                    v.divergent.append(f"{key} content differs in {diff}")
                elif acked != seq and not (folded and acked in refolded[key[1]]):
                    v.divergent.append(f"{key} acked seq {acked} != {seq}")
        v.phantom = sorted(set(mine) - seen)
        for entity in sorted({e for e, _ in mine} | {e for e, _ in seen}):
            v.counts[entity] = (
                sum(1 for e, _ in seen if e == entity),
                sum(1 for e, _ in mine if e == entity),
            )
        for entity, row_id, payload in county_rows:
            if entity == "case_event":
                found = conn.exec_driver_sql(
                    "SELECT 1 FROM case_event WHERE id = ? AND origin = 'county'", (row_id,)
                ).first()
            elif entity in _REFERENCE_KEYS:
                natural = _REFERENCE_KEYS[entity]
                found = conn.exec_driver_sql(
                    f"SELECT 1 FROM {entity} WHERE {natural} = ?", (payload.get(natural),)
                ).first()
            else:
                continue
            if found is None:
                v.missing_county.append((entity, row_id))
        flagged = conn.exec_driver_sql(
            "SELECT record_id FROM audit_log WHERE action = 'case.sync_conflict'"
        ).all()
        v.duplicated += [f"case_record {r[0]} flagged as a sync conflict" for r in flagged]
        outbox = outbox_count(ctx)
        if outbox:
            v.other.append(f"outbox holds {outbox}")
        rejects = {r[0] for r in conn.exec_driver_sql("SELECT change_id FROM sync_rejects")}
        if rejects != set(injected_rejects):
            v.other.append(
                f"rejects {len(rejects)} != injected {len(injected_rejects)}: "
                f"extra {sorted(rejects - injected_rejects)[:3]} "
                f"missing {sorted(injected_rejects - rejects)[:3]}"
            )
    cursor = int(state_of(ctx).get("pull_cursor") or 0)
    top = max((r[4] for r in server), default=0)
    if cursor < top:
        v.other.append(f"pull cursor {cursor} < last server_seq {top}")
    v.hashes_equal = all(
        hashlib.sha256("\n".join(sorted(local_hash.get(e, []))).encode()).hexdigest()
        == hashlib.sha256("\n".join(sorted(server_hash.get(e, []))).encode()).hexdigest()
        for e in set(local_hash) | set(server_hash)
    ) and all(a == b for a, b in v.counts.values())
    with county.engine.connect() as conn:
        judged_again = conn.execute(
            text(
                "SELECT change_id, status FROM change_receipt "
                "WHERE station_code = :s AND status IN ('stale', 'key_reuse')"
            ),
            {"s": STATION_CODE},
        ).all()
    v.duplicated += [f"receipt {r[0]} answered {r[1]}" for r in judged_again]
    return v


def assert_k(
    county, ctx, injected_rejects: frozenset[str] = frozenset(), trace: str = ""
) -> Verdict:
    """Run K and fail with its summary (and the fault trace) unless everything holds."""
    verdict = check(county, ctx, injected_rejects)
    assert verdict.ok, f"K failed: {verdict.summary()}\n{trace}"
    return verdict
