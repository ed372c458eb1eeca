"""`stationdesk import-excel`: an old register (旧台账) into the station, and its template."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stationdesk.domain.errors import ValidationError

if TYPE_CHECKING:
    from stationdesk.services.context import Opener
    from stationdesk.services.register_import import RegisterReport

IGNORE = ("-", "不导入", "ignore")


def add_parsers(sub: Any) -> None:
    """Add import-excel and register-template to the main parser's subparsers."""
    p = sub.add_parser(
        "import-excel",
        help="导入 Excel 旧台账（先检查，全部正确才导入；同一行不会重复导入）",
        description="列与字段的对应：默认用上次为同样表头保存的对应，否则按列名猜；"
        "可用 --map 修改，如 --map 反映问题=content 或 --map H=办理结果；"
        "字段写成“-”表示这一列不导入。",
    )
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--dry-run", action="store_true", help="只检查，不导入")
    p.add_argument("--sheet", metavar="NAME", help="工作表名称（默认：第一张能找到表头的表）")
    p.add_argument("--map", action="append", default=[], metavar="列=字段",
                   help="列（列名或列字母）对应到的字段（字段名或中文名），可写多次")  # fmt: skip
    p = sub.add_parser("register-template", help="生成旧台账导入的参考模板（不是必需的）")
    p.add_argument("output", metavar="FILE.xlsx")


def _field(word: str) -> str | None:
    from stationdesk.services.register_columns import FIELD_LABELS, header_key

    if word in IGNORE:
        return None
    if word in FIELD_LABELS:
        return word
    for key, label in FIELD_LABELS.items():
        if header_key(label) == header_key(word) or header_key(label).startswith(header_key(word)):
            return key
    raise ValidationError("register_unknown_field", "map", name=word)


def _column(word: str, headers: Sequence[str]) -> int:
    from stationdesk.services.register_columns import header_key

    keys = [header_key(h) for h in headers]
    if header_key(word) in keys:
        return keys.index(header_key(word))
    letters = word.strip().upper()
    if letters.isascii() and letters.isalpha() and len(letters) <= 2:
        index = 0
        for ch in letters:
            index = index * 26 + ord(ch) - 64
        return index - 1
    raise ValidationError("register_unknown_column", "map", name=word)


def mapping_with(
    base: Mapping[int, str], headers: Sequence[str], overrides: Sequence[str]
) -> dict[int, str]:
    """The mapping after each `列=字段` override (a field moved to a column leaves its old one)."""
    mapping = dict(base)
    for item in overrides:
        column, sep, word = item.partition("=")
        if not sep:
            raise ValidationError("register_bad_map", "map", name=item)
        index = _column(column, headers)
        key = _field(word.strip())
        mapping.pop(index, None)
        if key is not None:
            mapping = {i: k for i, k in mapping.items() if k != key}
            mapping[index] = key
    return dict(sorted(mapping.items()))


def _print_report(report: RegisterReport) -> None:
    for issue in report.warnings:
        print("提示：" + issue.describe())
    for issue in report.errors:
        print(issue.describe(), file=sys.stderr)


def _cmd_import(opener: Opener, args: argparse.Namespace) -> int:
    from stationdesk.services.progress import Job
    from stationdesk.services.register_columns import FIELD_LABELS
    from stationdesk.services.register_import import (
        check_register,
        import_register,
        preview_register,
    )
    from stationdesk.services.register_sheet import column_name

    ctx = opener()
    path = Path(args.file)
    preview = preview_register(ctx, path, sheet=args.sheet)
    mapping = mapping_with(preview.mapping, preview.headers, args.map)
    origin = "上次保存的对应" if preview.saved and not args.map else "按列名猜测"
    print(f"工作表“{preview.sheet}”，表头在第 {preview.header_row} 行，共 {preview.row_count} 行。"
          f"列的对应（{origin if not args.map else '已按 --map 修改'}）：")  # fmt: skip
    for index, key in mapping.items():
        print(f"  {column_name(index, preview.headers)} → {FIELD_LABELS[key]}（{key}）")
    if args.dry_run:
        report = check_register(ctx, path, sheet=preview.sheet, mapping=mapping)
    else:
        job = Job(lambda done, total: print(f"已写入 {done}/{total} 行", file=sys.stderr))
        report, _ = import_register(ctx, path, sheet=preview.sheet, mapping=mapping, job=job)
    _print_report(report)
    counts = (f"读取 {report.rows_read} 行：新的 {report.ready} 行，以前已导入 {report.skipped} 行"
              + (f"，与前面某行相同 {report.repeats} 行" if report.repeats else ""))  # fmt: skip
    if report.errors:
        print(f"{counts}；发现 {len(report.errors)} 处问题，没有导入。", file=sys.stderr)
        return 1
    if args.dry_run:
        print(f"{counts}；没有发现问题，可以导入。")
    else:
        print(f"{counts}；已导入 {report.visits_created} 次来访、{report.cases_created} 件问题。")
    return 0


def _cmd_template(opener: Opener, args: argparse.Namespace) -> int:
    from stationdesk.services.register_sheet import write_template

    write_template(Path(args.output))
    print(f"已生成参考模板：{args.output}（原有台账不必改成模板的样子）")
    return 0


COMMANDS: dict[str, Callable[[Opener, argparse.Namespace], int]] = {
    "import-excel": _cmd_import,
    "register-template": _cmd_template,
}
