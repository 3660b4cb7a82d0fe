"""Adoption and satisfaction rates on hand-made answers whose right values are worked out here."""

import datetime as dt

import pytest
from django.utils import timezone

from kotipolku.core.models import LandlordOrganisation
from kotipolku.instruments.engine import DefinitionError, load_text
from kotipolku.surveys.definitions import survey_spec
from kotipolku.surveys.models import SurveyAnswer, SurveyCampaign
from kotipolku.surveys.selectors import campaign_results, grouped_summary, rates_by_year, rates_for_period


def _answer(campaign, at=None, **answers):
    return SurveyAnswer.objects.create(
        campaign=campaign, answers=answers, group=answers.get("municipality", ""), submitted_at=at or timezone.now()
    )


@pytest.mark.django_db
def test_adoption_and_satisfaction_rates(open_campaign):
    """6 answers: will_use yes, yes, partly, no, no, (unanswered) → adoption 3/5 = 0.6;
    usefulness 5, 4, 4, 3, 1, 2 → satisfaction (>= 4) 3/6 = 0.5."""
    for usefulness, will_use in [(5, "yes"), (4, "yes"), (4, "partly"), (3, "no"), (1, "no"), (2, None)]:
        answers = {"usefulness": usefulness} | ({"will_use": will_use} if will_use else {})
        _answer(open_campaign, **answers)
    results = campaign_results(campaign=open_campaign, lang="fi")
    rates = {r["code"]: r for r in results["rates"]}
    assert (rates["adoption"]["met"], rates["adoption"]["answered"], rates["adoption"]["share"]) == (3, 5, 0.6)
    assert (rates["satisfaction"]["met"], rates["satisfaction"]["answered"], rates["satisfaction"]["share"]) == (
        3,
        6,
        0.5,
    )
    usefulness = next(i for i in results["items"] if i["id"] == "usefulness")
    assert [row["n"] for row in usefulness["rows"]] == [1, 1, 1, 2, 1]


@pytest.mark.django_db
def test_rates_with_no_answers_are_empty_not_zero(open_campaign):
    rates = campaign_results(campaign=open_campaign, lang="fi")["rates"]
    assert all(r["share"] is None and r["answered"] == 0 for r in rates)


@pytest.mark.django_db
def test_small_cells_are_suppressed_only_when_results_leave_the_team(open_campaign):
    for _ in range(4):
        _answer(open_campaign, usefulness=5, will_use="yes")
    inside = campaign_results(campaign=open_campaign, lang="fi")
    leaving = campaign_results(campaign=open_campaign, lang="fi", leaves_team=True)
    assert inside["rates"][0]["share"] == 1.0
    assert leaving["suppressed"] and all(r["share"] is None for r in leaving["rates"])
    assert all(row["n"] is None for item in leaving["items"] for row in item["rows"])
    _answer(open_campaign, usefulness=4, will_use="no")
    assert not campaign_results(campaign=open_campaign, lang="fi", leaves_team=True)["suppressed"]


@pytest.mark.django_db
def test_comparison_between_years(versions):
    """2025: 2 of 2 satisfied; 2026: 1 of 4 → shares 1.0 and 0.25."""
    tz = timezone.get_current_timezone()
    camp = SurveyCampaign.objects.create(
        version=versions["verkostotapaaminen"],
        title="x",
        opens_at=dt.datetime(2025, 1, 1, tzinfo=tz),
        closes_at=dt.datetime(2027, 1, 1, tzinfo=tz),
    )
    for year, values in ((2025, [5, 4]), (2026, [5, 1, 2, 3])):
        for v in values:
            _answer(camp, at=dt.datetime(year, 6, 1, 12, tzinfo=tz), usefulness=v, will_use="yes")
    years = rates_by_year(code="verkostotapaaminen", lang="fi")
    satisfaction = {y["year"]: next(r for r in y["rates"] if r["label"] == "Tyytyväisyysaste") for y in years}
    assert satisfaction[2025]["share"] == 1.0 and satisfaction[2026]["share"] == 0.25


