"""ORM models of the station database; sqlite_schema/ is the source, a test checks drift."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BLOB,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from stationdesk.store.orm_base import Base, EventColumns, IsoDateTime, SyncedColumns

TRUE = text("1")
FALSE = text("0")


class Station(Base):
    """This PC's station and device identity (one row)."""

    __tablename__ = "station"
    id: Mapped[str] = mapped_column(Text, primary_key=True)
    code: Mapped[str] = mapped_column(Text, unique=True)
    name: Mapped[str] = mapped_column(Text)
    county: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(Text)
    office_hours: Mapped[str | None] = mapped_column(Text)
    device_id: Mapped[str] = mapped_column(Text)
    device_no: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)
    updated_at: Mapped[datetime] = mapped_column(IsoDateTime)


class Setting(Base):
    """A station setting (key → JSON text)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(IsoDateTime)


class AppUser(Base):
    """A person who signs in on this PC (clerk, admin, deputy) or the built-in system actor."""

    __tablename__ = "app_user"
    id: Mapped[str] = mapped_column(Text, primary_key=True)
    username: Mapped[str] = mapped_column(Text, unique=True)
    display_name: Mapped[str] = mapped_column(Text)
    staff_no: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Text)
    password_hash: Mapped[str | None] = mapped_column(Text)
    failed_attempts: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    locked_until: Mapped[datetime | None] = mapped_column(IsoDateTime)
    active: Mapped[bool] = mapped_column(Boolean, server_default=TRUE)
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)
    updated_at: Mapped[datetime] = mapped_column(IsoDateTime)


class Category(Base):
    """A problem category (county reference data) with its working-day limit."""

    __tablename__ = "category"
    id: Mapped[str] = mapped_column(Text, primary_key=True)
    code: Mapped[str] = mapped_column(Text, unique=True)
    name: Mapped[str] = mapped_column(Text)
    limit_days: Mapped[int] = mapped_column(Integer, server_default=text("15"))
    sort_order: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    active: Mapped[bool] = mapped_column(Boolean, server_default=TRUE)
    server_seq: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(IsoDateTime)


class Department(Base):
    """A handling unit (承办单位; county reference data)."""

    __tablename__ = "department"
    id: Mapped[str] = mapped_column(Text, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    kind: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, server_default=TRUE)
    server_seq: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(IsoDateTime)


class Grid(SyncedColumns, Base):
    """A grid (网格) of the township, by village."""

    __tablename__ = "grid"
    __table_args__ = (Index("ix_grid_village", "village"),)
    name: Mapped[str] = mapped_column(Text)
    village: Mapped[str] = mapped_column(Text)
    grid_worker: Mapped[str | None] = mapped_column(Text)
    grid_worker_phone: Mapped[str | None] = mapped_column(Text)


class Deputy(SyncedColumns, Base):
    """A people's-congress deputy linked to the station."""

    __tablename__ = "deputy"
    __table_args__ = (Index("ix_deputy_name", "name"),)
    name: Mapped[str] = mapped_column(Text)
    gender: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(Text)
    occupation: Mapped[str | None] = mapped_column(Text)
    professional_group: Mapped[str | None] = mapped_column(Text)
    public_contact: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(Text)
    commitment: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text, server_default=text("'serving'"))
    photo_sha256: Mapped[str | None] = mapped_column(Text)


class DeputyPhoto(Base):
    """A deputy photo, content-addressed (synced as a blob, not through the outbox)."""

    __tablename__ = "deputy_photo"
    sha256: Mapped[str] = mapped_column(Text, primary_key=True)
    mime: Mapped[str] = mapped_column(Text)
    data: Mapped[bytes] = mapped_column(BLOB)
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)


class DeputyTerm(SyncedColumns, Base):
    """One level at which a person is a deputy (届次, 选区)."""

    __tablename__ = "deputy_term"
    __table_args__ = (Index("ix_deputy_term_deputy", "deputy_id"),)
    deputy_id: Mapped[str] = mapped_column(Text, ForeignKey("deputy.id"))
    level: Mapped[str] = mapped_column(Text)
    congress: Mapped[str] = mapped_column(Text)
    term: Mapped[str] = mapped_column(Text)
    constituency: Mapped[str | None] = mapped_column(Text)
    started_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)


class DeputyGrid(SyncedColumns, Base):
    """A deputy's link to a grid (联网格)."""

    __tablename__ = "deputy_grid"
    __table_args__ = (
        Index("ix_deputy_grid_deputy", "deputy_id"),
        Index("ix_deputy_grid_grid", "grid_id"),
    )
    deputy_id: Mapped[str] = mapped_column(Text, ForeignKey("deputy.id"))
    grid_id: Mapped[str] = mapped_column(Text, ForeignKey("grid.id"))


