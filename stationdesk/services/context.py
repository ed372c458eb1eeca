"""The explicit context every use case receives: database, paths, acting user and clock."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from stationdesk.domain.masking import mask_in_text
from stationdesk.paths import DataPaths
from stationdesk.store.audit import AuditEntry
from stationdesk.store.database import Database

SYSTEM_USER_ID = "00000000-0000-7000-8000-000000000001"
SYSTEM_USERNAME = "system"


def local_now() -> datetime:
    """The current time, timezone-aware in the PC's local zone."""
    return datetime.now().astimezone()


@dataclass(frozen=True, slots=True)
class Actor:
    """Who performs a use case (recorded in the audit log)."""

    user_id: str
    role: str


SYSTEM_ACTOR = Actor(SYSTEM_USER_ID, "system")


@dataclass(frozen=True, slots=True)
class ServiceContext:
    """Passed explicitly to use cases; no global singletons."""

    paths: DataPaths
    db: Database
    actor: Actor = SYSTEM_ACTOR
    clock: Callable[[], datetime] = field(default=local_now)
    # Where the actions come from when it is not the GUI, e.g. "cli:alice" (the OS account
    # that ran a command line): written into every audit row's detail as "via".
    origin: str | None = None

    def as_actor(self, actor: Actor) -> ServiceContext:
        """The same context acting as another user."""
        return ServiceContext(self.paths, self.db, actor, self.clock, self.origin)

    def from_origin(self, origin: str) -> ServiceContext:
        """The same context, its audit rows marked with where the actions come from."""
        return ServiceContext(self.paths, self.db, self.actor, self.clock, origin)

    def audit_entry(
        self,
        ts: datetime,
        action: str,
        entity: str,
        record_id: str,
        detail: Mapping[str, object],
        reason: str | None = None,
    ) -> AuditEntry:
        """An audit row of this context's actor; `detail` already masked."""
        return AuditEntry(
            ts=ts,
            user_id=self.actor.user_id,
            role=self.actor.role,
            action=action,
            entity=entity,
            record_id=record_id,
            detail={**detail, "via": self.origin} if self.origin else detail,
            # A reason is typed freely: a phone or ID number in it is masked in the log.
            reason=mask_in_text(reason) if reason else reason,
        )


# How a command line use case gets its context (cli.open_context: --user, the audit origin).
Opener = Callable[[], ServiceContext]
