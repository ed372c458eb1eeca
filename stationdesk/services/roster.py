"""The deputy roster (代表名册): deputies, levels, grids, contacts, photo, status history."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Connection

from stationdesk.domain.enums import LEVEL_NAMES, DeputyLevel
from stationdesk.domain.errors import ValidationError
from stationdesk.domain.ids import new_id
from stationdesk.domain.masking import mask_phone
from stationdesk.domain.permissions import Action
from stationdesk.domain.validators import clean_text, validate_person_name, validate_phone
from stationdesk.services.authz import require
from stationdesk.services.changes import ChangeSet
from stationdesk.services.context import ServiceContext
from stationdesk.services.photos import normalise_photo
from stationdesk.services.synced_rows import common_columns, stamp
from stationdesk.store import audit
from stationdesk.store.bulk import insert_rows
from stationdesk.store.models import (
    DeputyContact,
    DeputyGrid,
    DeputyStatusChange,
    DeputyTerm,
)

SERVING, TERM_ENDED, TRANSFERRED = "serving", "term_ended", "transferred"
DEPUTY_STATUSES = (SERVING, TERM_ENDED, TRANSFERRED)
STATUS_LABELS = {SERVING: "在任", TERM_ENDED: "届满", TRANSFERRED: "调离"}
GENDER_LABELS = {"male": "男", "female": "女"}
LEVEL_ORDER = tuple(DeputyLevel)
_T = TypeVar("_T", bound=Hashable)


def level_title(level: DeputyLevel) -> str:
    """县(区) → 县(区)人大代表: how a level is written on the roster and the boards."""
    return f"{LEVEL_NAMES[level]}人大代表"


@dataclass(frozen=True, slots=True)
class TermInput:
    """One level at which the person is a deputy (届次, 选区)."""

    level: DeputyLevel
    congress: str
    term: str
    constituency: str | None = None


@dataclass(frozen=True, slots=True)
class ContactInput:
    """Voters or households the deputy keeps in fixed contact with (联选民)."""

    name: str
    village: str | None = None
    households: int = 1
    note: str | None = None


@dataclass(frozen=True, slots=True)
class DeputyInput:
    """What the roster form sends; `phone` None keeps the stored number, "" clears it."""

    name: str
    terms: tuple[TermInput, ...]
    gender: str | None = None
    unit: str | None = None
    occupation: str | None = None
    professional_group: str | None = None
    public_contact: str | None = None
    phone: str | None = None
    commitment: str | None = None
    grid_ids: tuple[str, ...] = ()
    contacts: tuple[ContactInput, ...] = ()


@dataclass(frozen=True, slots=True)
class DeputySummary:
    """One roster line."""

    id: str
    name: str
    gender: str | None
    levels: tuple[DeputyLevel, ...]
    constituency: str | None
    unit: str | None
    occupation: str | None
    professional_group: str | None
    grids: tuple[str, ...]
    public_contact: str | None
    phone_masked: str | None
    status: str
    photo_sha256: str | None
    next_duty: date | None
    commitment: str | None
    row_version: int = 0  # what an edit form was filled from (a save checks it still holds)
    constituencies: tuple[str, ...] = ()  # one per level, in level order, without repeats

    @property
    def level_text(self) -> str:
        """e.g. 县(区)人大代表、乡(镇)人大代表."""
        return "、".join(level_title(level) for level in self.levels)


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One line of a deputy's status history."""

    status: str
    changed_on: date
    note: str | None


@dataclass(frozen=True, slots=True)
class DeputyDetail:
    """Everything the roster form shows for one deputy (the phone only masked)."""

    summary: DeputySummary
    terms: tuple[TermInput, ...]
    grid_ids: tuple[str, ...]
    contacts: tuple[ContactInput, ...]
    history: tuple[StatusChange, ...] = field(default=())


# --- validation -------------------------------------------------------------------------------


def _opt(value: str | None, name: str, max_len: int) -> str | None:
    return clean_text(value, name, max_len) or None if value is not None else None


