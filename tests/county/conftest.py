import itertools

import psycopg
import pytest
from fastapi.testclient import TestClient

from stationdesk.county import admin
from stationdesk.county.app import create_app
from stationdesk.county.config import ServerConfig
from stationdesk.county.db import open_engine
from tests.county.pg_cluster import pg_cluster

_counter = itertools.count()


@pytest.fixture(scope="session")
def pg_base():
    """One throwaway PostgreSQL cluster for the whole run (started lazily, stopped at the end)."""
    with pg_cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh empty county database: a SQLite file, or a new database in the PostgreSQL cluster."""
    if request.param == "sqlite":
        yield str(tmp_path / "county.db")
        return
    base = request.getfixturevalue("pg_base")
    name = f"county_{next(_counter)}"
    plain = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain + "/postgres", autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    yield f"{base}/{name}"


class County:
    """A county server in process, with helpers to register stations and devices."""

    def __init__(self, db_url, config=None):
        self.db_url = db_url
        self.app = create_app(db_url, config or ServerConfig(rate_per_s=1000, burst=1000))
        self.engine = self.app.state.engine
        self.client = TestClient(self.app)

    def station(self, code, name="测试联络站"):
        admin.add_station(self.engine, code, name)
        return self.device(code)

    def device(self, code):
        _device_id, token = admin.add_device(self.engine, code)
        return token

    def close(self):
        self.client.close()
        self.engine.dispose()


@pytest.fixture
def county(db_url):
    """A county app over the fresh database (SQLite and PostgreSQL)."""
    c = County(db_url)
    yield c
    c.close()


@pytest.fixture
def make_county(db_url):
    """Build a county app with a chosen ServerConfig (limits tests)."""
    made = []

    def make(config):
        c = County(db_url, config)
        made.append(c)
        return c

    yield make
    for c in made:
        c.close()


def headers(token):
    return {"Authorization": f"Bearer {token}", "X-Stationdesk-Protocol": "1"}


@pytest.fixture
def open_url():
    return open_engine
