"""Deputy photos: any common image in, a 3:4 JPEG of 360×480 out, stored by its SHA-256."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from stationdesk.domain.errors import ValidationError

WIDTH, HEIGHT = 360, 480
MAX_INPUT_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 60_000_000
MIN_SIDE = 120


@dataclass(frozen=True, slots=True)
class Photo:
    """A normalised photo ready to store."""

    sha256: str
    data: bytes
    mime: str = "image/jpeg"


def _crop_box(width: int, height: int) -> tuple[int, int, int, int]:
    """The largest 3:4 box: centred across, kept near the top of a tall picture (faces)."""
    if width * 4 > height * 3:  # too wide: cut the sides equally
        new_w = height * 3 // 4
        left = (width - new_w) // 2
        return left, 0, left + new_w, height
    new_h = width * 4 // 3
    top = (height - new_h) // 5  # a fifth of the spare height above, the rest below
    return 0, top, width, top + new_h


def normalise_photo(raw: bytes) -> Photo:
    """Decode, turn upright (EXIF), crop to 3:4 and resize; raises ValidationError("photo_…")."""
    if len(raw) > MAX_INPUT_BYTES:
        raise ValidationError("photo_too_large", "photo", max_mb=MAX_INPUT_BYTES // 2**20)
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError("photo_too_large", "photo", max_mb=MAX_INPUT_BYTES // 2**20)
            image = ImageOps.exif_transpose(probe)
            image.load()
    except Image.DecompressionBombError as exc:  # declares more pixels than any photo has
        raise ValidationError("photo_too_large", "photo", max_mb=MAX_INPUT_BYTES // 2**20) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError("photo_unreadable", "photo") from exc
    if min(image.size) < MIN_SIDE:
        raise ValidationError("photo_too_small", "photo", min_side=MIN_SIDE)
    rgb = image.convert("RGB")
    cropped = rgb.crop(_crop_box(*rgb.size)).resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    cropped.save(out, "JPEG", quality=85, optimize=True)
    data = out.getvalue()
    return Photo(hashlib.sha256(data).hexdigest(), data)
