"""The headless admin commands (`stationdesk SUBCOMMAND`) over the same services as the GUI."""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from stationdesk import __version__
from stationdesk.cli_import import COMMANDS as IMPORT_COMMANDS
from stationdesk.cli_import import add_parsers as add_import_parsers
from stationdesk.cli_ledger import COMMANDS as LEDGER_COMMANDS
from stationdesk.cli_ledger import add_parsers as add_ledger_parsers
from stationdesk.cli_report import COMMANDS as REPORT_COMMANDS
from stationdesk.cli_report import add_parsers as add_report_parsers
from stationdesk.cli_roster import COMMANDS as ROSTER_COMMANDS
from stationdesk.cli_roster import add_parsers as add_roster_parsers
from stationdesk.cli_sync import add_parsers as add_sync_parsers
from stationdesk.cli_sync import run_sync
from stationdesk.domain.enums import STATUS_NAMES, TRACK_NAMES, CaseStatus
from stationdesk.domain.errors import DomainError
from stationdesk.paths import ENV_DATA_DIR, DataPaths, resolve_data_dir

ENV_USER = "STATIONDESK_USER"
ENV_PASSWORD = "STATIONDESK_PASSWORD"  # the --user account's password, for scripts
ENV_NEW_PASSWORD = "STATIONDESK_NEW_PASSWORD"  # users add / reset-password, for scripts

if TYPE_CHECKING:
    from stationdesk.services.context import ServiceContext