def _clean_terms(terms: Sequence[TermInput]) -> tuple[TermInput, ...]:
    if not terms:
        raise ValidationError("deputy_needs_level", "terms")
    seen: set[DeputyLevel] = set()
    out = []
    for i, t in enumerate(terms):
        if t.level in seen:
            raise ValidationError("duplicate_level", f"terms.{i}.level")
        seen.add(t.level)
        out.append(
            TermInput(
                DeputyLevel(t.level),
                clean_text(t.congress, f"terms.{i}.congress", 60, required=True),
                clean_text(t.term, f"terms.{i}.term", 20, required=True),
                _opt(t.constituency, f"terms.{i}.constituency", 60),
            )
        )
    return tuple(sorted(out, key=lambda t: LEVEL_ORDER.index(t.level)))


def _clean_contacts(contacts: Sequence[ContactInput]) -> tuple[ContactInput, ...]:
    out = []
    for i, c in enumerate(contacts):
        if not 1 <= c.households <= 10000:
            raise ValidationError("out_of_range", f"contacts.{i}.households", low=1, high=10000)
        out.append(
            ContactInput(
                clean_text(c.name, f"contacts.{i}.name", 40, required=True),
                _opt(c.village, f"contacts.{i}.village", 40),
                c.households,
                _opt(c.note, f"contacts.{i}.note", 200),
            )
        )
    return tuple(out)


def validate_deputy(data: DeputyInput) -> DeputyInput:
    """The input cleaned, or ValidationError naming the first bad field."""
    if data.gender not in (None, "male", "female"):
        raise ValidationError("invalid_type", "gender")
    phone = data.phone
    if phone:
        phone = validate_phone(phone, "phone").number
    return DeputyInput(
        name=validate_person_name(data.name, "name"),
        terms=_clean_terms(data.terms),
        gender=data.gender,
        unit=_opt(data.unit, "unit", 100),
        occupation=_opt(data.occupation, "occupation", 60),
        professional_group=_opt(data.professional_group, "professional_group", 40),
        public_contact=_opt(data.public_contact, "public_contact", 60),
        phone=phone,
        commitment=_opt(data.commitment, "commitment", 1000),
        grid_ids=tuple(dict.fromkeys(data.grid_ids)),
        contacts=_clean_contacts(data.contacts),
    )


# --- reading ----------------------------------------------------------------------------------

_SUMMARY_SQL = """
SELECT d.id, d.name, d.gender, d.unit, d.occupation, d.professional_group, d.public_contact,
       d.phone, d.status, d.photo_sha256, d.commitment, d.row_version,
       (SELECT group_concat(t.level || char(31) || coalesce(t.constituency, ''), char(30))
          FROM deputy_term t WHERE t.deputy_id = d.id AND t.deleted_at IS NULL),
       (SELECT group_concat(g.name, char(30)) FROM deputy_grid dg JOIN grid g ON g.id = dg.grid_id
          WHERE dg.deputy_id = d.id AND dg.deleted_at IS NULL),
       (SELECT min(s.shift_on) FROM duty_shift s WHERE s.deputy_id = d.id
          AND s.shift_on >= :today AND s.status = 'planned' AND s.deleted_at IS NULL)
FROM deputy d
WHERE d.deleted_at IS NULL
"""


def _summary(r: Sequence[Any]) -> DeputySummary:
    terms = sorted(
        (p.split("\x1f") for p in (r[12] or "").split("\x1e") if p),
        key=lambda t: LEVEL_ORDER.index(DeputyLevel(t[0])),
    )
    levels = [DeputyLevel(t[0]) for t in terms]
    constituencies = list(dict.fromkeys(t[1] for t in terms if t[1]))
    return DeputySummary(
        id=r[0],
        name=r[1],
        gender=r[2],
        unit=r[3],
        occupation=r[4],
        professional_group=r[5],
        public_contact=r[6],
        phone_masked=mask_phone(r[7]) if r[7] else None,
        status=r[8],
        photo_sha256=r[9],
        commitment=r[10],
        levels=tuple(levels),
        constituency=constituencies[0] if constituencies else None,
        grids=tuple(sorted((r[13] or "").split("\x1e"))) if r[13] else (),
        next_duty=date.fromisoformat(r[14]) if r[14] else None,
        row_version=int(r[11]),
        constituencies=tuple(constituencies),
    )