@pytest.mark.django_db
def test_resident_summary_per_company_and_municipality_suppresses_small_groups(versions):
    now = timezone.now()
    a = LandlordOrganisation(name="Yhtiö A")
    a.set_token("a-token")
    a.save()
    camp = SurveyCampaign.objects.create(
        version=versions["asukaskysely"],
        title="A",
        landlord=a,
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=1),
    )
    base = {"community": 3, "disturbances": "never", "wellbeing": 4}
    for comfort in (5, 4, 4, 2, 1):  # Vantaa: 5 answers, comfort >= 4 in 3 → 0.6
        _answer(camp, municipality="vantaa", comfort=comfort, **base)
    for comfort in (5, 5):  # Kerava: only 2 answers → suppressed
        _answer(camp, municipality="kerava", comfort=comfort, **base)
    summary = grouped_summary(code="asukaskysely", year=now.year, lang="fi")
    comfort = summary["rates"].index("Viihtyvyys (4–5)")
    rows = {r["group"]: r for r in summary["rows"]}
    assert rows["Vantaa"]["n"] == 5 and rows["Vantaa"]["rates"][comfort] == 0.6
    assert rows["Kerava"]["suppressed"] and rows["Kerava"]["n"] is None and rows["Kerava"]["rates"] == [None] * 4


@pytest.mark.django_db
def test_rates_for_period_feed_the_dashboard(open_campaign):
    _answer(open_campaign, usefulness=5, will_use="yes")
    today = timezone.localdate()
    figures = {f["code"]: f for f in rates_for_period(start=today, end=today)}
    assert figures["verkostotapaaminen"]["n"] == 1


@pytest.mark.parametrize(
    ("survey_section", "problem"),
    [
        ("rates: {x: {item: nope, min: 4, label: {fi: a, sv: b, en: c}}}", "missing item"),
        ("rates: {x: {item: q, values: [maybe], label: {fi: a, sv: b, en: c}}}", "does not have"),
        ("rates: {x: {item: q, label: {fi: a, sv: b, en: c}}}", "needs 'values'"),
        ("group_by: nope", "single-choice"),
    ],
)
def test_bad_survey_sections_are_refused_with_the_reason(survey_section, problem):
    text = f"""
code: t
version: 1
kind: survey
title: {{fi: T, sv: T, en: T}}
sections:
  - id: s
    title: {{fi: S, sv: S, en: S}}
    items:
      - {{id: q, type: yesno, required: true, text: {{fi: K, sv: F, en: Q}}}}
scoring:
  total: {{min: 0, max: 1}}
  rules: [{{item: q, points: {{"yes": 1, "no": 0}}}}]
bands: [{{code: a, from: 0, to: 1, label: {{fi: A, sv: A, en: A}}}}]
survey:
  {survey_section}
"""
    with pytest.raises(DefinitionError, match=problem):
        survey_spec(load_text(text, source="t.yaml"))


@pytest.mark.django_db
def test_survey_rates_and_meetings_appear_on_the_reporting_dashboard(as_lead, open_campaign):
    """Issue 10: survey figures show on the dashboard when the surveys module is present."""
    from kotipolku.surveys.models import NetworkMeeting

    for usefulness in (5, 5, 4, 4, 2):
        _answer(open_campaign, usefulness=usefulness, will_use="yes")
    NetworkMeeting.objects.create(date=timezone.localdate(), theme="Verkosto", participant_count=31)
    year = timezone.localdate().year
    page = as_lead.get("/fi/staff/raportit/", {"start": f"{year}-01-01", "end": f"{year}-12-31"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Palaute verkostotapaamisesta" in html and "80 %" in html  # 4 of 5 satisfied
    assert "1 tapaamista, 31 osallistujaa" in html
