"""Open-now rules: overnight periods, DST change days, public holidays and date exceptions."""

from datetime import UTC, date, datetime, time, timedelta

from kotipolku.services.hours import (
    HELSINKI,
    Period,
    Schedule,
    SpecialHours,
    closes_at,
    day_hours,
    is_open,
    next_opening,
)


def at(y, m, d, hh, mm=0, fold=0):
    return datetime(y, m, d, hh, mm, tzinfo=HELSINKI, fold=fold)


def week(days, opens, closes):
    return tuple(Period(d, opens, closes) for d in days)


OFFICE = Schedule(periods=week(range(5), time(9), time(15)))
SHELTER = Schedule(periods=week(range(7), time(20), time(8)))


def test_overnight_period_is_open_after_midnight_of_the_next_day():
    """A Monday 20:00–08:00 period is open on Tuesday at 02:00 and closed at Tuesday 08:00."""
    monday_only = Schedule(periods=(Period(0, time(20), time(8)),))
    assert is_open(monday_only, at(2026, 11, 24, 2))  # Tuesday
    assert not is_open(monday_only, at(2026, 11, 24, 8))
    assert not is_open(monday_only, at(2026, 11, 23, 19, 59))
    assert is_open(monday_only, at(2026, 11, 23, 20))
    assert not is_open(monday_only, at(2026, 11, 25, 2))  # Wednesday night: no Tuesday period


def test_period_closing_at_midnight_ends_at_midnight():
    """10:00–00:00 is open at 23:59 and closed at 00:00 of the next day."""
    schedule = Schedule(periods=(Period(0, time(10), time(0)),))
    assert is_open(schedule, at(2026, 11, 23, 23, 59))
    assert not is_open(schedule, at(2026, 11, 24, 0, 0))


def test_full_day_periods_make_a_service_open_around_the_clock():
    """00:00–00:00 on every weekday is open at any moment."""
    always = Schedule(periods=week(range(7), time(0), time(0)), open_on_holidays=True)
    for hour in range(0, 24 * 8, 5):
        assert is_open(always, at(2026, 12, 20, 0) + timedelta(hours=hour))


def test_spring_dst_night_is_one_hour_shorter():
    """On the last Sunday of March (29.3.2026) the 20:00–08:00 night lasts 11 hours, and is open at 07:30 EEST."""
    start = at(2026, 3, 28, 20)
    end = closes_at(SHELTER, at(2026, 3, 29, 7, 30))
    assert end == at(2026, 3, 29, 8)
    assert end.utcoffset() == timedelta(hours=3)
    assert (end.astimezone(UTC) - start.astimezone(UTC)) == timedelta(hours=11)
    assert is_open(SHELTER, datetime(2026, 3, 29, 1, 30, tzinfo=UTC))  # 04:30 EEST


def test_autumn_dst_night_is_one_hour_longer():
    """On the last Sunday of October (25.10.2026) the shelter night lasts 13 hours; 07:59 is open, 08:00 closed."""
    start = at(2026, 10, 24, 20)
    end = closes_at(SHELTER, at(2026, 10, 25, 3, 30, fold=1))
    assert (end.astimezone(UTC) - start.astimezone(UTC)) == timedelta(hours=13)
    assert is_open(SHELTER, at(2026, 10, 25, 7, 59))
    assert not is_open(SHELTER, at(2026, 10, 25, 8, 0))


def test_next_opening_after_dst_change_uses_summer_time():
    """Next opening after Friday 27.3.2026 evening is Monday 30.3. 09:00 at UTC+3."""
    nxt = next_opening(OFFICE, at(2026, 3, 27, 16))
    assert nxt == at(2026, 3, 30, 9)
    assert nxt.astimezone(UTC).hour == 6


def test_public_holiday_closes_a_weekday_service():
    """Midsummer Eve (19.6.2026, a Friday) and Independence Day (6.12.2027, a Monday) close an office."""
    assert not is_open(OFFICE, at(2026, 6, 19, 10))
    assert not is_open(OFFICE, at(2027, 12, 6, 10))
    assert is_open(OFFICE, at(2027, 12, 7, 10))
    assert day_hours(OFFICE, date(2027, 12, 6)).reason == "holiday"


def test_service_marked_open_on_holidays_keeps_weekly_hours():
    """open_on_holidays keeps the weekly hours on Independence Day."""
    schedule = Schedule(periods=OFFICE.periods, open_on_holidays=True)
    assert is_open(schedule, at(2027, 12, 6, 10))


def test_overnight_period_starting_on_a_holiday_does_not_happen():
    """A period belongs to its start day: Christmas Day's night does not open a holiday-closed service."""
    assert not is_open(SHELTER, at(2026, 12, 26, 2))  # 25.12. night
    assert is_open(Schedule(periods=SHELTER.periods, open_on_holidays=True), at(2026, 12, 26, 2))


def test_exception_wins_over_holiday_and_week():
    """A special period on a holiday opens the service; a closed exception closes a normal day."""
    special = Schedule(periods=OFFICE.periods, exceptions=(SpecialHours(date(2027, 12, 6), time(10), time(12)),))
    assert is_open(special, at(2027, 12, 6, 11))
    assert not is_open(special, at(2027, 12, 6, 13))
    closed = Schedule(periods=OFFICE.periods, exceptions=(SpecialHours(date(2026, 11, 25)),))
    assert not is_open(closed, at(2026, 11, 25, 10))
    assert is_open(closed, at(2026, 11, 26, 10))


def test_exception_with_special_hours_replaces_the_weekly_hours():
    """Special hours 12–14 mean closed at 10 although the week says 9–15."""
    schedule = Schedule(periods=OFFICE.periods, exceptions=(SpecialHours(date(2026, 11, 25), time(12), time(14)),))
    assert not is_open(schedule, at(2026, 11, 25, 10))
    assert is_open(schedule, at(2026, 11, 25, 13))


def test_next_opening_skips_easter_holidays():
    """From Thursday 2.4.2026 16:00 the office next opens on Tuesday 7.4. (Good Friday and Easter Monday off)."""
    assert next_opening(OFFICE, at(2026, 4, 2, 16)) == at(2026, 4, 7, 9)


def test_next_opening_is_none_without_hours():
    """A service with no hours has no next opening."""
    assert next_opening(Schedule(), at(2026, 4, 2, 16)) is None
