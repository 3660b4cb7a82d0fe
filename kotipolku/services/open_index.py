"""Precomputed openings: hours.py decides once per service and day, SQL then answers "open now".

OpenInterval holds every opening of every service as a UTC interval for the days of HoursWindow
(yesterday … DAYS_AHEAD days ahead). A write rebuilds one service's rows (service_upsert, admin);
`manage.py services_refresh_hours` (daily, e.g. from cron) moves the window forward. When the window
does not cover a moment, the selectors fall back to the older SQL + pure-function path, so answers
stay right, only slower.
"""

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

from django.db import connection, transaction

from kotipolku.services import hours
from kotipolku.services.models import HoursWindow, OpeningException, OpeningPeriod, OpenInterval, Service

DAYS_AHEAD = 14
# A period lasts at most 24 wall-clock hours, 25 real ones on the autumn night: a look-up for "open at t"
# only needs intervals that started within this much before t (bounds the index range scan).
MAX_LENGTH = timedelta(hours=26)
CHUNK = 2000


def window() -> tuple[date, date] | None:
    return HoursWindow.objects.filter(pk=1).values_list("first_day", "last_day").first()


def covers(day: date) -> bool:
    """True when the rows of `day` and of the day before exist (all an open-now look-up needs).

    Plain SQL: every open-now search asks, and the ORM took ten times the database's time."""
    adapt = connection.ops.adapt_datefield_value
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {HoursWindow._meta.db_table} WHERE id = 1 AND first_day <= %s AND last_day >= %s",  # noqa: S608
            [adapt(day - timedelta(days=1)), adapt(day)],
        )
        return cursor.fetchone() is not None


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def intervals_of(schedule: hours.Schedule, days: Iterable[date]) -> list[tuple[datetime, datetime]]:
    """The UTC intervals of the periods starting on `days`, exactly as hours.py computes them."""
    return [interval for day in days for interval in hours.intervals(schedule, day)]


def schedules(service_ids: list[int], *, first: date, last: date) -> dict[int, hours.Schedule]:
    """Schedules (weekly periods, exceptions of first..last) of services, read as plain tuples."""
    periods: dict[int, list[hours.Period]] = {sid: [] for sid in service_ids}
    for sid, weekday, opens, closes in OpeningPeriod.objects.filter(service_id__in=service_ids).values_list(
        "service_id", "weekday", "opens", "closes"
    ):
        periods[sid].append(hours.Period(weekday, opens, closes))
    exceptions: dict[int, list[hours.SpecialHours]] = {sid: [] for sid in service_ids}
    for sid, day, closed, opens, closes in OpeningException.objects.filter(
        service_id__in=service_ids, date__gte=first, date__lte=last
    ).values_list("service_id", "date", "closed", "opens", "closes"):
        exceptions[sid].append(hours.SpecialHours(day, None if closed else opens, None if closed else closes))
    holidays_open = dict(Service.objects.filter(pk__in=service_ids).values_list("pk", "open_on_holidays"))
    return {
        sid: hours.Schedule(tuple(periods[sid]), tuple(exceptions[sid]), holidays_open[sid])
        for sid in service_ids
        if sid in holidays_open
    }


def _write(service_ids: list[int], days: list[date], memo: dict) -> int:
    """Insert the rows of `days` for these services. Identical schedules are computed once (memo)."""
    rows = []
    for sid, schedule in schedules(service_ids, first=days[0], last=days[-1]).items():
        key = (schedule, days[0], days[-1])
        if key not in memo:
            memo[key] = intervals_of(schedule, days)
        rows += [OpenInterval(service_id=sid, starts_at=start, ends_at=end) for start, end in memo[key]]
    OpenInterval.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def rebuild(service_ids: list[int]) -> int:
    """Replace the rows of these services for the current window; call inside the write's transaction."""
    OpenInterval.objects.filter(service_id__in=service_ids).delete()
    current = window()
    if current is None or not service_ids:
        return 0
    return _write(list(service_ids), _days(*current), {})


def _day_start(day: date) -> datetime:
    return datetime.combine(day, hours.MIDNIGHT, tzinfo=hours.HELSINKI)


def refresh(
    *, today: date | None = None, days_ahead: int = DAYS_AHEAD, progress: Callable[[int, int], None] | None = None
) -> tuple[date, date, int]:
    """Move the window to yesterday … today + days_ahead: drop older rows, add the missing days for
    every service. Idempotent; returns (first day, last day, rows added)."""
    today = today or hours.local().date()
    first, last = today - timedelta(days=1), today + timedelta(days=days_ahead)
    with transaction.atomic():
        old = HoursWindow.objects.select_for_update().filter(pk=1).first()
        if old is None or old.last_day < first or old.first_day > last or old.first_day > first:
            OpenInterval.objects.all().delete()
            missing = _days(first, last)
        else:
            OpenInterval.objects.filter(starts_at__lt=_day_start(first)).delete()
            missing = [d for d in _days(first, last) if d > old.last_day]
        added = 0
        if missing:
            ids = list(Service.objects.order_by("pk").values_list("pk", flat=True))
            memo: dict = {}
            for i in range(0, len(ids), CHUNK):
                added += _write(ids[i : i + CHUNK], missing, memo)
                if progress:
                    progress(min(i + CHUNK, len(ids)), len(ids))
        HoursWindow.objects.update_or_create(pk=1, defaults={"first_day": first, "last_day": last})
    return first, last, added
