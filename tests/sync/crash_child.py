"""A station process that runs one sync cycle (the crash tests kill it at a named crashpoint).

Usage: python crash_child.py DATA_DIR  (the device token on stdin; STATIONDESK_CRASHPOINT set)
"""

import sys

import keyring

from stationdesk.paths import DataPaths
from stationdesk.security import credentials
from stationdesk.services.station import open_context
from stationdesk.sync.engine import SyncEngine
from tests.sync.conftest import MemoryKeyring

keyring.set_keyring(MemoryKeyring())
ctx = open_context(DataPaths(__import__("pathlib").Path(sys.argv[1])))
code, device = ctx.db.query("SELECT code, device_id FROM station")[0]
credentials.store_token(f"{code}/{device}", sys.stdin.readline().strip())
report = SyncEngine(ctx).run_cycle(force=True)
print(report.pushed, report.pulled)
