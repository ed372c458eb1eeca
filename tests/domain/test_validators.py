from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stationdesk.domain.errors import ValidationError
from stationdesk.domain.validators import (
    Phone,
    citizen_id_check_char,
    clean_text,
    validate_citizen_id,
    validate_mobile,
    validate_person_name,
    validate_phone,
)

TODAY = date(2026, 3, 1)
ID_CHARS = "0123456789X"


def make_id(address: str, birth: date, seq: int) -> str:
    first17 = f"{address}{birth:%Y%m%d}{seq:03d}"
    return first17 + citizen_id_check_char(first17)


def error_code(func: object, *args: object, **kwargs: object) -> str:
    assert callable(func)
    with pytest.raises(ValidationError) as info:
        func(*args, **kwargs)
    return info.value.code


valid_ids = st.builds(
    make_id,
    st.from_regex(r"[0-9]{6}", fullmatch=True),
    st.dates(min_value=date(1800, 1, 1), max_value=TODAY),
    st.integers(min_value=0, max_value=999),
)


# --- citizen ID ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["11010519491231002X", "440524188001010014", "360426199101010071"]
)
def test_reference_ids_are_valid(value: str) -> None:
    """The GB 11643 reference vectors are accepted unchanged."""
    assert validate_citizen_id(value) == value


def test_lowercase_x_is_upper_cased() -> None:
    """A lowercase check character x is accepted and normalised to X."""
    assert validate_citizen_id("11010519491231002x") == "11010519491231002X"


@pytest.mark.parametrize("value", ["360426199101010072", "230307196304054513"])
def test_reference_checksum_failures(value: str) -> None:
    """The reference vectors with a wrong check character fail with id_checksum."""
    assert error_code(validate_citizen_id, value) == "id_checksum"


def test_reference_impossible_date() -> None:
    """February 30th in the birth-date part fails with id_date."""
    assert error_code(validate_citizen_id, "110105194902300021") == "id_date"


def test_birth_date_outside_1800_to_today_is_rejected() -> None:
    """Birth dates before 1800 or after today fail with id_date, even with a correct checksum."""
    assert error_code(validate_citizen_id, make_id("110105", date(1799, 12, 31), 1)) == "id_date"
    assert validate_citizen_id(make_id("110105", date(1800, 1, 1), 1)).startswith("110105")
    future = make_id("110105", date(2026, 3, 2), 1)
    assert error_code(validate_citizen_id, future, today=TODAY) == "id_date"
    assert validate_citizen_id(make_id("110105", TODAY, 1), today=TODAY).startswith("110105")


def test_check_char_of_reference_example() -> None:
    """citizen_id_check_char computes X for the standard's own example."""
    assert citizen_id_check_char("11010519491231002") == "X"


@pytest.mark.parametrize("bad", ["1101051949123100", "1101051949123100２", "1101051949123100a"])
def test_check_char_rejects_non_digit_input(bad: str) -> None:
    """citizen_id_check_char only takes exactly 17 ASCII digits."""
    with pytest.raises(ValueError):
        citizen_id_check_char(bad)


def test_legacy_15_digit_numbers_are_rejected() -> None:
    """15-digit GB 11643-1989 numbers are rejected with their own code (documented policy)."""
    assert error_code(validate_citizen_id, "110105491231002") == "id_legacy_15"


@pytest.mark.parametrize(
    "value", ["1101051949123100", "11010519491231002XX", "1101051949123100Y2", "11010519491231X02"]
)
def test_bad_id_shapes_are_rejected(value: str) -> None:
    """Wrong length or stray letters fail with id_format."""
    assert error_code(validate_citizen_id, value) == "id_format"


def test_empty_id_is_required() -> None:
    """An empty or blank ID number fails with required."""
    assert error_code(validate_citizen_id, "   ") == "required"


def test_id_spaces_are_removed() -> None:
    """Spaces (ASCII or ideographic) typed inside the number are dropped."""
    assert validate_citizen_id(" 110105 19491231\u3000002X ") == "11010519491231002X"


def test_id_error_carries_field() -> None:
    """The error names the field it was called for."""
    with pytest.raises(ValidationError) as info:
        validate_citizen_id("bad", field="guardian_id")
    assert info.value.field == "guardian_id"


@pytest.mark.parametrize("address", ["810000", "820000", "830000", "932000"])
def test_hk_macao_taiwan_and_foreigner_numbers_pass(address: str) -> None:
    """Address codes are not checked against a table: 81/82/83 and 9-prefixed numbers pass."""
    value = make_id(address, date(1990, 5, 17), 123)
    assert validate_citizen_id(value) == value


