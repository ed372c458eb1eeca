"""A station that counted with schema 0004 upgrades to the tallies and reports the same."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import timedelta

from stationdesk.domain.figures import Period
from stationdesk.paths import DataPaths, migrations_dir
from stationdesk.services.demo import generate
from stationdesk.services.station import create_station, open_data_dir
from stationdesk.services.statistics import figures, store_tallies
from tests.services.test_statistics import _reference
from tests.services.test_statistics_drill import _reference_groups, _service_groups


def test_an_upgraded_database_reports_what_it_holds(tmp_path, monkeypatch):
    """Populated at 0004, migrated: every day counted from the cases, then from the tallies."""
    old = tmp_path / "migrations_0004"
    old.mkdir()
    for path in sorted(migrations_dir().glob("000[1-4]_*.sql")):
        shutil.copy(path, old / path.name)
    monkeypatch.setattr("stationdesk.store.migrate.migrations_dir", lambda: old)
    paths = DataPaths(tmp_path / "data").ensure()
    ctx, _ = create_station(paths, code="410205-01", name="测试联络站", county="测试县")
    generate(ctx, visits=300, seed=4)
    ctx.db.dispose()  # the 0004 file is closed; this version of the app opens it
    monkeypatch.undo()
    with sqlite3.connect(paths.db) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 4
        assert not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'stat_day'").fetchall()

    upgraded = open_data_dir(paths).ctx
    assert upgraded is not None
    q = upgraded.db.query
    assert q("PRAGMA user_version")[0][0] >= 6
    days = q("SELECT count(DISTINCT registered_on) FROM case_record")[0][0]
    assert q("SELECT count(*) FROM stat_day_dirty")[0][0] >= days  # nothing counted yet
    today = upgraded.clock().date()
    start = today - timedelta(days=90)
    reference = _reference_groups(upgraded, start, today)
    assert _service_groups(upgraded, start, today, store=False) == reference  # from the cases
    assert store_tallies(upgraded) >= days
    assert q("SELECT count(*) FROM stat_day_dirty")[0][0] == 0  # written back
    assert _service_groups(upgraded, start, today, store=False) == reference  # from tallies
    period = Period(start, today)
    assert figures(upgraded, start, today) == _reference(upgraded, period)
    upgraded.db.dispose()
