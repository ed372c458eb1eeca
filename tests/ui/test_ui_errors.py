from __future__ import annotations

from stationdesk.domain.errors import StorageError, ValidationError
from stationdesk.ui.errors import message_for, message_with_field

CODES = (
    "required",
    "too_long",
    "station_code_format",
    "device_no_range",
    "invalid_characters",
    "disk_full",
    "low_disk_space",
    "db_newer_than_app",
    "db_corrupt",
    "station_exists",
    "backup_verify_failed",
    "backup_corrupt",
)


def test_every_known_code_has_its_own_chinese_message(qapp):
    """Each service error code maps to a distinct Chinese sentence without the raw code."""
    messages = {code: message_for(StorageError(code)) for code in CODES}
    assert len(set(messages.values())) == len(CODES)
    for code, text in messages.items():
        assert code not in text
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_message_fills_in_the_error_params(qapp):
    """too_long says the limit and the length typed."""
    text = message_for(ValidationError("too_long", "station_name", max_len=60, length=75))
    assert "60" in text and "75" in text


def test_unknown_code_gets_a_generic_message_with_the_code(qapp):
    """An unmapped code still yields Chinese text, carrying the code for support staff."""
    text = message_for(StorageError("brand_new_problem"))
    assert "brand_new_problem" in text
    assert "操作没有完成" in text
    assert "意外错误" in message_for(RuntimeError("boom"))


def test_field_name_prefixes_a_validation_message_shown_away_from_its_field(qapp):
    """message_with_field names the field (联络站编码) for a form-level error."""
    text = message_with_field(ValidationError("station_code_format", "station_code"))
    assert text.startswith("联络站编码：")
