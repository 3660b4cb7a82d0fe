"""The precomputed open-now rows (open_index.py) agree with hours.py: a property test over random
schedules with midnight-crossing periods, exceptions and holidays around DST change days, and the
upkeep of the rows when services change and the window moves."""

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kotipolku.services import hours, open_index, query, selectors
from kotipolku.services.models import HoursWindow, OpenInterval, Service
from kotipolku.services.services import service_upsert
from kotipolku.services.tests.conftest import weekdays

# DST spring and autumn, itsenäisyyspäivä, juhannus, Christmas, an ordinary week.
BASE_DAYS = [date(2026, 3, 28), date(2026, 10, 24), date(2026, 12, 5), date(2026, 6, 18), date(2026, 12, 23)]
BASE_DAYS.append(date(2026, 11, 23))
CLOCK = st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))


@st.composite
def schedules(draw):
    """A valid Schedule: non-overlapping weekly periods (overnight allowed) and one-date exceptions."""
    base = draw(st.sampled_from(BASE_DAYS))
    periods = []
    for _ in range(draw(st.integers(0, 6))):
        p = (draw(st.integers(0, 6)), draw(CLOCK), draw(CLOCK))
        if p[1] != p[2] and not hours.weekly_overlaps([*periods, p]):
            periods.append(p)
    exceptions = []
    for offset in draw(st.sets(st.integers(-1, 4), max_size=3)):
        day = base + timedelta(days=offset)
        if draw(st.booleans()):
            exceptions.append(hours.SpecialHours(day))
        else:
            opens, closes = draw(CLOCK), draw(CLOCK)
            if opens != closes:
                exceptions.append(hours.SpecialHours(day, opens, closes))
    schedule = hours.Schedule(
        tuple(hours.Period(*p) for p in periods), tuple(exceptions), open_on_holidays=draw(st.booleans())
    )
    return base, schedule


def _moments(base: date, minutes: list[int]) -> list[datetime]:
    start = datetime.combine(base, time(0), tzinfo=hours.HELSINKI).astimezone(hours.UTC)
    return [(start + timedelta(minutes=m)).astimezone(hours.HELSINKI) for m in minutes]


@settings(max_examples=300, deadline=None)
@given(schedules(), st.lists(st.integers(0, 3 * 24 * 60 - 1), min_size=1, max_size=20))
def test_intervals_agree_with_is_open(generated, minutes):
    """For any schedule and moment in the window, "inside one precomputed interval" = hours.is_open."""
    base, schedule = generated
    rows = open_index.intervals_of(schedule, [base - timedelta(days=1) + timedelta(days=i) for i in range(5)])
    assert all(end - start <= open_index.MAX_LENGTH for start, end in rows)
    for at in _moments(base, minutes):
        inside = any(start <= at < end and start > at - open_index.MAX_LENGTH for start, end in rows)
        assert inside == hours.is_open(schedule, at), (at, schedule)


def _as_data(schedule: hours.Schedule) -> dict:
    return {
        "hours": [
            {"weekday": p.weekday, "opens": p.opens, "closes": p.closes, "overnight": p.closes <= p.opens}
            for p in schedule.periods
        ],
        "exceptions": [
            {"date": e.day, "closed": True}
            if e.opens is None
            else {"date": e.day, "opens": e.opens, "closes": e.closes, "overnight": e.closes <= e.opens}
            for e in schedule.exceptions
        ],
        "open_on_holidays": schedule.open_on_holidays,
    }


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(schedules(), st.lists(st.integers(0, 3 * 24 * 60 - 1), min_size=1, max_size=8))
def test_sql_look_up_agrees_with_is_open(generated, minutes):
    """Saved through service_upsert, a random schedule's rows answer the SQL open-now filter as hours.py does,
    in both SQL forms of query.py."""
    base, schedule = generated
    open_index.refresh(today=base, days_ahead=4)
    service, _ = service_upsert(
        actor="system",
        data={
            "id": "prop",
            "name": "Prop",
            "categories": ["food_aid"],
            "municipalities": ["092"],
            **_as_data(schedule),
        },
    )
    stored = selectors.with_display_data([service], at=_moments(base, [0])[0])[0]
    for at in _moments(base, minutes):
        expected = hours.is_open(schedule, at)
        assert hours.is_open(hours.schedule_of(stored), at) == expected, at
        # open now as the id list the search starts from, and as a probe after another filter
        as_list = query.ids(query.SearchFilters(open_now=True, at=at))
        as_probe = query.ids(query.SearchFilters(category="food_aid", open_now=True, at=at))
        assert (service.pk in as_list) == (service.pk in as_probe) == expected, at


def test_rows_follow_writes_and_window(make_service):
    """An upsert replaces the service's rows; refresh moves the window, drops old days and is idempotent."""
    assert open_index.window() is None
    make_service("early", hours=weekdays(range(7), "09:00", "15:00"))
    assert OpenInterval.objects.count() == 0  # no window yet: nothing to keep up
    first, last, added = open_index.refresh(today=date(2026, 11, 23), days_ahead=6)
    assert (first, last, added) == (date(2026, 11, 22), date(2026, 11, 29), 8)
    make_service("early", hours=weekdays(range(5), "09:00", "15:00"))  # weekends closed now
    assert OpenInterval.objects.count() == 5  # Mon 23. – Fri 27.11.
    assert open_index.refresh(today=date(2026, 11, 23), days_ahead=6)[2] == 0
    first, last, added = open_index.refresh(today=date(2026, 11, 25), days_ahead=6)
    assert (first, last, added) == (date(2026, 11, 24), date(2026, 12, 1), 2)
    assert OpenInterval.objects.count() == 6  # Tue 24. – Fri 27.11., Mon 30.11., Tue 1.12.
    assert HoursWindow.objects.get().first_day == date(2026, 11, 24)
    Service.objects.all().delete()
    assert OpenInterval.objects.count() == 0


def test_open_now_uses_rows_inside_the_window_and_fallback_outside(make_service):
    """Inside the window the rows decide; outside it the pure-function path gives the same answer."""
    make_service("night", hours=weekdays(range(7), "20:00", "08:00", overnight=True), open_on_holidays=True)
    at = datetime(2026, 11, 24, 2, tzinfo=hours.HELSINKI)
    assert [s.stable_id for s in selectors.service_search(open_now=True, at=at)] == ["night"]
    open_index.refresh(today=date(2026, 11, 23), days_ahead=3)
    assert open_index.covers(at.date())
    assert [s.stable_id for s in selectors.service_search(open_now=True, at=at)] == ["night"]
    OpenInterval.objects.all().delete()  # proves the rows, not the fallback, answered inside the window
    assert list(selectors.service_search(open_now=True, at=at)) == []
