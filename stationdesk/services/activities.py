"""履职活动: a deputy's activities away from the station (走访企业, 走访群众, 调研, 宣讲 …)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stationdesk.domain.errors import ValidationError
from stationdesk.domain.ids import new_id
from stationdesk.domain.permissions import Action
from stationdesk.domain.validators import clean_text
from stationdesk.services.authz import require
from stationdesk.services.changes import ChangeSet
from stationdesk.services.context import ServiceContext
from stationdesk.services.synced_rows import common_columns, stamp
from stationdesk.store import audit
from stationdesk.store.bulk import insert_rows
from stationdesk.store.models import DeputyActivity

ACTIVITY_KINDS = {
    "enterprise_visit": "走访企业",
    "resident_visit": "走访群众",
    "research": "调研",
    "publicity": "宣讲",
    "inspection": "监督/执法检查",
    "other": "其他",
}
CHANGES = ChangeSet.of("deputy_activity")


@dataclass(frozen=True, slots=True)
class ActivityInput:
    """What the activity form sends."""

    deputy_id: str
    kind: str
    occurred_on: date
    place: str | None = None
    note: str | None = None
    people_reached: int = 0


@dataclass(frozen=True, slots=True)
class ActivityView:
    """One recorded activity."""

    id: str
    deputy_id: str
    deputy_name: str
    kind: str
    occurred_on: date
    place: str | None
    note: str | None
    people_reached: int

    @property
    def kind_label(self) -> str:
        """The kind in Chinese, e.g. 走访企业."""
        return ACTIVITY_KINDS[self.kind]


def add_activity(ctx: ServiceContext, data: ActivityInput) -> tuple[str, ChangeSet]:
    """Record an activity; not in the future, people reached 0–100000."""
    require(ctx, Action.EDIT_ROSTER)
    if data.kind not in ACTIVITY_KINDS:
        raise ValidationError("invalid_type", "kind")
    if data.occurred_on > ctx.clock().date():
        raise ValidationError("date_in_future", "occurred_on")
    if not 0 <= data.people_reached <= 100_000:
        raise ValidationError("out_of_range", "people_reached", low=0, high=100_000)
    place = clean_text(data.place or "", "place", 100) or None
    note = clean_text(data.note or "", "note", 1000) or None
    with ctx.db.write_core() as conn:
        found = conn.exec_driver_sql(
            "SELECT 1 FROM deputy WHERE id = ? AND deleted_at IS NULL", (data.deputy_id,)
        ).first()
        if found is None:
            raise ValidationError("unknown_reference", "deputy_id")
        common = common_columns(conn, ctx)
        activity_id = new_id()
        insert_rows(
            conn,
            DeputyActivity,
            [
                {
                    "id": activity_id, **common, "deputy_id": data.deputy_id,
                    "kind": data.kind, "occurred_on": data.occurred_on, "place": place,
                    "note": note, "people_reached": data.people_reached,
                }
            ],
        )  # fmt: skip
        audit.append(
            conn,
            ctx.audit_entry(
                ctx.clock(), "activity_add", "deputy_activity", activity_id,
                {"deputy_id": data.deputy_id, "kind": data.kind},
            ),
        )  # fmt: skip
    return activity_id, CHANGES


def list_activities(
    ctx: ServiceContext, start: date, end: date, deputy_id: str | None = None
) -> list[ActivityView]:
    """Activities in a period, newest first, for one deputy or all."""
    require(ctx, Action.VIEW_ROSTER)
    sql = (
        "SELECT a.id, a.deputy_id, d.name, a.kind, a.occurred_on, a.place, a.note, "
        "a.people_reached FROM deputy_activity a JOIN deputy d ON d.id = a.deputy_id "
        "WHERE a.deleted_at IS NULL AND a.occurred_on BETWEEN ? AND ?"
    )
    params: tuple[str, ...] = (start.isoformat(), end.isoformat())
    if deputy_id:
        sql += " AND a.deputy_id = ?"
        params += (deputy_id,)
    rows = ctx.db.query(sql + " ORDER BY a.occurred_on DESC, a.created_at DESC", params)
    return [
        ActivityView(r[0], r[1], r[2], r[3], date.fromisoformat(r[4]), r[5], r[6], int(r[7]))
        for r in rows
    ]


def remove_activity(ctx: ServiceContext, activity_id: str, reason: str) -> ChangeSet:
    """删除 an activity entered by mistake (tombstoned, reason audited)."""
    require(ctx, Action.EDIT_ROSTER)
    clean = clean_text(reason, "reason", 200, required=True)
    with ctx.db.write_core() as conn:
        now = stamp(ctx)
        done = conn.exec_driver_sql(
            "UPDATE deputy_activity SET deleted_at = ?, updated_at = ?, "
            "row_version = row_version + 1 WHERE id = ? AND deleted_at IS NULL",
            (now, now, activity_id),
        )
        if not done.rowcount:
            raise ValidationError("unknown_reference", "activity_id")
        audit.append(
            conn,
            ctx.audit_entry(
                ctx.clock(), "activity_remove", "deputy_activity", activity_id, {}, clean
            ),
        )
    return CHANGES
