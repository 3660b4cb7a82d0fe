"""What a page or the API shows of a service right now: open or not, today's hours, next opening."""

from datetime import datetime, time

from django.utils import formats
from django.utils.translation import gettext as _

from kotipolku.services import hours
from kotipolku.services.models import Service


def _hhmm(t: time) -> str:
    return f"{t:%H:%M}".replace(":", ".")


def period_text(opens: time, closes: time) -> str:
    if opens == closes == hours.MIDNIGHT:
        return _("ympäri vuorokauden")
    return f"{_hhmm(opens)}–{_hhmm(closes)}"


def status(service: Service, at: datetime | None = None) -> dict:
    """Open-now status of a service with prefetched periods and exceptions."""
    now = hours.local(at)
    schedule = hours.schedule_of(service)
    today = hours.day_hours(schedule, now.date())
    current = hours.current_interval(schedule, now)
    upcoming = None if current else hours.next_opening(schedule, now)
    has_hours = bool(schedule.periods or schedule.exceptions)
    return {
        "has_hours": has_hours,
        "open_now": current is not None,
        "closes_at": current[1].astimezone(hours.HELSINKI) if current else None,
        "today": today,
        "today_text": ", ".join(period_text(o, c) for o, c in today.periods),
        "next_opening": upcoming,
        "next_opening_text": _next_text(upcoming, now) if upcoming else "",
    }


def _next_text(when: datetime, now: datetime) -> str:
    clock = _hhmm(when.time())
    days = (when.date() - now.date()).days
    if days == 0:
        return _("tänään klo %(time)s") % {"time": clock}
    if days == 1:
        return _("huomenna klo %(time)s") % {"time": clock}
    weekday = formats.date_format(when, "l")
    return _("%(weekday)sna %(date)s klo %(time)s") % {
        "weekday": weekday,
        "date": formats.date_format(when, "j.n."),
        "time": clock,
    }


def week_rows(service: Service, at: datetime | None = None) -> list[dict]:
    """The next seven days with their hours, for the detail page."""
    from datetime import timedelta

    now = hours.local(at)
    schedule = hours.schedule_of(service)
    rows = []
    for offset in range(7):
        day = now.date() + timedelta(days=offset)
        info = hours.day_hours(schedule, day)
        rows.append(
            {
                "day": day,
                "is_today": offset == 0,
                "text": ", ".join(period_text(o, c) for o, c in info.periods) or _("suljettu"),
                "reason": info.reason,
                "holiday": info.holiday_name,
                "note": info.note,
            }
        )
    return rows
