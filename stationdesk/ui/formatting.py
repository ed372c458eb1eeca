"""Dates, times, file sizes and role names written the way the clerk reads them (translated)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale


def long_date(day: date) -> str:
    """2026年11月26日 星期四."""
    fmt = QCoreApplication.translate("formatting", "yyyy年M月d日 dddd")
    return QLocale().toString(QDate(day.year, day.month, day.day), fmt)


def date_time(moment: datetime) -> str:
    """2026年11月26日 14:32."""
    fmt = QCoreApplication.translate("formatting", "yyyy年M月d日 HH:mm")
    return QLocale().toString(QDateTime(moment), fmt)


def recent_time(moment: datetime, today: date | None = None) -> str:
    """今天 14:32 or 11月25日 14:32 (the year only when it is not this year)."""
    today = today or date.today()
    clock = QLocale().toString(QDateTime(moment), "HH:mm")
    if moment.date() == today:
        return QCoreApplication.translate("formatting", "今天 {time}").format(time=clock)
    if moment.year == today.year:
        fmt = QCoreApplication.translate("formatting", "M月d日 HH:mm")
        return QLocale().toString(QDateTime(moment), fmt)
    return date_time(moment)


def file_size(size: int) -> str:
    """356 KB, 1.2 MB."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def role_name(role: str) -> str:
    """工作人员, 站点管理员 or 代表 for an account's role (the code itself when unknown)."""
    names = {
        "clerk": QCoreApplication.translate("formatting", "工作人员"),
        "admin": QCoreApplication.translate("formatting", "站点管理员"),
        "deputy": QCoreApplication.translate("formatting", "代表"),
    }
    return names.get(str(role), str(role))


def deputy_status_name(status: str) -> str:
    """在任, 届满 or 调离 for a deputy's status."""
    names = {
        "serving": QCoreApplication.translate("formatting", "在任"),
        "term_ended": QCoreApplication.translate("formatting", "届满"),
        "transferred": QCoreApplication.translate("formatting", "调离"),
    }
    return names.get(status, status)
