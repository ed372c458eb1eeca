"""Accounts: creating users, sign-in with throttling and admin unlock, passwords; all audited."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from stationdesk.domain.errors import AccessError, ValidationError
from stationdesk.domain.permissions import Role
from stationdesk.services import accounts
from stationdesk.services.context import ServiceContext

PASSWORD = "东关村路灯2026亮"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 26, 9, 0).astimezone()

    def __call__(self) -> datetime:
        return self.now


def _audit(ctx, action_like: str) -> list[tuple]:
    con = sqlite3.connect(ctx.paths.db)
    try:
        return con.execute(
            "SELECT action, user_id, detail FROM audit_log WHERE action LIKE ? ORDER BY id",
            (action_like,),
        ).fetchall()
    finally:
        con.close()


@pytest.fixture
def clocked(ctx) -> tuple[ServiceContext, Clock]:
    clock = Clock()
    return ServiceContext(ctx.paths, ctx.db, ctx.actor, clock), clock


def test_first_admin_then_users_and_sign_in(ctx):
    """Setup (system actor) creates the admin; the admin creates a clerk; both sign in."""
    assert not accounts.has_admin(ctx)
    admin, _ = accounts.create_user(
        ctx, username="admin", display_name="王站长", role=Role.ADMIN, password=PASSWORD
    )
    assert accounts.has_admin(ctx)
    actor, info = accounts.sign_in(ctx, "admin", PASSWORD)
    assert (actor.user_id, actor.role, info.display_name) == (admin.id, "admin", "王站长")
    as_admin = ctx.as_actor(actor)
    clerk, _ = accounts.create_user(
        as_admin,
        username="li.clerk",
        display_name="李娜",
        role=Role.CLERK,
        password="接待窗口-Spring-88",
        staff_no="A017",
    )
    assert [u.username for u in accounts.list_users(as_admin)] == ["admin", "li.clerk"]
    clerk_actor, _ = accounts.sign_in(ctx, "li.clerk", "接待窗口-Spring-88")
    assert clerk_actor.role == "clerk"
    with pytest.raises(AccessError) as err:  # a clerk does not manage accounts
        accounts.create_user(
            ctx.as_actor(clerk_actor),
            username="x1",
            display_name="某",
            role=Role.CLERK,
            password=PASSWORD,
        )
    assert err.value.code == "forbidden"
    with pytest.raises(ValidationError) as taken:
        accounts.create_user(
            as_admin, username="admin", display_name="另一个", role=Role.CLERK, password=PASSWORD
        )
    assert taken.value.code == "username_taken"
    assert clerk.staff_no == "A017"
    hashes = sqlite3.connect(ctx.paths.db).execute("SELECT password_hash FROM app_user").fetchall()
    assert all(h[0] is None or h[0].startswith("$argon2id$") for h in hashes)
    assert not any(PASSWORD in str(row) for row in _audit(ctx, "%"))


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("1234567", "password_too_short"),
        ("12345678", "password_common"),
        ("Password", "password_common"),
        ("aaaaaaaaaaaa", "password_common"),
        ("admin2026", "password_common"),  # the username with a few characters
        ("x" * 129, "password_too_long"),
    ],
)
def test_weak_passwords_are_refused_with_a_code(ctx, password, code):
    """ASVS V6.2: length 8–128, no common or context passwords, no composition rules."""
    with pytest.raises(ValidationError) as err:
        accounts.create_user(
            ctx, username="admin", display_name="王站长", role=Role.ADMIN, password=password
        )
    assert (err.value.code, err.value.field) == (code, "password")


def test_throttling_starts_at_the_fifth_failure_and_doubles_to_15_minutes(clocked):
    """Failures 1–4: wrong password; 5th: wait 30 s, then 60 s, 120 s … capped at 900 s."""
    ctx, clock = clocked
    accounts.create_user(
        ctx, username="admin", display_name="王站长", role=Role.ADMIN, password=PASSWORD
    )
    for _ in range(4):
        with pytest.raises(AccessError) as err:
            accounts.sign_in(ctx, "admin", "wrong-password")
        assert err.value.code == "bad_credentials"
    waits = []
    for _ in range(8):
        with pytest.raises(AccessError) as err:
            accounts.sign_in(ctx, "admin", "wrong-password")
        assert err.value.code == "account_locked"
        waits.append(err.value.params["seconds"])
        with pytest.raises(AccessError) as still:  # even the right password waits
            accounts.sign_in(ctx, "admin", PASSWORD)
        assert still.value.code == "account_locked"
        clock.now += timedelta(seconds=int(waits[-1]))
    assert waits == [30, 60, 120, 240, 480, 900, 900, 900]
    actor, _ = accounts.sign_in(ctx, "admin", PASSWORD)  # the wait is over
    assert actor.role == "admin"
    failed = _audit(ctx, "auth.sign_in_failed")
    assert len(failed) == 4 + 8 + 8
    assert len(_audit(ctx, "auth.sign_in")) == 1


def test_admin_unlocks_and_resets_and_users_change_their_password(clocked):
    """Unlock clears the wait; a reset password works at once; change needs the old one."""
    ctx, _clock = clocked
    admin, _ = accounts.create_user(
        ctx, username="admin", display_name="王站长", role=Role.ADMIN, password=PASSWORD
    )
    as_admin = ctx.as_actor(accounts.sign_in(ctx, "admin", PASSWORD)[0])
    accounts.create_user(
        as_admin, username="zhao", display_name="赵敏", role=Role.CLERK, password="赵敏的接待口令99"
    )
    for _ in range(5):
        with pytest.raises(AccessError):
            accounts.sign_in(ctx, "zhao", "nope-nope-nope")
    with pytest.raises(AccessError):
        accounts.sign_in(ctx, "zhao", "赵敏的接待口令99")
    accounts.unlock_user(as_admin, "zhao")
    clerk, _ = accounts.sign_in(ctx, "zhao", "赵敏的接待口令99")
    accounts.reset_password(as_admin, "zhao", "全新的口令-Autumn-7")
    with pytest.raises(AccessError):
        accounts.sign_in(ctx, "zhao", "赵敏的接待口令99")
    as_clerk = ctx.as_actor(accounts.sign_in(ctx, "zhao", "全新的口令-Autumn-7")[0])
    with pytest.raises(AccessError) as err:
        accounts.change_password(as_clerk, "wrong-old-one", "又一个新口令-Winter-3")
    assert err.value.code == "bad_credentials"
    accounts.change_password(as_clerk, "全新的口令-Autumn-7", "又一个新口令-Winter-3")
    assert accounts.sign_in(ctx, "zhao", "又一个新口令-Winter-3")[0].user_id == clerk.user_id
    actions = [a for a, _, _ in _audit(ctx, "user.%")]
    assert actions == [
        "user.create",
        "user.create",
        "user.unlock",
        "user.reset_password",
        "user.change_password",
    ]
    assert admin.role is Role.ADMIN


def test_unknown_user_gets_the_same_answer_and_nothing_typed_is_logged(ctx):
    """An unknown username fails like a wrong password; the audit row holds no typed text."""
    accounts.create_user(
        ctx, username="admin", display_name="王站长", role=Role.ADMIN, password=PASSWORD
    )
    with pytest.raises(AccessError) as err:
        accounts.sign_in(ctx, "我的密码是秘密123", "whatever")
    assert err.value.code == "bad_credentials"
    rows = _audit(ctx, "auth.sign_in_failed")
    assert rows and "我的密码是秘密123" not in str(rows)


def test_idle_lock_minutes_are_the_admins_setting(ctx):
    """Default 5; an admin sets 1–60; a clerk may not; the change is audited."""
    assert accounts.idle_minutes(ctx) == 5
    accounts.create_user(
        ctx, username="admin", display_name="王站长", role=Role.ADMIN, password=PASSWORD
    )
    admin = ctx.as_actor(accounts.sign_in(ctx, "admin", PASSWORD)[0])
    accounts.create_user(
        admin, username="lina", display_name="李娜", role=Role.CLERK, password="李娜的接待口令-77"
    )
    clerk = ctx.as_actor(accounts.sign_in(ctx, "lina", "李娜的接待口令-77")[0])
    with pytest.raises(AccessError):
        accounts.set_idle_minutes(clerk, 30)
    with pytest.raises(ValidationError) as err:
        accounts.set_idle_minutes(admin, 0)
    assert err.value.code == "out_of_range"
    accounts.set_idle_minutes(admin, 10)
    assert accounts.idle_minutes(ctx) == 10
    assert [a for a, _, _ in _audit(ctx, "settings.%")] == ["settings.idle_lock"]


def test_the_first_admin_needs_no_sign_in_but_only_once(ctx):
    """create_first_admin works on a station without admins and is refused afterwards."""
    first, _ = accounts.create_first_admin(
        ctx, username="admin", display_name="王站长", password=PASSWORD
    )
    assert first.role is Role.ADMIN and accounts.has_admin(ctx)
    with pytest.raises(AccessError) as err:
        accounts.create_first_admin(
            ctx, username="second", display_name="某人", password="另一个口令-Xy9"
        )
    assert err.value.code == "admin_exists"
    assert [u.username for u in accounts.list_users(ctx)] == ["admin"]


def test_changing_a_password_is_throttled_like_a_sign_in(clocked):
    """Wrong old passwords count as failed sign-ins: the fifth one starts the wait."""
    ctx, _clock = clocked
    accounts.create_first_admin(ctx, username="admin", display_name="王站长", password=PASSWORD)
    admin = ctx.as_actor(accounts.sign_in(ctx, "admin", PASSWORD)[0])
    codes = []
    for _ in range(5):
        with pytest.raises(AccessError) as err:
            accounts.change_password(admin, "guess-guess-1", "新的口令-Winter-3")
        codes.append(err.value.code)
    assert codes == ["bad_credentials"] * 4 + ["account_locked"]
    assert len(_audit(ctx, "auth.sign_in_failed")) == 5
