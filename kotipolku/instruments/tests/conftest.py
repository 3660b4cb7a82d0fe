import pytest

from kotipolku.clients.models import Client
from kotipolku.instruments import selectors


@pytest.fixture
def self_assessment(db):
    return selectors.self_assessment_version()


@pytest.fixture
def scoring_tool(db):
    return selectors.instrument_current_version(code="asumispalvelun-pisteytys")


@pytest.fixture
def client_a(team_a):
    client = Client.objects.create(nickname="Asiakas A")
    client.teams.add(team_a)
    return client


def form_data(answers: dict) -> dict:
    """Answers as a browser would post them (lists stay lists, numbers become strings)."""
    return {k: v if isinstance(v, list) else str(v) for k, v in answers.items()}