# Error code → message for the terminal (the GUI has its own translated mapping).
MESSAGES = {
    "station_exists": "该数据目录已经初始化过联络站，不能重复初始化。",
    "station_code_format": "联络站编码格式不正确（例：410205-01）。",
    "device_no_range": "本机编号应为 1–99。",
    "required": "必填项为空。",
    "too_long": "内容过长。",
    "db_newer_than_app": "数据库版本（{found}）比本程序支持的版本（{supported}）新，请升级程序。",
    "db_corrupt": "数据库检查未通过，已隔离原文件；请用 restore 从备份恢复。",
    "disk_full": "磁盘已满，本次保存未完成；请清理磁盘后重试。",
    "low_disk_space": "磁盘剩余空间不足，为保护已保存的数据，暂停新建记录。",
    "backup_verify_failed": "备份校验未通过，未生成备份文件。",
    "backup_corrupt": "所选备份文件已损坏，不能用于恢复。",
    "not_initialized": "该数据目录还没有初始化联络站，请先运行 init。",
    "case_not_found": "找不到这个案件编号。",
    "invalid_url": "查询网址应以 http:// 或 https:// 开头。",
    "search_nothing_to_find": "搜索内容里没有可以查找的文字或数字。",
    "db_in_use": "联络站工作台正在使用这个数据目录，请先关闭程序再恢复。",
    "backup_not_stationdesk": "所选文件不是联络站工作台的数据库备份。",
    "backup_other_station": "所选备份属于另一个联络站（{backup}），本机是 {current}，未恢复。",
    "forbidden": "这个账号没有这项操作的权限（{action}）。",
    "forbidden_not_own": "只能查看自己登记的来访群众的完整信息。",
    "bad_credentials": "用户名或密码不对。",
    "account_locked": "密码连续输错多次，请 {seconds} 秒后再试，或请站点管理员解锁。",
    "account_disabled": "这个账号已停用。",
    "admin_exists": "已经有管理员账号；添加账号请用 --user 以管理员身份操作。",
    "password_mismatch": "两次输入的密码不一样。",
    "user_required": f"本站已有账号：请用 --user 指定以哪个账号操作（或设置 {ENV_USER}）。",
    "password_too_short": "密码太短：至少 {min_len} 个字符。",
    "password_too_long": "密码太长：最多 {max_len} 个字符。",
    "password_common": "这个密码太常见或和用户名、姓名太接近，请换一个。",
    "username_format": "用户名用 2–32 个字母、数字、汉字、“.”、“-”或“_”。",
    "username_taken": "这个用户名已经有人用了。",
    "user_not_found": "没有这个用户。",
    "deputy_needs_level": "请至少填写一个代表层级（全国、省、市、县、乡镇）及届次。",
    "duplicate_level": "同一层级只能填写一次。",
    "status_unchanged": "代表现在就是这个状态，不需要变更。",
    "photo_unreadable": "无法读取这张照片，请选择 JPG 或 PNG 格式的图片。",
    "photo_too_large": "照片文件太大（超过 {max_mb} MB），请换一张较小的照片。",
    "photo_too_small": "照片太小（短边不足 {min_side} 像素），打印出来会模糊，请换一张清晰的照片。",
    "duty_duplicate": "这位代表在这个时段已经有值班安排了。",
    "deputy_not_serving": "所选代表不在任（届满或调离），不能安排值班。",
    "duty_locked": "这个班次已经签到或已取消，不能再调整。如签到有误，请先撤销。",
    "duty_swap_same": "请选择两位不同代表的班次进行调换。",
    "duty_late_note_required": "迟到或补签需要填写说明。",
    "duty_already_marked": "这位代表这个班次已经签到或记为缺席了。",
    "duty_not_signed_in": "还没有签到，或已经签退过了。",
    "duty_nothing_to_undo": "这个班次没有可以撤销的签到记录。",
    "date_in_future": "日期不能晚于今天。",
    "rules_incomplete": "积分规则不完整，请恢复默认后再修改。",
    "period_reversed": "结束日期不能早于开始日期。",
    "edited_elsewhere": "这位代表的信息刚被别人改过，请重新打开后再修改。",
    "invalid_time": "时间格式不对。",
    "time_in_future": "时间不能晚于现在。",
    "sign_out_before_sign_in": "签退时间不能早于签到时间。",
    "invalid_date": "日期应写成 YYYY-MM-DD（例：2026-12-31）。",
    "invalid_month": "月份应写成 YYYY-MM（例：2026-12），年份在 2000–2100 之间。",
    "cancelled": "已取消，没有写入任何内容。",
    "invalid_choice": "没有这个选项。",
    "output_required": "这种格式需要用 -o 指定要写入的文件。",
    "register_unreadable": "{message}",
    "register_unknown_field": "没有“{name}”这个字段（可用 import-excel --help 查看写法）。",
    "register_unknown_column": "表头中没有“{name}”这一列，也不是列字母（如 H）。",
    "register_bad_column": "第 {column} 列不在表格中。",
    "register_field_twice": "“{name}”对应到了两列，请只保留一列。",
    "register_bad_map": "--map 应写成 列=字段，如 反映问题=content（现为“{name}”）。",
    "unknown_ledger": "没有这种台账（{kind}）。",
    "unknown_format": "文件扩展名应为 .xlsx 或 .pdf（或用 --format 指定）。",
    "pdf_always_masked": "PDF 台账总是脱敏的；完整信息只能导出 Excel（.xlsx）。",
    "ledger_too_long_for_pdf": "台账有 {rows} 行，超过打印上限 {limit} 行：请缩短期间或导出Excel。",
    # sync (cli_sync)
    "keyring_unavailable": (
        "这台电脑没有可用的系统钥匙串（Windows 凭据管理器或 Linux Secret Service），令牌无法安全"
        "保存，因此不能同步。请在系统中启用钥匙串后重新设置；程序不会把令牌写进文件。"
    ),
    "keyring_insecure": (
        "检测到不安全的钥匙串（{backend}，把密码存成普通文件），不能保存同步令牌。请卸载 keyrings"
        ".alt 后重试。"
    ),
    "keyring_failed": "系统钥匙串出错（{error}），令牌没有保存或读取成功。",
    "sync_token_missing": "钥匙串里没有本机的同步令牌，请先运行 stationdesk sync setup。",
    "sync_token_invalid": "令牌格式不对：请完整粘贴县级下发的令牌（至少 22 个字母、数字或符号）。",
    "sync_url_invalid": "服务器地址应以 https:// 开头（例：https://sync.example.gov.cn）。",
    "sync_ca_invalid": "CA 证书文件无法使用（{path}）：请选择县级提供的 PEM 格式证书。",
    "sync_not_configured": "还没有设置县级服务器，请先运行 stationdesk sync setup --server 地址。",
    "sync_demo_database": "这是演示数据库，里面的记录不能同步到县里。",
    "sync_blocked_after_restore": (
        "数据库刚从备份恢复，同步已暂停：站点管理员核对后运行 stationdesk sync resume。"
    ),
    "sync_busy": "另一个程序正在同步这个数据库，请稍后再试。",
    "sync_not_due": "上次同步失败，{seconds} 秒后自动重试；也可以用 --once 立即同步。",
    "sync_stopped": "自动同步已停止（{reason}）：请先处理后再用 --once 手动同步。",
    "sync_offline": "连不上县级服务器（网络不通或服务器未开），数据已保存在本机，稍后自动重试。",
    "sync_timeout": "县级服务器响应超时，稍后自动重试。",
    "sync_server_busy": "县级服务器正忙，稍后自动重试。",
    "sync_server_error": "县级服务器出错（{status}），稍后自动重试。",
    "sync_bad_response": "县级服务器的回复不完整，稍后自动重试。",
    "sync_request_refused": (
        "县级服务器拒绝了这次请求（{status}），稍后自动重试；如反复出现请联系县人大代表工委。"
    ),
    "sync_auth_failed": (
        "县级服务器不认这台电脑的令牌（可能已被停用），自动同步已停止，记录仍保存在本机。请向县人"
        "大代表工委申请新令牌后运行 stationdesk sync setup。"
    ),
    "sync_epoch_changed": "县级服务器数据已恢复过，正在重新接收。",
    "sync_protocol_unsupported": (
        "县级服务器已升级，本程序版本过旧，请升级联络站工作台后再同步；记录仍保存在本机。"
    ),
    "sync_too_large": "一次上传的记录太大，已自动减小批量。",
    "sync_certificate_invalid": (
        "县级服务器的证书无法验证（{reason}）：请核对服务器地址和 CA 证书（--ca）。"
    ),
    "sync_certificate_time": (
        "县级服务器的证书不在有效期内（{reason}）：请先校准电脑的日期和时间，再同步。"
    ),
    "sync_reject_not_found": (
        "没有这个编号（{change_id}）的被拒绝记录，请用 stationdesk sync rejects 查看。"
    ),
    "sync_reject_resolved": "这条被拒绝的记录已经处理过了（{at}）。",
    "sync_reject_row_gone": (
        "本机已没有这条记录（可能已按保存期限清除），不能重新上传，只能忽略。"
    ),
    "sync_reject_not_resendable": "这类记录（{entity}）由县级维护，本机不能上传，只能忽略。",
}