def list_deputies(
    ctx: ServiceContext,
    *,
    level: DeputyLevel | None = None,
    grid_id: str | None = None,
    status: str | None = None,
    text: str | None = None,
) -> list[DeputySummary]:
    """The roster, filtered by level, grid, status and a name/unit/group fragment; by name."""
    require(ctx, Action.VIEW_ROSTER)
    sql = _SUMMARY_SQL
    params: dict[str, object] = {"today": ctx.clock().date().isoformat()}
    if level is not None:
        sql += (
            " AND EXISTS (SELECT 1 FROM deputy_term t WHERE t.deputy_id = d.id"
            " AND t.deleted_at IS NULL AND t.level = :level)"
        )
        params["level"] = DeputyLevel(level).value
    if grid_id:
        sql += (
            " AND EXISTS (SELECT 1 FROM deputy_grid dg WHERE dg.deputy_id = d.id"
            " AND dg.deleted_at IS NULL AND dg.grid_id = :grid)"
        )
        params["grid"] = grid_id
    if status:
        sql += " AND d.status = :status"
        params["status"] = status
    if text and text.strip():
        sql += (
            " AND (instr(d.name, :q) OR instr(coalesce(d.unit, ''), :q)"
            " OR instr(coalesce(d.occupation, ''), :q)"
            " OR instr(coalesce(d.professional_group, ''), :q))"
        )
        params["q"] = text.strip()
    sql += " ORDER BY d.status = 'serving' DESC, d.name, d.id"
    with ctx.db.read_core() as conn:
        rows = conn.exec_driver_sql(sql, params).all()
    return [_summary(r) for r in rows]


def get_deputy(ctx: ServiceContext, deputy_id: str) -> DeputyDetail:
    """One deputy with levels, grids, contacts and status history; unknown id → ValidationError."""
    require(ctx, Action.VIEW_ROSTER)
    params = {"today": ctx.clock().date().isoformat(), "id": deputy_id}
    with ctx.db.read_core() as conn:
        row = conn.exec_driver_sql(_SUMMARY_SQL + " AND d.id = :id", params).one_or_none()
        if row is None:
            raise ValidationError("unknown_reference", "deputy_id")
        terms = conn.exec_driver_sql(
            "SELECT level, congress, term, constituency FROM deputy_term "
            "WHERE deputy_id = ? AND deleted_at IS NULL",
            (deputy_id,),
        ).all()
        grids: Any = conn.exec_driver_sql(
            "SELECT grid_id FROM deputy_grid WHERE deputy_id = ? AND deleted_at IS NULL",
            (deputy_id,),
        ).scalars()
        contacts = conn.exec_driver_sql(
            "SELECT name, village, households, note FROM deputy_contact "
            "WHERE deputy_id = ? AND deleted_at IS NULL ORDER BY created_at, id",
            (deputy_id,),
        ).all()
        history = conn.exec_driver_sql(
            "SELECT status, changed_on, note FROM deputy_status_change "
            "WHERE deputy_id = ? ORDER BY changed_on, created_at",
            (deputy_id,),
        ).all()
    return DeputyDetail(
        summary=_summary(row),
        terms=tuple(
            sorted(
                (TermInput(DeputyLevel(t[0]), t[1], t[2], t[3]) for t in terms),
                key=lambda t: LEVEL_ORDER.index(t.level),
            )
        ),
        grid_ids=tuple(str(g) for g in grids),
        contacts=tuple(ContactInput(c[0], c[1], int(c[2]), c[3]) for c in contacts),
        history=tuple(StatusChange(h[0], date.fromisoformat(h[1]), h[2]) for h in history),
    )


