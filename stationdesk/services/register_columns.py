"""The fields of an old register (旧台账), header guessing, and the free forms of its cells."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from types import MappingProxyType

from stationdesk.domain.enums import (
    CHANNEL_NAMES,
    STATUS_NAMES,
    TRACK_NAMES,
    CaseStatus,
    Channel,
    Rating,
    Track,
)
from stationdesk.domain.errors import ValidationError
from stationdesk.domain.validators import validate_phone

__all__ = [
    "FIELDS",
    "FIELD_LABELS",
    "REQUIRED_FIELDS",
    "CellError",
    "Field",
    "find_header_row",
    "guess_mapping",
    "header_key",
    "is_masked",
    "layout_key",
    "parse_channel",
    "parse_date",
    "parse_people",
    "parse_phone",
    "parse_rating",
    "parse_status",
    "parse_track",
]

HEADER_SCAN = 15  # the header is looked for in the first rows (titles may sit above it)
HEADER_MIN_MATCHES = 3  # a row with this many known column names is the header


@dataclass(frozen=True, slots=True)
class Field:
    """A StationDesk field a sheet column can be mapped to: key, label, header spellings."""

    key: str
    label: str
    aliases: tuple[str, ...]


# The order is the order of the template and of the mapping combo box.
FIELDS: tuple[Field, ...] = (
    Field("seq", "序号（不导入）", ("序号", "顺序号", "编号序号")),
    Field("source_no", "原编号（案件编号）", ("案件编号", "案件号", "登记编号", "受理编号",
                                             "编号")),
    Field("received_on", "接待日期", ("接待日期", "接待时间", "来访日期", "来访时间", "登记日期",
                                     "受理日期", "登记时间", "日期", "时间")),
    Field("channel", "来访方式", ("来访方式", "来访渠道", "问题来源", "反映方式", "渠道", "来源")),
    Field("visitor_name", "来访群众", ("来访群众", "来访群众姓名", "来访人", "来访人员", "来访者",
                                      "来访人姓名", "群众姓名", "反映人", "姓名")),
    Field("people", "人数", ("人数", "来访人数")),
    Field("phone", "联系电话", ("联系电话", "电话", "手机", "手机号", "手机号码", "电话号码",
                                "联系方式")),
    Field("address", "住址", ("住址", "地址", "家庭住址", "居住地址", "现住址")),
    Field("grid", "所属网格", ("所属网格", "网格")),
    Field("deputies", "接待代表", ("接待代表", "值班代表", "代表", "接待人", "接待人员")),
    Field("category", "问题类别", ("问题类别", "问题类型", "问题分类", "类别", "分类")),
    Field("content", "反映问题", ("反映问题", "反映内容", "问题内容", "反映事项", "主要问题",
                                  "问题描述", "诉求内容", "问题")),
    Field("demand", "诉求", ("诉求", "具体诉求", "群众诉求")),
    Field("track", "办理方式", ("办理方式", "办理情况", "处理方式", "处理情况")),
    Field("department", "承办单位", ("承办单位", "责任单位", "交办单位", "办理单位")),
    Field("due_date", "办理期限", ("办理期限", "期限", "办结时限", "限办日期")),
    Field("status", "办理状态", ("办理状态", "状态", "办理进度")),
    Field("closed_on", "办结日期", ("办结日期", "办结时间", "完成日期")),
    Field("result", "办理结果", ("办理结果", "处理结果", "答复情况", "答复意见")),
    Field("callback_on", "回访日期", ("回访日期", "回访时间")),
    Field("rating", "满意度", ("满意度", "群众满意度", "满意情况", "回访评价", "评价")),
)  # fmt: skip
FIELD_LABELS: Mapping[str, str] = MappingProxyType({f.key: f.label for f in FIELDS})
REQUIRED_FIELDS = ("received_on", "content")
_BY_ALIAS = {alias: f.key for f in FIELDS for alias in f.aliases}
_BRACKETS = re.compile(r"[(\[（【][^)\]）】]*[)\]）】]")
_SPACES = re.compile(r"\s+")


class CellError(Exception):
    """A cell that cannot be read; `message` is the Chinese sentence shown to the clerk."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def norm(text: str) -> str:
    """NFKC without spaces: full-width letters and digits become ASCII."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


def header_key(text: str) -> str:
    """A header cell as compared: no spaces, no bracketed note, no required mark."""
    return _BRACKETS.sub("", norm(text)).strip("*＊:：")


def _field_of(header: str) -> str | None:
    key = header_key(header)
    if not key:
        return None
    if key in _BY_ALIAS:
        return _BY_ALIAS[key]
    contained = [alias for alias in _BY_ALIAS if len(alias) >= 2 and alias in key]
    if not contained:
        return None
    return _BY_ALIAS[max(contained, key=len)]


def find_header_row(rows: Sequence[Sequence[str]]) -> int | None:
    """Index of the first row among the first HEADER_SCAN with ≥3 cells naming known fields."""
    for index, cells in enumerate(rows[:HEADER_SCAN]):
        exact = sum(1 for c in cells if header_key(c) in _BY_ALIAS)
        if exact >= HEADER_MIN_MATCHES:
            return index
    return None


def guess_mapping(headers: Sequence[str]) -> dict[int, str]:
    """Column index → field key guessed from the header names; each field taken once."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    # Exact spellings first, so 反映问题 is not taken by a column that merely contains it.
    for exact_pass in (True, False):
        for index, header in enumerate(headers):
            if index in mapping:
                continue
            key = header_key(header)
            field = _BY_ALIAS.get(key) if exact_pass else _field_of(header)
            if field and field not in taken:
                mapping[index] = field
                taken.add(field)
    return dict(sorted(mapping.items()))


