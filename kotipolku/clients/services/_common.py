"""Shared helpers of the write services."""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _

from kotipolku.clients.models import Client
from kotipolku.core import access
from kotipolku.core.access import Actor, Area
from kotipolku.core.models import AuditAction


def client_for_write(*, actor: Actor, client: Client | int) -> Client:
    """The client, if the actor may write its records (404 for other teams, 403 outside the area)."""
    access.require_area(actor, Area.CLIENT_WORK)
    client_id = client.pk if isinstance(client, Client) else client
    obj = access.get_visible(actor, Client.objects.all(), AuditAction.UPDATE, pk=client_id)
    access.check(actor, AuditAction.UPDATE, obj)
    if obj.anonymised_at is not None:
        raise ValidationError(_("Asiakkaan tiedot on anonymisoitu, eikä niihin voi enää lisätä merkintöjä."))
    return obj


def claim_version(client: Client, expected: int | None) -> None:
    """Optimistic locking: move the stored version on by one only if it still is `expected`.

    The conditional UPDATE is atomic in the database, so of two concurrent edits based on the same
    version exactly one wins; the other gets a clear message instead of silently losing its edit.
    """
    expected = client.version if expected is None else expected
    updated = Client.objects.filter(pk=client.pk, version=expected).update(version=F("version") + 1)
    if not updated:
        raise ValidationError(
            _(
                "Joku muu muutti asiakkaan tietoja sillä välin, kun muokkasit niitä. "
                "Lataa sivu uudelleen, tarkista tiedot ja tallenna muutoksesi uudestaan."
            ),
            code="stale",
        )
    client.version = expected + 1
