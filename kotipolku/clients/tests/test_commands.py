"""Management commands: generator, long-term refresh, purge."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from kotipolku.clients.management.commands.clients_generate import temporary_hetu
from kotipolku.clients.models import Client, Encounter, HousingPeriod
from kotipolku.core.hetu import normalise

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_generator_creates_the_asked_amounts_deterministically():
    """The generator makes exactly the requested clients and encounters, with valid histories."""
    out = StringIO()
    call_command("clients_generate", clients=30, encounters=200, batch=7, stdout=out)
    assert Client.objects.count() == 30 and Encounter.objects.count() == 200
    assert "Generated 30 clients" in out.getvalue()
    for client in Client.objects.prefetch_related("housing_periods")[:10]:
        periods = sorted(client.housing_periods.all(), key=lambda p: p.start_date)
        for a, b in zip(periods, periods[1:], strict=False):
            assert a.end_date is not None and a.end_date < b.start_date


def test_generated_identity_codes_are_valid_temporary_codes():
    """Codes from the generator pass validation and are in the temporary range."""
    for index in (0, 99, 100, 123_456, 1_999_999):
        code = temporary_hetu(index)
        assert normalise(code) == code and 900 <= int(code[7:10]) <= 999


def test_refresh_long_term_sets_the_flag_from_history(worker_a, client_a):
    """A spell that crossed 365 days since the last write is flagged by the daily refresh."""
    HousingPeriod.objects.create(
        client=client_a, status="outdoors_shelter", start_date=dt.date.today() - dt.timedelta(days=400)
    )
    assert not Client.objects.get(pk=client_a.pk).long_term_homeless
    call_command("clients_refresh_long_term", stdout=StringIO())
    assert Client.objects.get(pk=client_a.pk).long_term_homeless


def test_purge_dry_run_changes_nothing(client_a):
    """The purge command's dry run reports without anonymising."""
    out = StringIO()
    call_command("clients_purge", dry_run=True, stdout=out)
    assert "would anonymise 0" in out.getvalue()
