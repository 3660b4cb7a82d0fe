"""The SQL open-now filter agrees with the pure function, on ordinary, DST, holiday and exception days,
both through the precomputed OpenInterval rows and through the fallback outside their window."""

from datetime import date, datetime, timedelta

import pytest

from kotipolku.services import hours, open_index, selectors
from kotipolku.services.models import Service
from kotipolku.services.tests.conftest import weekdays


@pytest.fixture
def varied(make_service):
    make_service("office", hours=weekdays(range(5), "09:00", "15:00"))
    make_service("shelter", hours=weekdays(range(7), "20:00", "08:00", overnight=True), open_on_holidays=True)
    make_service("night-no-holidays", hours=weekdays(range(7), "21:00", "07:00", overnight=True))
    make_service("always", hours="24/7", open_on_holidays=True)
    make_service("midnight", hours=weekdays([5, 6], "10:00", "00:00"))
    make_service(
        "exceptions",
        hours=weekdays(range(7), "10:00", "14:00"),
        exceptions=[
            {"date": "2026-12-06", "opens": "12:00", "closes": "13:00"},
            {"date": "2026-11-25", "closed": True},
            {"date": "2026-10-24", "opens": "22:00", "closes": "02:00", "overnight": True},
        ],
    )
    make_service("no-hours")


def _expected(at):
    services = selectors.with_display_data(Service.objects.all(), at=at)
    return {s.stable_id for s in services if hours.is_open(hours.schedule_of(s), at)}


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 11, 23),
        date(2026, 11, 25),
        date(2026, 12, 6),
        date(2026, 12, 7),
        date(2026, 3, 29),
        date(2026, 10, 25),
    ],
)
@pytest.mark.parametrize("indexed", [True, False], ids=["open-interval-rows", "fallback"])
def test_sql_filter_matches_pure_function_every_half_hour(varied, day, indexed):
    """For every half hour of the day (and the night before), the open-now query returns exactly the open services."""
    if indexed:
        open_index.refresh(today=day - timedelta(days=1), days_ahead=2)
        assert open_index.covers(day) and open_index.covers(day - timedelta(days=1))
    else:
        assert not open_index.covers(day)
    start = datetime.combine(day - timedelta(days=1), datetime.min.time(), tzinfo=hours.HELSINKI).replace(hour=18)
    for step in range(0, 30 * 2):
        at = (start + timedelta(minutes=30 * step)).astimezone(hours.HELSINKI)
        got = {s.stable_id for s in selectors.service_search(open_now=True, at=at)}
        assert got == _expected(at), at


def test_open_services_selector_gives_open_services_of_a_category(make_service):
    """open_services(category=...) lists only open services of that category, limited, optionally per municipality."""
    make_service("shelter-vantaa", categories=["emergency_shelter"], hours="24/7", open_on_holidays=True)
    make_service(
        "shelter-helsinki",
        categories=["emergency_shelter"],
        municipalities=["091"],
        hours="24/7",
        open_on_holidays=True,
    )
    make_service("shelter-closed", categories=["emergency_shelter"])
    make_service("food", hours="24/7", open_on_holidays=True)
    at = datetime(2026, 11, 23, 12, tzinfo=hours.HELSINKI)
    names = {str(s) for s in selectors.open_services(category="emergency_shelter", at=at)}
    assert names == {"shelter-vantaa", "shelter-helsinki"}
    assert [str(s) for s in selectors.open_services(category="emergency_shelter", at=at, municipality="091")] == [
        "shelter-helsinki"
    ]
    assert len(selectors.open_services(category="emergency_shelter", at=at, limit=1)) == 1
    assert (
        selectors.open_services(category="emergency_shelter", at=at)[0].get_absolute_url().startswith("/fi/palvelut/")
    )
