"""KPI definitions on small hand-made data sets; each expected figure is worked out in the test."""

import datetime as dt

import pytest

from kotipolku.bot.models import Exchange
from kotipolku.clients.models import (
    Client,
    ClientFeedback,
    Closing,
    Encounter,
    HousingPeriod,
    Referral,
    WalkInVisit,
)
from kotipolku.reporting import kpis
from kotipolku.reporting.kpis import Period, Ratio

from .conftest import at, d

YEAR_2025 = Period(d("2025-01-01"), d("2025-12-31"))
pytestmark = pytest.mark.django_db


def test_ratio_share_is_none_for_empty_denominator():
    """0 of 0 is 'no data' (None), not 0 %; 1 of 3 is 33.3 %."""
    assert Ratio(0, 0).share is None
    assert Ratio(1, 3).share == 33.3


def test_period_bounds_are_helsinki_midnights():
    """23:30 Helsinki time on 31 Dec is inside the period; 00:00 on 1 Jan is outside."""
    p = Period(d("2025-12-01"), d("2025-12-31"))
    assert p.since <= at("2025-12-31", 23) < p.until
    assert at("2026-01-01", 0) == p.until


def test_clients_reached_counts_person_in_two_teams_once(make_client, team_a, team_b):
    """Client X (teams A and B) met twice and at a walk-in, client Y once, client Z only in 2024:
    reached in 2025 = {X, Y} = 2. Z met in 2024 is not reached; X met already in 2024 is not new,
    so new = {Y} = 1."""
    x = make_client(team_a, team_b, nickname="X")
    y = make_client(team_a, nickname="Y")
    z = make_client(team_a, nickname="Z")
    Encounter.objects.create(client=x, type="outreach", occurred_at=at("2024-12-31"))
    Encounter.objects.create(client=x, type="outreach", occurred_at=at("2025-03-01"))
    Encounter.objects.create(client=x, type="phone", occurred_at=at("2025-04-01"))
    WalkInVisit.objects.create(team=team_b, client=x, visited_at=at("2025-05-01"))
    WalkInVisit.objects.create(team=team_a, client=y, visited_at=at("2025-06-01"))
    Encounter.objects.create(client=z, type="outreach", occurred_at=at("2024-06-01"))
    WalkInVisit.objects.create(team=team_a, client=None, visited_at=at("2025-06-02"))  # anonymous
    r = kpis.clients_reached(clients=Client.objects.all(), period=YEAR_2025)
    assert (r.total, r.new) == (2, 1)


def test_clients_reached_respects_scope_and_year_boundary(make_client, team_a, team_b):
    """A period from 1 Dec 2024 to 31 Jan 2025 crosses the year: meetings on 15 Dec and 15 Jan both
    count. A client of team B only is outside team A's scope."""
    a1 = make_client(team_a)
    a2 = make_client(team_a)
    b1 = make_client(team_b)
    Encounter.objects.create(client=a1, type="outreach", occurred_at=at("2024-12-15"))
    Encounter.objects.create(client=a2, type="outreach", occurred_at=at("2025-01-15"))
    Encounter.objects.create(client=b1, type="outreach", occurred_at=at("2025-01-15"))
    period = Period(d("2024-12-01"), d("2025-01-31"))
    assert kpis.clients_reached(clients=Client.objects.filter(teams=team_a), period=period).total == 2
    assert kpis.clients_reached(clients=Client.objects.all(), period=period).total == 3


