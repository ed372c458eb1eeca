"""The deputies' public board checked with poppler: one font, the cards' text, photos, pages."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A3, A4

from stationdesk.printing.fonts import MISSING
from stationdesk.printing.roster_board import (
    COMMITMENT_EXCERPT,
    BoardData,
    BoardDeputy,
    BoardPaper,
    render_board,
)
from tests.printing.poppler import flat, flat_pages, images, page_sizes, subset_fonts, words

LAYOUTS = [
    (BoardPaper.A4, False, (A4[0], A4[1])),
    (BoardPaper.A4, True, (A4[1], A4[0])),
    (BoardPaper.A3, False, (A3[0], A3[1])),
    (BoardPaper.A3, True, (A3[1], A3[0])),
]
PAPERS = [(paper, landscape) for paper, landscape, _ in LAYOUTS]
COLOURS = ["#7fa7c9", "#c98f7f", "#8fc98f", "#c9b97f", "#a98fc9", "#7fc9c0", "#c97fb0"]
COMMITMENT = (
    "围绕乡村振兴开展调研，年内提出建议不少于六条，每月进站接待群众不少于一次，及时反映群众诉求。"
)


def _jpeg(colour: str, size: tuple[int, int] = (360, 480)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


def _deputy(n: int, *, photo: bool = True, **changes: object) -> BoardDeputy:
    deputy = BoardDeputy(
        name=f"代表{n:02d}号",
        levels=("县人大代表", "镇人大代表"),
        constituency=f"第{n}选区",
        unit=f"红旗村{n}组党支部书记",
        contact=f"联系电话 0379-6512 {n:04d}",
        duty="12月3日上午",
        commitment=COMMITMENT,
        photo=_jpeg(COLOURS[n % len(COLOURS)]) if photo else None,
    )
    return replace(deputy, **changes)  # type: ignore[arg-type]


def _board(
    *deputies: BoardDeputy, qr: str | None = "https://rd.example.gov.cn/s/410205-01"
) -> BoardData:
    return BoardData(
        station_name="红山乡人大代表联络站",
        deputies=deputies,
        qr_payload=qr,
        generated_on=date(2026, 12, 1),
    )


def _write(tmp_path: Path, data: BoardData, paper: BoardPaper, landscape: bool) -> Path:
    path = tmp_path / f"board-{paper.value}-{'l' if landscape else 'p'}.pdf"
    path.write_bytes(render_board(data, paper, landscape=landscape))
    return path


@pytest.mark.parametrize(("paper", "landscape", "size"), LAYOUTS)
def test_every_paper_embeds_only_our_font_and_reads_back_the_cards(
    tmp_path, paper, landscape, size
):
    """pdffonts: the WenQuanYi subset alone; pdftotext: each card's text; pdfinfo: the paper."""
    data = _board(*(_deputy(n, photo=n % 2 == 0) for n in range(1, 6)))
    pdf = _write(tmp_path, data, paper, landscape)

    assert subset_fonts(pdf) == ["WenQuanYiMicroHei-0"]
    sizes = page_sizes(pdf)
    assert sizes and all(s == pytest.approx(size, abs=0.5) for s in sizes)
    words = flat(pdf)
    for expected in (
        "红山乡人大代表联络站",
        "人大代表亮身份公示",
        "有事请扫码",
        "更新于2026年12月1日",
        "县人大代表、镇人大代表",
    ):
        assert expected in words, expected
    for n in range(1, 6):
        for expected in (
            f"代表{n:02d}号",
            f"第{n}选区",
            f"红旗村{n}组党支部书记",
            f"0379-6512{n:04d}",
        ):
            assert expected in words, expected
    excerpt = COMMITMENT[: COMMITMENT_EXCERPT - 1] + "…"
    assert words.count(excerpt) == 5
    assert COMMITMENT not in words  # the board shows the excerpt, never the whole promise


def test_one_jpeg_per_photo_and_a_placeholder_for_the_rest(tmp_path):
    """pdfimages: one image per deputy with a photo, passed through as JPEG; 照片 boxes for the rest."""
    data = _board(*(_deputy(n, photo=n in (1, 2, 4)) for n in range(1, 6)))
    pdf = _write(tmp_path, data, BoardPaper.A4, False)
    found = images(pdf)
    assert len(found) == 3, found
    assert all((i["width"], i["height"], i["enc"]) == ("360", "480", "jpeg") for i in found)
    assert flat(pdf).count("照片") == 2


