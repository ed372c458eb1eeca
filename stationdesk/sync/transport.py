"""HTTPS to the county server: TLS always verified (optional CA file), timeouts, gzip, errors."""

from __future__ import annotations

import gzip
import json
import ssl
import time
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx

from stationdesk import __version__
from stationdesk.sync.errors import SyncError

PROTOCOL = 1
API = "/api/sync/v1"
CONNECT_TIMEOUT = 10.0
STALL_TIMEOUT = 30.0  # no bytes for this long: the link is dead
OVERALL_TIMEOUT = 120.0
GZIP_FROM = 1024  # bodies smaller than this go uncompressed
# OpenSSL verify codes for a certificate outside its validity window (the PC clock is off?).
_NOT_YET_VALID, _EXPIRED = 9, 10


def check_server_url(url: str) -> str:
    """The server's base URL without a trailing slash; only https:// is accepted."""
    clean = url.strip().rstrip("/")
    parts = urlsplit(clean)
    if parts.scheme != "https" or not parts.hostname or parts.query or parts.fragment:
        raise SyncError("sync_url_invalid", "server", url=clean)
    return clean


def tls_context(ca_file: Path | None) -> ssl.SSLContext:
    """A verifying client context (TLS 1.2+): the county's CA file, else the system's CAs."""
    try:
        ctx = ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
    except (OSError, ssl.SSLError) as exc:
        raise SyncError("sync_ca_invalid", "ca", path=str(ca_file), error=str(exc)) from None
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    # create_default_context already sets these; restated so no later edit can weaken them.
    ctx.check_hostname = True
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _tls_failure(exc: BaseException) -> SyncError | None:
    """A certificate verification failure somewhere in the exception's causes."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            if seen.verify_code in (_NOT_YET_VALID, _EXPIRED):
                return SyncError("sync_certificate_time", reason=seen.verify_message)
            return SyncError("sync_certificate_invalid", reason=seen.verify_message)
        seen = seen.__cause__ or seen.__context__
    return None


class SyncTransport(Protocol):
    """What a sync cycle needs of its transport (the GUI wraps Transport to report progress)."""

    def hello(self) -> dict[str, Any]: ...

    def push(self, body: Mapping[str, Any]) -> dict[str, Any]: ...

    def pull(self, cursor: int, limit: int, epoch: str | None = None) -> dict[str, Any]: ...

    def reconcile(self, body: Mapping[str, Any]) -> dict[str, Any]: ...

    def put_blob(self, sha256: str, data: bytes) -> bool: ...

    def close(self) -> None: ...


class Transport:
    """One station's HTTP client for the sync API; the token stays in memory only."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        ca_file: Path | None = None,
        gzip_requests: bool = True,
        overall_timeout: float = OVERALL_TIMEOUT,
    ) -> None:
        self.base_url = check_server_url(base_url)
        self.gzip_requests = gzip_requests
        self.overall_timeout = overall_timeout
        self.bytes_sent = 0  # request bodies on the wire (after gzip)
        self.bytes_raw = 0  # the same bodies as JSON before gzip
        self._client = httpx.Client(
            base_url=self.base_url,
            verify=tls_context(ca_file),
            trust_env=False,  # no proxy or CA bundle from environment variables (shared PCs)
            timeout=httpx.Timeout(
                connect=CONNECT_TIMEOUT,
                read=STALL_TIMEOUT,
                write=STALL_TIMEOUT,
                pool=CONNECT_TIMEOUT,
            ),
            headers={
                "Authorization": f"Bearer {token}",
                "X-Stationdesk-Protocol": str(PROTOCOL),
                "Accept": "application/json",
                "User-Agent": f"StationDesk/{__version__}",
            },
            follow_redirects=False,
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def hello(self) -> dict[str, Any]:
        """GET hello: server time, epoch, protocols, limits, this device's last acked seq."""
        return self._request("GET", f"{API}/hello")

    def push(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """POST one batch; the per-change results of a committed server transaction."""
        return self._request("POST", f"{API}/push", body)

    def pull(self, cursor: int, limit: int, epoch: str | None = None) -> dict[str, Any]:
        """GET one page of changes after `cursor` (409 epoch_changed if `epoch` is not current)."""
        headers = {"X-Stationdesk-Epoch": epoch} if epoch else None
        return self._request(
            "GET", f"{API}/pull", params={"cursor": cursor, "limit": limit}, headers=headers
        )

    def reconcile(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """POST reconcile: the buckets that differ, or the ids of the buckets asked for."""
        return self._request("POST", f"{API}/reconcile", body)

    def put_blob(self, sha256: str, data: bytes) -> bool:
        """PUT an attachment under its hash; True if the county stored it now (201)."""
        answer = self._request("PUT", f"{API}/blobs/{sha256}", raw=data)
        return answer.get("status") == "stored"

    def _request(
        self,
        method: str,
        path: str,
        body: Mapping[str, Any] | None = None,
        params: Mapping[str, int] | None = None,
        headers: Mapping[str, str] | None = None,
        raw: bytes | None = None,
    ) -> dict[str, Any]:
        headers = dict(headers or {})
        content: bytes | None = None
        if raw is not None:  # an attachment: sent as it is (JPEG does not compress)
            headers["Content-Type"] = "application/octet-stream"
            content = raw
            self.bytes_raw += len(raw)
            self.bytes_sent += len(raw)
        if body is not None:
            raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            headers["Content-Type"] = "application/json"
            content = raw
            if self.gzip_requests and len(raw) >= GZIP_FROM:
                content = gzip.compress(raw, compresslevel=6)
                headers["Content-Encoding"] = "gzip"
            self.bytes_raw += len(raw)
            self.bytes_sent += len(content)
        deadline = time.monotonic() + self.overall_timeout
        try:
            with self._client.stream(
                method, path, content=content, headers=headers, params=params
            ) as response:
                chunks = []
                for chunk in response.iter_bytes():
                    chunks.append(chunk)
                    if time.monotonic() > deadline:
                        raise SyncError("sync_timeout", stage=path)
                return self._decode(response, b"".join(chunks))
        except httpx.TimeoutException:
            raise SyncError("sync_timeout", stage=path) from None
        except httpx.TransportError as exc:
            raise _tls_failure(exc) or SyncError("sync_offline", error=type(exc).__name__) from None

    @staticmethod
    def _decode(response: httpx.Response, data: bytes) -> dict[str, Any]:
        status = response.status_code
        try:
            parsed: Any = json.loads(data) if data else None
        except ValueError:
            parsed = None
        error = parsed.get("error") if isinstance(parsed, dict) else None
        if isinstance(error, dict):
            error = error.get("code")
        retry_after = _retry_after(response.headers.get("Retry-After"))
        if status in (200, 201):
            if not isinstance(parsed, dict):
                raise SyncError("sync_bad_response", status=status)
            return parsed
        if status in (401, 403):
            raise SyncError("sync_auth_failed", status=status)
        if status == 409 and error == "epoch_changed":
            raise SyncError("sync_epoch_changed")
        if status == 409 and error == "protocol_unsupported":
            raise SyncError("sync_protocol_unsupported")
        if status == 413:
            raise SyncError("sync_too_large")
        if status in (408, 425, 429, 503):
            raise SyncError("sync_server_busy", status=status, retry_after=retry_after)
        if status >= 500:
            raise SyncError("sync_server_error", status=status, retry_after=retry_after)
        raise SyncError("sync_request_refused", status=status, error=str(error or ""))
