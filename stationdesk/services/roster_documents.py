"""The roster's printed documents: 亮身份公示牌, 值班公示, 履职档案 per deputy and the summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from stationdesk.domain.masking import mask_in_text
from stationdesk.domain.permissions import Action
from stationdesk.printing.duty_notice import DutyNoticeData, DutyNoticeRow, render_duty_notice
from stationdesk.printing.performance_sheet import (
    ActivityLine,
    PerformanceLine,
    PerformanceSheet,
    PerformanceSummary,
    render_performance_sheet,
    render_performance_summary,
)
from stationdesk.printing.roster_board import BoardData, BoardDeputy, BoardPaper, render_board
from stationdesk.services.activities import list_activities
from stationdesk.services.authz import require
from stationdesk.services.context import ServiceContext
from stationdesk.services.duty import HALF_LABELS, HALF_ORDER, shifts_between
from stationdesk.services.performance import ITEM_LABELS, performance
from stationdesk.services.roster import get_deputy, level_title, list_deputies, photo_bytes

NOTICE_DAYS = 14  # a 值班公示 covers the two weeks from its first day
QUERY_URL_KEY = "receipt.query_url"


@dataclass(frozen=True, slots=True)
class StationFacts:
    """What every public document of the station prints."""

    name: str
    phone: str | None
    office_hours: str | None
    query_url: str | None


def station_facts(ctx: ServiceContext) -> StationFacts:
    """The station's name, phone, hours and the query URL behind its QR code."""
    require(ctx, Action.VIEW_ROSTER)
    with ctx.db.read_core() as conn:
        name, phone, hours = conn.exec_driver_sql(
            "SELECT name, phone, office_hours FROM station LIMIT 1"
        ).one()
        url = conn.exec_driver_sql(
            "SELECT value FROM settings WHERE key = ?", (QUERY_URL_KEY,)
        ).scalar()
    return StationFacts(
        str(name), str(phone) if phone else None, str(hours) if hours else None, url or None
    )


def _next_duty_text(ctx: ServiceContext, today: date) -> dict[str, str]:
    """Each deputy's next planned shift within 60 days, as 12月3日上午."""
    out: dict[str, str] = {}
    for s in shifts_between(ctx, today, today + timedelta(days=60)):
        if s.status == "planned" and s.deputy_id not in out:
            out[s.deputy_id] = f"{s.day.month}月{s.day.day}日{HALF_LABELS[s.half]}"
    return out


def board_pdf(ctx: ServiceContext, paper: str = "a4", *, landscape: bool = False) -> bytes:
    """The 亮身份 board of the serving deputies, always from the roster as it stands."""
    require(ctx, Action.VIEW_ROSTER)
    facts = station_facts(ctx)
    today = ctx.clock().date()
    duty = _next_duty_text(ctx, today)
    deputies = []
    for d in list_deputies(ctx, status="serving"):
        unit = "、".join(x for x in (d.unit, d.occupation) if x) or None
        deputies.append(
            BoardDeputy(
                name=d.name,
                levels=tuple(level_title(level) for level in d.levels),
                constituency="、".join(d.constituencies) or None,
                unit=unit,
                contact=d.public_contact,
                duty=duty.get(d.id),
                commitment=mask_in_text(d.commitment) if d.commitment else None,
                photo=photo_bytes(ctx, d.photo_sha256) if d.photo_sha256 else None,
            )
        )
    data = BoardData(
        station_name=facts.name,
        deputies=tuple(deputies),
        qr_payload=facts.query_url,
        generated_on=today,
    )
    return render_board(data, BoardPaper(paper), landscape=landscape)


def duty_notice_pdf(ctx: ServiceContext, start: date, days: int = NOTICE_DAYS) -> bytes:
    """值班公示: the planned shifts from `start` for `days` days, grouped by half-day."""
    require(ctx, Action.VIEW_ROSTER)
    facts = station_facts(ctx)
    levels = {d.id: d.level_text for d in list_deputies(ctx, status="serving")}
    slots: dict[tuple[date, str], list[str]] = {}
    for s in shifts_between(ctx, start, start + timedelta(days=days - 1)):
        if s.status == "planned" and s.deputy_id in levels:  # only deputies still serving
            title = levels.get(s.deputy_id, "").split("、")[0]
            slots.setdefault((s.day, s.half), []).append(
                f"{s.deputy_name}（{title}）" if title else s.deputy_name
            )
    rows = tuple(
        DutyNoticeRow(day, HALF_LABELS[half], tuple(names))
        for (day, half), names in sorted(
            slots.items(), key=lambda kv: (kv[0][0], HALF_ORDER[kv[0][1]])
        )
    )
    data = DutyNoticeData(
        station_name=facts.name,
        rows=rows,
        posted_on=ctx.clock().date(),
        station_phone=facts.phone,
        office_hours=facts.office_hours,
        qr_payload=facts.query_url,
    )
    return render_duty_notice(data)


def _masked(text: str | None) -> str | None:
    """Free text on paper: a phone or ID number typed into it is masked."""
    return mask_in_text(text) if text else text


def period_label(start: date, end: date) -> str:
    """2026年度 for a calendar year, else 2026年1月1日至2026年6月30日."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"{start.year}年度"
    return f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"


def performance_sheet_pdf(ctx: ServiceContext, start: date, end: date, deputy_id: str) -> bytes:
    """One deputy's 履职档案 for the period: the scored items, the commitment, the activities."""
    require(ctx, Action.VIEW_ROSTER)
    detail = get_deputy(ctx, deputy_id)
    record = performance(ctx, start, end, deputy_id)[0]
    activities = list_activities(ctx, start, end, deputy_id)
    sheet = PerformanceSheet(
        station_name=station_facts(ctx).name,
        deputy_name=record.name,
        levels=detail.summary.level_text,
        period_label=period_label(start, end),
        lines=tuple(
            PerformanceLine(ITEM_LABELS[i.item], i.count, i.quota, i.points) for i in record.items
        ),
        total_points=record.total_points,
        activities=tuple(
            ActivityLine(
                a.occurred_on, a.kind_label, _masked(a.place), a.people_reached, _masked(a.note)
            )
            for a in sorted(activities, key=lambda a: a.occurred_on)
        ),
        commitment=_masked(detail.summary.commitment),
        generated_on=ctx.clock().date(),
    )
    return render_performance_sheet(sheet)


def performance_summary_pdf(ctx: ServiceContext, start: date, end: date) -> bytes:
    """The station's summary table: one line per deputy, counts (with quotas) and points."""
    require(ctx, Action.VIEW_ROSTER)
    records = performance(ctx, start, end)
    items = [i.item for i in records[0].items] if records else list(ITEM_LABELS)
    headers = ("代表", *(ITEM_LABELS[i].split("（")[0] for i in items), "积分")
    rows = tuple(
        (
            rec.name,
            *(f"{i.count}/{i.quota}" if i.quota else str(i.count) for i in rec.items),
            f"{rec.total_points:g}",
        )
        for rec in records
        if rec.status == "serving" or rec.total_points
    )
    summary = PerformanceSummary(
        station_name=station_facts(ctx).name,
        period_label=period_label(start, end),
        headers=headers,
        rows=rows,
        generated_on=ctx.clock().date(),
    )
    return render_performance_summary(summary)
