import hashlib
import sqlite3
from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from stationdesk.services.maintenance import backup_if_changed, backup_now, restore_backup
from stationdesk.services.reception import register_visit
from stationdesk.services.station import open_data_dir
from stationdesk.store.backup import (
    KEEP_DAILY,
    KEEP_MONTHLY,
    KEEP_WEEKLY,
    WINDOW_DAYS,
    list_backups,
    make_backup,
    prune,
    thin,
)
from stationdesk.store.integrity import check_file
from tests.factories import sample_visit

TABLES = ("station", "visit", "case_record", "case_event", "audit_log", "category", "sync_outbox")


def _row_hashes(path):
    con = sqlite3.connect(path)
    try:
        out = {}
        for t in TABLES:
            rows = con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            out[t] = hashlib.sha256(repr(rows).encode()).hexdigest(), len(rows)
        return out
    finally:
        con.close()


def test_backup_restore_round_trip_has_equal_rows(ctx, tmp_path):
    """Restore brings back exactly the rows of the backup, table by table."""
    for n in range(10):
        register_visit(ctx, sample_visit(n))
    backup = backup_now(ctx, tmp_path / "copy.db")
    before = _row_hashes(ctx.paths.db)
    assert _row_hashes(backup) == before
    for n in range(10, 15):
        register_visit(ctx, sample_visit(n))
    assert _row_hashes(ctx.paths.db) != before
    ctx.db.dispose()
    kept = restore_backup(ctx.paths, backup)
    assert _row_hashes(ctx.paths.db) == before
    assert (kept / "stationdesk.db").exists()
    con = sqlite3.connect(ctx.paths.db)
    assert con.execute(
        "SELECT value FROM sync_state WHERE key='sync_blocked_after_restore'"
    ).fetchone() == ("1",)
    con.close()
    reopened = open_data_dir(ctx.paths)
    assert reopened.status == "ok"
    reopened.ctx.db.dispose()


def test_backup_is_complete_while_writes_go_on(ctx):
    """A backup taken between commits holds every committed visit and passes integrity_check."""
    for n in range(20):
        register_visit(ctx, sample_visit(n))
    path = backup_now(ctx)
    register_visit(ctx, sample_visit(99))
    assert check_file(path, full=True) == []
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM visit").fetchone() == (20,)
    con.close()
    assert not list(ctx.paths.backups.glob("*.tmp"))


def test_backup_only_when_changed(ctx):
    """backup_if_changed skips an unchanged database and backs up after a new record."""
    first = backup_if_changed(ctx)
    assert first is not None
    assert backup_if_changed(ctx) is None
    register_visit(ctx, sample_visit())
    assert backup_if_changed(ctx) is not None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=3 * 365 * 24 * 60), min_size=1, max_size=150))
def test_thinning_keeps_recent_and_bounds_the_rest(offsets):
    """All of today and yesterday stay; older ones are bounded by 7 daily + 4 weekly + 3 monthly."""
    now = datetime(2026, 11, 26, 18, 0)
    stamps = sorted({now - timedelta(minutes=m) for m in offsets})
    keep = thin(stamps, now)
    recent = {s for s in stamps if s.date() >= now.date() - timedelta(days=1)}
    assert recent <= keep
    assert max(stamps) in keep
    older = keep - recent
    assert len(older) <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY
    assert len({s.date() for s in older}) == len(older)  # at most one a day


def test_thinning_spreads_over_months():
    """Hourly backups over a year thin to today+yesterday, 7 days, 4 weeks and 3 months."""
    now = datetime(2026, 11, 26, 18, 0)
    stamps = [now - timedelta(hours=h) for h in range(0, 365 * 24, 1)]
    keep = thin(stamps, now)
    recent = [s for s in keep if s.date() >= now.date() - timedelta(days=1)]
    assert len(recent) == 19 + 24
    older = sorted(keep - set(recent), reverse=True)
    assert len(older) == KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY
    assert now - timedelta(days=WINDOW_DAYS) < older[-1] < now - timedelta(days=80)


