"""Printing tests share the store fixtures: a real SQLite file per test."""

from tests.store.conftest import ctx, paths  # noqa: F401
