"""Properties of opening hours for generated weeks: validation refuses end-before-start and overlapping
periods; "open at t" agrees with a plain minute-of-the-week model; the next opening is in the future
and really open."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, example, given
from hypothesis import strategies as st

from kotipolku.services.hours import (
    HELSINKI,
    Period,
    Schedule,
    SpecialHours,
    is_dst_change_near,
    is_holiday,
    is_open,
    next_opening,
    weekly_overlaps,
)
from kotipolku.services.models import validate_period
from kotipolku.services.services import _check_hours, normalise

WEEK = 7 * 1440
times = st.integers(0, 95).map(lambda q: dt.time(q // 4, q % 4 * 15))


def span(weekday: int, opens: dt.time, closes: dt.time) -> set[int]:
    """The minutes of the week a period covers (closes <= opens: it runs into the next day)."""
    start = weekday * 1440 + opens.hour * 60 + opens.minute
    length = (closes.hour * 60 + closes.minute) - (opens.hour * 60 + opens.minute)
    if length <= 0:
        length += 1440
    return {(start + m) % WEEK for m in range(length)}


periods = st.tuples(st.integers(0, 6), times, times)


@given(st.lists(periods, max_size=5))
@example([(6, dt.time(22), dt.time(2)), (0, dt.time(1), dt.time(3))])  # Sunday night into Monday
def test_overlaps_agree_with_the_minute_sets(week):
    """weekly_overlaps reports exactly the pairs whose minutes of the week intersect."""
    found = set(weekly_overlaps(week))
    expected = {(i, j) for i in range(len(week)) for j in range(i + 1, len(week)) if span(*week[i]) & span(*week[j])}
    assert found == expected


@given(times, times, st.booleans())
def test_validation_refuses_end_before_start_unless_overnight(opens, closes, overnight):
    """Daytime: closes after opens (00:00 = midnight). Overnight: closes at or before opens."""
    midnight = dt.time(0)
    if overnight:
        valid = closes <= opens or closes == midnight
    else:
        valid = (closes > opens or closes == midnight) and closes != opens
    try:
        validate_period(opens, closes, overnight)
    except ValidationError as exc:
        assert not valid, (opens, closes, overnight)
        assert exc.messages
    else:
        assert valid, (opens, closes, overnight)


@given(st.lists(st.tuples(st.integers(0, 6), times, times, st.booleans()), min_size=1, max_size=5))
def test_service_validation_refuses_every_invalid_or_overlapping_week(week):
    """A week is accepted exactly when each period is valid and no two overlap."""
    data = {
        "id": "x",
        "name": "X",
        "categories": ["food_aid"],
        "municipalities": ["092"],
        "hours": [{"weekday": w, "opens": f"{o:%H:%M}", "closes": f"{c:%H:%M}", "overnight": n} for w, o, c, n in week],
    }
    clean = normalise(data)
    each_valid = True
    for _, o, c, n in week:
        try:
            validate_period(o, c, n)
        except ValidationError:
            each_valid = False
    overlapping = bool(weekly_overlaps([(w, o, c) for w, o, c, _ in week]))
    try:
        _check_hours(clean)
    except ValidationError as exc:
        assert "hours" in exc.message_dict
        assert not each_valid or overlapping
    else:
        assert each_valid and not overlapping


@st.composite
def valid_weeks(draw):
    week = draw(st.lists(periods, max_size=6))
    kept = []
    for p in week:
        if p[1] != p[2] and not weekly_overlaps([*kept, p]):
            kept.append(p)
    return kept


moments = st.datetimes(dt.datetime(2026, 1, 1), dt.datetime(2027, 12, 31)).map(lambda d: d.replace(tzinfo=HELSINKI))


def reference_open(week, at: dt.datetime) -> bool:
    """Wall-clock model: open when the minute of the week lies in a period's minutes."""
    minute = at.weekday() * 1440 + at.hour * 60 + at.minute
    return any(minute in span(*p) for p in week)


@given(valid_weeks(), moments)
@example([(4, dt.time(20), dt.time(8))], dt.datetime(2026, 1, 3, 7, 59, tzinfo=HELSINKI))  # Friday night, Sat 7:59
@example([(6, dt.time(22), dt.time(0))], dt.datetime(2026, 1, 4, 23, 59, tzinfo=HELSINKI))
def test_open_at_t_agrees_with_the_wall_clock_model(week, at):
    """Away from DST changes (where wall-clock minutes are skipped or repeated) the two agree."""
    assume(not is_dst_change_near(at.date()) and not is_dst_change_near(at.date() - dt.timedelta(days=1)))
    schedule = Schedule(periods=tuple(Period(*p) for p in week), open_on_holidays=True)
    assert is_open(schedule, at) == reference_open(week, at)


HOLIDAYS = [d for d in (dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(730)) if is_holiday(d)]


@given(valid_weeks(), st.sampled_from(HOLIDAYS))
def test_holidays_close_a_service_not_open_on_holidays(week, day):
    """On a public holiday a service not open on holidays is closed at the start of each of its periods
    of that weekday; marked open on holidays, it is open then."""
    for weekday, opens, _ in week:
        if weekday != day.weekday():
            continue
        at = dt.datetime.combine(day, opens, tzinfo=HELSINKI)
        assume(not is_dst_change_near(day))
        closed_on_holidays = Schedule(periods=tuple(Period(*p) for p in week), open_on_holidays=False)
        yesterday_spill = reference_open([p for p in week if p[0] == (weekday - 1) % 7], at)
        if not yesterday_spill:
            assert not is_open(closed_on_holidays, at)
        assert is_open(Schedule(periods=tuple(Period(*p) for p in week), open_on_holidays=True), at)


@given(valid_weeks(), moments, st.lists(st.tuples(st.integers(0, 20), st.booleans(), times), max_size=3))
def test_next_opening_is_in_the_future_and_really_open(week, at, exception_specs):
    """next_opening gives a later moment at which the service is open (also with date exceptions)."""
    exceptions = []
    for offset, closed, opens in exception_specs:
        day = at.date() + dt.timedelta(days=offset)
        if any(e.day == day for e in exceptions):
            continue
        closes = None if closed or opens >= dt.time(23) else dt.time(opens.hour + 1, opens.minute)
        exceptions.append(SpecialHours(day, None if closes is None else opens, closes))
    schedule = Schedule(periods=tuple(Period(*p) for p in week), exceptions=tuple(exceptions), open_on_holidays=True)
    found = next_opening(schedule, at)
    if found is None:
        return
    assert found > at
    assert is_open(schedule, found)
    assert found.tzinfo is not None


@pytest.mark.parametrize("day", [dt.date(2026, 3, 29), dt.date(2026, 10, 25)], ids=["spring", "autumn"])
def test_overnight_period_on_a_dst_night_lasts_its_wall_clock_hours(day):
    """A night shelter open 20-08 on a DST night is open at 07:30 next morning and closed at 08:00."""
    schedule = Schedule(periods=(Period(day.weekday(), dt.time(20), dt.time(8)),), open_on_holidays=True)
    morning = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(7, 30), tzinfo=HELSINKI)
    assert is_open(schedule, morning)
    assert not is_open(schedule, morning.replace(hour=8, minute=0))
