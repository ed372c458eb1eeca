"""`stationdesk report`: a period's figures and breakdowns (统计报表) as JSON."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stationdesk.domain.errors import ValidationError

if TYPE_CHECKING:
    from stationdesk.services.context import Opener


def add_parsers(sub: Any) -> None:
    """Add the report subcommand to the main parser's subparsers."""
    p = sub.add_parser("report", help="统计报表：一段时期的各项数字和分类统计")
    p.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--format", choices=["json"], default="json", help="输出格式（目前为 json）")
    p.add_argument("-o", "--output", metavar="FILE", help="写入文件（默认输出到屏幕）")


def _day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError("invalid_date", field) from None


def _rate(value: object) -> float | None:
    """An exact fraction as a number with four decimals (None stays None)."""
    return None if value is None else round(float(value), 4)  # type: ignore[arg-type]


def _cmd_report(opener: Opener, args: argparse.Namespace) -> int:
    from stationdesk.services.statistics import BREAKDOWNS, report

    start, end = _day(args.date_from, "from"), _day(args.date_to, "to")
    result = report(opener(), start, end)
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
        out = Path(args.output)
        part = out.with_name(out.name + ".part")
        part.write_text(text + "\n", encoding="utf-8")
        part.replace(out)
        print(f"已写入 {out}")
    else:
        print(text)
    return 0


COMMANDS: dict[str, Callable[[Opener, argparse.Namespace], int]] = {"report": _cmd_report}
