"""Accounts on the station PC: sign-in with throttling, users, passwords (reliability.md §4)."""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import Connection

from stationdesk.domain.errors import AccessError, ValidationError
from stationdesk.domain.ids import new_id
from stationdesk.domain.permissions import Action, Role
from stationdesk.domain.validators import clean_text
from stationdesk.security.passwords import check_new_password, hash_password, verify_password
from stationdesk.services.authz import require
from stationdesk.services.changes import ChangeSet
from stationdesk.services.context import SYSTEM_USER_ID, Actor, ServiceContext
from stationdesk.store import audit
from stationdesk.store import settings as settings_store

THROTTLE_FROM = 5  # the fifth failure in a row starts the waits
FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(minutes=15)  # doubling stops here: never a permanent lock-out
_USERNAME = re.compile(r"^[\w.\-]{2,32}$")
PERSON_ROLES = (Role.CLERK, Role.ADMIN, Role.DEPUTY)


@dataclass(frozen=True, slots=True)
class UserInfo:
    """An account as the admin's list shows it (never the password hash)."""

    id: str
    username: str
    display_name: str
    staff_no: str | None
    role: Role
    active: bool
    failed_attempts: int
    locked_until: datetime | None


_USER_COLUMNS = (
    "id, username, display_name, staff_no, role, active, failed_attempts, locked_until, "
    "password_hash"
)


def _info(row: tuple[object, ...]) -> UserInfo:
    locked = row[7]
    return UserInfo(
        id=str(row[0]),
        username=str(row[1]),
        display_name=str(row[2]),
        staff_no=str(row[3]) if row[3] else None,
        role=Role(str(row[4])),
        active=bool(row[5]),
        failed_attempts=int(str(row[6])),
        locked_until=datetime.fromisoformat(str(locked)) if locked else None,
    )


def _username(value: str) -> str:
    name = unicodedata.normalize("NFKC", value).strip()
    if not _USERNAME.match(name):
        raise ValidationError("username_format", "username")
    return name


def _stamp(at: datetime) -> str:
    return at.isoformat(timespec="milliseconds")


def _find(conn: Connection, username: str) -> tuple[object, ...] | None:
    row = conn.exec_driver_sql(
        f"SELECT {_USER_COLUMNS} FROM app_user WHERE username = ? AND id != ?",
        (username, SYSTEM_USER_ID),
    ).first()
    return tuple(row) if row is not None else None


def check_password(password: str, username: str, display_name: str = "") -> None:
    """Raise the ValidationError a new account with this password would raise (ahead of time)."""
    check_new_password(password, context=(username, display_name))


def has_admin(ctx: ServiceContext) -> bool:
    """Whether an active admin account exists (the first run creates one)."""
    rows = ctx.db.query(
        "SELECT 1 FROM app_user WHERE role = 'admin' AND active = 1 AND password_hash IS NOT NULL"
    )
    return bool(rows)


def create_first_admin(
    ctx: ServiceContext,
    *,
    username: str,
    display_name: str,
    password: str,
    staff_no: str | None = None,
) -> tuple[UserInfo, ChangeSet]:
    """The station's first admin (setup, or a database from before accounts existed).

    Needs no signed-in user, and is refused with admin_exists once any admin exists.
    """
    return _create(ctx, username, display_name, Role.ADMIN, password, staff_no, first=True)


def create_user(
    ctx: ServiceContext,
    *,
    username: str,
    display_name: str,
    role: Role,
    password: str,
    staff_no: str | None = None,
) -> tuple[UserInfo, ChangeSet]:
    """A new account (admins only)."""
    require(ctx, Action.MANAGE_USERS)
    return _create(ctx, username, display_name, role, password, staff_no, first=False)


