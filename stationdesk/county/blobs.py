"""Content-addressed attachments: an idempotent upload checked against its sha256, per station."""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from stationdesk.county.auth import Caller
from stationdesk.county.db import utc_now
from stationdesk.county.errors import CountyError
from stationdesk.county.models import Blob

_SHA = re.compile(r"[0-9a-f]{64}", re.ASCII)


def _check_name(sha256: str) -> str:
    if not _SHA.fullmatch(sha256):
        raise CountyError("invalid_sha256", 422)
    return sha256


def put_blob(engine: Engine, caller: Caller, sha256: str, data: bytes) -> bool:
    """Store the bytes under their hash; True if new, False if already there (idempotent)."""
    _check_name(sha256)
    if hashlib.sha256(data).hexdigest() != sha256:
        raise CountyError("sha256_mismatch", 422)
    with Session(engine) as s, s.begin():
        if s.get(Blob, (caller.station_code, sha256)) is not None:
            return False
        s.add(
            Blob(
                station_code=caller.station_code,
                sha256=sha256,
                size=len(data),
                data=data,
                created_at=utc_now(),
            )
        )
    return True


def get_blob(engine: Engine, caller: Caller, sha256: str) -> bytes:
    """The caller station's blob; another station's (or none) is 404 alike."""
    _check_name(sha256)
    with Session(engine) as s, s.begin():
        blob = s.get(Blob, (caller.station_code, sha256))
        if blob is None:
            raise CountyError("not_found", 404)
        return bytes(blob.data)