def test_housing_solved_uses_latest_closing_per_client(make_client):
    """P: closed 'lost_contact' in March, reopened, closed 'housing_found' in October → counts once,
    solved. Q: closed 'eviction_prevented' → solved. R: closed 'temporary_solution' → not solved.
    S: closed in 2024 → outside. Solved 2 of 3 clients = 66.7 %."""
    p, q, r, s = (make_client() for _ in range(4))
    Closing.objects.create(
        client=p,
        reason="other",
        housing_outcome="lost_contact",
        closed_at=at("2025-03-01"),
        reopened_at=at("2025-04-01"),
    )
    Closing.objects.create(
        client=p, reason="goals_achieved", housing_outcome="housing_found", closed_at=at("2025-10-01")
    )
    Closing.objects.create(
        client=q, reason="goals_achieved", housing_outcome="eviction_prevented", closed_at=at("2025-02-01")
    )
    Closing.objects.create(client=r, reason="other", housing_outcome="temporary_solution", closed_at=at("2025-02-01"))
    Closing.objects.create(client=s, reason="other", housing_outcome="housing_found", closed_at=at("2024-02-01"))
    ratio = kpis.housing_solved(clients=Client.objects.all(), period=YEAR_2025)
    assert (ratio.numerator, ratio.denominator, ratio.share) == (2, 3, 66.7)


def test_housing_solved_empty_period_has_no_share(make_client):
    """No closings in the period → 0/0, share None."""
    assert kpis.housing_solved(clients=Client.objects.all(), period=YEAR_2025) == Ratio(0, 0)


def test_secured_entry_counts_resolved_referrals(make_client):
    """Handed over in 2025: 2; not reached in 2025: 1; handed over in 2024: excluded; still open:
    excluded. 2 of 3 = 66.7 %."""
    c = make_client()
    Referral.objects.create(client=c, target_text="A", status="handed_over", handed_over_at=at("2025-02-01"))
    Referral.objects.create(client=c, target_text="B", status="handed_over", handed_over_at=at("2025-12-31", 23))
    Referral.objects.create(client=c, target_text="C", status="not_reached", not_reached_at=at("2025-05-01"))
    Referral.objects.create(client=c, target_text="D", status="handed_over", handed_over_at=at("2024-05-01"))
    Referral.objects.create(client=c, target_text="E", status="contacted", contacted_at=at("2025-05-01"))
    ratio = kpis.secured_entry(clients=Client.objects.all(), period=YEAR_2025)
    assert (ratio.numerator, ratio.denominator) == (2, 3)


def test_trust_grown_counts_answers_four_and_five(team_a, make_client):
    """Answers 5, 4, 3, 1 in 2025 (one anonymous) and a 5 in 2024: 2 of 4 = 50 %."""
    c = make_client()
    for score, day in ((5, "2025-01-02"), (4, "2025-06-01"), (3, "2025-07-01"), (5, "2024-07-01")):
        ClientFeedback.objects.create(team=team_a, client=c, trust_grown=score, given_at=at(day))
    ClientFeedback.objects.create(team=team_a, anonymous=True, trust_grown=1, given_at=at("2025-08-01"))
    ratio = kpis.trust_grown(feedback=ClientFeedback.objects.all(), period=YEAR_2025)
    assert (ratio.numerator, ratio.denominator, ratio.share) == (2, 4, 50.0)


def test_long_term_count_at_period_end(make_client):
    """On 31 Dec 2025: L1 outdoors since 1 Jan 2024 (continuous > 365 days) → long-term;
    L2 homeless since 1 Dec 2025 only → homeless, not long-term; L3 long-term history but housed
    since 1 Dec 2025 → not homeless; L4 long-term but closed on 1 Nov 2025 → not counted;
    L5 closed in 2025 and reopened before the end → counted. Count = 2 (L1, L5)."""
    l1, l2, l3, l4, l5 = (make_client() for _ in range(5))
    HousingPeriod.objects.create(client=l1, status="outdoors_shelter", start_date=d("2024-01-01"))
    HousingPeriod.objects.create(client=l2, status="friends_relatives", start_date=d("2025-12-01"))
    HousingPeriod.objects.create(
        client=l3, status="outdoors_shelter", start_date=d("2023-01-01"), end_date=d("2025-11-30")
    )
    HousingPeriod.objects.create(client=l3, status="own_rental", start_date=d("2025-12-01"))
    HousingPeriod.objects.create(client=l4, status="outdoors_shelter", start_date=d("2023-01-01"))
    Closing.objects.create(client=l4, reason="lost_contact", housing_outcome="lost_contact", closed_at=at("2025-11-01"))
    HousingPeriod.objects.create(client=l5, status="dormitory_hostel", start_date=d("2023-06-01"))
    Closing.objects.create(
        client=l5, reason="other", housing_outcome="other", closed_at=at("2025-03-01"), reopened_at=at("2025-05-01")
    )
    rows = kpis.homeless_on(clients=Client.objects.all(), on=d("2025-12-31"))
    assert {r.client_id for r in rows} == {l1.pk, l2.pk, l5.pk}
    assert kpis.long_term_homeless_count(clients=Client.objects.all(), on=d("2025-12-31")) == 2


