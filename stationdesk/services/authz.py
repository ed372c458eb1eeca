"""The role check every use case makes first: the matrix is enforced here, not by hiding buttons."""

from __future__ import annotations

from stationdesk.domain.errors import AccessError
from stationdesk.domain.permissions import Action, allowed
from stationdesk.services.context import ServiceContext


def require(ctx: ServiceContext, action: Action) -> None:
    """Raise AccessError("forbidden") unless the context's actor may perform `action`."""
    if not allowed(ctx.actor.role, action):
        raise AccessError("forbidden", None, action=action.value, role=ctx.actor.role)
