"""Reads of client data; every one goes through the core rule and the audit log."""

from django.db.models import QuerySet

from kotipolku.clients.models import Client
from kotipolku.core import access
from kotipolku.core.access import Actor, Area


def client_list(*, actor: Actor) -> list[Client]:
    """Clients of the actor's teams, audited as one list read."""
    access.require_area(actor, Area.CLIENT_WORK)
    qs: QuerySet[Client] = Client.objects.prefetch_related("teams")
    return access.read_list(actor, qs)


def client_get(*, actor: Actor, client_id: int) -> Client:
    """One client of the actor's teams (Http404 otherwise), audited."""
    access.require_area(actor, Area.CLIENT_WORK)
    return access.get_for(actor, Client.objects.prefetch_related("teams"), pk=client_id)
