"""Password hashing (argon2id, reliability.md §4.2) and the password rules (ASVS V6.2)."""

from __future__ import annotations

import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from stationdesk.domain.errors import ValidationError

MIN_LENGTH = 8
MAX_LENGTH = 128

# The argon2-cffi defaults (RFC 9106 low-memory profile: t=3, m=64 MiB, p=4) are above the
# OWASP minimum; verify takes about 0.2 s on a station PC. Tests may swap in a cheaper one.
_hasher = PasswordHasher()

# The passwords people choose first (most-used lists, Chinese and international) and the
# words of this domain. No composition rules, no rotation (ASVS V6.2).
COMMON = frozenset(
    (
        "123456",
        "1234567",
        "12345678",
        "123456789",
        "1234567890",
        "111111",
        "11111111",
        "000000",
        "00000000",
        "123123",
        "654321",
        "666666",
        "66666666",
        "888888",
        "88888888",
        "112233",
        "121212",
        "123321",
        "147258369",
        "159357",
        "5201314",
        "520520",
        "1314520",
        "woaini",
        "woaini1314",
        "iloveyou",
        "password",
        "password1",
        "passw0rd",
        "p@ssw0rd",
        "qwerty",
        "qwerty123",
        "qwertyuiop",
        "asdfgh",
        "asdfghjkl",
        "zxcvbnm",
        "1q2w3e4r",
        "1qaz2wsx",
        "abc123",
        "abc12345",
        "admin",
        "admin123",
        "admin888",
        "root",
        "test",
        "test123",
        "guest",
        "welcome",
        "letmein",
        "monkey",
        "dragon",
        "sunshine",
        "computer",
        "internet",
        "baseball",
        "football",
        "princess",
        "superman",
        "123qwe",
        "qwe123",
        "aa123456",
        "a123456",
        "a12345678",
        "abcd1234",
        "zhangwei",
        "wangwei",
        "liwei",
        "renda",
        "rendadaibiao",
        "lianluozhan",
        "daibiao",
        "rendaibiao",
        "stationdesk",
        "12345",
        "13579",
        "246810",
        "987654321",
        "7758521",
        "5211314",
        "asd123",
    )
)


def use_hasher(hasher: PasswordHasher) -> PasswordHasher:
    """Replace the hasher (tests use a cheap one); returns the previous."""
    global _hasher
    previous, _hasher = _hasher, hasher
    return previous


def _normalised(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


def check_new_password(password: str, *, context: tuple[str, ...] = ()) -> str:
    """The password if it may be used, else ValidationError on field "password".

    Codes: password_too_short (min_len), password_too_long (max_len), password_common
    (a common password, or built from the username, station name or the like).
    """
    text = _normalised(password)
    if len(text) < MIN_LENGTH:
        raise ValidationError("password_too_short", "password", min_len=MIN_LENGTH)
    if len(text) > MAX_LENGTH:
        raise ValidationError("password_too_long", "password", max_len=MAX_LENGTH)
    folded = text.casefold()
    if folded in COMMON or len(set(folded)) <= 2:
        raise ValidationError("password_common", "password")
    for word in context:
        word = _normalised(word).casefold().strip()
        rest = folded.replace(word, "") if len(word) >= 2 else folded
        if rest != folded and (len(rest) < 5 or rest.isdigit() or rest in COMMON):
            raise ValidationError("password_common", "password")  # admin2026, 王站长123
    return text


def hash_password(password: str) -> str:
    """The PHC string ($argon2id$v=19$m=…) to store."""
    return _hasher.hash(_normalised(password))


def verify_password(stored: str | None, password: str) -> tuple[bool, str | None]:
    """(matches, new hash when the stored one uses old parameters, else None)."""
    if not stored:
        return False, None
    try:
        _hasher.verify(stored, _normalised(password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False, None
    if _hasher.check_needs_rehash(stored):
        return True, _hasher.hash(_normalised(password))
    return True, None