def photo_bytes(ctx: ServiceContext, sha256: str) -> bytes | None:
    """A stored photo's JPEG bytes."""
    require(ctx, Action.VIEW_ROSTER)
    rows = ctx.db.query("SELECT data FROM deputy_photo WHERE sha256 = ?", (sha256,))
    return bytes(rows[0][0]) if rows else None


# --- writing ----------------------------------------------------------------------------------


def _add_status_change(
    conn: Connection,
    common: dict[str, object],
    deputy_id: str,
    status: str,
    on: date,
    note: str | None,
) -> None:
    """One line of the status history (append-only, synced as an event)."""
    row = {k: common[k] for k in ("station_id", "created_by_device", "created_at")}
    insert_rows(
        conn,
        DeputyStatusChange,
        [{"id": new_id(), "deputy_id": deputy_id, "status": status, "changed_on": on,
          "note": note, **row}],
    )  # fmt: skip


def _check_grids(conn: Connection, grid_ids: Sequence[str]) -> None:
    for gid in grid_ids:
        found = conn.exec_driver_sql(
            "SELECT 1 FROM grid WHERE id = ? AND deleted_at IS NULL", (gid,)
        ).first()
        if found is None:
            raise ValidationError("unknown_reference", "grid_ids")


def _sync_children(
    conn: Connection,
    table: str,
    deputy_id: str,
    old: dict[str, _T],
    new: Sequence[_T],
    insert: Callable[[list[_T]], None],
    now: str,
) -> bool:
    """Tombstone the rows whose value went, insert the values that came; True if anything did."""
    wanted = list(dict.fromkeys(new))
    gone = [row_id for row_id, value in old.items() if value not in wanted]
    kept = set(old.values())
    added = [value for value in wanted if value not in kept]
    for row_id in gone:
        conn.exec_driver_sql(
            f"UPDATE {table} SET deleted_at = ?, updated_at = ?, row_version = row_version + 1 "
            "WHERE id = ? AND deputy_id = ?",
            (now, now, row_id, deputy_id),
        )
    if added:
        insert(added)
    return bool(gone or added)


def _children(
    conn: Connection, deputy_id: str
) -> tuple[dict[str, TermInput], dict[str, str], dict[str, ContactInput]]:
    terms = {
        r[0]: TermInput(DeputyLevel(r[1]), r[2], r[3], r[4])
        for r in conn.exec_driver_sql(
            "SELECT id, level, congress, term, constituency FROM deputy_term "
            "WHERE deputy_id = ? AND deleted_at IS NULL",
            (deputy_id,),
        )
    }
    grids = {
        r[0]: r[1]
        for r in conn.exec_driver_sql(
            "SELECT id, grid_id FROM deputy_grid WHERE deputy_id = ? AND deleted_at IS NULL",
            (deputy_id,),
        )
    }
    contacts = {
        r[0]: ContactInput(r[1], r[2], int(r[3]), r[4])
        for r in conn.exec_driver_sql(
            "SELECT id, name, village, households, note FROM deputy_contact "
            "WHERE deputy_id = ? AND deleted_at IS NULL",
            (deputy_id,),
        )
    }
    return terms, grids, contacts


_FIELDS = ("name", "gender", "unit", "occupation", "professional_group", "public_contact",
           "phone", "commitment")  # fmt: skip