EVENT_NAMES = {
    "registered": "登记",
    "assigned": "交办",
    "progress": "办理进度",
    "to_suggestion": "转为代表建议",
    "closed": "办结",
    "callback": "回访",
    "reopened": "重新督办",
    "due_changed": "延期",
    "county_reply": "县级回复",
    "correction": "更正",
    "reprinted": "补打回执",
    "merged": "合并重复",
}


def _message(err: DomainError) -> str:
    template = MESSAGES.get(err.code, "操作失败")
    try:
        text = template.format(**err.params)
    except (KeyError, IndexError):
        text = template
    where = f"（字段：{err.field}）" if err.field else ""
    return f"错误 [{err.code}]{where}：{text}"


def build_parser() -> argparse.ArgumentParser:
    """The command line; `command` is None when no subcommand is given (the GUI)."""
    parser = argparse.ArgumentParser(
        prog="stationdesk",
        description="联络站工作台 StationDesk。不带子命令时启动图形界面。",
    )
    parser.add_argument("--version", action="version", version=f"StationDesk {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"数据目录（也可用环境变量 {ENV_DATA_DIR}）",
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help=f"以这个账号操作，按角色授权（也可用 {ENV_USER}；密码从 {ENV_PASSWORD} 或提示输入）",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("init", help="初始化本机的联络站数据库")
    p.add_argument("--station-code", required=True, help="联络站编码，例如 410205-01")
    p.add_argument("--station-name", required=True, help="联络站名称")
    p.add_argument("--county", help="所属县（区）")
    p.add_argument("--device-no", type=int, default=1, help="本机编号 1–99（同站多台电脑各不相同）")
    p.add_argument("--admin", metavar="USERNAME", help="同时创建站点管理员账号（密码提示输入）")
    p.add_argument("--admin-name", metavar="NAME", help="管理员姓名")
    p = sub.add_parser("demo-data", help="生成演示数据（不会同步到县里）")
    p.add_argument("--visits", type=int, default=2000)
    p.add_argument("--seed", type=int, default=1)
    sub.add_parser("check", help="完整检查：数据库完整性、审计链、记录完整")
    p = sub.add_parser("backup", help="立即备份（默认写入备份目录并按规则清理）")
    p.add_argument("-o", "--output", metavar="FILE", help="备份到指定文件")
    p = sub.add_parser("restore", help="从备份文件恢复（请先关闭图形界面）")
    p.add_argument("file", metavar="FILE")
    cases = sub.add_parser("cases", help="查询问题办理情况").add_subparsers(
        dest="cases_command", metavar="list|show", required=True
    )
    p = cases.add_parser("list", help="列出问题（来访群众信息已脱敏）")
    p.add_argument("--status", choices=[s.value for s in CaseStatus], action="append")
    p.add_argument("--overdue", action="store_true", help="只列超期未办结的")
    p.add_argument("--search", metavar="TEXT", default="", help="案件编号、姓名、电话或内容")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p = cases.add_parser("show", help="显示一件问题及办理经过")
    p.add_argument("case_no", metavar="CASE_NO")
    p.add_argument("--json", action="store_true")
    users = sub.add_parser("users", help="账号管理（站点管理员）").add_subparsers(
        dest="users_command", metavar="add|list|reset-password|unlock", required=True
    )
    p = users.add_parser("add", help="添加账号（新密码从 STATIONDESK_NEW_PASSWORD 或提示输入）")
    p.add_argument("username", metavar="USERNAME")
    p.add_argument("--name", required=True, help="姓名")
    p.add_argument("--role", choices=["clerk", "admin", "deputy"], required=True)
    p.add_argument("--staff-no", help="工号（印在回执上）")
    p = users.add_parser("list", help="列出账号")
    p.add_argument("--json", action="store_true")
    p = users.add_parser("reset-password", help="重设某个账号的密码")
    p.add_argument("username", metavar="USERNAME")
    p = users.add_parser("unlock", help="解除输错密码后的等待")
    p.add_argument("username", metavar="USERNAME")
    audit_cmd = sub.add_parser("audit", help="审计日志").add_subparsers(
        dest="audit_command", metavar="verify", required=True
    )
    audit_cmd.add_parser("verify", help="校验审计链是否完整、未被改动")
    p = sub.add_parser("purge", help="按保存期限清除到期的来访记录（站点管理员）")
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--dry-run", action="store_true", help="只列出会清除什么")
    mode.add_argument("--apply", action="store_true", help="清除（不可撤销）")
    p = sub.add_parser("receipt", help="生成回执单 PDF（补打，记入办理经过）")
    p.add_argument("case_no", metavar="CASE_NO")
    p.add_argument(
        "--format", choices=["a4", "a5", "80mm"], default="a4", help="纸张（默认 a4 两联）"
    )
    p.add_argument("--summary", help="回执上的事项摘要（不超过 60 字，默认取反映内容开头）")
    p.add_argument("-o", "--output", metavar="FILE.pdf", required=True)
    add_roster_parsers(sub)
    add_report_parsers(sub)
    add_import_parsers(sub)
    add_ledger_parsers(sub)
    add_sync_parsers(sub)
    return parser


def open_context(paths: DataPaths, args: argparse.Namespace) -> ServiceContext:
    """The station's context, acting as --user when given (else the system actor).

    Either way every audit row says the action came from this command line and which OS
    account ran it: whoever can run the CLI can already read the data folder.
    """
    from stationdesk.services.accounts import has_admin, sign_in
    from stationdesk.services.station import open_data_dir

    opened = open_data_dir(paths)
    if opened.status == "corrupt":
        raise DomainError("db_corrupt", quarantine=str(opened.quarantined))
    if opened.status == "new" or opened.ctx is None:
        raise DomainError("not_initialized")
    ctx = opened.ctx.from_origin(f"cli:{_os_user()}")
    user = getattr(args, "user", None) or os.environ.get(ENV_USER)
    if user:
        actor, _ = sign_in(ctx, user, _password(ENV_PASSWORD, f"{user} 的密码："))
        return ctx.as_actor(actor)
    if args.command != "check" and has_admin(ctx):
        # Once the station has accounts, every command line acts as a named one.
        raise DomainError("user_required")
    return ctx


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _password(env: str, prompt: str, *, twice: bool = False) -> str:
    """From the environment variable (scripts), else typed at a hidden prompt."""
    value = os.environ.get(env)
    if value is not None:
        return value
    first = getpass.getpass(prompt)
    if twice and getpass.getpass("再输一次：") != first:
        raise DomainError("password_mismatch")
    return first


def _cmd_init(paths: DataPaths, args: argparse.Namespace) -> int:
    from stationdesk.services.accounts import check_password, create_first_admin
    from stationdesk.services.station import create_station

    password = None
    if args.admin:  # asked, and checked, before anything is written
        password = _password(ENV_NEW_PASSWORD, f"管理员 {args.admin} 的密码：", twice=True)
        check_password(password, args.admin, args.admin_name or "")
    ctx, info = create_station(
        paths,
        code=args.station_code,
        name=args.station_name,
        county=args.county,
        device_no=args.device_no,
    )
    print(f"已初始化联络站：{info.name}（{info.code}），本机编号 {info.device_no:02d}")
    print(f"数据目录：{paths.root}")
    if args.admin and password is not None:
        admin, _ = create_first_admin(
            ctx.from_origin(f"cli:{_os_user()}"),
            username=args.admin,
            display_name=args.admin_name or args.admin,
            password=password,
        )
        print(f"已创建站点管理员账号：{admin.username}")
    else:
        print("第一次打开图形界面时会要求创建站点管理员账号。")
    return 0


def _cmd_demo(paths: DataPaths, args: argparse.Namespace) -> int:
    from stationdesk.services.demo import generate

    if args.visits < 0:
        print("--visits 不能为负数", file=sys.stderr)
        return 2
    ctx = open_context(paths, args)

    def progress(fraction: float, _msg: str) -> None:
        print(f"\r生成中… {fraction:5.0%}", end="", file=sys.stderr, flush=True)

    summary, _ = generate(ctx, visits=args.visits, seed=args.seed, progress=progress)
    print(file=sys.stderr)
    print(
        f"已生成演示数据：来访 {summary.visits} 次，问题 {summary.cases} 件，"
        f"办理记录 {summary.events} 条，代表 {summary.deputies} 名，值班 {summary.shifts} 班次"
        f"（{summary.first_day} 至 {summary.last_day}）"
    )
    return 0


def _cmd_check(paths: DataPaths, args: argparse.Namespace) -> int:
    from stationdesk.services.maintenance import check

    report = check(open_context(paths, args))
    print(f"数据库完整性：{'正常' if not report.integrity else '异常'}")
    for line in report.integrity[:10]:
        print(f"  {line}")
    if report.audit_first_bad_id is None:
        print(f"审计链：正常（{report.audit_rows} 条）")
    else:
        print(f"审计链：第 {report.audit_first_bad_id} 条起断裂（{report.audit_problem}）")
    print(f"数据结构版本：{report.schema_version}（程序 {report.app_schema_version}）")
    for orphan in report.orphans:
        print(f"记录不完整：{orphan}")
    for change, label in report.outside:
        what = "问题" if change.table == "case_record" else "来访记录"
        done = "被删除" if change.deleted else "被改动"
        print(f"{what} {label} 在程序之外{done}（最后一条相关审计记录：第 {change.audit_id} 条）")
    if report.audit_behind_backup is not None:
        missing = report.audit_behind_backup
        print(f"审计日志缺少最近一次备份中已有的第 {missing} 条：末尾记录被删除或改写")
    print("检查通过" if report.ok else "检查发现问题")
    return 0 if report.ok else 1


def _cmd_backup(paths: DataPaths, args: argparse.Namespace) -> int:
    from stationdesk.services.maintenance import backup_now

    ctx = open_context(paths, args)
    dest = backup_now(ctx, Path(args.output).resolve() if args.output else None)
    ctx.db.dispose()
    print(f"已备份到：{dest}")
    return 0


def _cmd_restore(paths: DataPaths, args: argparse.Namespace) -> int:
    from stationdesk.services.maintenance import restore_as_admin, restore_backup

    source = Path(args.file).resolve()
    if not source.is_file():
        print(f"找不到备份文件：{source}", file=sys.stderr)
        return 2
    paths.ensure()
    try:
        ctx = open_context(paths, args)
    except DomainError as err:
        if err.code not in ("db_corrupt", "not_initialized"):
            raise
        kept = restore_backup(paths, source)  # nothing to sign in to: recovery
    else:
        kept = restore_as_admin(ctx, source)  # a working database: an admin's decision
    print(f"已从 {source} 恢复。原数据库文件已保存到：{kept}")
    print("恢复后同步已暂停，需站点管理员确认后再同步。")
    return 0


def _jsonable(value: object) -> object:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple, list)):
        return [
            _jsonable(v) for v in (sorted(value) if isinstance(value, (set, frozenset)) else value)
        ]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def _cmd_cases(paths: DataPaths, args: argparse.Namespace) -> int:
    from stationdesk.services.cases import CaseFilter, case_detail, list_cases

    ctx = open_context(paths, args)
    if args.cases_command == "show":
        detail = case_detail(ctx, args.case_no)
        if args.json:
            print(json.dumps(_jsonable(detail), ensure_ascii=False, indent=2))
            return 0
        row = detail.row
        print(f"{row.case_no}  {STATUS_NAMES[row.status]}  {TRACK_NAMES[row.track]}")
        print(f"来访群众：{row.visitor}  电话：{row.phone or '—'}  类别：{row.category or '—'}")
        print(f"反映问题：{detail.content}")
        if detail.demand:
            print(f"诉求：{detail.demand}")
        if row.due_date:
            print(f"办理期限：{row.due_date}{'（超期）' if row.overdue else ''}")
        print("办理经过：")
        for t in detail.timeline:
            who = "县级" if t.county else (t.actor or "")
            name = EVENT_NAMES.get(t.kind.value, t.kind.value)
            print(f"  {t.occurred_at:%Y-%m-%d %H:%M}  {name}  {who}")
        return 0
    flt = CaseFilter(
        statuses=tuple(CaseStatus(v) for v in args.status or ()),
        overdue=args.overdue,
        search=args.search,
    )
    total, rows = list_cases(ctx, flt, limit=max(1, args.limit))
    if args.json:
        print(json.dumps({"total": total, "cases": _jsonable(rows)}, ensure_ascii=False, indent=2))
        return 0
    print(f"共 {total} 件" + (f"，显示前 {len(rows)} 件" if total > len(rows) else ""))
    for r in rows:
        flag = " 超期" if r.overdue else ""
        print(
            f"{r.case_no}  {r.registered_at:%Y-%m-%d}  {STATUS_NAMES[r.status]}{flag}  "
            f"{r.visitor}  {r.excerpt}"
        )
    return 0


