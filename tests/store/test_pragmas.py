import sqlite3
import threading

import pytest
from sqlalchemy import text

from stationdesk.store.database import Database
from stationdesk.store.migrate import migrate


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "s.db"
    migrate(path)
    database = Database(path)
    yield database
    database.dispose()


def test_created_database_reads_back_wal(db):
    """journal_mode=wal is persistent: a plain connection without our pragmas reads it back."""
    with db.write() as s:
        s.execute(text("INSERT INTO sync_state (key, value) VALUES ('k', 'v')"))
    con = sqlite3.connect(db.path)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        con.close()


def test_every_pooled_connection_has_the_pragmas(db):
    """Several live connections at once each report synchronous=2, foreign_keys=1 and the rest."""
    conns = [db.engine.connect() for _ in range(4)]
    try:
        for conn in conns:
            read = {
                name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in (
                    "synchronous",
                    "foreign_keys",
                    "busy_timeout",
                    "secure_delete",
                    "temp_store",
                    "journal_mode",
                )
            }
            assert read == {
                "synchronous": 2,
                "foreign_keys": 1,
                "busy_timeout": 5000,
                "secure_delete": 1,
                "temp_store": 2,
                "journal_mode": "wal",
            }
    finally:
        for conn in conns:
            conn.close()


def test_connections_made_in_other_threads_have_the_pragmas(db):
    """A connection opened on a worker thread gets the same settings."""
    seen = {}

    def work():
        with db.read() as s:
            seen["sync"] = s.execute(text("PRAGMA synchronous")).scalar()
            seen["fk"] = s.execute(text("PRAGMA foreign_keys")).scalar()

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert seen == {"sync": 2, "fk": 1}


def test_write_transaction_holds_the_write_lock_from_begin(db):
    """db.write() issues BEGIN IMMEDIATE: another writer is locked out before any statement."""
    other = sqlite3.connect(db.path, timeout=0, isolation_level=None)
    try:
        with db.write() as s:
            s.execute(text("SELECT 1"))
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            assert other.execute("SELECT count(*) FROM station").fetchone() == (0,)
    finally:
        other.close()


def test_foreign_keys_are_enforced(db):
    """A case pointing at a missing visit is refused by the foreign key."""
    with pytest.raises(Exception, match="FOREIGN KEY"), db.write() as s:
        s.execute(
            text(
                "INSERT INTO case_record (id, station_id, created_by_device, created_at, "
                "updated_at, case_no, visit_id, content, track, registered_at, registered_on, "
                "status, last_event_at) VALUES ('c', 's', 'd', 't', 't', 'n', 'missing', 'x', "
                "'on_spot', 't', '2026-01-01', 'pending', 't')"
            )
        )
