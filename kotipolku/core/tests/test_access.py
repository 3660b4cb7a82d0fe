"""The object-level rule: team scoping for staff, own records for landlords, areas by role."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from kotipolku.clients.models import Client
from kotipolku.core import access
from kotipolku.core.access import Area, LandlordPrincipal
from kotipolku.core.models import AuditAction


@pytest.fixture
def clients(team_a, team_b):
    a = Client.objects.create(nickname="A")
    a.teams.add(team_a)
    b = Client.objects.create(nickname="B")
    b.teams.add(team_b)
    both = Client.objects.create(nickname="AB")
    both.teams.add(team_a, team_b)
    return a, b, both


@pytest.mark.django_db
def test_worker_sees_only_own_teams_clients(worker_a, clients):
    a, b, both = clients
    assert set(access.visible(worker_a, Client.objects.all())) == {a, both}


@pytest.mark.django_db
def test_client_in_two_teams_is_listed_once_for_a_lead(lead, clients):
    assert access.visible(lead, Client.objects.all()).count() == 3


@pytest.mark.django_db
def test_other_teams_client_is_not_found_rather_than_forbidden(worker_a, clients):
    with pytest.raises(Http404):
        access.check(worker_a, AuditAction.READ, clients[1])


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["editor", "anonymous", "landlord"])
def test_non_client_workers_see_no_clients(who, editor, landlord_a, clients):
    actor = {"editor": editor, "anonymous": AnonymousUser(), "landlord": LandlordPrincipal(landlord_a)}[who]
    assert not access.visible(actor, Client.objects.all()).exists()
    with pytest.raises(Http404):
        access.check(actor, AuditAction.READ, clients[0])


@pytest.mark.django_db
def test_admin_sees_everything(admin_user, clients):
    assert access.visible(admin_user, Client.objects.all()).count() == 3


@pytest.mark.django_db
def test_inactive_worker_has_no_access(worker_a, clients):
    worker_a.is_active = False
    worker_a.save()
    assert not access.visible(worker_a, Client.objects.all()).exists()
    assert not access.in_area(worker_a, Area.CLIENT_WORK)


@pytest.mark.django_db
def test_areas_by_role(worker_a, lead, editor, admin_user, landlord_a):
    assert access.in_area(worker_a, Area.CLIENT_WORK) and not access.in_area(worker_a, Area.REPORTS)
    assert access.in_area(lead, Area.REPORTS)
    assert access.in_area(editor, Area.CONTENT) and not access.in_area(editor, Area.CLIENT_WORK)
    assert access.in_area(admin_user, Area.AUDIT) and not access.in_area(lead, Area.AUDIT)
    assert access.in_area(LandlordPrincipal(landlord_a), Area.LANDLORD)
    assert not access.in_area(worker_a, Area.LANDLORD)


def test_a_model_without_declared_scope_cannot_be_exposed():
    from kotipolku.core.models import Team

    with pytest.raises(TypeError, match="access_scope"):
        access.visible(AnonymousUser(), Team.objects.all())