class DeputyStatusChange(EventColumns, Base):
    """One change of a deputy's status (在任/届满/调离): the history the roster keeps."""

    __tablename__ = "deputy_status_change"
    __table_args__ = (Index("ix_deputy_status_change_deputy", "deputy_id", "changed_on"),)
    deputy_id: Mapped[str] = mapped_column(Text, ForeignKey("deputy.id"))
    status: Mapped[str] = mapped_column(Text)
    changed_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class DeputyContact(SyncedColumns, Base):
    """Voters or households a deputy keeps in fixed contact with (联选民)."""

    __tablename__ = "deputy_contact"
    __table_args__ = (Index("ix_deputy_contact_deputy", "deputy_id"),)
    deputy_id: Mapped[str] = mapped_column(Text, ForeignKey("deputy.id"))
    name: Mapped[str] = mapped_column(Text)
    village: Mapped[str | None] = mapped_column(Text)
    households: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    note: Mapped[str | None] = mapped_column(Text)


class Visit(SyncedColumns, Base):
    """One reception (接待): who came, when, how, how many people; holds personal data."""

    __tablename__ = "visit"
    __table_args__ = (
        Index("ix_visit_received_on", "received_on", "deleted_at", "people"),  # 0005
        Index("ix_visit_phone", "visitor_phone"),
        Index("ix_visit_phone_last4", "visitor_phone_last4"),
        Index("ix_visit_name", "visitor_name"),
        Index("ix_visit_hotline_no", "hotline_no"),
    )
    received_at: Mapped[datetime] = mapped_column(IsoDateTime)
    received_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(Text)
    hotline_no: Mapped[str | None] = mapped_column(Text)
    visitor_name: Mapped[str] = mapped_column(Text)
    visitor_phone: Mapped[str | None] = mapped_column(Text)
    visitor_phone_last4: Mapped[str | None] = mapped_column(Text)
    visitor_id_number: Mapped[str | None] = mapped_column(Text)
    visitor_address: Mapped[str | None] = mapped_column(Text)
    village: Mapped[str | None] = mapped_column(Text)
    grid_id: Mapped[str | None] = mapped_column(Text, ForeignKey("grid.id"))
    people: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    confidential: Mapped[bool] = mapped_column(Boolean, server_default=FALSE)
    clerk_id: Mapped[str] = mapped_column(Text, ForeignKey("app_user.id"))


class VisitDeputy(SyncedColumns, Base):
    """A deputy present at a visit."""

    __tablename__ = "visit_deputy"
    __table_args__ = (
        Index("ix_visit_deputy_visit", "visit_id"),
        Index("ix_visit_deputy_deputy", "deputy_id"),
    )
    visit_id: Mapped[str] = mapped_column(Text, ForeignKey("visit.id"))
    deputy_id: Mapped[str] = mapped_column(Text, ForeignKey("deputy.id"))


class Suggestion(SyncedColumns, Base):
    """A deputy suggestion (代表建议) formed from one or more cases."""

    __tablename__ = "suggestion"
    __table_args__ = (Index("ix_suggestion_formed_on", "formed_on"),)
    title: Mapped[str] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    deputy_id: Mapped[str] = mapped_column(Text, ForeignKey("deputy.id"))
    formed_on: Mapped[date] = mapped_column(Date)
    county_ref: Mapped[str | None] = mapped_column(Text)


_STATS_TAIL = ("category_id", "department_id", "track", "deputy_id", "visit_id", "id")
_STATS_REGISTERED = ("registered_on", "deleted_at", "status", "first_closed_at", *_STATS_TAIL)
_STATS_FIRST_CLOSED = ("first_closed_at", "deleted_at", "registered_on", "status", *_STATS_TAIL)


