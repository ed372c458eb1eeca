"""The roster commands: `deputies`, `duty` and `performance`, over the GUI's services."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stationdesk.domain.errors import ValidationError

if TYPE_CHECKING:
    from stationdesk.services.context import Opener, ServiceContext

STATUS_CHOICES = ("serving", "term_ended", "transferred", "all")


def add_parsers(sub: Any) -> None:
    """Add the roster subcommands to the main parser's subparsers."""
    deputies = sub.add_parser("deputies", help="代表名册").add_subparsers(
        dest="deputies_command", required=True, metavar="ACTION"
    )
    p = deputies.add_parser("list", help="列出代表（手机号已脱敏）")
    p.add_argument("--status", choices=STATUS_CHOICES, default="all", help="在任状态（默认全部）")
    p.add_argument("--json", action="store_true")
    p = deputies.add_parser("template", help="生成代表名册 Excel 导入模板")
    p.add_argument("output", metavar="FILE.xlsx")
    p = deputies.add_parser("import", help="从 Excel 导入代表名册（全部正确才导入）")
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--dry-run", action="store_true", help="只检查，不导入")
    duty = sub.add_parser("duty", help="值班安排").add_subparsers(
        dest="duty_command", required=True, metavar="ACTION"
    )
    p = duty.add_parser("month", help="列出一个月的值班（YYYY-MM）")
    p.add_argument("month", metavar="YYYY-MM")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("performance", help="代表履职档案（按年度）")
    p.add_argument("--year", type=int, required=True, metavar="YYYY")
    p.add_argument("--json", action="store_true")


def _dump(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _cmd_deputies(opener: Opener, args: argparse.Namespace) -> int:
    from stationdesk.services.roster import STATUS_LABELS, list_deputies

    if args.deputies_command == "template":
        from stationdesk.services.roster_import import write_template

        write_template(Path(args.output))
        print(f"已生成导入模板：{args.output}")
        return 0
    if args.deputies_command == "import":
        return _import(opener(), Path(args.file), dry_run=args.dry_run)
    ctx = opener()
    rows = list_deputies(ctx, status=None if args.status == "all" else args.status)
    if args.json:
        _dump(
            [
                {
                    "id": d.id, "name": d.name, "gender": d.gender,
                    "levels": [lv.value for lv in d.levels], "level_text": d.level_text,
                    "constituency": d.constituency, "unit": d.unit, "occupation": d.occupation,
                    "professional_group": d.professional_group, "grids": list(d.grids),
                    "public_contact": d.public_contact, "phone_masked": d.phone_masked,
                    "status": d.status, "status_label": STATUS_LABELS[d.status],
                    "commitment": d.commitment,
                    "next_duty": d.next_duty.isoformat() if d.next_duty else None,
                }
                for d in rows
            ]
        )  # fmt: skip
        return 0
    print(f"共 {len(rows)} 名代表")
    for d in rows:
        duty = f"  下次值班 {d.next_duty:%m月%d日}" if d.next_duty else ""
        print(
            f"{d.name}  {STATUS_LABELS[d.status]}  {d.level_text}  {d.constituency or '—'}  "
            f"{d.unit or '—'}{duty}"
        )
    return 0


def _import(ctx: ServiceContext, path: Path, *, dry_run: bool) -> int:
    from stationdesk.services.roster_import import import_roster

    report = import_roster(ctx, path, dry_run=dry_run)
    for error in report.errors:
        print(error.describe(), file=sys.stderr)
    if report.errors:
        print(f"读取 {report.rows_read} 行，发现 {len(report.errors)} 处问题，没有导入。",
              file=sys.stderr)  # fmt: skip
        return 1
    if dry_run:
        print(f"读取 {report.rows_read} 行，没有发现问题，可以导入 {report.ready} 名代表。")
    else:
        print(f"已导入 {report.created} 名代表。")
    return 0


def _month(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if m is None:
        raise ValidationError("invalid_month", "month")
    return int(m[1]), int(m[2])


def _cmd_duty(opener: Opener, args: argparse.Namespace) -> int:
    from stationdesk.services.duty import month_shifts

    year, month = _month(args.month)
    ctx = opener()
    shifts = month_shifts(ctx, year, month)
    if args.json:
        _dump(
            {
                "month": f"{year:04d}-{month:02d}",
                "shifts": [
                    {
                        "id": s.id, "day": s.day.isoformat(), "half": s.half,
                        "half_label": s.half_label, "deputy_id": s.deputy_id,
                        "deputy": s.deputy_name, "status": s.status, "state": s.state_label,
                        "note": s.note,
                    }
                    for s in shifts
                ],
            }
        )  # fmt: skip
        return 0
    print(f"{year}年{month}月值班安排：共 {sum(s.status == 'planned' for s in shifts)} 班")
    for s in shifts:
        print(f"{s.day:%m-%d} {'一二三四五六日'[s.day.weekday()]} {s.half_label}  "
              f"{s.deputy_name}  {s.state_label}")  # fmt: skip
    return 0


def _cmd_performance(opener: Opener, args: argparse.Namespace) -> int:
    from stationdesk.services.performance import ITEM_LABELS, performance, rules

    if not 2000 <= args.year <= 2100:
        raise ValidationError("invalid_month", "year")
    ctx = opener()
    start, end = date(args.year, 1, 1), date(args.year, 12, 31)
    records = performance(ctx, start, end)
    if args.json:
        _dump(
            {
                "year": args.year, "from": start.isoformat(), "to": end.isoformat(),
                "rules": [{"item": r.item, "label": ITEM_LABELS[r.item], "quota": r.quota,
                           "points": r.points} for r in rules(ctx)],
                "deputies": [
                    {
                        "deputy_id": rec.deputy_id, "name": rec.name, "status": rec.status,
                        "items": {i.item: {"count": i.count, "quota": i.quota,
                                           "points": i.points} for i in rec.items},
                        "total_points": rec.total_points, "people_reached": rec.people_reached,
                    }
                    for rec in records
                ],
            }
        )  # fmt: skip
        return 0
    print(f"{args.year}年度代表履职档案（{len(records)} 名代表）")
    for rec in records:
        parts = [f"{i.label} {i.count}" + (f"/{i.quota}" if i.quota else "") for i in rec.items
                 if i.count or i.quota]  # fmt: skip
        print(f"{rec.name}  积分 {rec.total_points:g}  " + "；".join(parts))
    return 0


COMMANDS: dict[str, Callable[[Opener, argparse.Namespace], int]] = {
    "deputies": _cmd_deputies,
    "duty": _cmd_duty,
    "performance": _cmd_performance,
}