def _cmd_receipt(paths: DataPaths, args: argparse.Namespace) -> int:
    from stationdesk.services.case_actions import reprint_receipt
    from stationdesk.services.cases import case_id_of
    from stationdesk.services.receipts import ReceiptFormat, receipt_data, render_receipt

    ctx = open_context(paths, args)
    fmt = ReceiptFormat(args.format)
    case_id = case_id_of(ctx, args.case_no)
    data = receipt_data(ctx, case_id, args.summary)
    pdf = render_receipt(data, fmt)
    out = Path(args.output)
    tmp = out.with_name(out.name + ".part")
    try:
        tmp.write_bytes(pdf)
        tmp.replace(out)
    except OSError as exc:
        print(f"错误：无法写入文件 {out}（{exc.strerror}）。", file=sys.stderr)
        return 1
    reprint_receipt(ctx, case_id, fmt.value)
    print(f"已生成回执 {data.case_no}（{fmt.value}）：{out}")
    return 0


def _cmd_users(paths: DataPaths, args: argparse.Namespace) -> int:
    from stationdesk.domain.permissions import Role
    from stationdesk.services import accounts

    ctx = open_context(paths, args)
    command = args.users_command
    if command == "list":
        users = accounts.list_users(ctx)
        if args.json:
            print(json.dumps(_jsonable(users), ensure_ascii=False, indent=2))
            return 0
        for u in users:
            state = "已停用" if not u.active else ("等待中" if u.locked_until else "正常")
            print(f"{u.username}\t{u.display_name}\t{u.role.value}\t{u.staff_no or '—'}\t{state}")
        return 0
    if command == "unlock":
        accounts.unlock_user(ctx, args.username)
        print(f"已解锁：{args.username}")
        return 0
    password = _password(ENV_NEW_PASSWORD, f"{args.username} 的新密码：", twice=True)
    if command == "reset-password":
        accounts.reset_password(ctx, args.username, password)
        print(f"已重设密码：{args.username}")
        return 0
    role = Role(args.role)
    if role is Role.ADMIN and not accounts.has_admin(ctx):
        info, _ = accounts.create_first_admin(
            ctx,
            username=args.username,
            display_name=args.name,
            password=password,
            staff_no=args.staff_no,
        )
    else:
        info, _ = accounts.create_user(
            ctx,
            username=args.username,
            display_name=args.name,
            role=role,
            password=password,
            staff_no=args.staff_no,
        )
    print(f"已添加账号：{info.username}（{info.display_name}，{info.role.value}）")
    return 0


