"""Opening-hours logic as pure functions: open now, today's hours, next opening.

Times are wall-clock Europe/Helsinki; comparisons are made in UTC so DST change days are right
(the spring night is an hour shorter, the autumn night an hour longer). A period belongs to the day
it starts on. Rules, strongest first: a date exception (closed, or special hours) replaces the week;
on a Finnish public holiday the service is closed unless it is marked open on holidays.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

HELSINKI = ZoneInfo("Europe/Helsinki")
MIDNIGHT = time(0, 0)


@dataclass(frozen=True)
class Period:
    weekday: int  # 0 = Monday
    opens: time
    closes: time


@dataclass(frozen=True)
class SpecialHours:
    """A date exception: closed all day (opens is None) or one special period."""

    day: date
    opens: time | None = None
    closes: time | None = None
    note: str = ""


@dataclass(frozen=True)
class Schedule:
    periods: tuple[Period, ...] = ()
    exceptions: tuple[SpecialHours, ...] = ()
    open_on_holidays: bool = False
    _by_day: dict = field(default_factory=dict, compare=False, repr=False)

    def exceptions_on(self, day: date) -> list[SpecialHours]:
        if not self._by_day and self.exceptions:
            for e in self.exceptions:
                self._by_day.setdefault(e.day, []).append(e)
        return self._by_day.get(day, [])


@dataclass(frozen=True)
class DayHours:
    """What a day looks like: its periods (opens, closes) and why (weekly, exception, holiday)."""

    day: date
    periods: tuple[tuple[time, time], ...]
    reason: str  # "weekly", "exception", "holiday"
    holiday_name: str = ""
    note: str = ""

    @property
    def closed(self) -> bool:
        return not self.periods


@lru_cache(maxsize=16)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("FI", years=year)


def holiday_name(day: date) -> str:
    """The Finnish public holiday on `day` (English name from the holidays library), or ''."""
    return _holidays(day.year).get(day, "") or ""


def is_holiday(day: date) -> bool:
    return day in _holidays(day.year)


def local(at: datetime | None = None) -> datetime:
    """`at` (aware; naive is read as UTC) or now, in Helsinki time."""
    if at is None:
        at = datetime.now(UTC)
    elif at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(HELSINKI)


def day_hours(schedule: Schedule, day: date) -> DayHours:
    exceptions = schedule.exceptions_on(day)
    if exceptions:
        periods = tuple(sorted((e.opens, e.closes) for e in exceptions if e.opens is not None))
        note = next((e.note for e in exceptions if e.note), "")
        return DayHours(day, periods, "exception", holiday_name(day), note)
    if is_holiday(day) and not schedule.open_on_holidays:
        return DayHours(day, (), "holiday", holiday_name(day))
    periods = tuple(sorted((p.opens, p.closes) for p in schedule.periods if p.weekday == day.weekday()))
    return DayHours(day, periods, "weekly", holiday_name(day))


def _interval(day: date, opens: time, closes: time) -> tuple[datetime, datetime]:
    """The UTC interval of a period starting on `day`; closes <= opens means it ends the next day."""
    end_day = day + timedelta(days=1) if closes <= opens else day
    start = datetime.combine(day, opens, tzinfo=HELSINKI).astimezone(UTC)
    end = datetime.combine(end_day, closes, tzinfo=HELSINKI).astimezone(UTC)
    return start, end


def intervals(schedule: Schedule, day: date) -> list[tuple[datetime, datetime]]:
    return [_interval(day, o, c) for o, c in day_hours(schedule, day).periods]


def current_interval(schedule: Schedule, at: datetime | None = None) -> tuple[datetime, datetime] | None:
    """The period open at `at` (UTC interval), or None when closed."""
    now = local(at)
    now_utc = now.astimezone(UTC)
    for day in (now.date() - timedelta(days=1), now.date()):
        for start, end in intervals(schedule, day):
            if start <= now_utc < end:
                return start, end
    return None


def is_open(schedule: Schedule, at: datetime | None = None) -> bool:
    return current_interval(schedule, at) is not None


def closes_at(schedule: Schedule, at: datetime | None = None) -> datetime | None:
    """When the current period ends (Helsinki time), or None when closed."""
    current = current_interval(schedule, at)
    return current[1].astimezone(HELSINKI) if current else None


def next_opening(schedule: Schedule, at: datetime | None = None, *, horizon_days: int = 14) -> datetime | None:
    """The next start of a period after `at` (Helsinki time), or None within the horizon."""
    now = local(at)
    now_utc = now.astimezone(UTC)
    for offset in range(horizon_days + 1):
        starts = sorted(s for s, _ in intervals(schedule, now.date() + timedelta(days=offset)) if s > now_utc)
        if starts:
            return starts[0].astimezone(HELSINKI)
    return None


def is_dst_change_near(day: date) -> bool:
    """True when the UTC offset changes between the start of the previous day and the next day."""
    offsets = {datetime.combine(day + timedelta(days=d), MIDNIGHT, tzinfo=HELSINKI).utcoffset() for d in (-1, 0, 1, 2)}
    return len(offsets) > 1


def schedule_of(service) -> Schedule:
    """The Schedule of a Service: the one selectors.with_display_data read, else from (prefetched)
    `periods` and `exceptions`."""
    loaded = getattr(service, "display_schedule", None)
    if loaded is not None:
        return loaded
    lang_note = getattr(service, "_note_lang", None)
    return Schedule(
        periods=tuple(Period(p.weekday, p.opens, p.closes) for p in service.periods.all()),
        exceptions=tuple(
            SpecialHours(e.date, None if e.closed else e.opens, None if e.closed else e.closes, e.tr("note", lang_note))
            for e in service.exceptions.all()
        ),
        open_on_holidays=service.open_on_holidays,
    )


def weekly_overlaps(periods: list[tuple[int, time, time]]) -> list[tuple[int, int]]:
    """Pairs (i, j) of weekly periods that overlap, counting overnight spill into the next day."""
    week = 7 * 24 * 60

    def minutes(w: int, o: time, c: time) -> tuple[int, int]:
        start = w * 1440 + o.hour * 60 + o.minute
        length = (c.hour * 60 + c.minute) - (o.hour * 60 + o.minute)
        if length <= 0:
            length += 1440
        return start, start + length

    spans = [minutes(*p) for p in periods]
    clashes = []
    for i in range(len(spans)):
        for j in range(i + 1, len(spans)):
            a0, a1 = spans[i]
            b0, b1 = spans[j]
            for shift in (-week, 0, week):
                if a0 < b1 + shift and b0 + shift < a1:
                    clashes.append((i, j))
                    break
    return clashes


def day_overlaps(periods: list[tuple[time, time]]) -> list[tuple[int, int]]:
    """Pairs of special periods of one date that overlap."""
    return [(i, j) for i, j in weekly_overlaps([(0, o, c) for o, c in periods])]
