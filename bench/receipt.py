"""Benchmark: one A4 two-part receipt vs a minimal ReportLab page with the same font and text.

The baseline registers the same TrueType font (subset-embedded), and draws every text line
our slip prints, with drawString, on one A4 page: ReportLab's floor for that text. Ours lays
the slip out (CJK line wrapping, the QR code, cut line, stamp box). Each run is a different
case (number, query code, visitor, summary), on both sides, so nothing case-specific is
reused from an earlier run; the station's fixed texts repeat, as they do at a station.
Prints both medians after warm-up and the ratio (goals: ours ≤ 50 ms, ratio ≤ 2.0).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from stationdesk.domain.enums import Channel, Track
from stationdesk.printing.fonts import font_name
from stationdesk.printing.receipt import ReceiptData, ReceiptFormat, render_receipt

DATA = ReceiptData(
    station_name="涧西区天津路街道人大代表联络站",
    station_phone="0379-64321234",
    office_hours="工作日 9:00-17:00",
    case_no="410205-01-2026-01-00123K",
    query_code="7K3M-QX9P-4",
    query_url=None,
    received_at=datetime(2026, 11, 26, 10, 30),
    visitor_masked="李*",
    phone_masked="138****5678",
    channel=Channel.WALK_IN,
    category="城乡建设",
    summary="小区门口路灯坏了三个月，晚上出行不安全，希望尽快修复。另外小区停车难问题突出，希望协调。",
    track=Track.SUPERVISE,
    reply_by=date(2026, 12, 10),
    referred_to=None,
    deputies=("张建国", "王秀英"),
    clerk_no="A017",
    notice="您提供的个人信息仅用于办理本次反映的事项，由本联络站和县人大常委会办公室保管，"
    "事项办结后保存五年；如需查阅、更正，请联系本站。",
)


SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
ISSUES = ("路灯坏了", "停车难", "医保缴费", "垃圾清运不及时", "道路积水", "噪音扰民", "低保申请")


def _case(n: int) -> ReceiptData:
    """The n-th case: its own number, code, visitor and summary."""
    issue = ISSUES[n % len(ISSUES)]
    return replace(
        DATA,
        case_no=f"410205-01-2026-01-{n:05d}{'0123456789ABCDEFGHJK'[n % 20]}",
        query_code=f"{n % 10000:04d}-QX9P-{n % 10}",
        visitor_masked=SURNAMES[n % len(SURNAMES)] + "*",
        phone_masked=f"13{n % 10}****{n % 10000:04d}",
        summary=f"{issue}（第{n}号）：" + DATA.summary[: 40 - len(str(n))],
    )


def _lines(data: ReceiptData) -> list[str]:
    """Every line of text the A4 slip prints (stub and resident's part)."""
    fields = [
        "接待时间 2026-11-26 10:30",
        f"来访人 {data.visitor_masked}",
        f"联系电话 {data.phone_masked}",
        "来访方式 来访",
        "问题类别 城乡建设",
        "反映事项 " + data.summary,
        "办理方式 联络站督办",
        "答复时限 2026年12月10日前答复",
        "接待代表 张建国、王秀英",
        "经办人工号 A017",
    ]
    stub = [
        "第一联　存根联（联络站留存）",
        f"{DATA.station_name}　来访事项受理回执（存根联）",
        f"受理编号 {data.case_no}",
        f"查询码 {data.query_code}",
        *fields,
        "回执已交来访人。　经办人签字：______________　　日期：______________",
    ]
    part = [
        "沿此线剪开",
        "第二联　回执联（交来访人）",
        DATA.station_name,
        "来访事项受理回执",
        "受理编号",
        data.case_no,
        f"查询码  {data.query_code}",
        *fields,
        "查询办理进度：致电 0379-64321234（工作日 9:00-17:00），凭受理编号和查询码到站询问。",
        "个人信息告知：" + DATA.notice,
        "盖章处",
    ]
    return stub + part


def _baseline(data: ReceiptData) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, initialFontName=font_name())
    canvas.setFont(font_name(), 10.5)
    y = A4[1] - 40
    for line in _lines(data):
        canvas.drawString(40, y, line[:60])
        y -= 15
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _medians_ms(fns: dict[str, Callable[[ReceiptData], object]], runs: int) -> dict[str, float]:
    """Median time of each function, run interleaved on the same cases (drift hits all alike)."""
    for n in range(3):
        for fn in fns.values():
            fn(_case(90_000 + n))  # warm-up: font registered, glyph tables filled
    times: dict[str, list[float]] = {name: [] for name in fns}
    for n in range(runs):
        data = _case(n)
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn(data)
            times[name].append(time.perf_counter() - t0)
    return {name: statistics.median(t) * 1000 for name, t in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=51)
    args = parser.parse_args()
    medians = _medians_ms(
        {
            "ours": lambda d: render_receipt(d, ReceiptFormat.A4),
            "base": _baseline,
            "a5": lambda d: render_receipt(d, ReceiptFormat.A5),
            "80mm": lambda d: render_receipt(d, ReceiptFormat.ROLL_80),
        },
        args.runs,
    )
    ours, base = medians["ours"], medians["base"]
    print(
        f"receipt A4 two-part: ours {ours:.1f} ms  minimal page {base:.1f} ms  "
        f"ratio {ours / base:.2f}"
    )
    print("goals: ours <= 50 ms median; ratio <= 2.0")
    print(f"receipt a5: ours {medians['a5']:.1f} ms  80mm: ours {medians['80mm']:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
