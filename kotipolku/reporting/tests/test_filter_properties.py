"""Properties of the report filters: any start/end/team/municipality text gives Filters or a FilterError
listing fields, never another exception; a valid period covers exactly its days."""

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kotipolku.reporting.filters import FilterError, parse_filters

pytestmark = pytest.mark.django_db

dates = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(str)
raw = st.one_of(st.none(), st.text(max_size=12), dates, st.sampled_from(["", " 2026-01-01 ", "2026-02-30", "20260101"]))


@given(raw, raw, st.one_of(st.none(), st.text(max_size=4)), st.one_of(st.none(), st.text(max_size=8)))
@example("9999-01-01", "9999-12-31", None, None)  # the day after the end does not exist
@example("2026-01-01", "9999-12-31", None, None)
def test_any_filter_values_give_filters_or_field_errors(lead, start, end, team, municipality):
    try:
        filters = parse_filters(actor=lead, start=start, end=end, team=team, municipality=municipality)
    except FilterError as exc:
        assert exc.errors
        assert all(e["field"] in ("start", "end", "team", "municipality") and str(e["reason"]) for e in exc.errors)
        return
    period = filters.period
    assert period.start <= period.end
    assert period.since < period.until
    assert (period.until - period.since).days in (
        (period.end - period.start).days + 1,
        (period.end - period.start).days,
    )


@given(dates, dates)
@example("9999-12-30", "9999-12-31")
def test_kpi_api_never_fails_with_5xx_for_any_period(as_lead, start, end):
    response = as_lead.get("/api/v1/reports/kpis", {"start": start, "end": end})
    assert response.status_code in (200, 400), response.content[:200]
