"""Domain enumerations (track, status, rating, channel, event kind, level) and official names."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

__all__ = [
    "CHANNEL_NAMES",
    "LEVEL_NAMES",
    "RATING_NAMES",
    "STATUS_NAMES",
    "TRACK_NAMES",
    "CaseStatus",
    "Channel",
    "DeputyLevel",
    "EventKind",
    "Rating",
    "Track",
]


class Track(StrEnum):
    """How an issue is handled: 小事现场快办、中事联络站督办、大事形成建议交办."""

    ON_SPOT = "on_spot"  # 现场办结 (including 解释引导)
    SUPERVISE = "supervise"  # 联络站督办
    SUGGESTION = "suggestion"  # 形成建议交办


class CaseStatus(StrEnum):
    """Where a case stands in its closed loop."""

    PENDING = "pending"  # 待办理
    IN_PROGRESS = "in_progress"  # 办理中
    CLOSED = "closed"  # 已办结，待回访
    UNSATISFIED = "unsatisfied"  # 不满意，待重新督办
    DONE = "done"  # 已回访闭环
    MERGED = "merged"  # 已合并


class Rating(StrEnum):
    """The resident's answer at the call-back."""

    SATISFIED = "satisfied"
    BASICALLY = "basically_satisfied"
    UNSATISFIED = "unsatisfied"


class Channel(StrEnum):
    """How an issue reached the station."""

    WALK_IN = "walk_in"
    PHONE = "phone"
    QR = "qr"
    GRID_WORKER = "grid_worker"
    HOTLINE = "hotline_12345"
    DEPUTY_VISIT = "deputy_visit"
    LETTER = "letter"
    MOBILE_STATION = "mobile_station"


class EventKind(StrEnum):
    """Kinds of append-only case events."""

    REGISTERED = "registered"
    ASSIGNED = "assigned"  # 交办
    PROGRESS = "progress"  # 进度
    TO_SUGGESTION = "to_suggestion"  # 转建议
    CLOSED = "closed"  # 办结
    CALLBACK = "callback"  # 回访 + rating
    REOPENED = "reopened"  # 重新督办
    DUE_CHANGED = "due_changed"  # 延期
    COUNTY_REPLY = "county_reply"  # 县级回复
    CORRECTION = "correction"
    REPRINTED = "reprinted"  # 补打回执
    MERGED = "merged"


class DeputyLevel(StrEnum):
    """The five levels of people's-congress deputies (五级人大代表)."""

    NATIONAL = "national"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"


TRACK_NAMES: Mapping[Track, str] = MappingProxyType(
    {
        Track.ON_SPOT: "现场办结",
        Track.SUPERVISE: "联络站督办",
        Track.SUGGESTION: "形成建议交办",
    }
)

STATUS_NAMES: Mapping[CaseStatus, str] = MappingProxyType(
    {
        CaseStatus.PENDING: "待办理",
        CaseStatus.IN_PROGRESS: "办理中",
        CaseStatus.CLOSED: "已办结，待回访",
        CaseStatus.UNSATISFIED: "不满意，待重新督办",
        CaseStatus.DONE: "已回访闭环",
        CaseStatus.MERGED: "已合并",
    }
)

RATING_NAMES: Mapping[Rating, str] = MappingProxyType(
    {
        Rating.SATISFIED: "满意",
        Rating.BASICALLY: "基本满意",
        Rating.UNSATISFIED: "不满意",
    }
)

CHANNEL_NAMES: Mapping[Channel, str] = MappingProxyType(
    {
        Channel.WALK_IN: "来访",
        Channel.PHONE: "电话",
        Channel.QR: "扫码",
        Channel.GRID_WORKER: "网格员/民情联络员转来",
        Channel.HOTLINE: "12345热线转来",
        Channel.DEPUTY_VISIT: "代表走访收集",
        Channel.LETTER: "信件",
        Channel.MOBILE_STATION: "流动工作站",
    }
)

LEVEL_NAMES: Mapping[DeputyLevel, str] = MappingProxyType(
    {
        DeputyLevel.NATIONAL: "全国",
        DeputyLevel.PROVINCE: "省",
        DeputyLevel.CITY: "市",
        DeputyLevel.COUNTY: "县(区)",
        DeputyLevel.TOWNSHIP: "乡(镇)",
    }
)
