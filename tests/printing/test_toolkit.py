"""The shared PDF toolkit: station header, page numbers, repeated table header, the one font."""

from __future__ import annotations

import re

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from stationdesk.printing import toolkit
from tests.printing.poppler import fonts, page_sizes, text


def test_a_long_table_runs_over_pages_with_header_numbers_and_only_our_font(tmp_path):
    """120 rows: several A4 pages, each with the station header, 第 N 页 / 共 M 页, the header row."""
    st = toolkit.styles(10)
    rows = [[f"{n:03d}", f"代表{n}", "东关村 <第一网格> & 西关社区"] for n in range(120)]
    flow = [
        toolkit.para("代表名册", st.title),
        toolkit.grid_table(["序号", "姓名", "联系网格"], rows, st, [20 * mm, 40 * mm, 100 * mm]),
        toolkit.QrCode("410205-01-2026-01-00123K", 30 * mm),
    ]
    spec = toolkit.PageSpec(size=A4, header="测试联络站", footer="生成于 2026-11-26")
    pdf = tmp_path / "table.pdf"
    pdf.write_bytes(toolkit.build(flow, spec, title="代表名册"))

    sizes = page_sizes(pdf)
    total = len(sizes)
    assert total >= 3
    assert all(abs(w - A4[0]) < 0.5 and abs(h - A4[1]) < 0.5 for w, h in sizes)
    words = text(pdf)
    pages = words.split("\f")[:total]
    for number, page in enumerate(pages, start=1):
        flat = re.sub(r"\s+", "", page)
        assert "测试联络站" in flat
        assert f"第{number}页/共{total}页" in flat
        assert "序号姓名联系网格" in flat  # the header row repeats
    flat = re.sub(r"\s+", "", words)
    assert all(f"代表{n}" in flat for n in range(120))
    assert "东关村<第一网格>&西关社区" in flat
    rows_found = fonts(pdf)
    assert [r["name"].split("+")[1] for r in rows_found] == ["WenQuanYiMicroHei-0"]
    assert rows_found[0]["emb"] == rows_found[0]["sub"] == "yes"
