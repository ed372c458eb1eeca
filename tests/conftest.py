import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from argon2 import PasswordHasher

from stationdesk.security.passwords import use_hasher


@pytest.fixture(autouse=True)
def cheap_password_hashing():
    """Argon2id at its smallest cost in tests (the real cost is measured in bench/, not here)."""
    previous = use_hasher(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    yield
    use_hasher(previous)