@given(valid_ids)
def test_generated_valid_ids_are_accepted(value: str) -> None:
    """Any number with a real birth date and a correct check character is accepted."""
    assert validate_citizen_id(value, today=TODAY) == value


@given(valid_ids)
def test_every_single_substitution_is_rejected(value: str) -> None:
    """Changing any one character to any other digit (or X) is detected."""
    for i in range(18):
        for ch in ID_CHARS:
            if ch == value[i] or (ch == "X" and i < 17):
                continue
            changed = value[:i] + ch + value[i + 1 :]
            assert citizen_id_check_char(changed[:17]) != changed[17]
            with pytest.raises(ValidationError):
                validate_citizen_id(changed, today=TODAY)


@given(valid_ids)
def test_every_adjacent_transposition_is_rejected(value: str) -> None:
    """Swapping any two neighbouring different characters is detected."""
    for i in range(17):
        if value[i] == value[i + 1]:
            continue
        swapped = value[:i] + value[i + 1] + value[i] + value[i + 2 :]
        with pytest.raises(ValidationError):
            validate_citizen_id(swapped, today=TODAY)
        if "X" not in swapped[:17]:
            assert citizen_id_check_char(swapped[:17]) != swapped[17]


@given(valid_ids)
def test_full_width_digits_normalise(value: str) -> None:
    """Full-width digits and Ｘ/ｘ (typed in a Chinese IME) are NFKC-normalised and accepted."""
    full = "".join(chr(ord(c) + 0xFEE0) for c in value.replace("X", "x"))
    assert validate_citizen_id(full, today=TODAY) == value


@given(valid_ids)
def test_arabic_indic_digits_are_rejected(value: str) -> None:
    """Arabic-Indic digits survive NFKC and must not pass as ASCII digits."""
    arabic = "".join(chr(0x0660 + int(c)) if c.isdigit() else c for c in value)
    assert error_code(validate_citizen_id, arabic, today=TODAY) == "id_format"


# --- phones -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "13812345678",
        "+8613812345678",
        "+86 138 1234 5678",
        "0086-138-1234-5678",
        "8613812345678",
        "(+86)138-1234-5678",
        "１３８１２３４５６７８",
        " 138 1234 5678 ",
        "138—1234—5678",
    ],
)
def test_mobile_spellings_normalise(typed: str) -> None:
    """Country prefixes, spaces, hyphens, parentheses and full-width digits normalise away."""
    assert validate_phone(typed) == Phone("mobile", "13812345678")


@pytest.mark.parametrize(
    "typed",
    [
        "12345678901",  # 12… is not a mobile prefix
        "11012345678",
        "138123456789",  # 12 digits
        "1381234567",  # 10 digits
        "1440123456789",  # 13-digit IoT number
        "+8612345678901",
        "+86010-12345678",  # +86 is only stripped before a mobile number
        "١٣٨١٢٣٤٥٦٧٨",  # Arabic-Indic digits
        "138-1234-567a",
        "0379-123456",  # local part too short
        "010-123456789",  # local part too long
        "0012345678",
    ],
)
def test_bad_phones_are_rejected(typed: str) -> None:
    """Numbers that are neither a mainland mobile nor a landline fail with phone_format."""
    assert error_code(validate_phone, typed) == "phone_format"


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("010-12345678", "010-12345678"),
        ("01012345678", "010-12345678"),
        ("(021)12345678", "021-12345678"),
        ("0379-6123456", "0379-6123456"),
        ("0379 61234567", "0379-61234567"),
        ("０３７９－６１２３４５６", "0379-6123456"),
    ],
)
def test_landlines_normalise(typed: str, number: str) -> None:
    """Landlines split into a 3-digit (01x/02x) or 4-digit area code and a 7–8 digit number."""
    assert validate_phone(typed) == Phone("landline", number)


@pytest.mark.parametrize("typed", ["", "   ", "--()"])
def test_empty_phone_is_required(typed: str) -> None:
    """An empty phone (after removing separators) fails with required."""
    assert error_code(validate_phone, typed) == "required"


def test_validate_mobile() -> None:
    """validate_mobile returns the bare number and refuses landlines with phone_not_mobile."""
    assert validate_mobile("+86 139-0000-1111") == "13900001111"
    assert error_code(validate_mobile, "0379-6123456", field="contact") == "phone_not_mobile"