def layout_key(headers: Sequence[str]) -> str:
    """The layout's identity: a hash of its normalised header row (trailing blanks ignored)."""
    cells = [header_key(h) for h in headers]
    while cells and not cells[-1]:
        cells.pop()
    return hashlib.sha256("\x1f".join(cells).encode()).hexdigest()[:16]


# --- free forms -------------------------------------------------------------------------------

_EXCEL_EPOCH = date(1899, 12, 30)
_DATE_TEXT = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?"
    r"(?:\s*[T\s]?\s*(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2}))?秒?)?"
)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_EARLIEST = date(1990, 1, 1)


def _checked(day: date, today: date, future_ok: bool) -> date:
    if day < _EARLIEST:
        raise CellError(f"日期“{day.isoformat()}”早于 1990 年，请核对")
    if not future_ok and day > today:
        raise CellError(f"日期“{day.isoformat()}”晚于今天，请核对")
    if day > today + timedelta(days=3660):
        raise CellError(f"日期“{day.isoformat()}”太远，请核对")
    return day


def parse_date(value: object, today: date, *, future_ok: bool = False) -> datetime | date | None:
    """A date cell in any usual form; a datetime when the cell also gives the time.

    2023-5-6, 2023/05/06, 2023.5.6, 2023年5月6日, 20230506, an Excel serial number, a real
    date or datetime cell. Empty → None. Only a due date (future_ok) may lie after today.
    Raises CellError with the Chinese reason.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        _checked(value.date(), today, future_ok)
        return value if value.time() != time() else value.date()
    if isinstance(value, date):
        return _checked(value, today, future_ok)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = int(value)
        if 19000101 <= number <= 21001231:
            return parse_date(str(number), today, future_ok=future_ok)
        if 1 <= value < 80000:  # an Excel serial day number (the cell lost its date format)
            moment = datetime.combine(_EXCEL_EPOCH, time()) + timedelta(days=float(value))
            return parse_date(moment.replace(microsecond=0), today, future_ok=future_ok)
        raise CellError(f"看不出“{value}”是哪一天")
    text = norm(str(value))
    if not text:
        return None
    found = _DATE_TEXT.fullmatch(text) or _COMPACT.fullmatch(text)
    if found is None:
        raise CellError(f"日期“{value}”看不懂，请写成 2023-05-06 或 2023年5月6日")
    parts = [int(p) if p else 0 for p in found.groups()] + [0, 0, 0]
    try:
        day = date(parts[0], parts[1], parts[2])
        clock = time(parts[3], parts[4], parts[5]) if found.re is _DATE_TEXT else time()
    except ValueError:
        raise CellError(f"日期“{value}”不存在") from None
    _checked(day, today, future_ok)
    return datetime.combine(day, clock) if clock != time() else day


def is_masked(text: str) -> bool:
    """A value with * in it (李*, 138****5678): a masked copy, not the real value."""
    return "*" in text or "＊" in text


def parse_phone(text: str) -> str | None:
    """A mobile or landline in any usual form (spaces, dashes, +86) → the stored form."""
    raw = text.strip()
    if not raw or raw in ("无", "-", "—", "/"):
        return None
    if is_masked(raw):
        raise CellError(
            f"联系电话“{raw}”是隐去了中间几位的号码，不是真实号码：请用“完整信息”导出的文件，"
            "或删去这个号码"
        )
    try:
        return validate_phone(raw).number
    except ValidationError:
        raise CellError(
            f"联系电话“{raw}”格式不对（手机 11 位，座机带区号，如 0379-1234567）"
        ) from None


_PEOPLE = re.compile(r"(\d{1,5})\s*(?:人|位|名)?")


def parse_people(value: object) -> int:
    """人数: 3, "3", "3人"; empty is 1."""
    if value is None or value == "":
        return 1
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = int(value) if float(value).is_integer() else -1
    else:
        found = _PEOPLE.fullmatch(norm(str(value)))
        number = int(found.group(1)) if found else -1
    if not 1 <= number <= 10000:
        raise CellError(f"人数“{value}”不对，应为 1 到 10000 的整数，如“3”或“3人”")
    return number


# 满意度: the words registers use, and what each counts as (docs/register_import.md).
RATING_WORDS: Mapping[str, Rating | None] = MappingProxyType(
    {
        **{"满意": Rating.SATISFIED, "非常满意": Rating.SATISFIED, "很满意": Rating.SATISFIED,
           "十分满意": Rating.SATISFIED, "✓": Rating.SATISFIED, "√": Rating.SATISFIED,
           "✔": Rating.SATISFIED, "☑": Rating.SATISFIED, "是": Rating.SATISFIED,
           "好": Rating.SATISFIED, "满": Rating.SATISFIED},
        **{"基本满意": Rating.BASICALLY, "比较满意": Rating.BASICALLY, "较满意": Rating.BASICALLY,
           "还算满意": Rating.BASICALLY, "一般": Rating.BASICALLY, "尚可": Rating.BASICALLY,
           "还行": Rating.BASICALLY, "基本": Rating.BASICALLY},
        **{"不满意": Rating.UNSATISFIED, "很不满意": Rating.UNSATISFIED,
           "非常不满意": Rating.UNSATISFIED, "不太满意": Rating.UNSATISFIED,
           "不是很满意": Rating.UNSATISFIED, "✗": Rating.UNSATISFIED, "✘": Rating.UNSATISFIED,
           "×": Rating.UNSATISFIED, "否": Rating.UNSATISFIED, "差": Rating.UNSATISFIED},
        **{"未回访": None, "无": None, "-": None, "—": None, "/": None, "未评价": None},
    }
)  # fmt: skip


def parse_rating(text: str) -> Rating | None:
    """满意度 in the usual words (RATING_WORDS); empty or 未回访 → None."""
    key = norm(text).rstrip("。.")
    if not key:
        return None
    if key in RATING_WORDS:
        return RATING_WORDS[key]
    raise CellError(f"满意度“{text}”看不懂，可填：满意、基本满意、不满意（或非常满意、一般、✓ 等）")


_TRACK_WORDS: tuple[tuple[str, Track], ...] = (
    *((norm(name), track) for track, name in TRACK_NAMES.items()),
    ("建议", Track.SUGGESTION),
    ("现场", Track.ON_SPOT), ("当场", Track.ON_SPOT), ("当面", Track.ON_SPOT),
    ("答复", Track.ON_SPOT), ("解释", Track.ON_SPOT), ("快办", Track.ON_SPOT),
    ("督办", Track.SUPERVISE), ("交办", Track.SUPERVISE), ("转办", Track.SUPERVISE),
    ("转交", Track.SUPERVISE), ("转", Track.SUPERVISE), ("承办", Track.SUPERVISE),
)  # fmt: skip


def parse_track(text: str) -> Track | None:
    """办理方式/办理情况: the track names or words that show one; None when nothing shows."""
    key = norm(text)
    if not key:
        return None
    for word, track in _TRACK_WORDS:
        if word in key:
            return track
    return None


_CHANNEL_WORDS: tuple[tuple[str, Channel], ...] = (
    *((norm(name), channel) for channel, name in CHANNEL_NAMES.items()),
    ("12345", Channel.HOTLINE), ("热线", Channel.HOTLINE), ("扫码", Channel.QR),
    ("二维码", Channel.QR), ("网格", Channel.GRID_WORKER), ("联络员", Channel.GRID_WORKER),
    ("流动", Channel.MOBILE_STATION), ("走访", Channel.DEPUTY_VISIT),
    ("来信", Channel.LETTER), ("写信", Channel.LETTER), ("电话", Channel.PHONE),
    ("来电", Channel.PHONE),
    ("来访", Channel.WALK_IN), ("来站", Channel.WALK_IN), ("上门", Channel.WALK_IN),
    ("进站", Channel.WALK_IN), ("当面", Channel.WALK_IN),
)  # fmt: skip


def parse_channel(text: str) -> Channel:
    """来访方式: the channel names or words that show one; empty is 来访."""
    key = norm(text)
    if not key:
        return Channel.WALK_IN
    for word, channel in _CHANNEL_WORDS:
        if word in key:
            return channel
    names = "、".join(CHANNEL_NAMES.values())
    raise CellError(f"来访方式“{text}”看不懂，可填：{names}")


_STATUS_WORDS: tuple[tuple[str, CaseStatus], ...] = (
    ("未办结", CaseStatus.IN_PROGRESS), ("未办", CaseStatus.PENDING),
    *((norm(name), status) for status, name in STATUS_NAMES.items()),
    ("不满意", CaseStatus.UNSATISFIED), ("合并", CaseStatus.MERGED),
    ("闭环", CaseStatus.DONE), ("已回访", CaseStatus.DONE), ("办结", CaseStatus.CLOSED),
    ("已解决", CaseStatus.CLOSED), ("完成", CaseStatus.CLOSED), ("办理中", CaseStatus.IN_PROGRESS),
    ("正在", CaseStatus.IN_PROGRESS), ("待办", CaseStatus.PENDING),
)  # fmt: skip


def parse_status(text: str) -> CaseStatus | None:
    """办理状态 in the status names or usual words; None when empty or not recognised."""
    key = norm(text)
    if not key:
        return None
    for word, status in _STATUS_WORDS:
        if word in key:
            return status
    return None
