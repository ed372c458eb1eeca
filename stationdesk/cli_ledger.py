"""`stationdesk ledger KIND`: one of the five 台账 for a period, as .xlsx or PDF."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stationdesk.domain.errors import ValidationError

if TYPE_CHECKING:
    from stationdesk.services.context import Opener

KIND_CHOICES = ("issues", "responsibility", "rectification", "closed", "evaluation")


def add_parsers(sub: Any) -> None:
    """Add the ledger subcommand to the main parser's subparsers."""
    p = sub.add_parser(
        "ledger",
        help="台账：问题清单 issues、责任清单 responsibility、整改清单 rectification、"
        "销号清单 closed、评价清单 evaluation",
    )
    p.add_argument("kind", choices=KIND_CHOICES, metavar="KIND", help=" | ".join(KIND_CHOICES))
    p.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.xlsx 或 FILE.pdf")
    p.add_argument(
        "--format", choices=["xlsx", "pdf"], help="文件格式（默认按文件扩展名：.xlsx 或 .pdf）"
    )
    p.add_argument(
        "--full", action="store_true", help="含完整个人信息（仅站点管理员，须写 --reason，留痕）"
    )
    p.add_argument("--reason", default="", metavar="TEXT", help="完整信息导出的原因")


def _day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError("invalid_date", field) from None


def _format(args: argparse.Namespace, out: Path) -> str:
    if args.format:
        return str(args.format)
    suffix = out.suffix.lower().lstrip(".")
    if suffix not in ("xlsx", "pdf"):
        raise ValidationError("unknown_format", "output", suffix=suffix)
    return suffix


def _cmd_ledger(opener: Opener, args: argparse.Namespace) -> int:
    from stationdesk.services.ledgers import export_ledger_xlsx, ledger_pdf
    from stationdesk.services.progress import Job

    start, end = _day(args.date_from, "from"), _day(args.date_to, "to")
    out = Path(args.output)
    fmt = _format(args, out)
    if fmt == "pdf":
        if args.full:
            raise ValidationError("pdf_always_masked", "full")
        pdf = ledger_pdf(opener(), args.kind, start, end)
        part = out.with_name(out.name + ".part")
        part.write_bytes(pdf)
        part.replace(out)
        print(f"已写入 {out}")
        return 0

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty() and total:
            print(f"\r正在导出 {done}/{total}", end="", file=sys.stderr, flush=True)

    rows = export_ledger_xlsx(
        opener(), args.kind, start, end, out, full=args.full, reason=args.reason,
        job=Job(progress),
    )  # fmt: skip
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"已写入 {out}（{rows} 行）")
    return 0


COMMANDS: dict[str, Callable[[Opener, argparse.Namespace], int]] = {"ledger": _cmd_ledger}