@given(
    st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
    st.sampled_from(["", "+86", "0086", "86", "+86 "]),
    st.sampled_from(["", " ", "-"]),
)
def test_mobile_round_trip(number: str, prefix: str, sep: str) -> None:
    """Any mobile number written with any prefix and separator normalises to itself."""
    typed = prefix + number[:3] + sep + number[3:7] + sep + number[7:]
    assert validate_phone(typed) == Phone("mobile", number)


# --- names --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("张三", "张三"),
        ("欧阳娜娜", "欧阳娜娜"),
        ("阿卜杜·买买提", "阿卜杜·买买提"),
        ("阿卜杜•买买提", "阿卜杜·买买提"),
        ("阿卜杜・买买提", "阿卜杜·买买提"),
        ("  李  四 ", "李 四"),
        ("王〇", "王〇"),
        ("㐀明", "㐀明"),  # Extension A
        ("\U00020000明", "\U00020000明"),  # Extension B
        ("John Smith", "John Smith"),
        ("O'Brien", "O'Brien"),
        ("O\u2019Brien", "O'Brien"),
        ("Jean-Luc Lü", "Jean-Luc Lü"),
    ],
)
def test_names_accepted(typed: str, name: str) -> None:
    """CJK (incl. extensions), Latin letters, middle dots, spaces, apostrophes and hyphens pass."""
    assert validate_person_name(typed) == name


@pytest.mark.parametrize("typed", ["张3", "李四2号", "张@", "李\n四", "·", "-", "Анна", "张😀"])
def test_names_rejected(typed: str) -> None:
    """Digits, symbols, other scripts, line breaks or no letter at all fail with name_characters."""
    assert error_code(validate_person_name, typed) == "name_characters"


def test_name_required_and_length() -> None:
    """Names are required and limited to 40 characters."""
    assert error_code(validate_person_name, " \u3000") == "required"
    assert error_code(validate_person_name, "李" * 41) == "too_long"
    assert validate_person_name("李" * 40) == "李" * 40


# --- clean_text ---------------------------------------------------------------------------------


def test_clean_text_keeps_newlines_and_tabs() -> None:
    """Inner tab, LF and CR are kept; outer whitespace is stripped."""
    assert clean_text("  第一行\n第二行\t完\r\n ", "content", 100) == "第一行\n第二行\t完"


def test_clean_text_removes_controls() -> None:
    """NUL, other C0 controls and DEL are removed."""
    assert clean_text("a\x00b\x07c\x1bd\x7fe", "content", 100) == "abcde"


def test_clean_text_normalises_nfc() -> None:
    """Decomposed characters are composed (NFC)."""
    assert clean_text("e\u0301", "content", 10) == "\u00e9"


def test_clean_text_rejects_lone_surrogate() -> None:
    """A lone surrogate (broken clipboard data) fails with invalid_characters."""
    assert error_code(clean_text, "abc\ud800", "content", 100) == "invalid_characters"


def test_clean_text_too_long_is_an_error_not_a_truncation() -> None:
    """Over-long text raises too_long with max_len and length instead of being cut."""
    with pytest.raises(ValidationError) as info:
        clean_text("a" * 11, "summary", 10)
    assert info.value.code == "too_long"
    assert info.value.field == "summary"
    assert info.value.params == {"max_len": 10, "length": 11}


def test_clean_text_length_counts_after_cleaning() -> None:
    """Stripped whitespace and removed controls do not count towards max_len."""
    assert clean_text("  " + "a" * 10 + "\x00 ", "content", 10) == "a" * 10


def test_clean_text_required() -> None:
    """Empty text is fine unless required."""
    assert clean_text(" \x00 ", "note", 10) == ""
    assert error_code(clean_text, " \x00 ", "note", 10, required=True) == "required"


_ANY_CHAR = st.characters(exclude_categories=())


@given(st.text() | st.text(_ANY_CHAR), st.integers(min_value=0, max_value=30), st.booleans())
def test_clean_text_never_crashes(value: str, max_len: int, required: bool) -> None:
    """Any string gives a ValidationError or a clean, bounded, idempotent result."""
    try:
        result = clean_text(value, "content", max_len, required)
    except ValidationError as error:
        assert error.code in {"invalid_characters", "required", "too_long"}
        return
    assert len(result) <= max_len
    assert result == result.strip()
    assert not any((ord(c) < 32 and c not in "\t\n\r") or c == "\x7f" for c in result)
    assert clean_text(result, "content", max_len, required) == result
