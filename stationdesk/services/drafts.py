"""Drafts: autosaved forms kept in the database, so a crash or the idle lock loses nothing."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text

from stationdesk.domain.ids import new_id
from stationdesk.domain.permissions import Action
from stationdesk.services.authz import require
from stationdesk.services.context import ServiceContext

MAX_DRAFT_BYTES = 2_000_000


@dataclass(frozen=True, slots=True)
class Draft:
    """A saved draft of one form."""

    id: str
    form: str
    data: dict[str, Any]
    updated_at: datetime


def save_draft(
    ctx: ServiceContext, form: str, data: Mapping[str, Any], draft_id: str | None = None
) -> str:
    """Insert or update a draft of `form` for the current user; returns its id.

    Drafts are local working copies: not audited, never synced. Oversized drafts raise
    ValueError (the caller keeps the text in the form).
    """
    require(ctx, Action.REGISTER)
    body = json.dumps(dict(data), ensure_ascii=False, sort_keys=True)
    if len(body.encode("utf-8")) > MAX_DRAFT_BYTES:
        raise ValueError("draft too large")
    now = ctx.clock().isoformat(timespec="milliseconds")
    draft_id = draft_id or new_id()
    with ctx.db.write_core() as conn:
        conn.exec_driver_sql(
            "INSERT INTO draft (id, form, user_id, data, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data, "
            "updated_at = excluded.updated_at",
            (draft_id, form, ctx.actor.user_id, body, now, now),
        )
    return draft_id


def latest_draft(ctx: ServiceContext, form: str) -> Draft | None:
    """The newest draft of `form` for the current user, if any."""
    require(ctx, Action.REGISTER)
    with ctx.db.read() as s:
        row = s.execute(
            text(
                "SELECT id, form, data, updated_at FROM draft WHERE form = :f "
                "AND (user_id = :u OR user_id IS NULL) ORDER BY updated_at DESC LIMIT 1"
            ),
            {"f": form, "u": ctx.actor.user_id},
        ).first()
    if row is None:
        return None
    return Draft(row[0], row[1], json.loads(row[2]), datetime.fromisoformat(row[3]))


def discard_draft(ctx: ServiceContext, draft_id: str) -> None:
    """Delete a draft (after a successful save, or when the clerk confirms discarding it)."""
    require(ctx, Action.REGISTER)
    with ctx.db.write_core() as conn:
        conn.exec_driver_sql("DELETE FROM draft WHERE id = ?", (draft_id,))
