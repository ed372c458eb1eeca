"""The device's sync token in the OS keyring: get, set, delete; never a plaintext fallback."""

from __future__ import annotations

import re

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError

from stationdesk.domain.errors import AccessError, ValidationError

SERVICE = "StationDesk sync"
# 128 bits at least (ASVS v5 7.2.3): 22+ base64url characters; well under Windows' 1280 limit.
_TOKEN = re.compile(r"[A-Za-z0-9_\-.~+/=]{22,512}", re.ASCII)


def _backend() -> KeyringBackend:
    """The usable keyring backend, or AccessError("keyring_unavailable")."""
    backend = keyring.get_keyring()
    module = type(backend).__module__
    if module.startswith("keyring.backends.fail") or module.startswith("keyring.backends.null"):
        raise AccessError("keyring_unavailable", None, backend=type(backend).__name__)
    if module.startswith("keyrings.alt"):  # plaintext or password-prompting files: refused
        raise AccessError("keyring_insecure", None, backend=type(backend).__name__)
    return backend


def check_token(token: str) -> str:
    """The token without surrounding whitespace, or ValidationError("sync_token_invalid")."""
    clean = token.strip()
    if not _TOKEN.fullmatch(clean):
        raise ValidationError("sync_token_invalid", "token")
    return clean


def keyring_available() -> bool:
    """Whether a usable (non-plaintext) keyring backend is installed."""
    try:
        _backend()
    except AccessError:
        return False
    return True


def store_token(account: str, token: str) -> None:
    """Keep the token for `account` in the keyring (the only place it is ever written)."""
    backend = _backend()
    try:
        backend.set_password(SERVICE, account, check_token(token))
    except KeyringError as exc:
        raise AccessError("keyring_failed", None, error=type(exc).__name__) from None


def load_token(account: str) -> str:
    """The stored token, or AccessError("sync_token_missing")."""
    backend = _backend()
    try:
        token = backend.get_password(SERVICE, account)
    except KeyringError as exc:
        raise AccessError("keyring_failed", None, error=type(exc).__name__) from None
    if not token:
        raise AccessError("sync_token_missing")
    return token


def delete_token(account: str) -> bool:
    """Forget the token; False when there was none."""
    backend = _backend()
    try:
        backend.delete_password(SERVICE, account)
    except keyring.errors.PasswordDeleteError:
        return False
    except KeyringError as exc:
        raise AccessError("keyring_failed", None, error=type(exc).__name__) from None
    return True
