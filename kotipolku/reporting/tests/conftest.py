"""Small hand-made data builders for reporting tests (dates fixed in the past, Helsinki time)."""

import datetime as dt

import pytest
from django.utils import timezone

from kotipolku.clients.models import Client


def at(day: str, hour: int = 12) -> dt.datetime:
    """An aware datetime at `hour` o'clock Helsinki time on an ISO day."""
    return timezone.make_aware(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour)))


def d(day: str) -> dt.date:
    return dt.date.fromisoformat(day)


@pytest.fixture
def make_client(team_a):
    def make(*teams, **fields):
        client = Client.objects.create(**fields)
        client.teams.set(teams or [team_a])
        return client

    return make