def _create(
    ctx: ServiceContext,
    username: str,
    display_name: str,
    role: Role,
    password: str,
    staff_no: str | None,
    *,
    first: bool,
) -> tuple[UserInfo, ChangeSet]:
    if role not in PERSON_ROLES:
        raise ValidationError("invalid_choice", "role")
    name = _username(username)
    shown = clean_text(display_name, "display_name", 40, required=True)
    number = clean_text(staff_no or "", "staff_no", 20) or None
    secret = check_new_password(password, context=(name, shown))
    now = ctx.clock()
    user_id = new_id()
    with ctx.db.write_core() as conn:
        if (
            first
            and conn.exec_driver_sql(
                "SELECT 1 FROM app_user WHERE role = 'admin' AND active = 1"
            ).first()
        ):
            raise AccessError("admin_exists")
        if _find(conn, name) is not None:
            raise ValidationError("username_taken", "username")
        conn.exec_driver_sql(
            "INSERT INTO app_user (id, username, display_name, staff_no, role, password_hash, "
            "failed_attempts, active, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, 0, 1, ?, ?)",
            (
                user_id,
                name,
                shown,
                number,
                role.value,
                hash_password(secret),
                _stamp(now),
                _stamp(now),
            ),
        )
        detail = {"username": name, "role": role.value, "staff_no": number}
        audit.append(conn, ctx.audit_entry(now, "user.create", "app_user", user_id, detail))
        row = _find(conn, name)
    assert row is not None
    return _info(row), ChangeSet.of("app_user", ids=[user_id])


def list_users(ctx: ServiceContext) -> list[UserInfo]:
    """Every account except the built-in system actor, by username."""
    require(ctx, Action.MANAGE_USERS)
    rows = ctx.db.query(
        f"SELECT {_USER_COLUMNS} FROM app_user WHERE id != ? ORDER BY username", (SYSTEM_USER_ID,)
    )
    return [_info(tuple(r)) for r in rows]


@cache
def _dummy_hash() -> str:
    """A hash no password matches, verified for unknown usernames so they take as long."""
    return hash_password(secrets.token_urlsafe(24))


def _wait_after(failures: int) -> timedelta | None:
    """How long the account waits after this many failures in a row (None: no wait)."""
    if failures < THROTTLE_FROM:
        return None
    wait: timedelta = FIRST_WAIT * (2 ** (failures - THROTTLE_FROM))
    return min(wait, LONGEST_WAIT)


def sign_in(ctx: ServiceContext, username: str, password: str) -> tuple[Actor, UserInfo]:
    """Check a password; every success and failure is audited.

    AccessError codes: bad_credentials (unknown user or wrong password: the same answer),
    account_locked (params seconds: how long to wait), account_disabled.
    """
    name = unicodedata.normalize("NFKC", username).strip()
    now = ctx.clock()
    with ctx.db.write_core() as conn:
        row = _find(conn, name)
        if row is None:
            verify_password(_dummy_hash(), password)  # the same work as for a real account
            entry = audit.AuditEntry(
                now, None, None, "auth.sign_in_failed", "app_user", None, {"reason": "unknown_user"}
            )
            audit.append(conn, entry)
            failure: AccessError | None = AccessError("bad_credentials", "password")
        else:
            failure = _check(conn, row, password, now)
    if failure is not None:
        raise failure
    assert row is not None
    info = _info(row)
    return Actor(info.id, info.role.value), info


def _check(
    conn: Connection, row: tuple[object, ...], password: str, now: datetime
) -> AccessError | None:
    """Verify one known account's password inside the caller's transaction; audit the outcome."""
    user_id, role = str(row[0]), str(row[4])
    locked = datetime.fromisoformat(str(row[7])) if row[7] else None

    def log(action: str, reason: str | None = None) -> None:
        detail = {"username": str(row[1]), **({"reason": reason} if reason else {})}
        entry = audit.AuditEntry(now, user_id, role, action, "app_user", user_id, detail)
        audit.append(conn, entry)

    if not row[5]:
        log("auth.sign_in_failed", "disabled")
        return AccessError("account_disabled", "username")
    if locked is not None and locked > now:
        log("auth.sign_in_failed", "locked")
        return AccessError("account_locked", "password", seconds=_seconds(locked - now))
    ok, rehashed = verify_password(str(row[8]) if row[8] else None, password)
    if not ok:
        failures = int(str(row[6])) + 1
        wait = _wait_after(failures)
        until = _stamp(now + wait) if wait else None
        conn.exec_driver_sql(
            "UPDATE app_user SET failed_attempts = ?, locked_until = ?, updated_at = ? "
            "WHERE id = ?",
            (failures, until, _stamp(now), user_id),
        )
        log("auth.sign_in_failed", "wrong_password")
        if wait:
            return AccessError("account_locked", "password", seconds=_seconds(wait))
        return AccessError("bad_credentials", "password")
    conn.exec_driver_sql(
        "UPDATE app_user SET failed_attempts = 0, locked_until = NULL, updated_at = ?, "
        "password_hash = coalesce(?, password_hash) WHERE id = ?",
        (_stamp(now), rehashed, user_id),
    )
    log("auth.sign_in")
    return None


