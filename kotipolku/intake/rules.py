"""Triage rules in one place: priority of a signal and its first-contact deadline in working days.

Pure functions (no database), so the rules can be read, tested and changed together.

Priority tiers (higher first in the queue; within a tier the older item comes first):
    4 EMERGENCY   acute contact request ("no home now / eviction within days") or one whose attached
                  self-assessment signalled an emergency; urgent concern report
    3 FAST LANE   eviction application filed; concern report with the housing flag (asumisen täppä)
    2 ARREARS     rent arrears, ordered by months in arrears, then by amount
    1 OTHER       termination, broken payment plan, disturbance warning, other requests and reports

First contact: tiers 3-4 within 1 working day, others within 2 working days. The day of receipt is
not counted; weekends and Finnish public holidays (including midsummer eve and Christmas eve, which
the `holidays` library lists for Finland and which are days off in practice) are not working days.
An item is overdue when it has had no first contact and its due date has passed in Europe/Helsinki.
"""

import datetime as dt
from decimal import Decimal
from functools import cache
from zoneinfo import ZoneInfo

import holidays

HELSINKI = ZoneInfo("Europe/Helsinki")

EMERGENCY, FAST_LANE, ARREARS, OTHER = 4, 3, 2, 1
TIER_WEIGHT = 1000
FAST_DEADLINE_WORKING_DAYS = 1
NORMAL_DEADLINE_WORKING_DAYS = 2

# Within "other": the nearer the loss of the home, the earlier.
_OTHER_NOTICE_RANK = {"termination": 30, "payment_plan_broken": 20, "disturbance_warning": 10}
_CONTACT_URGENCY_RANK = {"soon": 20, "not_urgent": 0}


def notice_priority(*, notice_type: str, months_in_arrears: int | None = None, amount_eur=None) -> int:
    """Priority of a landlord notice: eviction application > rent arrears by months/amount > others."""
    if notice_type == "eviction_application":
        return FAST_LANE * TIER_WEIGHT
    if notice_type == "rent_arrears":
        months = min(max(int(months_in_arrears or 0), 0), 60)
        amount_step = min(max(int(Decimal(amount_eur or 0) // 500), 0), 9)  # 500 € steps, capped
        return ARREARS * TIER_WEIGHT + months * 10 + amount_step
    return OTHER * TIER_WEIGHT + _OTHER_NOTICE_RANK.get(notice_type, 0)


def contact_request_priority(*, urgency: str, assessment_emergency: bool = False) -> int:
    """Acute requests, and requests whose attached self-assessment signalled an emergency, come first."""
    if urgency == "acute" or assessment_emergency:
        return EMERGENCY * TIER_WEIGHT
    return OTHER * TIER_WEIGHT + _CONTACT_URGENCY_RANK.get(urgency, 0)


def concern_report_priority(*, urgent: bool, housing_flag: bool) -> int:
    if urgent:
        return EMERGENCY * TIER_WEIGHT
    if housing_flag:
        return FAST_LANE * TIER_WEIGHT
    return OTHER * TIER_WEIGHT


def tier_of(priority: int) -> int:
    return priority // TIER_WEIGHT


def deadline_working_days(priority: int) -> int:
    """1 working day for emergencies and the fast lane, 2 for everything else."""
    return FAST_DEADLINE_WORKING_DAYS if tier_of(priority) >= FAST_LANE else NORMAL_DEADLINE_WORKING_DAYS


@cache
def _finnish_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("FI", years=year).keys())


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _finnish_holidays(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The `days`-th working day after `start` (start itself is not counted)."""
    day = start
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def local_date(moment: dt.datetime) -> dt.date:
    """The calendar date in Helsinki of an aware datetime."""
    return moment.astimezone(HELSINKI).date()


def first_contact_due(*, received_at: dt.datetime, priority: int) -> dt.date:
    """Last day (Helsinki) on which the first contact is on time."""
    return add_working_days(local_date(received_at), deadline_working_days(priority))


def is_overdue(*, due: dt.date, first_contact_at: dt.datetime | None, is_open: bool, now: dt.datetime) -> bool:
    """Overdue: still open, nobody reached yet, and the due day is over in Helsinki."""
    return is_open and first_contact_at is None and local_date(now) > due


def was_on_time(*, due: dt.date, first_contact_at: dt.datetime | None) -> bool | None:
    """Deadline compliance for reports: None while there has been no first contact."""
    if first_contact_at is None:
        return None
    return local_date(first_contact_at) <= due


def working_days_left(*, due: dt.date, today: dt.date) -> int:
    """Working days from today until the due day (0 on the due day, negative when late)."""
    if today == due:
        return 0
    step = 1 if due > today else -1
    count, day = 0, today
    while day != due:
        day += dt.timedelta(days=step)
        if is_working_day(day):
            count += step
    return count


def queue_sort_key(*, priority: int, received_at: dt.datetime) -> tuple:
    """The queue order: higher priority first, then the older item first."""
    return (-priority, received_at)
