"""`stationdesk sync`: setup (token from stdin into the keyring), one cycle or a loop, status."""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stationdesk.domain.errors import DomainError
    from stationdesk.services.context import Opener
    from stationdesk.sync.engine import SyncReport

    Describe = Callable[[DomainError], str]

_PARAMS = ("status", "reason", "seconds", "path", "error", "backend", "offset")
log = logging.getLogger(__name__)
TICK_S = 60.0  # the loop's periodic check (design/sync.md §3.7)

WARNINGS = {
    "clock_skew": "电脑时间与县级服务器相差 {offset} 秒，请校准电脑时间（同步不受影响）。",
    "epoch_changed": "县级服务器的数据恢复过，本机已重新接收全部县级记录。",
    "restore_suspected": (
        "本机数据库比县级服务器记得的旧（可能从旧备份恢复过），请联系县人大代表工委核对。"
    ),
    "push_stalled": "县级服务器没有确认这一批记录，稍后重试。",
}

# Why the county refused a change (county/push.py `_validate`, the client's too_large, stale).
REASONS = {
    "stale": "县级已有较新版本",
    "key_reuse": "同一编号的上传内容不一致",
    "county_owned": "这类记录只能由县级填写",
    "unknown_entity": "县级不接收这类记录",
    "invalid_op": "修改方式不正确",
    "invalid_entity_id": "记录编号不正确",
    "invalid_payload": "记录内容不完整或格式不对",
    "id_mismatch": "记录编号与内容不符",
    "invalid_row_version": "记录版本号不正确",
    "too_large": "记录太大，县级无法接收",
}


