"""The county server's errors: a stable snake_case code, an HTTP status and a few parameters."""

from __future__ import annotations


class CountyError(Exception):
    """A refusal with a stable code (the CLI and the API map it to a message or a status)."""

    def __init__(self, code: str, status: int = 422, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.status = status
        self.params = params
