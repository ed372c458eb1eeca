"""The device token through the real Secret Service (gnome-keyring on a private D-Bus), once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = """
import keyring
from stationdesk.security import credentials
assert credentials.keyring_available(), "no keyring backend"
token = "tok-" + "x" * 40
credentials.store_token("410205-01/device-1", token)
assert credentials.load_token("410205-01/device-1") == token
assert credentials.delete_token("410205-01/device-1")
print(type(keyring.get_keyring()).__module__)
"""


def test_the_token_round_trips_through_the_secret_service(tmp_path: Path):
    """store → load → delete with the system keyring a station PC has, not a test double."""
    if os.geteuid() != 0 and not shutil.which("gnome-keyring-daemon"):
        pytest.skip("gnome-keyring is not installed and this user cannot install it")
    assert shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon"), (
        "make test installs dbus and gnome-keyring (installer/linux/debian-deps.sh)"
    )
    home, runtime = tmp_path / "home", tmp_path / "run"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime)}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    unlock = 'eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets)"; exec "$@"'
    done = subprocess.run(
        ["dbus-run-session", "--", "bash", "-c", unlock, "bash", sys.executable, "-c", CHILD],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "SecretService" in done.stdout  # the real backend, not a file or a stand-in
