"""Receipt PDFs checked with poppler: embedded subset font, exact Chinese text, no PII, sizes."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4, A5

from stationdesk.domain.enums import Channel, Track
from stationdesk.printing.fonts import MISSING, drawable
from stationdesk.printing.query_code import is_valid_query_code, query_code
from stationdesk.printing.receipt import (
    ROLL_WIDTH,
    ReceiptData,
    ReceiptFormat,
    qr_payload,
    render_receipt,
    summary_of,
)
from stationdesk.services.dto import IssueInput, VisitInput
from stationdesk.services.receipts import receipt_data, save_receipt_settings
from stationdesk.services.reception import register_visit
from stationdesk.services.reference import reference_data
from tests.printing.poppler import fonts, page_sizes, text

MOBILE = re.compile(r"1[3-9]\d{9}")
ID_18 = re.compile(r"\d{17}[\dXx]")
PHONE = "13812345678"
ID_NUMBER = "11010519491231002X"
SIZES = {
    ReceiptFormat.A4: A4,
    ReceiptFormat.A5: A5,
}


def _case(ctx, content: str, **issue: object) -> str:
    category = reference_data(ctx).categories[0]
    visit = VisitInput(
        visitor_name="李四",
        phone=PHONE,
        id_number=ID_NUMBER,
        address="东关村幸福路12号",
        channel=Channel.WALK_IN,
        issues=(
            IssueInput(
                content=content,
                track=Track.SUPERVISE,
                category_id=category.id,
                due_date=date(2026, 12, 10),
                **issue,  # type: ignore[arg-type]
            ),
        ),
    )
    result, _ = register_visit(ctx, visit)
    return result.cases[0].id


def _write(tmp_path: Path, data: ReceiptData, fmt: ReceiptFormat) -> Path:
    path = tmp_path / f"receipt-{fmt.value}.pdf"
    path.write_bytes(render_receipt(data, fmt))
    return path


@pytest.mark.parametrize("fmt", list(ReceiptFormat))
def test_each_format_embeds_the_font_and_reads_back_the_case_without_pii(ctx, tmp_path, fmt):
    """pdffonts: the CJK font embedded as a subset; pdftotext: the data exactly, no phone or ID."""
    save_receipt_settings(
        ctx,
        station_phone="0379-64321234",
        office_hours="工作日 9:00-17:00",
        query_url="",
        notice="",
    )
    content = f"小区门口路灯坏了三个月，我的电话{PHONE}，身份证{ID_NUMBER}，晚上出行不安全"
    case_id = _case(ctx, content)
    data = receipt_data(ctx, case_id, summary="小区门口路灯坏了三个月，晚上出行不安全")
    pdf = _write(tmp_path, data, fmt)

    rows = fonts(pdf)
    assert rows and all(r["emb"] == "yes" and r["sub"] == "yes" for r in rows), rows
    assert any("WenQuanYiMicroHei" in r["name"] for r in rows), rows
    assert all(r["uni"] == "yes" for r in rows), rows

    words = text(pdf)
    flat = re.sub(r"\s+", "", words)
    category = reference_data(ctx).categories[0].name
    for expected in (
        "测试联络站",
        category,
        "小区门口路灯坏了三个月，晚上出行不安全",
        data.case_no,
        data.query_code,
        "138****5678",
        "李*",
        "0379-64321234",
        "2026年12月10日前答复",
    ):
        assert expected in flat, expected
    assert MOBILE.search(flat) is None
    assert ID_18.search(flat) is None
    assert "东关村幸福路" not in flat  # no address on the slip
    if fmt is ReceiptFormat.A4:
        assert "存根联" in flat and "回执联" in flat and "沿此线剪开" in flat and "盖章处" in flat
        assert flat.count(data.case_no) == 2  # on both parts

    (width, height), *more = page_sizes(pdf)
    assert not more  # one page
    if fmt is ReceiptFormat.ROLL_80:
        assert width == pytest.approx(ROLL_WIDTH, abs=0.5)
        assert 250 < height < 800  # as long as the content, not a sheet
    else:
        assert (width, height) == pytest.approx(SIZES[fmt], abs=0.5)


def test_default_summary_is_the_start_of_the_content_at_most_60_characters(ctx, tmp_path):
    """Without the clerk's edit the slip shows the first 60 characters, never the whole text."""
    content = "停车难" * 30  # 90 characters
    data = receipt_data(ctx, _case(ctx, content))
    assert len(data.summary) == 60 and data.summary.endswith("…")
    flat = re.sub(r"\s+", "", text(_write(tmp_path, data, ReceiptFormat.A5)))
    assert "停车难" * 19 in flat and "停车难" * 21 not in flat


