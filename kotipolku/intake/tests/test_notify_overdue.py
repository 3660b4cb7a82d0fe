"""intake_notify_overdue: e-mails the members of teams with overdue items, without personal data."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from kotipolku.intake.models import IntakeItem, ItemStatus, Source

pytestmark = pytest.mark.django_db


def overdue_item(team, **fields):
    return IntakeItem.objects.create(
        source=Source.CONCERN_REPORT, team=team, priority=1000, first_contact_due=dt.date(2020, 1, 2), **fields
    )


@pytest.fixture
def emails(worker_a, worker_b, lead):
    for user, address in ((worker_a, "a@example.org"), (worker_b, "b@example.org"), (lead, "lead@example.org")):
        user.email = address
        user.save()


def test_members_of_team_with_overdue_items_get_one_mail(settings, team_a, team_b, emails):
    """Team A's members are told; team B, with nothing overdue, gets nothing."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    overdue_item(team_a)
    overdue_item(team_a)
    overdue_item(team_b, status=ItemStatus.CLOSED)  # closed items are never overdue
    out = StringIO()
    call_command("intake_notify_overdue", stdout=out)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["a@example.org", "lead@example.org"]
    assert "2" in message.subject and "/staff/intake/" in message.body
    assert "notified 1 teams" in out.getvalue()


def test_contacted_items_and_dry_run_send_nothing(settings, team_a, emails):
    """An item with a first contact is not overdue; --dry-run only prints."""
    from django.utils import timezone

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    overdue_item(team_a, first_contact_at=timezone.now())
    call_command("intake_notify_overdue", stdout=StringIO())
    assert mail.outbox == []
    overdue_item(team_a)
    out = StringIO()
    call_command("intake_notify_overdue", "--dry-run", stdout=out)
    assert mail.outbox == [] and "would notify 1 teams" in out.getvalue()
