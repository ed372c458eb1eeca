"""Where StationDesk keeps its data and finds its bundled resources."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

ENV_DATA_DIR = "STATIONDESK_DATA_DIR"
DB_FILENAME = "stationdesk.db"


def project_root() -> Path:
    """The folder holding resources/ and sqlite_schema/ (the bundle root when frozen)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """Bundled icons, fonts, translations and styles."""
    return project_root() / "resources"


def migrations_dir() -> Path:
    """The forward-only SQL migrations applied by store.migrate."""
    return project_root() / "sqlite_schema" / "migrations"


def bundled_font() -> Path:
    """The CJK TrueType font every screen and PDF uses (WenQuanYi Micro Hei)."""
    return resources_dir() / "fonts" / "wqy-microhei.ttc"


def default_data_dir() -> Path:
    """The per-user data folder: %LOCALAPPDATA%/StationDesk or $XDG_DATA_HOME/stationdesk."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "StationDesk"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "stationdesk"


@dataclass(frozen=True, slots=True)
class DataPaths:
    """The files of one station database and its companions."""

    root: Path

    @property
    def db(self) -> Path:
        """The live SQLite database."""
        return self.root / DB_FILENAME

    @property
    def backups(self) -> Path:
        """Verified backups, thinned automatically."""
        return self.root / "backups"

    @property
    def quarantine(self) -> Path:
        """Untouched copies of databases that failed their start-up check."""
        return self.root / "quarantine"

    def ensure(self) -> DataPaths:
        """Create the folders (not the database) and return self."""
        self.root.mkdir(parents=True, exist_ok=True)
        self.backups.mkdir(exist_ok=True)
        return self


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> DataPaths:
    """--data-dir, else $STATIONDESK_DATA_DIR, else the platform default."""
    if explicit:
        return DataPaths(Path(explicit).expanduser().resolve())
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return DataPaths(Path(env).expanduser().resolve())
    return DataPaths(default_data_dir())
