"""schemathesis against the county app's OpenAPI, in process: no input makes a server error."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from stationdesk.county import admin
from stationdesk.county.app import create_app
from stationdesk.county.config import ServerConfig

# One county on a throwaway SQLite file, built at import: schemathesis parametrizes from it.
_FOLDER = Path(tempfile.mkdtemp(prefix="county-schema-"))
atexit.register(shutil.rmtree, _FOLDER, True)
APP = create_app(str(_FOLDER / "county.db"), ServerConfig(rate_per_s=10_000, burst=10_000))
admin.add_station(APP.state.engine, "410205-01", "测试联络站")
_DEVICE, TOKEN = admin.add_device(APP.state.engine, "410205-01")
APP.add_api_route("/openapi.json", APP.openapi, include_in_schema=False)
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", APP)
HEADERS = {"Authorization": f"Bearer {TOKEN}", "X-Stationdesk-Protocol": "1"}


@SCHEMA.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_makes_a_server_error(case):
    """Every operation, generated bodies, paths and queries, with a valid device token."""
    case.call_and_validate(headers=HEADERS, checks=[not_a_server_error])
