"""intake_summary: volume by source and first-contact compliance for reports."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from kotipolku.intake.models import IntakeItem, ItemStatus, Source
from kotipolku.intake.rules import HELSINKI
from kotipolku.intake.selectors import intake_summary

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=HELSINKI)


def item(
    team, source, *, due, contact=None, status=ItemStatus.NEW, received=dt.datetime(2026, 11, 16, 9, tzinfo=HELSINKI)
):
    return IntakeItem.objects.create(
        source=source, team=team, priority=1000, received_at=received, first_contact_due=due,
        first_contact_at=contact, status=status,
    )  # fmt: skip


def test_counts_by_source_and_compliance(lead, team_a):
    """On time, late (contacted late or overdue) and pending are counted; the share excludes pending."""
    item(
        team_a,
        Source.LANDLORD_NOTICE,
        due=dt.date(2026, 11, 18),
        contact=dt.datetime(2026, 11, 18, 15, tzinfo=HELSINKI),
    )
    item(
        team_a, Source.LANDLORD_NOTICE, due=dt.date(2026, 11, 18), contact=dt.datetime(2026, 11, 19, 8, tzinfo=HELSINKI)
    )
    item(team_a, Source.CONTACT_REQUEST, due=dt.date(2026, 11, 18))  # overdue
    item(team_a, Source.CONTACT_REQUEST, due=dt.date(2026, 11, 25))  # pending
    item(team_a, Source.CONCERN_REPORT, due=dt.date(2026, 11, 18), status=ItemStatus.CLOSED)  # spam: left out
    summary = intake_summary(actor=lead, start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30), now=NOW)
    assert summary["by_source"] == {"contact_request": 2, "landlord_notice": 2, "concern_report": 1}
    assert (summary["first_contact_on_time"], summary["first_contact_late"], summary["first_contact_pending"]) == (
        1,
        2,
        1,
    )
    assert summary["on_time_share"] == pytest.approx(0.333)


def test_period_and_teams_limit_the_summary(lead, admin_user, team_a):
    """Items outside the period are not counted; a lead sees only their teams, an admin all."""
    from kotipolku.core.models import Team

    other = Team.objects.create(name="Muu tiimi")
    item(team_a, Source.CONTACT_REQUEST, due=dt.date(2026, 11, 18))
    item(other, Source.CONTACT_REQUEST, due=dt.date(2026, 11, 18))
    item(team_a, Source.CONTACT_REQUEST, due=dt.date(2026, 10, 2), received=dt.datetime(2026, 9, 30, tzinfo=HELSINKI))
    period = {"start": dt.date(2026, 11, 1), "end": dt.date(2026, 11, 30), "now": NOW}
    assert intake_summary(actor=lead, **period)["total"] == 1
    assert intake_summary(actor=admin_user, **period)["total"] == 2


def test_workers_cannot_read_the_summary(worker_a):
    """Reports are for leads and admins."""
    with pytest.raises(PermissionDenied):
        intake_summary(actor=worker_a, start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30))
