"""The roster service on a real station file: validation, edits by diff, photos, status history."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from stationdesk.domain.enums import DeputyLevel
from stationdesk.domain.errors import ValidationError
from stationdesk.services.roster import (
    ContactInput,
    TermInput,
    get_deputy,
    list_deputies,
    photo_bytes,
    save_deputy,
    set_photo,
    set_status,
)
from tests.services.roster_factories import add_deputy, add_grid, deputy_input, jpeg


def _outbox(ctx, entity):
    return ctx.db.query("SELECT op, entity_id FROM sync_outbox WHERE entity = ?", (entity,))


def test_new_deputy_is_saved_with_levels_grids_contacts_and_history(ctx):
    grid = add_grid(ctx, "红旗村第一网格", "红旗村")
    did = add_deputy(ctx, grid_ids=(grid,))
    d = get_deputy(ctx, did)
    assert d.summary.name == "张建国"
    assert d.summary.levels == (DeputyLevel.COUNTY, DeputyLevel.TOWNSHIP)
    assert d.summary.level_text == "县(区)人大代表、乡(镇)人大代表"
    assert d.summary.constituency == "第三选区"
    assert d.summary.grids == ("红旗村第一网格",)
    assert d.summary.phone_masked == "138****5678"
    assert d.contacts == (ContactInput("红旗村三组", "红旗村", 12, "每季度走访"),)
    assert [(h.status, h.note) for h in d.history] == [("serving", "录入名册")]
    # every row reaches the outbox; the audit row names fields, never the phone number
    assert len(_outbox(ctx, "deputy")) == 1
    assert len(_outbox(ctx, "deputy_term")) == 2
    assert len(_outbox(ctx, "deputy_status_change")) == 1
    detail = ctx.db.query("SELECT detail FROM audit_log WHERE action = 'deputy_add'")
    assert len(detail) == 1 and "13812345678" not in detail[0][0]


def test_edit_changes_only_what_changed_and_keeps_the_phone_unless_retyped(ctx):
    did = add_deputy(ctx)
    before = len(ctx.db.query("SELECT 1 FROM sync_outbox"))
    terms = (
        TermInput(DeputyLevel.COUNTY, "县第十七届人民代表大会", "第十七届", "第三选区"),
    )  # the township term is dropped
    save_deputy(ctx, deputy_input(unit="镇农业服务中心", phone=None, terms=terms), did)
    d = get_deputy(ctx, did)
    assert d.summary.unit == "镇农业服务中心"
    assert d.summary.phone_masked == "138****5678"
    assert d.summary.levels == (DeputyLevel.COUNTY,)
    new_rows = ctx.db.query(
        "SELECT entity, op FROM sync_outbox ORDER BY seq LIMIT -1 OFFSET ?", (before,)
    )
    assert sorted(new_rows) == [("deputy", "put"), ("deputy_term", "delete")]
    # saving the same values again changes nothing and writes nothing
    save_deputy(ctx, deputy_input(unit="镇农业服务中心", phone=None, terms=terms), did)
    assert len(ctx.db.query("SELECT 1 FROM sync_outbox")) == before + 2


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"terms": ()}, "deputy_needs_level", "terms"),
        ({"phone": "12345"}, "phone_format", "phone"),
        ({"unit": "单" * 101}, "too_long", "unit"),
        (
            {"terms": (TermInput(DeputyLevel.CITY, "", "第十六届"),)},
            "required",
            "terms.0.congress",
        ),
        (
            {
                "terms": (
                    TermInput(DeputyLevel.CITY, "市人大", "十六"),
                    TermInput(DeputyLevel.CITY, "市人大", "十六"),
                )
            },
            "duplicate_level",
            "terms.1.level",
        ),
        (
            {"contacts": (ContactInput("三组", households=0),)},
            "out_of_range",
            "contacts.0.households",
        ),
        ({"grid_ids": ("no-such-grid",)}, "unknown_reference", "grid_ids"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(ctx, change, code, field):
    with pytest.raises(ValidationError) as err:
        save_deputy(ctx, deputy_input(**change))
    assert (err.value.code, err.value.field) == (code, field)
    assert ctx.db.query("SELECT count(*) FROM deputy")[0][0] == 0
    assert ctx.db.query("SELECT count(*) FROM sync_outbox")[0][0] == 0


def test_bad_name_is_refused(ctx):
    with pytest.raises(ValidationError) as err:
        save_deputy(ctx, deputy_input("张3"))
    assert err.value.code == "name_characters"


def test_status_change_keeps_history_and_filters(ctx):
    a = add_deputy(ctx, "张建国")
    b = add_deputy(ctx, "李秀英", gender="female")
    today = ctx.clock().date()
    set_status(ctx, b, "transferred", today, "调往县城工作")
    history = get_deputy(ctx, b).history
    assert [(h.status, h.changed_on, h.note) for h in history] == [
        ("serving", today, "录入名册"),
        ("transferred", today, "调往县城工作"),
    ]
    assert [d.id for d in list_deputies(ctx, status="serving")] == [a]
    assert [d.id for d in list_deputies(ctx)] == [a, b]  # serving first
    with pytest.raises(ValidationError) as err:
        set_status(ctx, b, "transferred", today)
    assert err.value.code == "status_unchanged"


def test_filters_by_level_grid_and_text(ctx):
    g1 = add_grid(ctx, "一网格", "红旗村")
    g2 = add_grid(ctx, "二网格", "东风村")
    a = add_deputy(ctx, "张建国", grid_ids=(g1,))
    b = add_deputy(
        ctx, "王敏", grid_ids=(g2,), unit="东风小学",
        terms=(TermInput(DeputyLevel.CITY, "市第十六届人民代表大会", "第十六届"),),
    )  # fmt: skip
    assert [d.id for d in list_deputies(ctx, level=DeputyLevel.CITY)] == [b]
    assert [d.id for d in list_deputies(ctx, level=DeputyLevel.COUNTY)] == [a]
    assert [d.id for d in list_deputies(ctx, grid_id=g1)] == [a]
    assert [d.id for d in list_deputies(ctx, text="小学")] == [b]
    assert [d.id for d in list_deputies(ctx, text="王")] == [b]


def test_photo_is_cropped_to_3_by_4_and_stored_once(ctx):
    did = add_deputy(ctx)
    set_photo(ctx, did, jpeg(1600, 900))  # a wide picture: the sides are cut
    sha = get_deputy(ctx, did).summary.photo_sha256
    assert sha
    stored = photo_bytes(ctx, sha)
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (360, 480) and image.format == "JPEG"
    set_photo(ctx, did, None)
    assert get_deputy(ctx, did).summary.photo_sha256 is None


@pytest.mark.parametrize(
    ("raw", "code"),
    [(b"not an image", "photo_unreadable"), (jpeg(80, 100), "photo_too_small")],
)
def test_bad_photo_is_refused(ctx, raw, code):
    did = add_deputy(ctx)
    with pytest.raises(ValidationError) as err:
        set_photo(ctx, did, raw)
    assert err.value.code == code
    assert get_deputy(ctx, did).summary.photo_sha256 is None


def test_a_picture_declaring_huge_dimensions_is_refused(ctx):
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)  # 400 megapixels, few bytes
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")
    did = add_deputy(ctx)
    with pytest.raises(ValidationError) as err:
        set_photo(ctx, did, png)
    assert err.value.code == "photo_too_large"
