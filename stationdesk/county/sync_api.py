"""The sync endpoints under /api/sync/v1: hello, push, pull, reconcile, records and blobs (§3.4)."""

from __future__ import annotations

import json
import zlib
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from stationdesk.county import blobs, pull, push, reconcile
from stationdesk.county.auth import Caller, authenticate, bearer_token
from stationdesk.county.config import PROTOCOLS, ServerConfig
from stationdesk.county.db import current_epoch, utc_now
from stationdesk.county.errors import CountyError
from stationdesk.county.models import Device

router = APIRouter(prefix="/api/sync/v1")


def _engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def _config(request: Request) -> ServerConfig:
    config: ServerConfig = request.app.state.config
    return config


def _check_protocol(request: Request) -> None:
    raw = request.headers.get("x-stationdesk-protocol")
    if raw is not None and (not raw.strip().isdigit() or int(raw) not in PROTOCOLS):
        raise CountyError("protocol_unsupported", 409, protocols=list(PROTOCOLS))


def _authenticate_sync(engine: Engine, token: str) -> Caller | None:
    with Session(engine) as s, s.begin():
        return authenticate(s, token)


async def _caller(request: Request) -> Caller:
    """The calling device; 401 for a missing, unknown or revoked token."""
    _check_protocol(request)
    token = bearer_token(request.headers.get("authorization"))
    if token is None:
        raise CountyError("unauthorized", 401)
    caller = await run_in_threadpool(_authenticate_sync, _engine(request), token)
    if caller is None:
        raise CountyError("unauthorized", 401)
    return caller


async def _json_body(request: Request) -> object:
    """The JSON body, gunzipped when sent with Content-Encoding: gzip (within max_bytes)."""
    limit = _config(request).max_bytes
    data = await request.body()
    if request.headers.get("content-encoding", "").lower() == "gzip":
        try:
            inflater = zlib.decompressobj(wbits=31)
            data = inflater.decompress(data, limit + 1)
        except zlib.error:
            raise CountyError("invalid_json", 400) from None
        if len(data) > limit or inflater.unconsumed_tail:
            raise CountyError("too_large", 413)
    try:
        return json.loads(data)
    except ValueError:
        raise CountyError("invalid_json", 400) from None


def _hello(engine: Engine, caller: Caller, config: ServerConfig) -> dict[str, Any]:
    now = utc_now()
    with Session(engine) as s, s.begin():
        device = s.get(Device, caller.device_id)
        acked = device.last_acked_local_seq if device is not None else 0
        if device is not None:
            device.last_seen = now
            device.first_seen = device.first_seen or now
        return {
            "server_time": now,
            "epoch": current_epoch(s),
            "protocols": list(PROTOCOLS),
            "limits": {"max_batch": config.max_batch, "max_bytes": config.max_bytes},
            "device": {"last_acked_local_seq": acked},
            "station": {"code": caller.station_code},
            "message": config.message,
        }


@router.get("/hello")
async def hello(request: Request) -> dict[str, Any]:
    """Server time, epoch, protocols, limits and what this device last had acknowledged."""
    caller = await _caller(request)
    return await run_in_threadpool(_hello, _engine(request), caller, _config(request))


def _push(engine: Engine, caller: Caller, body: object, max_batch: int) -> dict[str, Any]:
    envelope, changes = push.parse_batch(body, max_batch)
    push.check_station(engine, caller, envelope, changes)
    return push.apply_batch(engine, caller, envelope, changes)


@router.post("/push")
async def push_changes(request: Request) -> dict[str, Any]:
    """Apply a batch; per-item results; committed before the response is sent."""
    caller = await _caller(request)
    body = await _json_body(request)
    return await run_in_threadpool(
        _push, _engine(request), caller, body, _config(request).max_batch
    )


@router.get("/pull")
async def pull_changes(
    request: Request, cursor: int = 0, limit: int = 500, epoch: str | None = None
) -> dict[str, Any]:
    """The station's changes after `cursor` in server_seq order."""
    caller = await _caller(request)
    epoch = epoch or request.headers.get("x-stationdesk-epoch")
    return await run_in_threadpool(pull.pull, _engine(request), caller, cursor, limit, epoch)


@router.post("/reconcile")
async def reconcile_buckets(request: Request) -> dict[str, Any]:
    """Anti-entropy: buckets that differ, and id lists for the buckets asked for."""
    caller = await _caller(request)
    body = await _json_body(request)
    return await run_in_threadpool(reconcile.reconcile, _engine(request), caller, body)


@router.get("/records/{entity}/{entity_id}")
async def get_record(request: Request, entity: str, entity_id: str) -> dict[str, Any]:
    """One of the station's records by id (re-pull after a restore); others' are 404."""
    caller = await _caller(request)
    return await run_in_threadpool(pull.get_record, _engine(request), caller, entity, entity_id)


@router.put("/blobs/{sha256}")
async def put_blob(request: Request, sha256: str) -> Response:
    """Upload an attachment by its hash: 201 stored, 200 already there."""
    caller = await _caller(request)
    data = await request.body()
    created = await run_in_threadpool(blobs.put_blob, _engine(request), caller, sha256, data)
    body = json.dumps({"sha256": sha256, "status": "stored" if created else "duplicate"})
    return Response(body, status_code=201 if created else 200, media_type="application/json")


@router.get("/blobs/{sha256}")
async def get_blob(request: Request, sha256: str) -> Response:
    """Download one of the station's attachments; others' are 404."""
    caller = await _caller(request)
    data = await run_in_threadpool(blobs.get_blob, _engine(request), caller, sha256)
    return Response(data, media_type="application/octet-stream")
