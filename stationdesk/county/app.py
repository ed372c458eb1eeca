"""The county server's ASGI application: create_app(db_url, …) wires database, limits and routes."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from stationdesk.county.config import ServerConfig
from stationdesk.county.db import init_schema, open_engine
from stationdesk.county.errors import CountyError
from stationdesk.county.limits import LimitsMiddleware, RateLimiter
from stationdesk.county.sync_api import router


async def _county_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, CountyError)
    headers = {"Retry-After": "5"} if exc.status in (429, 503) else None
    body: dict[str, object] = {"error": exc.code}
    if exc.code in {"epoch_changed", "protocol_unsupported"}:
        body.update(exc.params)
    return JSONResponse(body, status_code=exc.status, headers=headers)


def create_app(db_url: str, config: ServerConfig | None = None) -> FastAPI:
    """The county app over `db_url` (SQLite path or URL, or postgresql+psycopg://…)."""
    config = config or ServerConfig()
    engine = open_engine(db_url)
    init_schema(engine)
    app = FastAPI(title="StationDesk county", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.engine = engine
    app.state.config = config
    app.add_exception_handler(CountyError, _county_error)
    app.include_router(router)
    app.add_middleware(
        LimitsMiddleware,
        max_bytes=config.max_bytes,
        blob_max_bytes=config.blob_max_bytes,
        limiter=RateLimiter(config.rate_per_s, config.burst),
    )
    return app