def _cmd_audit(paths: DataPaths, args: argparse.Namespace) -> int:
    from stationdesk.services.maintenance import verify_audit

    report = verify_audit(open_context(paths, args))
    if report.first_bad_id is None:
        print(f"审计链完整：{report.rows} 条")
        return 0
    print(f"审计链从第 {report.first_bad_id} 条起对不上（{report.problem}）", file=sys.stderr)
    return 1


def _cmd_purge(paths: DataPaths, args: argparse.Namespace) -> int:
    from stationdesk.services.retention import purge, purge_plan, retention_settings

    ctx = open_context(paths, args)
    settings = retention_settings(ctx)
    plan = purge(ctx)[0] if args.apply else purge_plan(ctx)
    verb = "已清除" if plan.applied else "将清除"
    years, days = settings.visit_years, settings.draft_days
    print(f"保存期限：来访记录 {years} 年（最后一次办理之后），草稿 {days} 天")
    print(
        f"{verb}：{len(plan.visit_ids)} 次来访、{len(plan.case_ids)} 件问题、"
        f"{plan.events} 条办理经过、{plan.drafts} 份草稿"
        f"（{plan.cutoff.isoformat()} 之前办结闭环的）"
    )
    if not plan.applied and plan.visit_ids:
        print("确认后运行 stationdesk purge --apply")
    if plan.applied and not plan.wal_cleared:
        print(
            "另有程序正在读取数据库，日志文件未能清空：请关闭其他程序后再运行一次。",
            file=sys.stderr,
        )
        return 1
    return 0


COMMANDS = {
    "purge": _cmd_purge,
    "users": _cmd_users,
    "audit": _cmd_audit,
    "receipt": _cmd_receipt,
    "cases": _cmd_cases,
    "init": _cmd_init,
    "demo-data": _cmd_demo,
    "check": _cmd_check,
    "backup": _cmd_backup,
    "restore": _cmd_restore,
}


def run(args: argparse.Namespace) -> int:
    """Run a parsed subcommand; domain errors become a Chinese message and exit code 1."""
    paths = resolve_data_dir(args.data_dir)
    try:
        if args.command == "sync":  # its loop prints errors itself, in these words
            return run_sync(lambda: open_context(paths, args), args, _message)
        more = {**ROSTER_COMMANDS, **REPORT_COMMANDS, **IMPORT_COMMANDS, **LEDGER_COMMANDS}
        if args.command in more:
            return more[args.command](lambda: open_context(paths, args), args)
        return COMMANDS[args.command](paths, args)
    except DomainError as err:
        print(_message(err), file=sys.stderr)
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    """CLI-only entry (the `stationdesk` script is app.main, which also starts the GUI)."""
    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        return 2
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