def write_deputy(
    conn: Connection,
    ctx: ServiceContext,
    data: DeputyInput,
    deputy_id: str | None = None,
    *,
    on: date | None = None,
    expected_version: int | None = None,
) -> tuple[str, list[str]]:
    """Insert or update one cleaned deputy in the caller's transaction; (id, changed fields).

    Shared by the roster form and the Excel import (one transaction for a whole sheet).
    `expected_version`: the row_version the form was filled from; another save since then
    refuses this one (edited_elsewhere) instead of writing over it.
    """
    require(ctx, Action.EDIT_ROSTER)
    _check_grids(conn, data.grid_ids)
    common = common_columns(conn, ctx)
    now = stamp(ctx)
    child = dict(common)
    values = {f: getattr(data, f) for f in _FIELDS}
    changed: list[str]
    if deputy_id is None:
        deputy_id = new_id()
        conn.exec_driver_sql(
            "INSERT INTO deputy (id, station_id, created_by_device, created_at, updated_at, "
            + ", ".join(_FIELDS)
            + ") VALUES (?, ?, ?, ?, ?, "
            + ", ".join("?" for _ in _FIELDS)
            + ")",
            (deputy_id, common["station_id"], common["created_by_device"], now, now,
             *(values[f] for f in _FIELDS)),
        )  # fmt: skip
        _add_status_change(conn, common, deputy_id, SERVING, on or ctx.clock().date(), "录入名册")
        old_terms: dict[str, TermInput] = {}
        old_grids: dict[str, str] = {}
        old_contacts: dict[str, ContactInput] = {}
        changed = ["created"]
    else:
        current = conn.exec_driver_sql(
            "SELECT " + ", ".join(_FIELDS) + ", row_version FROM deputy "
            "WHERE id = ? AND deleted_at IS NULL",
            (deputy_id,),
        ).one_or_none()
        if current is None:
            raise ValidationError("unknown_reference", "deputy_id")
        if expected_version is not None and current[-1] != expected_version:
            raise ValidationError("edited_elsewhere", "deputy_id")
        if data.phone is None:  # not retyped: keep the stored number
            values["phone"] = current[_FIELDS.index("phone")]
        else:  # a new number, or "" to remove it
            values["phone"] = data.phone or None
        changed = [f for i, f in enumerate(_FIELDS) if current[i] != values[f]]
        if changed:
            conn.exec_driver_sql(
                "UPDATE deputy SET "
                + ", ".join(f"{f} = ?" for f in _FIELDS)
                + ", updated_at = ?, row_version = row_version + 1 WHERE id = ?",
                (*(values[f] for f in _FIELDS), now, deputy_id),
            )
        old_terms, old_grids, old_contacts = _children(conn, deputy_id)
    base = {"deputy_id": deputy_id, **child}
    if _sync_children(
        conn, "deputy_term", deputy_id, old_terms, data.terms,
        lambda added: insert_rows(conn, DeputyTerm, [
            {"id": new_id(), "level": t.level.value, "congress": t.congress, "term": t.term,
             "constituency": t.constituency, **base} for t in added]),
        now,
    ):  # fmt: skip
        changed.append("terms")
    if _sync_children(
        conn, "deputy_grid", deputy_id, old_grids, data.grid_ids,
        lambda added: insert_rows(conn, DeputyGrid, [
            {"id": new_id(), "grid_id": g, **base} for g in added]),
        now,
    ):  # fmt: skip
        changed.append("grids")
    if _sync_children(
        conn, "deputy_contact", deputy_id, old_contacts, data.contacts,
        lambda added: insert_rows(conn, DeputyContact, [
            {"id": new_id(), "name": c.name, "village": c.village, "households": c.households,
             "note": c.note, **base} for c in added]),
        now,
    ):  # fmt: skip
        changed.append("contacts")
    return deputy_id, changed


def save_deputy(
    ctx: ServiceContext,
    data: DeputyInput,
    deputy_id: str | None = None,
    expected_version: int | None = None,
) -> tuple[str, ChangeSet]:
    """Add a deputy (status 在任, history started) or update one; audited without the phone.

    `expected_version` (the form's row_version) refuses a save over someone else's edit.
    """
    require(ctx, Action.EDIT_ROSTER)
    clean = validate_deputy(data)
    with ctx.db.write_core() as conn:
        new = deputy_id is None
        deputy_id, changed = write_deputy(
            conn, ctx, clean, deputy_id, expected_version=expected_version
        )
        if changed:
            audit.append(
                conn,
                ctx.audit_entry(
                    ctx.clock(),
                    "deputy_add" if new else "deputy_edit",
                    "deputy",
                    deputy_id,
                    {"fields": changed},
                ),
            )
    return deputy_id, ChangeSet.of("deputy", ids=[deputy_id])