def test_long_term_repeated_spells_use_the_clients_rule(make_client):
    """Three short spells within three years (the clients module's 'repeated' rule) → long-term."""
    c = make_client()
    HousingPeriod.objects.create(
        client=c, status="outdoors_shelter", start_date=d("2024-01-01"), end_date=d("2024-01-31")
    )
    HousingPeriod.objects.create(client=c, status="own_rental", start_date=d("2024-02-01"), end_date=d("2024-12-31"))
    HousingPeriod.objects.create(client=c, status="institution", start_date=d("2025-01-01"), end_date=d("2025-01-31"))
    HousingPeriod.objects.create(client=c, status="own_rental", start_date=d("2025-02-01"), end_date=d("2025-11-30"))
    HousingPeriod.objects.create(client=c, status="friends_relatives", start_date=d("2025-12-01"))
    (row,) = kpis.homeless_on(clients=Client.objects.all(), on=d("2025-12-31"))
    assert row.result.reason == "repeated"


def test_walk_ins_and_topics(team_a, make_client):
    """Three visits in 2025 (two anonymous) with topics [debt, benefits], [debt], [] and one in 2024:
    total 3, anonymous 2, debt 2, benefits 1."""
    c = make_client()
    WalkInVisit.objects.create(team=team_a, client=c, visited_at=at("2025-01-01", 9), topics=["debt", "benefits"])
    WalkInVisit.objects.create(team=team_a, visited_at=at("2025-02-01"), topics=["debt"])
    WalkInVisit.objects.create(team=team_a, visited_at=at("2025-03-01"), topics=[])
    WalkInVisit.objects.create(team=team_a, visited_at=at("2024-03-01"), topics=["legal"])
    w = kpis.walk_ins(visits=WalkInVisit.objects.all(), period=YEAR_2025)
    assert (w.total, w.anonymous, w.topics) == (3, 2, [("debt", 2), ("benefits", 1)])


def test_intake_volume_and_deadline_compliance(team_a):
    """Received in 2025: on time (contact on due day), late (contact a day after), overdue without
    contact, not yet due, spam. by source: contact_request 4, concern_report 1. Compliance: 1 on time
    of 3 decided (on time, late, overdue) = 33.3 %; 1 pending."""
    from kotipolku.intake.models import IntakeItem

    def item(source, due, contacted=None, **extra):
        return IntakeItem.objects.create(
            source=source,
            team=team_a,
            received_at=at("2025-03-01"),
            first_contact_due=d(due),
            first_contact_at=at(contacted) if contacted else None,
            **extra,
        )

    item("contact_request", "2025-03-03", "2025-03-03")
    item("contact_request", "2025-03-03", "2025-03-04")
    item("concern_report", "2025-03-03")
    item("contact_request", "2025-03-31")
    item("contact_request", "2025-03-03", status="closed", close_reason="spam")
    result = kpis.intake(items=IntakeItem.objects.all(), period=YEAR_2025, today=d("2025-03-10"))
    assert result.by_source == {"contact_request": 4, "concern_report": 1}
    assert (result.on_time.numerator, result.on_time.denominator, result.pending) == (1, 3, 1)


def test_caseload_counts_open_clients_per_worker(make_client, worker_a, lead):
    """worker A: 2 open + 1 closed; lead: 1 open; nobody: 1 open → [(A, 2), (lead, 1), (None, 1)]."""
    make_client(responsible_worker=worker_a)
    make_client(responsible_worker=worker_a)
    make_client(responsible_worker=worker_a, status="closed")
    make_client(responsible_worker=lead)
    make_client()
    rows = kpis.caseload(clients=Client.objects.all())
    assert rows[0] == (worker_a.pk, 2)
    assert set(rows[1:]) == {(lead.pk, 1), (None, 1)}


