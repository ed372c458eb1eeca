"""The county server's tables (design/sync.md §3.3) as typed models for SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of the county schema (separate from the station's)."""


class Station(Base):
    """A liaison station; `uid` is the station's own id, learned from its first push."""

    __tablename__ = "station"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    uid: Mapped[str | None] = mapped_column(String(64), unique=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[str] = mapped_column(String(40))


class Device(Base):
    """One installation of a station; only the SHA-256 of its token is kept."""

    __tablename__ = "device"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    station_code: Mapped[str] = mapped_column(String(32), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[str] = mapped_column(String(40))
    revoked_at: Mapped[str | None] = mapped_column(String(40))
    client_device_id: Mapped[str | None] = mapped_column(String(64))
    first_seen: Mapped[str | None] = mapped_column(String(40))
    last_seen: Mapped[str | None] = mapped_column(String(40))
    last_acked_local_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class Record(Base):
    """The newest version of a station row, an event, or a county row, in one feed per station."""

    __tablename__ = "record"
    station_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    op: Mapped[str] = mapped_column(String(8))  # put | delete | event
    origin: Mapped[str] = mapped_column(String(8))  # station | county
    row_version: Mapped[int | None] = mapped_column(Integer)
    server_seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    deleted_at: Mapped[str | None] = mapped_column(String(40))
    month: Mapped[str] = mapped_column(String(7))  # reconcile bucket: created_at[:7]
    case_no: Mapped[str | None] = mapped_column(String(40))  # case_record only, for replies
    device_id: Mapped[str | None] = mapped_column(String(40))
    payload: Mapped[str] = mapped_column(Text)
    received_at: Mapped[str] = mapped_column(String(40))

    __table_args__ = (
        Index("ix_record_feed", "station_code", "server_seq"),
        Index("ix_record_case_no", "station_code", "case_no"),
    )


class ChangeReceipt(Base):
    """What the server answered for one change_id (kept at least a year: idempotent replays)."""

    __tablename__ = "change_receipt"
    station_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    change_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    payload_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12))
    server_seq: Mapped[int | None] = mapped_column(BigInteger)
    result_json: Mapped[str] = mapped_column(Text)
    device_id: Mapped[str] = mapped_column(String(40))
    received_at: Mapped[str] = mapped_column(String(40))


class FeedCounter(Base):
    """The commit-ordered server_seq: one row, incremented inside each writing transaction."""

    __tablename__ = "feed_counter"
    feed: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class ServerMeta(Base):
    """Key/value facts about this server: the epoch (new on every restore)."""

    __tablename__ = "server_meta"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Blob(Base):
    """A content-addressed attachment (a deputy's photo) of one station."""

    __tablename__ = "blob"
    station_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[str] = mapped_column(String(40))


class SecurityEvent(Base):
    """A refused or suspicious request (another station's id, a bad token), never with a token."""

    __tablename__ = "security_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(String(40))
    station_code: Mapped[str | None] = mapped_column(String(32))
    device_id: Mapped[str | None] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text)
