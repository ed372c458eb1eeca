"""The reception page's DB-thread jobs (services imported there): drafts, save, look-ups."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stationdesk.services.cases import CaseRow
    from stationdesk.services.changes import ChangeSet
    from stationdesk.services.context import ServiceContext
    from stationdesk.services.drafts import Draft
    from stationdesk.services.dto import RegisteredVisit, VisitInput
    from stationdesk.services.reference import ReferenceData

FORM_KEY = "reception"
RESIDENT_LOOKUP_LIMIT = 100


def load_start(ctx: ServiceContext) -> tuple[ReferenceData, Draft | None]:
    """The pick lists and the newest unsaved draft of this form (DB thread)."""
    from stationdesk.services.drafts import latest_draft
    from stationdesk.services.reference import reference_data

    return reference_data(ctx), latest_draft(ctx, FORM_KEY)


def load_notice(ctx: ServiceContext) -> str:
    """The personal-information notice the receipts print, shown at registration too."""
    from stationdesk.services.receipts import print_settings

    return print_settings(ctx).notice


def load_reference(ctx: ServiceContext) -> ReferenceData:
    """The pick lists again, after another page changed them (DB thread)."""
    from stationdesk.services.reference import reference_data

    return reference_data(ctx)


def store_draft(ctx: ServiceContext, data: dict[str, Any], draft_id: str | None) -> str:
    """Insert or update the form's draft; returns its id (DB thread)."""
    from stationdesk.services.drafts import save_draft

    return save_draft(ctx, FORM_KEY, data, draft_id)


def drop_draft(ctx: ServiceContext, draft_id: str) -> None:
    """Delete a draft (DB thread)."""
    from stationdesk.services.drafts import discard_draft

    discard_draft(ctx, draft_id)


def save_visit(
    ctx: ServiceContext, visit: VisitInput, draft_id: str | None = None
) -> tuple[RegisteredVisit, ChangeSet]:
    """register_visit (DB thread); its result exists only after COMMIT, the draft gone with it."""
    from stationdesk.services.reception import register_visit

    return register_visit(ctx, visit, draft_id=draft_id)


def resident_cases(ctx: ServiceContext, by: str, value: str) -> list[CaseRow]:
    """Earlier cases of a resident, by full phone number or by exact name (DB thread)."""
    from stationdesk.services.cases import find_resident_cases

    if by == "phone":
        return find_resident_cases(ctx, phone=value, limit=RESIDENT_LOOKUP_LIMIT)
    return find_resident_cases(ctx, name=value, limit=RESIDENT_LOOKUP_LIMIT)


def hotline_case_numbers(ctx: ServiceContext, hotline_no: str) -> list[str]:
    """Case numbers already registered under a 12345 work-order number (DB thread)."""
    from stationdesk.services.cases import hotline_cases

    return hotline_cases(ctx, hotline_no)
