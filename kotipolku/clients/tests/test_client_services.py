"""Creating clients and finding them by identity code."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kotipolku.clients.selectors import client_find_by_henkilotunnus
from kotipolku.clients.services import client_create
from kotipolku.core.models import AuditAction, AuditEvent

CODE = "131052-308T"


@pytest.mark.django_db
def test_create_writes_client_and_audit_event(worker_a, team_a):
    client = client_create(actor=worker_a, team=team_a, nickname="Kalle", henkilotunnus=CODE)
    assert list(client.teams.all()) == [team_a]
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(client.pk)).exists()


@pytest.mark.django_db
def test_second_client_with_same_code_is_refused(worker_a, worker_b, team_a, team_b):
    client_create(actor=worker_a, team=team_a, nickname="Kalle", henkilotunnus=CODE)
    with pytest.raises(ValidationError) as err:
        client_create(actor=worker_b, team=team_b, nickname="K", henkilotunnus=CODE.lower())
    assert "henkilotunnus" in err.value.message_dict


@pytest.mark.django_db
def test_worker_cannot_create_into_another_team(worker_a, team_b):
    with pytest.raises(ValidationError):
        client_create(actor=worker_a, team=team_b, nickname="X")


@pytest.mark.django_db
def test_editor_cannot_create_clients(editor, team_a):
    with pytest.raises(PermissionDenied):
        client_create(actor=editor, team=team_a, nickname="X")


@pytest.mark.django_db
def test_find_by_code_respects_team_boundary(worker_a, worker_b, team_a):
    client = client_create(actor=worker_a, team=team_a, nickname="Kalle", henkilotunnus=CODE)
    assert client_find_by_henkilotunnus(actor=worker_a, henkilotunnus=CODE) == client
    assert client_find_by_henkilotunnus(actor=worker_b, henkilotunnus=CODE) is None
