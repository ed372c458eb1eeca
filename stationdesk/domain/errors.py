"""Domain error types: a stable snake_case code, the offending field and params; no UI text."""

from __future__ import annotations

from typing import Any

__all__ = ["AccessError", "DomainError", "StorageError", "ValidationError", "WorkflowError"]


def _rebuild(
    cls: type[DomainError], code: str, field: str | None, params: dict[str, object]
) -> DomainError:
    """Recreate a pickled error with its code, field and params intact."""
    return cls(code, field, **params)


class DomainError(Exception):
    """Base of all domain errors; the UI maps `code` (and `params`) to a translated message."""

    code: str
    field: str | None
    params: dict[str, object]

    def __init__(self, code: str, field: str | None = None, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = dict(params)

    def __str__(self) -> str:
        parts = [self.code]
        if self.field is not None:
            parts.append(f"field={self.field}")
        parts.extend(f"{key}={value!r}" for key, value in sorted(self.params.items()))
        return " ".join(parts)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self!s})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.code, self.field, self.params))


class ValidationError(DomainError):
    """A value typed by a user or received from outside does not meet a rule."""


class WorkflowError(DomainError):
    """A case event is not allowed in the case's current state, or its payload is malformed."""


class StorageError(DomainError):
    """The store cannot do its job (disk_full, db_newer_than_app, db_corrupt, low_disk_space)."""


class AccessError(DomainError):
    """The acting user may not do this (forbidden, not_signed_in, bad_credentials, locked …)."""