def test_no_backup_outlives_the_window_however_sparse():
    """Weekly backups over two years: nothing older than the window is kept (the purge's
    promise that deleted personal data leaves the backups too)."""
    now = datetime(2026, 11, 26, 18, 0)
    stamps = [now - timedelta(days=7 * w + 3) for w in range(104)]
    keep = thin(stamps, now)
    assert keep and min(keep) >= now - timedelta(days=WINDOW_DAYS)
    lonely = [now - timedelta(days=400)]  # one very old backup only: it stays (the only copy)
    assert thin(lonely, now) == set(lonely)


def test_prune_deletes_only_thinned_files(paths, tmp_path):
    """prune removes the files thinning drops and keeps the newest."""
    src = tmp_path / "src.db"
    con = sqlite3.connect(src)
    con.execute("CREATE TABLE t (x)")
    con.close()
    now = datetime(2026, 11, 26, 12, 0)
    for d in range(40):
        make_backup(src, paths.backups, now - timedelta(days=d))
    prune(paths.backups, now)
    left = list_backups(paths.backups)
    assert left[0].taken_at == now
    assert len(left) == len(thin([now - timedelta(days=d) for d in range(40)], now))


def test_corrupt_database_is_quarantined_untouched(ctx):
    """A file failing quick_check is copied byte for byte to quarantine and not opened."""
    register_visit(ctx, sample_visit())
    ctx.db.checkpoint()
    ctx.db.dispose()
    db = ctx.paths.db
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page
    db.write_bytes(bytes(data))
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    result = open_data_dir(ctx.paths)
    assert result.status == "corrupt" and result.ctx is None and result.problems
    copy = result.quarantined / "stationdesk.db"
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == digest
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest


def test_text_file_instead_of_database_is_quarantined(paths):
    """A database replaced by a text file is reported corrupt, not crashed on."""
    paths.db.write_text("这不是数据库", encoding="utf-8")
    result = open_data_dir(paths)
    assert result.status == "corrupt"
    assert (result.quarantined / "stationdesk.db").read_text(encoding="utf-8") == "这不是数据库"


def test_recovery_offers_the_newest_backup_that_passes_its_check(ctx):
    """A damaged newest backup is passed over for the next one that passes integrity_check."""
    from stationdesk.services.maintenance import newest_good_backup

    register_visit(ctx, sample_visit(1))
    good = make_backup(ctx.paths.db, ctx.paths.backups, datetime(2026, 11, 25, 9, 0))
    bad = make_backup(ctx.paths.db, ctx.paths.backups, datetime(2026, 11, 26, 9, 0))
    data = bytearray(bad.read_bytes())
    data[100:4096] = b"\x00" * (4096 - 100)
    bad.write_bytes(bytes(data))
    assert list_backups(ctx.paths.backups)[0].path == bad
    assert newest_good_backup(ctx.paths).path == good


def test_settings_and_drafts_changes_also_trigger_a_backup(ctx):
    """A change to settings or drafts (no audit row) still counts as a change worth a backup."""
    from sqlalchemy import text

    assert backup_if_changed(ctx) is not None
    with ctx.db.write() as s:
        s.execute(
            text(
                "INSERT INTO draft (id, form, data, created_at, updated_at) "
                "VALUES ('d1', 'reception', '{}', '2026-11-26T10:00:00+08:00', '2026-11-26T10:00:00+08:00')"
            )
        )
    assert backup_if_changed(ctx) is not None
    assert backup_if_changed(ctx) is None


def test_backups_within_one_second_list_newest_first(paths, tmp_path):
    """Same-second backups (name suffix -1, -2) are ordered by when they were taken."""
    src = tmp_path / "src.db"
    con = sqlite3.connect(src)
    con.execute("CREATE TABLE t (x)")
    con.close()
    now = datetime(2026, 11, 26, 12, 0)
    made = [make_backup(src, paths.backups, now) for _ in range(3)]
    assert [b.path for b in list_backups(paths.backups)] == made[::-1]
