"""Roster fixtures for service and UI tests: grids, deputies and a JPEG made with Pillow."""

from __future__ import annotations

import io
from datetime import datetime

from PIL import Image

from stationdesk.domain.enums import DeputyLevel
from stationdesk.domain.ids import new_id
from stationdesk.services.context import ServiceContext
from stationdesk.services.roster import ContactInput, DeputyInput, TermInput, save_deputy


def add_grid(ctx: ServiceContext, name: str, village: str) -> str:
    """A grid row as the county's reference data would bring it."""
    gid = new_id()
    now = datetime.now().astimezone().isoformat(timespec="milliseconds")
    with ctx.db.write_core() as conn:
        st = conn.exec_driver_sql("SELECT id, device_id FROM station").one()
        conn.exec_driver_sql(
            "INSERT INTO grid (id, station_id, created_by_device, created_at, updated_at, name, "
            "village) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (gid, st[0], st[1], now, now, name, village),
        )
    return gid


def deputy_input(name: str = "张建国", **kw: object) -> DeputyInput:
    """A county and township deputy with a commitment and one contact household."""
    fields: dict[str, object] = {
        "terms": (
            TermInput(DeputyLevel.COUNTY, "县第十七届人民代表大会", "第十七届", "第三选区"),
            TermInput(DeputyLevel.TOWNSHIP, "镇第十七届人民代表大会", "第十七届", "红旗村选区"),
        ),
        "gender": "male",
        "unit": "红旗村党支部",
        "occupation": "党支部书记",
        "professional_group": "农业农村组",
        "public_contact": "0379-65123456",
        "phone": "13812345678",
        "commitment": "每月进站接待群众不少于一次，办好群众身边的小事。",
        "contacts": (ContactInput("红旗村三组", "红旗村", 12, "每季度走访"),),
    }
    fields.update(kw)
    return DeputyInput(name=name, **fields)  # type: ignore[arg-type]


def add_deputy(ctx: ServiceContext, name: str = "张建国", **kw: object) -> str:
    """Save a deputy through the service; returns the id."""
    deputy_id, _ = save_deputy(ctx, deputy_input(name, **kw))
    return deputy_id


def jpeg(
    width: int = 600, height: int = 800, colour: tuple[int, int, int] = (200, 40, 40)
) -> bytes:
    """A solid-colour JPEG of the given size."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG")
    return out.getvalue()