def test_a_summary_over_60_characters_is_refused(ctx):
    """The clerk's summary is checked, never cut."""
    from stationdesk.domain.errors import ValidationError

    case_id = _case(ctx, "路灯不亮")
    with pytest.raises(ValidationError) as err:
        receipt_data(ctx, case_id, summary="长" * 61)
    assert err.value.code == "too_long"
    with pytest.raises(ValueError):
        render_receipt(replace(receipt_data(ctx, case_id), summary="长" * 61))


@pytest.mark.parametrize("fmt", list(ReceiptFormat))
def test_hostile_text_renders_and_missing_glyphs_are_marked(ctx, tmp_path, fmt):
    """<b>&, emoji, an RTL override and 5,000 characters of content render without error."""
    hostile = "<b>&amp;</b> 😀 \u202eevil\u202c '; DROP TABLE case_record; --"
    case_id = _case(ctx, hostile + "路" * (5000 - len(hostile) - 1))
    save_receipt_settings(
        ctx, station_phone="<&>", office_hours="&nbsp;", query_url="", notice="<i>告知</i>"
    )
    for summary in (None, hostile):  # the default (start of the 5,000 characters) and typed
        data = receipt_data(ctx, case_id, summary=summary)
        pdf = _write(tmp_path, data, fmt)
        flat = text(pdf)
        squeezed = re.sub(r"\s+", "", flat)
        assert "<b>&amp;</b>" in flat  # drawn literally, never read as markup
        assert squeezed.count(MISSING) >= 2  # the emoji and the RTL override show as 〓
        assert "\u202e" not in flat and "😀" not in flat
        assert "DROPTABLE" in squeezed
        assert "<i>告知</i>" in flat
        assert "路" * 60 not in squeezed  # the 5,000 characters stay off paper


def test_drawable_marks_what_the_font_lacks_and_drops_invisible_controls():
    """Missing glyphs and bidi overrides → 〓 (one each); joiners and selectors leave no mark."""
    assert drawable("路灯😀") == "路灯" + MISSING
    assert drawable("a\u202eb\u200dc\ufe0f") == "a" + MISSING + "bc"
    assert drawable("一\n二\t三") == "一 二 三"
    assert drawable("\x07响") == "响"


def test_query_code_is_checked_and_the_qr_code_holds_no_personal_data(ctx):
    """Query code: 8 characters + check; the QR payload is only the case number and the code."""
    case_id = _case(ctx, "路灯不亮")
    code = query_code(case_id)
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-Z]", code)
    assert is_valid_query_code(code) and is_valid_query_code(code.lower())
    flipped = ("2" if code[0] != "2" else "3") + code[1:]
    assert not is_valid_query_code(flipped)
    assert not is_valid_query_code(code[:-1])  # no check character
    assert not is_valid_query_code(code.replace("-", ""))
    assert query_code(case_id) == code  # the same at the county, from the same case id
    data = receipt_data(ctx, case_id)
    assert qr_payload(data) == f"{data.case_no} {code}"
    with_url = replace(data, query_url="https://rd.example.gov.cn/q?lang=zh")
    assert qr_payload(with_url) == (
        f"https://rd.example.gov.cn/q?lang=zh&no={data.case_no}&code={code}"
    )
    for payload in (qr_payload(data), qr_payload(with_url)):
        assert PHONE not in payload and "5678" not in payload and "李" not in payload


