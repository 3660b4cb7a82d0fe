import pytest

from kotipolku.clients.services import client_create


@pytest.fixture
def client_a(worker_a, team_a):
    """An outreach contact of team A, recorded by worker A."""
    return client_create(actor=worker_a, team=team_a, nickname="Kalle", age_group="35_49", usual_place="Asema")
