"""台账 on paper: only our subset font, header and case numbers readable, phones masked."""

from __future__ import annotations

from datetime import timedelta

import pytest

from stationdesk.printing.ledger_sheet import LedgerSheet, render_ledger_sheet
from stationdesk.services.demo import generate
from stationdesk.services.ledgers import KINDS, LEDGERS, ledger_keys, ledger_pdf, ledger_rows
from tests.printing.poppler import flat, page_sizes, subset_fonts


def _sheet(rows: tuple[tuple[str, ...], ...]) -> LedgerSheet:
    return LedgerSheet(
        title="问题清单",
        station="测试联络站（410205-01）",
        period="2026-11-01 至 2026-11-30",
        generated="2026-11-26 10:30",
        rule="接待登记日期在期间内的全部问题",
        headers=("序号", "案件编号", "反映问题"),
        widths=(8, 38, None),
        rows=rows,
    )


def test_every_ledger_prints_on_a4_landscape_masked(ctx, tmp_path):
    """pdffonts: the embedded subset only; pdftotext: header, case numbers, no full phone."""
    generate(ctx, visits=300, seed=2)
    today = ctx.clock().date()
    start = today - timedelta(days=20)
    phones = [
        r[0]
        for r in ctx.db.query("SELECT visitor_phone FROM visit WHERE visitor_phone IS NOT NULL")
    ]
    assert len(phones) > 100
    for kind in KINDS:
        pdf = tmp_path / f"{kind}.pdf"
        pdf.write_bytes(ledger_pdf(ctx, kind, start, today))
        assert set(subset_fonts(pdf)) == {"WenQuanYiMicroHei-0"}, kind
        assert all(w > h for w, h in page_sizes(pdf)), kind  # landscape
        text = flat(pdf)
        spec = LEDGERS[kind]
        assert spec.title in text and "案件编号" in text and "收录范围" in text
        assert "第1页/共" in text
        keys = ledger_keys(ctx, kind, start, today)
        assert keys, kind
        first, last = ledger_rows(ctx, kind, start, today, [keys[0], keys[-1]])
        assert first[1] in text and last[1] in text  # the first and the last case number
        assert not [p for p in phones if p in text], kind
    audits = ctx.db.query("SELECT count(*) FROM audit_log WHERE action = 'export.ledger'")[0][0]
    assert audits == len(KINDS)


def test_header_repeats_and_empty_ledgers_say_so(tmp_path):
    """A long ledger's header is on every page; an empty one prints a sentence, not a table."""
    rows = tuple((str(i), f"410205-01-2026-01-{i:06d}", "路灯坏了" * 20) for i in range(1, 200))
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(render_ledger_sheet(_sheet(rows)))
    from tests.printing.poppler import flat_pages

    pages = flat_pages(pdf)
    assert len(pages) > 3
    assert all("案件编号" in p and "反映问题" in p for p in pages)
    assert f"第{len(pages)}页/共{len(pages)}页" in pages[-1]
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(render_ledger_sheet(_sheet(())))
    assert "本期间没有记录" in flat(empty)
    with pytest.raises(ValueError):
        render_ledger_sheet(_sheet((("1", "x"),)))
