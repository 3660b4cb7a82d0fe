"""Writes of client data: keyword-only, atomic, audited in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kotipolku.clients.models import Client
from kotipolku.core import access, audit
from kotipolku.core.access import Actor, Area
from kotipolku.core.hetu import Henkilotunnus
from kotipolku.core.models import AuditAction, Team


def client_create(
    *,
    actor: Actor,
    team: Team,
    nickname: str = "",
    first_name: str = "",
    last_name: str = "",
    henkilotunnus: str | Henkilotunnus | None = None,
    source: str = "",
) -> Client:
    """Create a client in one of the actor's teams. A second client with the same code is refused."""
    access.require_area(actor, Area.CLIENT_WORK)
    if access.role_of(actor) != "admin" and team.pk not in access.team_ids(actor):
        raise ValidationError({"team": _("Voit lisätä asiakkaita vain omaan tiimiisi.")})
    if not (nickname or first_name or last_name or henkilotunnus):
        raise ValidationError(_("Anna asiakkaalle vähintään kutsumanimi."))
    client = Client(nickname=nickname, first_name=first_name, last_name=last_name, henkilotunnus=henkilotunnus)
    client.full_clean(exclude=["teams", "henkilotunnus_hash"])
    try:
        with transaction.atomic():
            client.save()
            client.teams.add(team)
            audit.record(actor, AuditAction.CREATE, obj=client, source=source)
    except IntegrityError:
        raise ValidationError(
            {"henkilotunnus": _("Tällä henkilötunnuksella on jo asiakas. Etsi olemassa oleva asiakas.")}
        ) from None
    return client
