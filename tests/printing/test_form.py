"""Line wrapping for forms: nothing ever wider than the line, Latin words kept whole, 禁则."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth

from stationdesk.printing.fonts import drawable, font_name
from stationdesk.printing.form import wrap

SIZE, WIDTH = 10.0, 100.0
PUNCT_SLACK = stringWidth("，", font_name(), SIZE)  # one hanging mark at most


def _width(line: str) -> float:
    return stringWidth(line, font_name(), SIZE)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "路灯",
                "停车难",
                "，",
                "。",
                " ",
                "https://rd.example.gov.cn/q?no=1",
                "4102050120260100123K",
                "9:00-17:00",
                "a",
                "😀",
                "\u202e",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_no_line_is_wider_than_the_width_plus_one_hanging_mark(text):
    """Every line fits (one closing mark may hang); joined back, no character is lost."""
    lines = wrap(text, SIZE, WIDTH)
    assert all(_width(line) <= WIDTH + PUNCT_SLACK + 0.01 for line in lines), lines
    assert "".join(lines).replace(" ", "") == drawable(text).replace(" ", "")


def test_latin_words_move_whole_and_long_ones_split():
    """A word that fits on the next line moves there whole; a longer one is split to fit."""
    lines = wrap("联系 9:00-17:00", SIZE, 60)
    assert "9:00-17:00" in lines[-1]
    long = wrap("联系 https://rd.example.gov.cn/query?no=410205-01", SIZE, WIDTH)
    assert all(_width(line) <= WIDTH for line in long)
    assert "".join(long).replace(" ", "") == "联系https://rd.example.gov.cn/query?no=410205-01"


def test_closing_punctuation_does_not_start_a_line():
    """One comma hangs at the end of a full line instead of opening the next."""
    per_line = int(WIDTH // _width("路"))
    lines = wrap("路" * per_line + "，后面", SIZE, WIDTH)
    assert lines[0].endswith("，") and lines[1] == "后面"
