"""Receipt slips: their data from the database, the station's print settings, PDF bytes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from stationdesk.domain.enums import Channel, Track
from stationdesk.domain.errors import ValidationError
from stationdesk.domain.masking import mask_in_text, mask_name, mask_phone
from stationdesk.domain.permissions import Action
from stationdesk.domain.validators import clean_text
from stationdesk.printing.query_code import query_code
from stationdesk.printing.receipt import (
    SUMMARY_MAX,
    ReceiptData,
    ReceiptFormat,
    render_receipt,
    summary_of,
)
from stationdesk.services.authz import require
from stationdesk.services.case_actions import reprint_receipt
from stationdesk.services.cases import case_id_of
from stationdesk.services.changes import ChangeSet
from stationdesk.services.context import ServiceContext
from stationdesk.store import audit
from stationdesk.store import settings as settings_store

__all__ = [
    "DEFAULT_NOTICE",
    "NOTICE_MAX",
    "SUMMARY_MAX",
    "PrintSettings",
    "ReceiptData",
    "ReceiptFormat",
    "print_settings",
    "receipt_data",
    "receipt_pdf",
    "record_print",
    "render_receipt",
    "save_receipt_settings",
]

NOTICE_MAX = 200
DEFAULT_NOTICE = (
    "您提供的个人信息仅用于办理本次反映的事项，由本联络站和县人大常委会办公室保管，"
    "事项办结后保存五年；如需查阅、更正，请联系本站。"
)
_KEYS = {
    "query_url": "receipt.query_url",
    "notice": "receipt.notice",
    "printer": "print.printer",
    "format": "print.format",
}


@dataclass(frozen=True, slots=True)
class PrintSettings:
    """What every slip of this station shows, and this PC's remembered printer and format."""

    station_phone: str | None
    office_hours: str | None
    query_url: str | None
    notice: str
    printer: str | None
    fmt: ReceiptFormat


def _settings(ctx: ServiceContext) -> dict[str, str]:
    with ctx.db.read_core() as conn:
        rows = conn.exec_driver_sql(
            "SELECT key, value FROM settings WHERE key IN (?, ?, ?, ?)", tuple(_KEYS.values())
        ).all()
    return {str(k): str(v) for k, v in rows}


def print_settings(ctx: ServiceContext) -> PrintSettings:
    """The receipt settings, with the default notice and A4 when nothing was chosen yet."""
    require(ctx, Action.PRINT_RECEIPT)
    values = _settings(ctx)
    with ctx.db.read_core() as conn:
        station = conn.exec_driver_sql("SELECT phone, office_hours FROM station").first()
    fmt = values.get(_KEYS["format"], ReceiptFormat.A4.value)
    return PrintSettings(
        station_phone=station[0] if station else None,
        office_hours=station[1] if station else None,
        query_url=values.get(_KEYS["query_url"]) or None,
        notice=values.get(_KEYS["notice"]) or DEFAULT_NOTICE,
        printer=values.get(_KEYS["printer"]) or None,
        fmt=ReceiptFormat(fmt) if fmt in set(ReceiptFormat) else ReceiptFormat.A4,
    )


def record_print(
    ctx: ServiceContext,
    case_ids: list[str],
    printer: str | None,
    fmt: ReceiptFormat,
    *,
    reprint: bool,
) -> ChangeSet:
    """After printing: remember printer and paper; a reprint adds 补打回执 to each timeline.

    One transaction: either every reprint event and the remembered choice are saved, or none.
    """
    require(ctx, Action.PRINT_RECEIPT)
    stamp = ctx.clock().isoformat(timespec="milliseconds")
    changes = ChangeSet.of("settings")
    with ctx.db.write_core() as conn:
        settings_store.put(conn, _KEYS["printer"], printer or None, stamp)
        settings_store.put(conn, _KEYS["format"], fmt.value, stamp)
        if reprint:
            for case_id in case_ids:
                _, change = reprint_receipt(ctx, case_id, fmt.value, conn=conn)
                changes = changes | change
    return changes


