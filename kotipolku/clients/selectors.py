"""Reads of client data; every one goes through the core rule and the audit log."""

from django.db.models import QuerySet

from kotipolku.clients.models import Client
from kotipolku.core import access
from kotipolku.core.access import Actor, Area
from kotipolku.core.hetu import lookup_hash
from kotipolku.core.models import AuditAction


def client_list(*, actor: Actor) -> list[Client]:
    """Clients of the actor's teams, audited as one list read."""
    access.require_area(actor, Area.CLIENT_WORK)
    qs: QuerySet[Client] = Client.objects.prefetch_related("teams")
    return access.read_list(actor, qs)


def client_get(*, actor: Actor, client_id: int) -> Client:
    """One client of the actor's teams (Http404 otherwise), audited."""
    access.require_area(actor, Area.CLIENT_WORK)
    return access.get_for(actor, Client.objects.prefetch_related("teams"), pk=client_id)


def client_find_by_henkilotunnus(*, actor: Actor, henkilotunnus: str) -> Client | None:
    """The client with this code among those the actor may see (audited), or None.

    Matching uses the keyed hash, so the code is never decrypted to search.
    """
    access.require_area(actor, Area.CLIENT_WORK)
    digest = lookup_hash(henkilotunnus)
    client = access.visible(actor, Client.objects.filter(henkilotunnus_hash=digest)).first()
    if client is not None:
        access.authorize(actor, AuditAction.READ, client, reason="henkilotunnus match")
    return client


def client_exists_with_henkilotunnus(*, henkilotunnus: str) -> bool:
    """Whether any client (of any team) has this code: for refusing duplicates, reveals nothing else."""
    return Client.objects.filter(henkilotunnus_hash=lookup_hash(henkilotunnus)).exists()
