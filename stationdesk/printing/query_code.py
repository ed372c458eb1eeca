"""The receipt's query code: 8 random characters of the case id plus a check character."""

from __future__ import annotations

import uuid

from stationdesk.domain.case_numbers import mod37_36_check

# Crockford's base-32 digits: no I, L, O or U, so the code reads back without confusion.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_BITS = 40  # 8 characters; from the 62 random bits of the case's UUIDv7


def query_code(case_id: str) -> str:
    """The query code ("7K3M-QX9P-4") of a case: unguessable from its number, same at the county.

    The county holds the same case id, so it computes the same code without a stored column.
    """
    value = uuid.UUID(case_id).int & ((1 << _BITS) - 1)
    chars = []
    for _ in range(_BITS // 5):
        chars.append(_ALPHABET[value & 31])
        value >>= 5
    payload = "".join(reversed(chars))
    return f"{payload[:4]}-{payload[4:]}-{mod37_36_check(payload)}"


_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})


def is_valid_query_code(text: str) -> bool:
    """Whether text is a well-formed query code with the right check character.

    Read the way people copy codes: any case, and I, L and O taken as 1, 1 and 0 (the
    check character can be any of 0-9A-Z, so it is compared after the same reading).
    """
    parts = text.strip().upper().translate(_READ_AS).split("-")
    if [len(p) for p in parts] != [4, 4, 1]:
        return False
    payload = parts[0] + parts[1]
    if any(ch not in _ALPHABET for ch in payload):
        return False
    return mod37_36_check(payload).translate(_READ_AS) == parts[2]
