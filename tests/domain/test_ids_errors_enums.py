import itertools
import pickle
import re
import time
import uuid

import pytest

from stationdesk.domain import ids
from stationdesk.domain.enums import (
    CHANNEL_NAMES,
    LEVEL_NAMES,
    RATING_NAMES,
    STATUS_NAMES,
    TRACK_NAMES,
    CaseStatus,
    Channel,
    DeputyLevel,
    EventKind,
    Rating,
    Track,
)
from stationdesk.domain.errors import DomainError, StorageError, ValidationError, WorkflowError

UUID7 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def test_new_id_is_canonical_uuid7() -> None:
    """new_id gives lowercase 36-character UUIDv7 text with the RFC 9562 variant."""
    value = ids.new_id()
    assert UUID7.fullmatch(value)
    parsed = uuid.UUID(value)
    assert parsed.version == 7
    assert parsed.variant == uuid.RFC_4122
    assert str(parsed) == value


def test_new_id_carries_the_time() -> None:
    """The first 48 bits are the Unix time in milliseconds."""
    before = time.time_ns() // 1_000_000
    value = ids.new_id()
    after = time.time_ns() // 1_000_000
    assert before <= uuid.UUID(value).int >> 80 <= after + 1


def test_new_id_is_strictly_increasing() -> None:
    """Ids made one after another in a process sort strictly increasing (many share a ms)."""
    values = [ids.new_id() for _ in range(20_000)]
    assert all(a < b for a, b in itertools.pairwise(values))


def test_new_id_survives_frozen_and_backward_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a stuck clock (counter overflow) or a clock stepping back, ids still increase."""
    now = time.time_ns()
    monkeypatch.setattr("stationdesk.domain.ids.time.time_ns", lambda: now)
    stuck = [ids.new_id() for _ in range(10_000)]
    monkeypatch.setattr("stationdesk.domain.ids.time.time_ns", lambda: now - 3_600 * 10**9)
    back = [ids.new_id() for _ in range(10)]
    values = stuck + back
    assert all(a < b for a, b in itertools.pairwise(values))
    assert all(UUID7.fullmatch(v) for v in values)


def test_new_change_id_is_uuid4_hex() -> None:
    """new_change_id gives 32 hex characters of a random UUIDv4, different each time."""
    a, b = ids.new_change_id(), ids.new_change_id()
    assert re.fullmatch(r"[0-9a-f]{32}", a)
    assert uuid.UUID(hex=a).version == 4
    assert a != b


def test_domain_error_carries_code_field_params() -> None:
    """A DomainError keeps its code, field and params and prints them."""
    error = ValidationError("too_long", "summary", max_len=60, length=61)
    assert (error.code, error.field, error.params) == (
        "too_long",
        "summary",
        {"max_len": 60, "length": 61},
    )
    text = str(error)
    assert "too_long" in text
    assert "max_len=60" in text
    assert "length=61" in text
    assert str(WorkflowError("no_events")) == "no_events"


def test_error_hierarchy() -> None:
    """Validation, workflow and storage errors are all DomainErrors (and Exceptions)."""
    for cls in (ValidationError, WorkflowError, StorageError):
        error = cls("disk_full")
        assert isinstance(error, DomainError)
        assert isinstance(error, Exception)
        assert error.field is None
        assert error.params == {}


def test_error_pickles() -> None:
    """Errors survive pickling (e.g. from a worker process) with code, field and params."""
    error = StorageError("low_disk_space", "db", free_mb=120)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is StorageError
    assert (copy.code, copy.field, copy.params) == ("low_disk_space", "db", {"free_mb": 120})


def test_enum_values_are_stable() -> None:
    """Stored enum values are exactly the agreed strings."""
    assert [t.value for t in Track] == ["on_spot", "supervise", "suggestion"]
    assert [s.value for s in CaseStatus] == [
        "pending",
        "in_progress",
        "closed",
        "unsatisfied",
        "done",
        "merged",
    ]
    assert [r.value for r in Rating] == ["satisfied", "basically_satisfied", "unsatisfied"]
    assert Channel.HOTLINE.value == "hotline_12345"
    assert [c.value for c in Channel] == [
        "walk_in",
        "phone",
        "qr",
        "grid_worker",
        "hotline_12345",
        "deputy_visit",
        "letter",
        "mobile_station",
    ]
    assert [k.value for k in EventKind] == [
        "registered",
        "assigned",
        "progress",
        "to_suggestion",
        "closed",
        "callback",
        "reopened",
        "due_changed",
        "county_reply",
        "correction",
        "reprinted",
        "merged",
    ]
    assert [lv.value for lv in DeputyLevel] == [
        "national",
        "province",
        "city",
        "county",
        "township",
    ]


def test_official_names_cover_every_member() -> None:
    """Every enum member has its official Chinese name."""
    assert set(TRACK_NAMES) == set(Track)
    assert set(STATUS_NAMES) == set(CaseStatus)
    assert set(RATING_NAMES) == set(Rating)
    assert set(CHANNEL_NAMES) == set(Channel)
    assert set(LEVEL_NAMES) == set(DeputyLevel)
    assert TRACK_NAMES[Track.SUGGESTION] == "形成建议交办"
    assert STATUS_NAMES[CaseStatus.CLOSED] == "已办结，待回访"
    assert RATING_NAMES[Rating.BASICALLY] == "基本满意"
    assert CHANNEL_NAMES[Channel.HOTLINE] == "12345热线转来"
    assert LEVEL_NAMES[DeputyLevel.COUNTY] == "县(区)"


def test_name_tables_are_read_only() -> None:
    """The name tables cannot be changed at run time."""
    with pytest.raises(TypeError):
        TRACK_NAMES[Track.ON_SPOT] = "x"  # type: ignore[index]