class CaseRecord(SyncedColumns, Base):
    """One issue raised (a case); status and its neighbours cache the fold over case_event."""

    __tablename__ = "case_record"
    __table_args__ = (
        UniqueConstraint("visit_id", "position"),
        # 0005: covering indexes of the statistics (registered or first closed in a period)
        Index("ix_case_record_registered_on", *_STATS_REGISTERED),
        Index("ix_case_record_first_closed", *_STATS_FIRST_CLOSED),
        Index("ix_case_record_rated", "rated_at", "registered_on", "deleted_at", "rating", "id"),
        Index("ix_case_record_closed_at", "closed_at", "registered_on", "status"),
        Index("ix_case_record_visit", "visit_id"),
        Index("ix_case_record_status", "status", "due_date"),
        Index("ix_case_record_category", "category_id"),
        Index("ix_case_record_department", "department_id"),
    )
    case_no: Mapped[str] = mapped_column(Text, unique=True)
    visit_id: Mapped[str] = mapped_column(Text, ForeignKey("visit.id"))
    position: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    category_id: Mapped[str | None] = mapped_column(Text, ForeignKey("category.id"))
    content: Mapped[str] = mapped_column(Text)
    demand: Mapped[str | None] = mapped_column(Text)
    track: Mapped[str] = mapped_column(Text)
    on_spot_answer: Mapped[str | None] = mapped_column(Text)
    referred_to: Mapped[str | None] = mapped_column(Text)
    registered_at: Mapped[datetime] = mapped_column(IsoDateTime)
    registered_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(Text)
    department_id: Mapped[str | None] = mapped_column(Text, ForeignKey("department.id"))
    deputy_id: Mapped[str | None] = mapped_column(Text, ForeignKey("deputy.id"))
    suggestion_id: Mapped[str | None] = mapped_column(Text, ForeignKey("suggestion.id"))
    due_date: Mapped[date | None] = mapped_column(Date)
    round: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    first_closed_at: Mapped[datetime | None] = mapped_column(IsoDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(IsoDateTime)
    rating: Mapped[str | None] = mapped_column(Text)
    rated_at: Mapped[datetime | None] = mapped_column(IsoDateTime)
    last_event_at: Mapped[datetime] = mapped_column(IsoDateTime)
    needs_review: Mapped[bool] = mapped_column(Boolean, server_default=FALSE)


class CaseEventRow(EventColumns, Base):
    """One append-only event in a case's history (triggers refuse UPDATE and DELETE)."""

    __tablename__ = "case_event"
    __table_args__ = (
        Index("ix_case_event_case", "case_id", "occurred_at"),
        Index("ix_case_event_kind_on", "kind", "occurred_on"),
    )
    case_id: Mapped[str] = mapped_column(Text, ForeignKey("case_record.id"))
    kind: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(IsoDateTime)
    occurred_on: Mapped[date] = mapped_column(Date)
    origin: Mapped[str] = mapped_column(Text, server_default=text("'station'"))
    actor_id: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[str] = mapped_column(Text, server_default=text("'{}'"))


class DutyShift(SyncedColumns, Base):
    """A deputy's duty half-day at the station (进站接待日)."""

    __tablename__ = "duty_shift"
    __table_args__ = (Index("ix_duty_shift_on", "shift_on"),)
    shift_on: Mapped[date] = mapped_column(Date)
    half: Mapped[str] = mapped_column(Text)
    deputy_id: Mapped[str] = mapped_column(Text, ForeignKey("deputy.id"))
    status: Mapped[str] = mapped_column(Text, server_default=text("'planned'"))
    note: Mapped[str | None] = mapped_column(Text)


class Attendance(EventColumns, Base):
    """A sign-in, sign-out or absence on a duty shift; corrections are 'void' rows."""

    __tablename__ = "attendance"
    __table_args__ = (
        Index("ix_attendance_shift", "shift_id"),
        Index("ix_attendance_on", "occurred_on"),
    )
    shift_id: Mapped[str] = mapped_column(Text, ForeignKey("duty_shift.id"))
    deputy_id: Mapped[str] = mapped_column(Text, ForeignKey("deputy.id"))
    kind: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(IsoDateTime)
    occurred_on: Mapped[date] = mapped_column(Date)
    voids_id: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class DeputyActivity(SyncedColumns, Base):
    """A deputy's activity away from the station (走访, 调研, 宣讲 …)."""

    __tablename__ = "deputy_activity"
    __table_args__ = (Index("ix_deputy_activity_deputy", "deputy_id", "occurred_on"),)
    deputy_id: Mapped[str] = mapped_column(Text, ForeignKey("deputy.id"))
    kind: Mapped[str] = mapped_column(Text)
    occurred_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    people_reached: Mapped[int] = mapped_column(Integer, server_default=text("0"))


class AuditLog(Base):
    """One audit row; append-only and hash-chained (see store.audit)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_record", "record_id"), {"sqlite_autoincrement": True})
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ts: Mapped[datetime] = mapped_column(IsoDateTime)
    user_id: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)
    entity: Mapped[str | None] = mapped_column(Text)
    record_id: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[str] = mapped_column(Text, server_default=text("'{}'"))
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(Text, unique=True)
    row_hash: Mapped[str] = mapped_column(Text, unique=True)


class Draft(Base):
    """An autosaved, unsaved form (JSON), offered back after a crash or the idle lock."""

    __tablename__ = "draft"
    __table_args__ = (Index("ix_draft_form", "form", "updated_at"),)
    id: Mapped[str] = mapped_column(Text, primary_key=True)
    form: Mapped[str] = mapped_column(Text)
    user_id: Mapped[str | None] = mapped_column(Text)
    data: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)
    updated_at: Mapped[datetime] = mapped_column(IsoDateTime)


class SyncOutbox(Base):
    """A captured change waiting to be pushed (written by triggers only)."""

    __tablename__ = "sync_outbox"
    __table_args__ = (
        Index("ix_sync_outbox_entity", "entity", "entity_id"),
        {"sqlite_autoincrement": True},
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    change_id: Mapped[str] = mapped_column(Text, unique=True)
    entity: Mapped[str] = mapped_column(Text)
    entity_id: Mapped[str] = mapped_column(Text)
    op: Mapped[str] = mapped_column(Text)
    row_version: Mapped[int | None] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)
    payload_sha256: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    last_error: Mapped[str | None] = mapped_column(Text)


class SyncReject(Base):
    """A change the county refused: kept and shown, never dropped."""

    __tablename__ = "sync_rejects"
    change_id: Mapped[str] = mapped_column(Text, primary_key=True)
    entity: Mapped[str] = mapped_column(Text)
    entity_id: Mapped[str] = mapped_column(Text)
    payload: Mapped[str] = mapped_column(Text)
    code: Mapped[str] = mapped_column(Text)
    message: Mapped[str | None] = mapped_column(Text)
    rejected_at: Mapped[str] = mapped_column(Text)
    resolved_at: Mapped[str | None] = mapped_column(Text)
    resolution: Mapped[str | None] = mapped_column(Text)  # resent | dismissed


class SyncBlobSent(Base):
    """An attachment (a deputy's photo) the county has confirmed holding, by its SHA-256."""

    __tablename__ = "sync_blob_sent"
    sha256: Mapped[str] = mapped_column(Text, primary_key=True)
    sent_at: Mapped[str] = mapped_column(Text)


class SyncState(Base):
    """Sync bookkeeping (cursor, epoch, backoff …), key → value."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DeviceCounter(Base):
    """Per-device counters (the case-number sequence of each year)."""

    __tablename__ = "device_counter"
    name: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class CaseOrder(Base):
    """The list order of each live case, keyed by case_record's rowid; kept by triggers."""

    __tablename__ = "case_order"
    case_rowid: Mapped[int] = mapped_column(Integer, primary_key=True)
    registered_at: Mapped[str] = mapped_column(Text)
    case_no: Mapped[str] = mapped_column(Text)
    id: Mapped[str] = mapped_column(Text)


class StatDay(Base):
    """The breakdowns' daily tallies (migration 0005): derived from the cases, never synced."""

    __tablename__ = "stat_day"
    __table_args__ = ({"sqlite_with_rowid": False},)
    day: Mapped[str] = mapped_column(Text, primary_key=True)
    measure: Mapped[str] = mapped_column(Text, primary_key=True)
    dim: Mapped[str] = mapped_column(Text, primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class StatDayDirty(Base):
    """The days whose tallies must be recounted (marked by triggers)."""

    __tablename__ = "stat_day_dirty"
    __table_args__ = ({"sqlite_with_rowid": False},)
    day: Mapped[str] = mapped_column(Text, primary_key=True)


class PurgeSession(Base):
    """Present only inside the retention purge's own transaction (lets its deletes through)."""

    __tablename__ = "purge_session"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[str] = mapped_column(Text)


class ImportRow(Base):
    """A row of an old register (旧台账) already imported, keyed by its identifying values."""

    __tablename__ = "import_row"
    __table_args__ = (
        Index("ix_import_row_visit", "visit_id"),
        Index("ix_import_row_case", "case_id"),
    )
    source_key: Mapped[str] = mapped_column(Text, primary_key=True)
    visit_id: Mapped[str] = mapped_column(Text, ForeignKey("visit.id", ondelete="CASCADE"))
    case_id: Mapped[str] = mapped_column(Text, ForeignKey("case_record.id", ondelete="CASCADE"))
    file_name: Mapped[str] = mapped_column(Text)
    sheet: Mapped[str] = mapped_column(Text)
    row_no: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[datetime] = mapped_column(IsoDateTime)
    imported_by: Mapped[str] = mapped_column(Text)