def add_parsers(sub: Any) -> None:
    """Add `sync`, `sync setup` and `sync status` to the main parser's subparsers."""
    p = sub.add_parser("sync", help="与县级服务器同步：上传本站记录，接收县级回复和参考数据")
    p.add_argument("--once", action="store_true", help="立即同步一轮后退出（默认持续运行）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    inner = p.add_subparsers(dest="sync_command", metavar="setup|status|resume|rejects")
    s = inner.add_parser("setup", help="设置县级服务器；令牌从标准输入读入，只存入系统钥匙串")
    s.add_argument("--server", required=True, metavar="URL", help="https:// 开头的服务器地址")
    s.add_argument("--ca", metavar="FILE", help="县级服务器的 CA 证书（PEM 文件）")
    st = inner.add_parser("status", help="同步状态：待上传、被拒绝的记录、上次成功的时间")
    st.add_argument("--json", action="store_true", help="以 JSON 输出")
    inner.add_parser("resume", help="从备份恢复数据库后，站点管理员确认恢复同步")
    r = inner.add_parser("rejects", help="被县级拒绝或县级已有较新版本的记录：查看、重新上传、忽略")
    r.add_argument("--json", action="store_true", help="以 JSON 输出")
    ri = r.add_subparsers(dest="rejects_command", metavar="resend|dismiss")
    rs = ri.add_parser("resend", help="把本机当前的版本重新上传（县级已有的较新版本将被替换）")
    rs.add_argument("change_id", metavar="CHANGE_ID", help="sync rejects 列出的编号")
    rd = ri.add_parser("dismiss", help="不再上传这条记录（须写明原因）")
    rd.add_argument("change_id", metavar="CHANGE_ID", help="sync rejects 列出的编号")
    rd.add_argument(
        "--note", required=True, metavar="原因", help="例如：已与县级核对，县级的版本正确"
    )


def _read_token() -> str:
    """Typed at a hidden prompt, or piped on stdin; never an argument (shell history, ps)."""
    if sys.stdin.isatty():
        return getpass.getpass("县级下发的本机令牌（输入时不显示）：")
    return sys.stdin.readline()


def _setup(opener: Opener, args: argparse.Namespace) -> int:
    from stationdesk.sync.setup import configure

    ctx = opener()
    url = configure(ctx, args.server, _read_token(), Path(args.ca) if args.ca else None)
    print(f"已设置县级服务器：{url}")
    print("令牌已存入系统钥匙串（没有写入任何文件）。运行 stationdesk sync --once 试同步。")
    return 0


def _warning_lines(report: SyncReport) -> list[str]:
    lines = [WARNINGS[w].format(offset=report.clock_offset_s) for w in report.warnings]
    if report.rejects_open:
        lines.append(
            f"有 {report.rejects_open} 条记录被县级服务器拒绝（保存在本机）："
            "运行 stationdesk sync rejects 查看和处理。"
        )
    if report.needs_review:
        lines.append(
            f"{len(set(report.needs_review))} 件问题需要核对（另一台电脑改过或县级回复冲突）。"
        )
    if report.skipped:
        lines.append(f"{report.skipped} 条县级记录无法读取或找不到对应问题，已跳过。")
    if report.requeued:
        lines.append(f"核对发现县级缺少或版本较旧的记录 {report.requeued} 条，已重新上传。")
    if report.county_newer:
        lines.append(
            f"县级有 {report.county_newer} 条记录比本机新（本机可能从旧备份恢复过），"
            "请联系县级核对。"
        )
    return lines


def _print_report(report: SyncReport, as_json: bool) -> None:
    if as_json:
        print(json.dumps(dataclasses.asdict(report), ensure_ascii=False, indent=2))
        return
    print(
        f"已上传 {report.pushed} 条（新增 {report.applied}，重复 {report.duplicates}，"
        f"已有更新版本 {report.stale}，被拒绝 {report.rejected}）；"
        f"收到县级办理经过 {report.events_added} 条、参考数据 {report.reference} 条；"
        f"待上传 {report.pending} 条。"
        + (f"上传代表照片 {report.blobs_sent} 张。" if report.blobs_sent else "")
    )
    for line in _warning_lines(report):
        print(line, file=sys.stderr)


def _loop(engine: Any, as_json: bool, describe: Describe) -> int:
    """Cycle forever: every tick, or when the persisted backoff says so; Ctrl+C stops."""
    from stationdesk.domain.errors import DomainError
    from stationdesk.sync.errors import SyncError

    print("持续同步中，按 Ctrl+C 停止。", file=sys.stderr)
    try:
        while True:
            wait = engine.seconds_until_due()
            if wait > 0:
                time.sleep(min(wait, TICK_S))
                continue
            try:
                _print_report(engine.run_cycle(), as_json)
            except SyncError as err:
                print(describe(err), file=sys.stderr)
                if not err.retryable or err.code == "sync_stopped":
                    return 1
                if engine.seconds_until_due() > 0:
                    continue  # a network failure: the persisted backoff decides when
                # a local refusal (busy, paused after a restore …) records no backoff: wait a tick
            except DomainError as err:  # e.g. the keyring refused: said, then tried again
                print(describe(err), file=sys.stderr)
            except Exception as err:  # a loop that must outlive one bad cycle
                log.exception("sync cycle failed")
                print(
                    f"同步出错（{type(err).__name__}），{int(TICK_S)} 秒后重试。", file=sys.stderr
                )
            time.sleep(TICK_S)
    except KeyboardInterrupt:
        return 0


def run_sync(opener: Opener, args: argparse.Namespace, describe: Describe) -> int:
    """Run `sync`, `sync setup` or `sync status`; `describe` turns an error into cli.py's text."""
    command = getattr(args, "sync_command", None)
    if command == "setup":
        return _setup(opener, args)
    if command == "status":
        return _status(opener, args, describe)
    if command == "rejects":
        return _rejects(opener, args)
    if command == "resume":
        from stationdesk.sync.setup import resume_after_restore

        resumed = resume_after_restore(opener())
        print("已确认，恢复同步。" if resumed else "同步没有被暂停，不需要确认。")
        return 0
    from stationdesk.sync.engine import SyncEngine

    engine = SyncEngine(opener())
    if args.once:
        _print_report(engine.run_cycle(force=True), args.json)
        return 0
    return _loop(engine, args.json, describe)


def _text(describe: Describe, code: str) -> str:
    """The message of an error code whose details were not kept (shown as …)."""
    from stationdesk.domain.errors import DomainError

    return describe(DomainError(code, **dict.fromkeys(_PARAMS, "…")))


def _status(opener: Opener, args: argparse.Namespace, describe: Describe) -> int:
    from stationdesk.sync.setup import sync_status

    status = sync_status(opener())
    if args.json:
        print(json.dumps(dataclasses.asdict(status), ensure_ascii=False, indent=2))
        return 0
    print(f"县级服务器：{status.server_url or '未设置'}")
    print(f"CA 证书：{status.ca_file or '系统自带'}")
    ring = "可用" if status.keyring else "不可用（不能同步）"
    print(f"系统钥匙串：{ring}；本机令牌：{'已保存' if status.token_stored else '没有'}")
    print(f"待上传：{status.pending} 条；被拒绝未处理：{len(status.rejects)} 条")
    print(f"上次上传成功：{status.last_push_ok_at or '从未'}")
    print(f"上次与县级核对：{status.last_reconcile_at or '从未'}")
    if status.county_newer:
        print(f"县级有 {status.county_newer} 条记录比本机新，请联系县级核对。")
    print(f"上次接收成功：{status.last_pull_ok_at or '从未'}")
    if status.blocked:
        print(f"不能同步：{_text(describe, status.blocked)}")
    if status.stopped:
        print(f"自动同步已停止：{_text(describe, status.stopped)}")
    if status.consecutive_failures:
        print(
            f"连续失败 {status.consecutive_failures} 次：{_text(describe, status.last_error or '')}"
        )
        print(f"{round(status.next_attempt_in_s)} 秒后自动重试。")
    if status.clock_warning:
        print(WARNINGS["clock_skew"].format(offset=status.clock_offset_s))
    if status.busy:
        print("另一个程序正在同步。")
    for r in status.rejects:
        print(f"  被拒绝：{r.entity} {r.entity_id}  [{r.code}] {r.message or ''}  {r.rejected_at}")
    return 0


# The synced tables in the words of the station (as the UI's list of rejects says them).
ENTITY_NAMES = {
    "visit": "来访记录", "visit_deputy": "接待代表", "case_record": "问题",
    "case_event": "办理过程", "suggestion": "代表建议", "deputy": "代表",
    "deputy_term": "代表层级", "deputy_grid": "代表网格", "deputy_contact": "联系选民",
    "deputy_activity": "履职活动", "deputy_status_change": "代表状态变更",
    "duty_shift": "值班安排", "attendance": "签到", "grid": "网格",
    "category": "问题类别", "department": "承办单位",
}  # fmt: skip


def _reason(code: str) -> str:
    return REASONS.get(code, f"县级拒绝（{code}）")


def _rejects(opener: Opener, args: argparse.Namespace) -> int:
    """`sync rejects [--json]`, `sync rejects resend ID`, `sync rejects dismiss ID --note T`."""
    from stationdesk.sync import rejects

    ctx = opener()
    command = getattr(args, "rejects_command", None)
    if command == "resend":
        queued = rejects.resend(ctx, args.change_id)
        print(f"已重新排队上传 {queued} 条，下次同步时发送到县级（sync --once 可立即同步）。")
        return 0
    if command == "dismiss":
        rejects.dismiss(ctx, args.change_id, args.note)
        print("已忽略：这条记录不再上传，本机保留原样；原因已记入审计日志。")
        return 0
    found = rejects.list_open(ctx)
    if args.json:
        print(json.dumps([dataclasses.asdict(r) for r in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        print("没有被县级拒绝、尚未处理的记录。")
        return 0
    print(f"被县级拒绝、尚未处理的记录 {len(found)} 条：")
    for r in found:
        why = _reason(r.code)
        if r.county_version is not None:
            why += f"（县级版本 {r.county_version}，本机版本 {r.local_version}）"
        elif r.message:
            why += f"（{r.message}）"
        kind = ENTITY_NAMES.get(r.entity, r.entity)
        print(f"  {r.change_id}  {kind}  {r.record or r.entity_id}  {why}  {r.rejected_at}")
    print("处理：stationdesk sync rejects resend 编号 | dismiss 编号 --note 原因（站点管理员）")
    return 0