def test_a_photo_of_another_shape_keeps_its_aspect_and_a_damaged_one_gets_the_box(tmp_path):
    """A square photo is drawn whole (not stretched); bytes that are no image fall back to 照片."""
    data = _board(
        _deputy(1),
        replace(_deputy(2), photo=_jpeg("#336699", (400, 400))),
        replace(_deputy(3), photo=b"\xff\xd8 not really a jpeg"),
    )
    pdf = _write(tmp_path, data, BoardPaper.A4, False)
    found = images(pdf)
    assert sorted((i["width"], i["height"]) for i in found) == [("360", "480"), ("400", "400")]
    assert flat(pdf).count("照片") == 1


def test_no_deputies_prints_one_page_saying_so(tmp_path):
    pdf = _write(tmp_path, _board(), BoardPaper.A4, False)
    assert len(page_sizes(pdf)) == 1
    words = flat(pdf)
    assert "暂无代表信息" in words and "人大代表亮身份公示" in words
    assert subset_fonts(pdf) == ["WenQuanYiMicroHei-0"]


def test_without_a_qr_payload_there_is_no_code(tmp_path):
    pdf = _write(tmp_path, _board(_deputy(1), qr=None), BoardPaper.A4, False)
    assert "有事请扫码" not in flat(pdf)


@pytest.mark.parametrize(("paper", "landscape"), PAPERS)
def test_twenty_deputies_run_over_pages_each_name_once_under_the_same_title(
    tmp_path, paper, landscape
):
    """More cards than a page holds: further pages with the same header; nobody lost or doubled."""
    data = _board(*(_deputy(n, photo=n % 3 != 0) for n in range(1, 21)))
    pdf = _write(tmp_path, data, paper, landscape)
    pages = flat_pages(pdf)
    if (paper, landscape) == (BoardPaper.A4, False):
        assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert "红山乡人大代表联络站" in page and "人大代表亮身份公示" in page
        assert f"第{number}页/共{len(pages)}页" in page
    words = "".join(pages)
    assert all(words.count(f"代表{n:02d}号") == 1 for n in range(1, 21))
    assert len(images(pdf)) == len([n for n in range(1, 21) if n % 3 != 0])


@pytest.mark.parametrize(("paper", "landscape"), PAPERS)
def test_hostile_text_renders_and_the_excerpt_rule_holds(tmp_path, paper, landscape):
    """<b>&, emoji, a 500-character commitment and a 200-character unit: drawn literally, cut."""
    hostile = _deputy(
        1,
        name="<b>&amp;</b>😀",
        levels=("县人大代表<i>", "镇&人大代表"),
        constituency="第三选区\u202e",
        unit="单" * 200,
        contact="微信 <script>alert(1)</script>",
        duty="12月3日上午 & 下午",
        commitment="守" * 500,
    )
    data = replace(_board(hostile, _deputy(2)), station_name="<红山乡>&联络站")
    pdf = _write(tmp_path, data, paper, landscape)
    words = flat(pdf)
    assert "<b>&amp;</b>" + MISSING in words  # drawn literally; the emoji shows as 〓
    assert "县人大代表<i>、镇&人大代表" in words
    assert "<红山乡>&联络站" in words
    assert "<script>alert(1)</script>" in words
    assert "守" * 39 + "…" in words  # at most 40 characters, the mark included
    assert "守" * 40 not in words
    assert "单" * 200 not in words and "单…" in words  # the unit is cut to its lines, marked
    assert subset_fonts(pdf) == ["WenQuanYiMicroHei-0"]


@pytest.mark.parametrize(("paper", "landscape"), PAPERS)
def test_names_are_set_at_14_points_or_more_even_when_the_cards_are_crowded(
    tmp_path, paper, landscape
):
    """A Chinese glyph is one em wide: a name's width over its length is its size in points."""
    names = ["张建国", "李秀英", "王德明", "欧阳娜娜", "赵六", "钱七", "孙八", "周九"]
    crowded = [
        _deputy(n, name=name, unit="单" * 200, contact="联" * 80, commitment="守" * 500)
        for n, name in enumerate(names)
    ]
    long_title = replace(_board(*crowded), station_name="联络站" * 30, title="公示" * 30)
    pdf = _write(tmp_path, long_title, paper, landscape)
    sizes = {w: (x1 - x0) / len(w) for w, x0, _y0, x1, _y1 in words(pdf) if w in names}
    assert set(sizes) == set(names)
    assert min(sizes.values()) >= 14 - 0.01, sizes


def test_a_commitment_that_fits_is_printed_whole_without_a_mark(tmp_path):
    short = "每月进站一次。"
    pdf = _write(tmp_path, _board(_deputy(1, commitment=short)), BoardPaper.A4, False)
    words = flat(pdf)
    assert short in words and "…" not in words