def test_summary_of_flattens_lines():
    assert summary_of("第一行\n第二行  第三行") == "第一行 第二行 第三行"
    assert summary_of("短") == "短"


def test_receipt_data_masks_and_follows_the_settings(ctx):
    """Masked name and phone, the station's notice and query URL from the settings."""
    from stationdesk.domain.errors import ValidationError

    case_id = _case(ctx, "路灯不亮")
    with pytest.raises(ValidationError) as err:
        save_receipt_settings(
            ctx, station_phone="", office_hours="", query_url="javascript:alert(1)", notice=""
        )
    assert err.value.code == "invalid_url"
    save_receipt_settings(
        ctx,
        station_phone="0379-1234567",
        office_hours="周一至周五",
        query_url="https://rd.example.gov.cn/q",
        notice="本站保管五年。",
    )
    data = receipt_data(ctx, case_id)
    assert (data.visitor_masked, data.phone_masked) == ("李*", "138****5678")
    assert data.notice == "本站保管五年。" and data.query_url == "https://rd.example.gov.cn/q"
    assert data.received_at.tzinfo is not None and isinstance(data.received_at, datetime)


def test_query_code_reads_back_when_copied_by_hand():
    """I/L/O typed for 1/1/0, and lower case, still check; a wrong character does not."""
    ids = [f"01a218ef-9dc0-7085-92b2-f7b708da{n:04x}" for n in range(400)]
    codes = [query_code(i) for i in ids]
    with_check_i = next(c for c in codes if c.endswith("-I"))
    assert is_valid_query_code(with_check_i[:-1] + "1")
    assert is_valid_query_code(with_check_i.lower())
    with_zero = next(c for c in codes if "0" in c[:9])
    assert is_valid_query_code(with_zero.replace("0", "O"))
    for code in codes[:50]:
        head = code[0]
        other = "2" if head not in "2" else "3"
        assert not is_valid_query_code(other + code[1:]), code


@pytest.mark.parametrize("fmt", list(ReceiptFormat))
def test_default_summary_masks_a_phone_or_id_at_the_start_of_the_content(ctx, tmp_path, fmt):
    """The clerk keeps the default summary and the content opens with the phone and ID."""
    case_id = _case(ctx, f"{PHONE}是我电话，身份证号{ID_NUMBER}，反映路灯问题")
    data = receipt_data(ctx, case_id)
    assert "138****5678" in data.summary and PHONE not in data.summary
    flat = re.sub(r"\s+", "", text(_write(tmp_path, data, fmt)))
    assert MOBILE.search(flat) is None and ID_18.search(flat) is None
    cut = receipt_data(ctx, _case(ctx, "反" * 43 + ID_NUMBER + "，电话" + PHONE))
    assert re.search(r"\d{8,}", cut.summary) is None, cut.summary  # masked before it was cut
    typed = replace(data, summary=f"电话{PHONE}")  # typed by the clerk into the preview
    flat = re.sub(r"\s+", "", text(_write(tmp_path, typed, fmt)))
    assert MOBILE.search(flat) is None and "138****5678" in flat


@pytest.mark.parametrize("fmt", list(ReceiptFormat))
def test_the_longest_allowed_inputs_still_fit_one_page(ctx, tmp_path, fmt):
    """Station name 60, summary 60, referral 200, notice 200, twenty deputies: one page."""
    case_id = _case(ctx, "路灯不亮")
    data = replace(
        receipt_data(ctx, case_id),
        station_name="联" * 60,
        summary="摘" * 60,
        track=Track.ON_SPOT,
        referred_to="引" * 200,
        notice="告" * 200,
        deputies=tuple(f"代表{n:02d}号" for n in range(20)),
        category="类" * 20,
        clerk_no="A" * 20,
    )
    pdf = _write(tmp_path, data, fmt)  # ReceiptOverflowError if it did not fit
    assert len(page_sizes(pdf)) == 1
    flat = re.sub(r"\s+", "", text(pdf))
    assert "引" * 200 in flat and "告" * 200 in flat
    assert "等20位代表" in flat and "代表06号" not in flat