def test_bot_usage_shares():
    """2025: answered (helpful), answered (not helpful), fallback (no vote), emergency; 2024: one.
    questions 4, fallback 1/4 = 25 %, helpful 1/2 = 50 %."""
    import uuid

    def ex(status, helpful=None, day="2025-05-01"):
        Exchange.objects.create(
            conversation=uuid.uuid4(), created_at=at(day), lang="fi", question="q", status=status, helpful=helpful
        )

    ex("answered", True)
    ex("answered", False)
    ex("fallback")
    ex("emergency")
    ex("answered", True, day="2024-05-01")
    usage = kpis.bot_usage(exchanges=Exchange.objects.all(), period=YEAR_2025)
    assert (usage.questions, usage.fallback.share, usage.helpful.share) == (4, 25.0, 50.0)


def test_flow_counts_status_changes_in_period(make_client):
    """A: temporary housing → Housing First (Mar 2025) → own rental (Nov 2025): two transitions.
    B: outdoors → temporary housing in 2024 (outside) → Housing First in 2025: one.
    C: friends → friends (same status): none."""
    a, b, c = make_client(), make_client(), make_client()
    HousingPeriod.objects.create(
        client=a, status="temporary_housing", start_date=d("2024-06-01"), end_date=d("2025-02-28")
    )
    HousingPeriod.objects.create(client=a, status="housing_first", start_date=d("2025-03-01"), end_date=d("2025-10-31"))
    HousingPeriod.objects.create(client=a, status="own_rental", start_date=d("2025-11-01"))
    HousingPeriod.objects.create(
        client=b, status="outdoors_shelter", start_date=d("2024-01-01"), end_date=d("2024-05-31")
    )
    HousingPeriod.objects.create(
        client=b, status="temporary_housing", start_date=d("2024-06-01"), end_date=d("2025-05-31")
    )
    HousingPeriod.objects.create(client=b, status="housing_first", start_date=d("2025-06-01"))
    HousingPeriod.objects.create(
        client=c, status="friends_relatives", start_date=d("2025-01-01"), end_date=d("2025-01-31")
    )
    HousingPeriod.objects.create(client=c, status="friends_relatives", start_date=d("2025-02-01"))
    rows = kpis.flow(clients=Client.objects.all(), period=YEAR_2025)
    assert rows == [("temporary_housing", "housing_first", 2), ("housing_first", "own_rental", 1)]


def test_snapshot_day_never_in_the_future():
    """A period ending in the future is counted on today."""
    p = Period(d("2025-01-01"), d("2030-12-31"))
    assert p.snapshot_day(today=d("2026-11-23")) == d("2026-11-23")
    assert Period(d("2025-01-01"), d("2025-12-31")).snapshot_day(today=d("2026-11-23")) == d("2025-12-31")


def test_today_uses_the_clients_modules_fresh_cached_flag(make_client):
    """For today, a flag computed today (long_term_checked_on == today) is used as is; a flag
    computed on an earlier day is ignored and the rule is evaluated live."""
    from django.utils import timezone

    today = timezone.localdate()
    fresh = make_client(long_term_homeless=True, long_term_checked_on=today)
    stale = make_client(long_term_homeless=True, long_term_checked_on=today - dt.timedelta(days=1))
    for c in (fresh, stale):
        HousingPeriod.objects.create(client=c, status="outdoors_shelter", start_date=today - dt.timedelta(days=10))
    rows = {r.client_id: r.long_term for r in kpis.homeless_on(clients=Client.objects.all(), on=today)}
    assert rows == {fresh.pk: True, stale.pk: False}
    detailed = {
        r.client_id: r.long_term for r in kpis.homeless_on(clients=Client.objects.all(), on=today, detailed=True)
    }
    assert detailed == {fresh.pk: False, stale.pk: False}