def _seconds(delta: timedelta) -> int:
    return max(1, int(delta.total_seconds() + 0.999))


def unlock_user(ctx: ServiceContext, username: str) -> ChangeSet:
    """Admin: clear a user's failed attempts and wait."""
    require(ctx, Action.MANAGE_USERS)
    return _update(ctx, username, "user.unlock", failed_attempts=0, locked_until=None)


def reset_password(ctx: ServiceContext, username: str, new_password: str) -> ChangeSet:
    """Admin: set a new password for a user (and unlock the account)."""
    require(ctx, Action.MANAGE_USERS)
    secret = check_new_password(new_password, context=(username,))
    return _update(
        ctx,
        username,
        "user.reset_password",
        password_hash=hash_password(secret),
        failed_attempts=0,
        locked_until=None,
    )


def change_password(ctx: ServiceContext, old_password: str, new_password: str) -> ChangeSet:
    """The signed-in user changes their own password (the old one is checked first)."""
    with ctx.db.read_core() as conn:
        row = conn.exec_driver_sql(
            f"SELECT {_USER_COLUMNS} FROM app_user WHERE id = ?", (ctx.actor.user_id,)
        ).first()
    if row is None or ctx.actor.user_id == SYSTEM_USER_ID:
        raise AccessError("not_signed_in")
    # The old password is checked like a sign-in: throttled, and every failure audited.
    try:
        sign_in(ctx, str(row[1]), old_password)
    except AccessError as err:
        raise AccessError(err.code, "old_password", **err.params) from None
    secret = check_new_password(new_password, context=(str(row[1]), str(row[2])))
    now = ctx.clock()
    with ctx.db.write_core() as conn:
        conn.exec_driver_sql(
            "UPDATE app_user SET password_hash = ?, updated_at = ? WHERE id = ?",
            (hash_password(secret), _stamp(now), ctx.actor.user_id),
        )
        entry = ctx.audit_entry(now, "user.change_password", "app_user", ctx.actor.user_id, {})
        audit.append(conn, entry)
    return ChangeSet.of("app_user", ids=[ctx.actor.user_id])


def _update(ctx: ServiceContext, username: str, action: str, **values: object) -> ChangeSet:
    now = ctx.clock()
    with ctx.db.write_core() as conn:
        row = _find(conn, _username(username))
        if row is None:
            raise ValidationError("user_not_found", "username")
        user_id = str(row[0])
        sets = ", ".join(f"{column} = ?" for column in values)
        conn.exec_driver_sql(
            f"UPDATE app_user SET {sets}, updated_at = ? WHERE id = ?",
            (*values.values(), _stamp(now), user_id),
        )
        detail = {"username": str(row[1])}
        audit.append(conn, ctx.audit_entry(now, action, "app_user", user_id, detail))
    return ChangeSet.of("app_user", ids=[user_id])


IDLE_KEY = "lock.idle_minutes"
DEFAULT_IDLE_MINUTES = 5
IDLE_RANGE = (1, 60)


def idle_minutes(ctx: ServiceContext) -> int:
    """Minutes without input before the screen locks (the admin's setting, default 5)."""
    rows = ctx.db.query("SELECT value FROM settings WHERE key = ?", (IDLE_KEY,))
    try:
        value = int(rows[0][0]) if rows else DEFAULT_IDLE_MINUTES
    except ValueError:
        return DEFAULT_IDLE_MINUTES
    return min(max(value, IDLE_RANGE[0]), IDLE_RANGE[1])


def set_idle_minutes(ctx: ServiceContext, minutes: int) -> ChangeSet:
    """Admin: the idle-lock time, 1–60 minutes."""
    require(ctx, Action.CONFIGURE)
    if not IDLE_RANGE[0] <= minutes <= IDLE_RANGE[1]:
        raise ValidationError("out_of_range", "idle_minutes", low=IDLE_RANGE[0], high=IDLE_RANGE[1])
    now = ctx.clock()
    with ctx.db.write_core() as conn:
        settings_store.put(conn, IDLE_KEY, str(minutes), _stamp(now))
        detail = {"idle_minutes": minutes}
        audit.append(conn, ctx.audit_entry(now, "settings.idle_lock", "settings", IDLE_KEY, detail))
    return ChangeSet.of("settings")
