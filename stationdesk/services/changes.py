"""ChangeSet: what a mutating use case changed; pages decide from it whether to refresh."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """Entities (table names) and record ids touched by one committed use case."""

    entities: frozenset[str] = field(default_factory=frozenset)
    ids: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *entities: str, ids: tuple[str, ...] | list[str] = ()) -> ChangeSet:
        """Build a ChangeSet from entity names and ids."""
        return cls(frozenset(entities), frozenset(ids))

    def touches(self, *entities: str) -> bool:
        """True when any of the given entities changed."""
        return any(e in self.entities for e in entities)

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(self.entities | other.entities, self.ids | other.ids)

    def __bool__(self) -> bool:
        return bool(self.entities)
