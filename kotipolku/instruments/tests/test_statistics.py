"""Aggregate statistics are anonymous: small cells (< 5) are suppressed, periods are respected."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kotipolku.instruments import selectors, services
from kotipolku.instruments.models import InstrumentResponse

pytestmark = pytest.mark.django_db


def submit(version, name_part, n):
    answers = dict(next(e for e in version.parsed.examples if name_part in e.name).answers)
    for _ in range(n):
        services.response_submit_public(version=version, answers=answers)


def test_band_distribution_suppresses_small_cells(self_assessment):
    submit(self_assessment, "stable", 6)
    submit(self_assessment, "court", 2)
    today = timezone.localdate()
    [stats] = selectors.band_distribution(instrument_code="asumisen-itsearvio", start=today, end=today)
    counts = {b["band"]: b["count"] for b in stats["bands"]}
    assert stats["responses"] == 8
    assert counts == {"stable": 6, "some_risk": 0, "high_risk": None, "acute": 0}
    means = {d["domain"]: d["mean"] for d in stats["domain_means"]}
    assert means["housing"] == round(14 * 2 / 8, 2)


def test_domain_means_hidden_below_five_responses(self_assessment):
    submit(self_assessment, "stable", 4)
    today = timezone.localdate()
    [stats] = selectors.band_distribution(instrument_code="asumisen-itsearvio", start=today, end=today)
    assert stats["responses"] is None and stats["total_mean"] is None
    assert all(d["mean"] is None for d in stats["domain_means"])


def test_period_limits_the_responses(self_assessment):
    submit(self_assessment, "stable", 5)
    InstrumentResponse.objects.update(created_at=timezone.now() - timedelta(days=40))
    today = timezone.localdate()
    [stats] = selectors.band_distribution(
        instrument_code="asumisen-itsearvio", start=today - timedelta(days=7), end=today
    )
    assert stats["responses"] == 0


def test_stats_page_for_leads_only(as_lead, as_worker_a, self_assessment):
    submit(self_assessment, "stable", 5)
    page = as_lead.get("/fi/staff/arviointi/tilastot/?instrument=asumisen-itsearvio").content.decode()
    assert "Tulosluokkien jakauma" in page and "Tilanteesi vaikuttaa vakaalta" in page
    assert as_worker_a.get("/fi/staff/arviointi/tilastot/").status_code == 403


def test_stats_page_bad_dates_give_errors_not_500(as_lead, self_assessment):
    response = as_lead.get("/fi/staff/arviointi/tilastot/?instrument=asumisen-itsearvio&start=xx&end=2026-01-01")
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    response = as_lead.get("/fi/staff/arviointi/tilastot/?instrument=nope&start=2026-02-01&end=2026-01-01")
    assert response.status_code == 200


def test_stats_page_dates_at_the_ends_of_the_calendar_give_errors_not_500(as_lead, self_assessment):
    """P6 of docs/reliability/fuzzing.md (loadtest/sweep_pages.py): end 9999-12-31 was an OverflowError."""
    url = "/fi/staff/arviointi/tilastot/?instrument=asumisen-itsearvio&start={}&end={}"
    for start, end in (("9999-12-31", "9999-12-31"), ("0001-01-01", "0001-01-02")):
        response = as_lead.get(url.format(start, end))
        assert response.status_code == 200 and response.context["form"].errors.keys() >= {"start", "end"}
