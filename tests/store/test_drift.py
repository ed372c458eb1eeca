import sqlite3

from sqlalchemy import create_engine

from stationdesk.store.migrate import migrate
from stationdesk.store.models import Base

VIRTUAL = {"case_search"}


def _schema(path):
    """Tables → columns, indexes and foreign keys, as SQLite itself reports them."""
    con = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
            if not any(r[0] == v or r[0].startswith(v + "_") for v in VIRTUAL)
        ]
        schema = {}
        for t in tables:
            cols = {
                r[1]: (r[2].upper(), bool(r[3]), r[4], r[5])
                for r in con.execute(f"PRAGMA table_info('{t}')")
            }
            indexes = set()
            for _, name, unique, origin, _partial in con.execute(f"PRAGMA index_list('{t}')"):
                cols_of = tuple(r[2] for r in con.execute(f"PRAGMA index_info('{name}')"))
                label = name if origin == "c" else origin
                indexes.add((label, bool(unique), cols_of))
            fks = {(r[3], r[2], r[4]) for r in con.execute(f"PRAGMA foreign_key_list('{t}')")}
            autoinc = (
                "AUTOINCREMENT"
                in (con.execute("SELECT sql FROM sqlite_master WHERE name=?", (t,)).fetchone()[0])
            )
            schema[t] = {"columns": cols, "indexes": indexes, "fks": fks, "autoinc": autoinc}
        return schema
    finally:
        con.close()


def test_migrated_schema_equals_orm_metadata(tmp_path):
    """Tables, columns (type, null, default, pk), indexes and foreign keys match the ORM."""
    migrated = tmp_path / "migrated.db"
    migrate(migrated)
    from_orm = tmp_path / "orm.db"
    engine = create_engine(f"sqlite:///{from_orm}")
    Base.metadata.create_all(engine)
    engine.dispose()
    a, b = _schema(migrated), _schema(from_orm)
    assert sorted(a) == sorted(b)
    for table in a:
        assert a[table] == b[table], table


def test_drift_check_would_notice_a_missing_column(tmp_path):
    """The comparison is sensitive: dropping one column from the migrated copy breaks equality."""
    migrated = tmp_path / "migrated.db"
    migrate(migrated)
    con = sqlite3.connect(migrated)
    con.execute("DROP INDEX ix_draft_form")
    con.execute("ALTER TABLE draft DROP COLUMN user_id")
    con.close()
    from_orm = tmp_path / "orm.db"
    engine = create_engine(f"sqlite:///{from_orm}")
    Base.metadata.create_all(engine)
    engine.dispose()
    assert _schema(migrated)["draft"] != _schema(from_orm)["draft"]