def _query_url(value: str) -> str | None:
    url = clean_text(value, "query_url", 200)
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in url:
        raise ValidationError("invalid_url", "query_url")
    return url


def save_receipt_settings(
    ctx: ServiceContext,
    *,
    station_phone: str,
    office_hours: str,
    query_url: str,
    notice: str,
) -> ChangeSet:
    """Station phone, office hours, query URL and notice text: checked, saved, audited."""
    require(ctx, Action.CONFIGURE)
    phone = clean_text(station_phone, "station_phone", 40) or None
    hours = clean_text(office_hours, "office_hours", 60) or None
    url = _query_url(query_url)
    text = clean_text(notice, "notice", NOTICE_MAX) or None
    now = ctx.clock()
    stamp = now.isoformat(timespec="milliseconds")
    with ctx.db.write_core() as conn:
        conn.exec_driver_sql(
            "UPDATE station SET phone = ?, office_hours = ?, updated_at = ?", (phone, hours, stamp)
        )
        settings_store.put(conn, _KEYS["query_url"], url, stamp)
        settings_store.put(conn, _KEYS["notice"], text, stamp)
        detail = {"query_url": url, "custom_notice": text is not None}
        audit.append(conn, ctx.audit_entry(now, "settings.receipt", "settings", "receipt", detail))
    return ChangeSet.of("station", "settings")


_CASE_SQL = """
SELECT c.id, c.case_no, c.content, c.track, c.due_date, c.referred_to, c.registered_at,
       cat.name, v.id, v.visitor_name, v.visitor_phone, v.channel, s.name, u.staff_no
FROM case_record AS c
JOIN visit AS v ON v.id = c.visit_id
JOIN station AS s ON s.id = c.station_id
LEFT JOIN category AS cat ON cat.id = c.category_id
LEFT JOIN app_user AS u ON u.id = v.clerk_id
WHERE c.id = ?
"""


def receipt_data(ctx: ServiceContext, case: str, summary: str | None = None) -> ReceiptData:
    """The slip of a case (by id or case number): masked visitor, ≤ 60-character summary.

    `summary` is the clerk's edit; empty or None gives the start of the content.
    """
    require(ctx, Action.PRINT_RECEIPT)
    case_id = case_id_of(ctx, case)
    with ctx.db.read_core() as conn:
        row = conn.exec_driver_sql(_CASE_SQL, (case_id,)).one()
        deputies = tuple(
            str(r[0])
            for r in conn.exec_driver_sql(
                "SELECT d.name FROM visit_deputy AS vd JOIN deputy AS d ON d.id = vd.deputy_id "
                "WHERE vd.visit_id = ? AND vd.deleted_at IS NULL ORDER BY d.name",
                (row[8],),
            )
        )
    chosen = clean_text(summary or "", "summary", SUMMARY_MAX)
    settings = print_settings(ctx)
    return ReceiptData(
        station_name=str(row[12]),
        station_phone=settings.station_phone,
        office_hours=settings.office_hours,
        case_no=str(row[1]),
        query_code=query_code(str(row[0])),
        query_url=settings.query_url,
        received_at=datetime.fromisoformat(row[6]),
        visitor_masked=mask_name(str(row[9])),
        phone_masked=mask_phone(str(row[10])) if row[10] else None,
        channel=Channel(row[11]),
        category=row[7],
        # Masked before it is cut to 60 characters, so no number survives half-shown.
        summary=mask_in_text(" ".join(chosen.split())) or summary_of(mask_in_text(str(row[2]))),
        track=Track(row[3]),
        reply_by=date.fromisoformat(row[4]) if row[4] else None,
        referred_to=row[5],
        deputies=deputies,
        clerk_no=row[13],
        notice=settings.notice,
    )


def receipt_pdf(
    ctx: ServiceContext, case: str, fmt: ReceiptFormat, summary: str | None = None
) -> bytes:
    """The slip of a case as PDF bytes in the given format."""
    return render_receipt(receipt_data(ctx, case, summary), fmt)
