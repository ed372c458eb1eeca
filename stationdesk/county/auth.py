"""Device tokens: 256-bit random, stored only as SHA-256, compared in constant time; the caller."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.county.models import Device, Station


@dataclass(frozen=True, slots=True)
class Caller:
    """Who is calling: the station is derived from the token alone, never from the request."""

    device_id: str
    station_code: str
    station_uid: str | None


def new_token() -> str:
    """A fresh device token: 32 random bytes, URL-safe base64 (43 characters)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """The SHA-256 hex digest kept instead of the token (a 256-bit secret needs no slow hash)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer …` header, or None."""
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    value = value.strip()
    if scheme.lower() != "bearer" or not value or len(value) > 200:
        return None
    return value


def authenticate(s: Session, token: str) -> Caller | None:
    """The enabled device and station of a token, or None (unknown, revoked, station disabled)."""
    digest = token_hash(token)
    row = s.execute(
        select(Device, Station)
        .join(Station, Station.code == Device.station_code)
        .where(Device.token_hash == digest)
    ).first()
    if row is None:
        return None
    device, station = row
    if not hmac.compare_digest(device.token_hash, digest):
        return None
    if device.revoked_at is not None or not station.enabled:
        return None
    return Caller(device_id=device.id, station_code=station.code, station_uid=station.uid)
