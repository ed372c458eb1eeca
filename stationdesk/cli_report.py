"""`stationdesk report`: a period's figures and breakdowns (统计报表) as JSON, .xlsx or PDF."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stationdesk.domain.errors import ValidationError

if TYPE_CHECKING:
    from stationdesk.services.context import Opener, ServiceContext


def add_parsers(sub: Any) -> None:
    """Add the report subcommand to the main parser's subparsers."""
    p = sub.add_parser("report", help="统计报表：一段时期的各项数字和分类统计")
    p.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
    p.add_argument(
        "--format", choices=["json", "xlsx", "pdf"], default=None,
        help="输出格式：json（默认）、xlsx 或 pdf；不写时按 -o 文件的扩展名",
    )  # fmt: skip
    p.add_argument("-o", "--output", metavar="FILE", help="写入文件（json 默认输出到屏幕）")


def _day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError("invalid_date", field) from None


def _rate(value: object) -> float | None:
    """An exact fraction as a number with four decimals (None stays None)."""
    return None if value is None else round(float(value), 4)  # type: ignore[arg-type]


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = Path(args.output).suffix.lower().lstrip(".") if args.output else ""
    return suffix if suffix in ("json", "xlsx", "pdf") else "json"


def _write(out: Path, data: bytes) -> None:
    """Write the whole file or nothing: a .part file renamed over the target."""
    part = out.with_name(out.name + ".part")
    part.write_bytes(data)
    part.replace(out)
    print(f"已写入 {out}")


def _pdf(ctx: ServiceContext, start: date, end: date) -> bytes:
    from stationdesk.services.statistics_documents import monthly_report_pdf, period_report_pdf

    following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    if start.day == 1 and end == following - timedelta(days=1):  # a calendar month: 工作月报
        return monthly_report_pdf(ctx, start.year, start.month)
    return period_report_pdf(ctx, start, end)


def _cmd_report(opener: Opener, args: argparse.Namespace) -> int:
    from stationdesk.services.statistics import store_tallies

    ctx = opener()
    _produce(ctx, args)
    store_tallies(ctx)  # the days counted from the cases are kept for the next report
    return 0


def _produce(ctx: ServiceContext, args: argparse.Namespace) -> None:
    from stationdesk.services.statistics import BREAKDOWNS, report

    start, end = _day(args.date_from, "from"), _day(args.date_to, "to")
    fmt = _format(args)
    if fmt in ("pdf", "xlsx") and not args.output:
        raise ValidationError("output_required", "output")
    if fmt == "pdf":
        _write(Path(args.output), _pdf(ctx, start, end))
        return
    if fmt == "xlsx":
        from stationdesk.services.statistics_export import report_xlsx

        print(f"已写入 {report_xlsx(ctx, start, end, Path(args.output))}")
        return
    result = report(ctx, start, end)
    data: dict[str, object] = {"from": start.isoformat(), "to": end.isoformat()}
    for key, value in result.figures.items():
        data[key] = _rate(value) if key.endswith("_rate") else value
    for key in BREAKDOWNS:
        data[f"by_{key}"] = [
            {"key": g.key, "name": g.name, "issues_collected": g.issues_collected,
             "issues_resolved": g.issues_resolved}
            for g in result.breakdowns[key]
        ]  # fmt: skip
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if args.output:
        _write(Path(args.output), (text + "\n").encode("utf-8"))
    else:
        print(text)


COMMANDS: dict[str, Callable[[Opener, argparse.Namespace], int]] = {"report": _cmd_report}
