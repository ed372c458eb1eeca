"""`stationdesk-county`: serve the sync API and administer stations, devices and county replies."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date

from stationdesk.county import admin, county_events
from stationdesk.county.db import init_schema, new_epoch, open_engine
from stationdesk.county.errors import CountyError

MESSAGES = {
    "invalid_station_code": "站点编码只能由字母、数字、- 和 _ 组成（最多 32 位）",
    "invalid_station_name": "站点名称不能为空，且不超过 200 字",
    "station_exists": "站点 {station} 已存在",
    "unknown_station": "没有编码为 {station} 的站点",
    "unknown_device": "没有编号为 {device_id} 的设备",
    "unknown_case": "没有编号为 {case_no} 的案件（站点尚未同步，或编号有误）",
    "ambiguous_case": "编号 {case_no} 对应多个站点的案件，请用 --station 指明站点",
    "unknown_department": "该站点的参考数据中没有单位“{department}”，请先用 department 命令添加",
    "invalid_department": "单位名称不能为空，且不超过 2000 字",
    "invalid_reply_text": "答复内容不能为空，且不超过 2000 字",
    "invalid_category": "类别编码和名称不能为空",
    "invalid_limit_days": "办理时限须在 1 到 365 个工作日之间",
}

DEFAULT_DB = "county.db"


def _message(exc: CountyError) -> str:
    template = MESSAGES.get(exc.code, exc.code)
    try:
        return template.format(**exc.params)
    except (KeyError, IndexError):
        return template


def _parser() -> argparse.ArgumentParser:
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument(
        "--db",
        default=os.environ.get("STATIONDESK_COUNTY_DB", DEFAULT_DB),
        help="数据库：SQLite 文件路径，或 postgresql+psycopg://用户@主机:端口/库名",
    )
    p = argparse.ArgumentParser(prog="stationdesk-county", description="县级同步服务器")
    sub = p.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", parents=[db], help="启动同步服务")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--tls-cert")
    serve.add_argument("--tls-key")
    st = sub.add_parser("add-station", parents=[db], help="登记站点")
    st.add_argument("code")
    st.add_argument("name")
    dev = sub.add_parser("add-device", parents=[db], help="为站点新增设备，打印一次令牌")
    dev.add_argument("code")
    rev = sub.add_parser("revoke-device", parents=[db], help="吊销设备令牌")
    rev.add_argument("device_id")
    rep = sub.add_parser("reply", parents=[db], help="部门答复（县级回复）")
    rep.add_argument("case_no")
    rep.add_argument("--department", required=True)
    rep.add_argument("--text", required=True)
    rep.add_argument("--station")
    ref = sub.add_parser("refer", parents=[db], help="县级交办到部门")
    ref.add_argument("case_no")
    ref.add_argument("--department", required=True)
    ref.add_argument("--due", type=date.fromisoformat)
    ref.add_argument("--station")
    dep = sub.add_parser("department", parents=[db], help="新增或修改站点的承办单位")
    dep.add_argument("code")
    dep.add_argument("name")
    dep.add_argument("--kind")
    dep.add_argument("--phone")
    cat = sub.add_parser("category", parents=[db], help="新增或修改站点的问题类别")
    cat.add_argument("code")
    cat.add_argument("category_code")
    cat.add_argument("name")
    cat.add_argument("--limit-days", type=int, default=15)
    sub.add_parser("stats", parents=[db], help="各站点同步情况")
    sub.add_parser("new-epoch", parents=[db], help="从备份恢复数据库后执行：各站点重新拉取")
    return p


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from stationdesk.county.app import create_app

    if bool(args.tls_cert) != bool(args.tls_key):
        print("--tls-cert 和 --tls-key 须同时给出", file=sys.stderr)
        return 2
    uvicorn.run(
        create_app(args.db),
        host=args.host,
        port=args.port,
        ssl_certfile=args.tls_cert,
        ssl_keyfile=args.tls_key,
        log_level="info",
    )
    return 0


def _run(args: argparse.Namespace) -> int:
    if args.command == "serve":
        return _serve(args)
    engine = open_engine(args.db)
    init_schema(engine)
    try:
        if args.command == "add-station":
            admin.add_station(engine, args.code, args.name)
            print(f"已登记站点 {args.code} {args.name}")
        elif args.command == "add-device":
            device_id, token = admin.add_device(engine, args.code)
            print(f"设备编号：{device_id}")
            print(f"令牌（只显示这一次，请在站点的“同步设置”中填入）：{token}")
        elif args.command == "revoke-device":
            admin.revoke_device(engine, args.device_id)
            print(f"已吊销设备 {args.device_id}")
        elif args.command == "reply":
            event_id, seq = county_events.reply(
                engine, args.case_no, args.department, args.text, args.station
            )
            print(f"已记录答复 {event_id}（server_seq {seq}）")
        elif args.command == "refer":
            event_id, seq = county_events.refer(
                engine, args.case_no, args.department, args.due, args.station
            )
            print(f"已记录交办 {event_id}（server_seq {seq}）")
        elif args.command == "department":
            row_id = county_events.put_department(
                engine, args.code, args.name, args.kind, args.phone
            )
            print(f"承办单位 {args.name}：{row_id}")
        elif args.command == "category":
            row_id = county_events.put_category(
                engine, args.code, args.category_code, args.name, args.limit_days
            )
            print(f"问题类别 {args.name}：{row_id}")
        elif args.command == "stats":
            print(json.dumps(admin.stats(engine), ensure_ascii=False, indent=2))
        elif args.command == "new-epoch":
            print(f"新的 epoch：{new_epoch(engine)}")
    except CountyError as exc:
        print(f"错误：{_message(exc)}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `stationdesk-county`."""
    return _run(_parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
