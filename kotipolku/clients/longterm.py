"""Long-term homelessness, derived from the housing history and never typed by hand.

Varke's annual homelessness survey calls a person long-term homeless when homelessness has lasted
(or threatens to last) over a year, or has recurred during the last three years. Kotipolku makes
that precise, for a given day `on` (default today):

1. The person is homeless on `on`: a period with a homeless status (HOMELESS_STATUSES, the five
   Varke survey categories) covers that day. Someone housed today is not on the by-name list.
2. And at least one of:
   a. **continuous**: the current homeless spell has lasted at least 365 days (`on` included).
      A *spell* is a run of homeless periods with no day between them that is not covered by a
      homeless period; changing category (e.g. shelter → friends) does not break a spell;
   b. **repeated**: at least 3 separate spells overlap the window from `on` minus three years
      (inclusive) to `on`;
   c. **cumulative**: the homeless days inside that window add up to at least 365.
   The window starts on the same calendar day three years earlier (29 Feb → 28 Feb).

Days are whole calendar days, both ends inclusive; an open end (end_date None) means "until `on`".
Periods starting after `on` are ignored, so the rule can be evaluated for any past day.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from kotipolku.clients.models.choices import HOMELESS_STATUSES

REPEATED_SPELLS = 3
CUMULATIVE_DAYS = 365
WINDOW_YEARS = 3


@dataclass(frozen=True)
class Period:
    """The part of a HousingPeriod the rule needs (HousingPeriod instances work as well)."""

    status: str
    start_date: dt.date
    end_date: dt.date | None = None


@dataclass(frozen=True)
class LongTermResult:
    is_long_term: bool
    reason: str  # "continuous", "repeated", "cumulative" or "" when not long-term
    homeless_now: bool
    current_spell_start: dt.date | None
    spells_in_window: int
    days_in_window: int


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def homeless_spells(periods: Iterable, *, on: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Merged (start, end) runs of homeless days up to `on`, oldest first."""
    ranges = sorted(
        (p.start_date, min(p.end_date or on, on))
        for p in periods
        if p.status in HOMELESS_STATUSES and p.start_date <= on
    )
    spells: list[tuple[dt.date, dt.date]] = []
    for start, end in ranges:
        if end < start:
            continue
        if spells and start <= spells[-1][1] + dt.timedelta(days=1):
            spells[-1] = (spells[-1][0], max(spells[-1][1], end))
        else:
            spells.append((start, end))
    return spells


def evaluate(periods: Iterable, *, on: dt.date | None = None) -> LongTermResult:
    """Apply the documented rule to a housing history; pure (no database, no clock unless on=None)."""
    if on is None:
        from django.utils import timezone

        on = timezone.localdate()
    spells = homeless_spells(periods, on=on)
    current = spells[-1] if spells and spells[-1][1] == on else None
    window_start = years_before(on, WINDOW_YEARS)
    in_window = [(max(s, window_start), e) for s, e in spells if e >= window_start]
    days = sum((e - s).days + 1 for s, e in in_window)
    reason = ""
    if current is not None:
        if (on - current[0]).days + 1 >= CUMULATIVE_DAYS:
            reason = "continuous"
        elif len(in_window) >= REPEATED_SPELLS:
            reason = "repeated"
        elif days >= CUMULATIVE_DAYS:
            reason = "cumulative"
    return LongTermResult(
        is_long_term=bool(reason),
        reason=reason,
        homeless_now=current is not None,
        current_spell_start=current[0] if current else None,
        spells_in_window=len(in_window),
        days_in_window=days,
    )


def is_long_term_homeless(periods: Iterable, *, on: dt.date | None = None) -> bool:
    return evaluate(periods, on=on).is_long_term