def set_status(
    ctx: ServiceContext, deputy_id: str, status: str, on: date, note: str | None = None
) -> ChangeSet:
    """在任/届满/调离 from `on`; the history keeps every change with its note."""
    require(ctx, Action.EDIT_ROSTER)
    if status not in DEPUTY_STATUSES:
        raise ValidationError("invalid_type", "status")
    clean_note = _opt(note, "note", 200)
    with ctx.db.write_core() as conn:
        common = common_columns(conn, ctx)
        current = conn.exec_driver_sql(
            "SELECT status FROM deputy WHERE id = ? AND deleted_at IS NULL", (deputy_id,)
        ).scalar_one_or_none()
        if current is None:
            raise ValidationError("unknown_reference", "deputy_id")
        if current == status:
            raise ValidationError("status_unchanged", "status")
        conn.exec_driver_sql(
            "UPDATE deputy SET status = ?, updated_at = ?, row_version = row_version + 1 "
            "WHERE id = ?",
            (status, stamp(ctx), deputy_id),
        )
        _add_status_change(conn, common, deputy_id, status, on, clean_note)
        cancelled = _cancel_future_shifts(conn, ctx, deputy_id, status, on)
        audit.append(
            conn,
            ctx.audit_entry(
                ctx.clock(), "deputy_status", "deputy", deputy_id,
                {"from": current, "to": status, "on": on.isoformat(),
                 "shifts_cancelled": cancelled}, clean_note,
            ),
        )  # fmt: skip
    return ChangeSet.of("deputy", "duty_shift", ids=[deputy_id])


def _cancel_future_shifts(
    conn: Connection, ctx: ServiceContext, deputy_id: str, status: str, on: date
) -> int:
    """Cancel the planned shifts from `on` of a deputy no longer serving; how many went.

    Shifts somebody already signed on stay; the note says why the others were cancelled.
    """
    if status == SERVING:
        return 0
    done = conn.exec_driver_sql(
        "UPDATE duty_shift SET status = 'cancelled', note = ?, updated_at = ?, "
        "row_version = row_version + 1 WHERE deputy_id = ? AND status = 'planned' "
        "AND deleted_at IS NULL AND shift_on >= ? "
        "AND id NOT IN (SELECT shift_id FROM attendance)",
        (f"代表{STATUS_LABELS[status]}", stamp(ctx), deputy_id, on.isoformat()),
    )
    return int(done.rowcount)


def set_photo(ctx: ServiceContext, deputy_id: str, raw: bytes | None) -> ChangeSet:
    """Store a new photo (cropped to 3:4, 360×480 JPEG) or remove it with None."""
    require(ctx, Action.EDIT_ROSTER)
    photo = normalise_photo(raw) if raw is not None else None
    with ctx.db.write_core() as conn:
        now = stamp(ctx)
        if photo is not None:
            conn.exec_driver_sql(
                "INSERT OR IGNORE INTO deputy_photo (sha256, mime, data, created_at) "
                "VALUES (?, ?, ?, ?)",
                (photo.sha256, photo.mime, photo.data, now),
            )
        updated = conn.exec_driver_sql(
            "UPDATE deputy SET photo_sha256 = ?, updated_at = ?, row_version = row_version + 1 "
            "WHERE id = ? AND deleted_at IS NULL AND photo_sha256 IS NOT ?",
            (photo.sha256 if photo else None, now, deputy_id, photo.sha256 if photo else None),
        )
        if updated.rowcount:
            audit.append(
                conn,
                ctx.audit_entry(
                    ctx.clock(), "deputy_photo", "deputy", deputy_id,
                    {"photo": photo.sha256[:12] if photo else None},
                ),
            )  # fmt: skip
    return ChangeSet.of("deputy", ids=[deputy_id])
