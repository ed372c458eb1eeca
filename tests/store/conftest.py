"""Fixtures for store and service tests: a real SQLite file per test with the production pragmas."""

from __future__ import annotations

from pathlib import Path

import pytest

from stationdesk.paths import DataPaths
from stationdesk.services.context import ServiceContext
from stationdesk.services.station import create_station


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data").ensure()


@pytest.fixture
def ctx(paths: DataPaths) -> ServiceContext:
    context, _ = create_station(paths, code="410205-01", name="测试联络站", county="测试县")
    yield context
    context.db.dispose()
