"""Revealing a full phone or ID number: a separate action with a reason, in the audit log."""

from __future__ import annotations

from typing import Literal

from stationdesk.domain.errors import AccessError, ValidationError
from stationdesk.domain.permissions import Action, Role
from stationdesk.domain.validators import clean_text
from stationdesk.services.authz import require
from stationdesk.services.context import ServiceContext
from stationdesk.store import audit

RevealField = Literal["phone", "id_number"]
_COLUMNS = {"phone": "visitor_phone", "id_number": "visitor_id_number"}


def reveal(ctx: ServiceContext, visit_id: str, field: RevealField, reason: str) -> str:
    """The full value of a visitor's phone or ID number; the audit row holds who, why, which.

    The value itself never enters the audit log. Raises ValidationError("required", "reason")
    without a reason and ValidationError("nothing_to_reveal") when the field is empty.
    """
    require(ctx, Action.REVEAL)
    if field not in _COLUMNS:
        raise ValidationError("invalid_choice", "field")
    why = clean_text(reason, "reason", 200, required=True)
    with ctx.db.write_core() as conn:
        row = conn.exec_driver_sql(
            f"SELECT {_COLUMNS[field]}, clerk_id FROM visit WHERE id = ? AND deleted_at IS NULL",
            (visit_id,),
        ).first()
        if row is None:
            raise ValidationError("visit_not_found", "visit", visit=visit_id)
        if ctx.actor.role == Role.CLERK and row[1] != ctx.actor.user_id:
            # A clerk reveals only the visitors they registered (reliability.md §4.1).
            raise AccessError("forbidden_not_own", None, action=Action.REVEAL.value)
        if not row[0]:
            raise ValidationError("nothing_to_reveal", field)
        entry = ctx.audit_entry(
            ctx.clock(), f"visit.reveal_{field}", "visit", visit_id, {"field": field}, why
        )
        audit.append(conn, entry)
        return str(row[0])
