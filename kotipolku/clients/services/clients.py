"""Writes of the client record itself: create, edit, convert an outreach contact, close, reopen."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kotipolku.clients import longterm
from kotipolku.clients.models import Client, ClientStatus, Closing
from kotipolku.clients.services._common import claim_version, client_for_write
from kotipolku.core import access, audit
from kotipolku.core.access import Actor, Area
from kotipolku.core.hetu import Henkilotunnus
from kotipolku.core.models import AuditAction, Team, User

DUPLICATE_MESSAGE = gettext_noop("Tällä henkilötunnuksella on jo asiakas. Etsi olemassa oleva asiakas.")
EDITABLE_FIELDS = ("nickname", "first_name", "last_name", "age_group", "gender", "languages", "usual_place")


def _duplicate_error() -> ValidationError:
    return ValidationError({"henkilotunnus": _(DUPLICATE_MESSAGE)})


def client_create(
    *,
    actor: Actor,
    team: Team,
    nickname: str = "",
    first_name: str = "",
    last_name: str = "",
    henkilotunnus: str | Henkilotunnus | None = None,
    source: str = "",
    age_group: str = "",
    gender: str = "",
    languages: str = "",
    usual_place: str = "",
    responsible_worker: User | None = None,
) -> Client:
    """Create a client (or an outreach contact, without identity) in one of the actor's teams.

    A second client with the same identity code is refused, whichever team has the first one.
    """
    access.require_area(actor, Area.CLIENT_WORK)
    if access.role_of(actor) != "admin" and team.pk not in access.team_ids(actor):
        raise ValidationError({"team": _("Voit lisätä asiakkaita vain omaan tiimiisi.")})
    if not (nickname or first_name or last_name or henkilotunnus):
        raise ValidationError(_("Anna asiakkaalle vähintään kutsumanimi."))
    user = actor if isinstance(actor, User) else None
    client = Client(
        nickname=nickname,
        first_name=first_name,
        last_name=last_name,
        henkilotunnus=henkilotunnus,
        age_group=age_group,
        gender=gender,
        languages=languages,
        usual_place=usual_place,
        created_by=user,
        responsible_worker=responsible_worker or (user if access.role_of(actor) == "worker" else None),
        identified_at=timezone.now() if henkilotunnus else None,
    )
    client.full_clean(exclude=["teams", "henkilotunnus_hash", "created_by", "responsible_worker"])
    if client.henkilotunnus and Client.objects.filter(henkilotunnus_hash=client.henkilotunnus.lookup_hash).exists():
        raise _duplicate_error()
    try:
        with transaction.atomic():
            client.save()
            client.teams.add(team)
            audit.record(actor, AuditAction.CREATE, obj=client, source=source)
    except IntegrityError:
        raise _duplicate_error() from None
    return client


@transaction.atomic
def client_update(*, actor: Actor, client: Client | int, version: int, **fields: str) -> Client:
    """Edit the basic facts. `version` is the one the form showed; a stale one is refused."""
    unknown = set(fields) - set(EDITABLE_FIELDS) - {"responsible_worker"}
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    obj = client_for_write(actor=actor, client=client)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean(exclude=["teams", "henkilotunnus_hash", "created_by"])
    if not (obj.nickname or obj.first_name or obj.last_name or obj.henkilotunnus):
        raise ValidationError({"nickname": _("Anna asiakkaalle vähintään kutsumanimi.")})
    claim_version(obj, version)
    obj.save()
    audit.record(actor, AuditAction.UPDATE, obj=obj, fields=sorted(fields))
    return obj


def client_convert_outreach(
    *,
    actor: Actor,
    client: Client | int,
    version: int,
    henkilotunnus: str,
    first_name: str = "",
    last_name: str = "",
) -> Client:
    """Add identity to an outreach contact. The record, and so all its history, stays the same."""
    with transaction.atomic():
        obj = client_for_write(actor=actor, client=client)
        if obj.is_identified:
            raise ValidationError(_("Asiakas on jo tunnistettu."))
        obj.henkilotunnus = henkilotunnus
        obj.first_name = first_name or obj.first_name
        obj.last_name = last_name or obj.last_name
        obj.identified_at = timezone.now()
        obj.full_clean(exclude=["teams", "henkilotunnus_hash", "created_by", "responsible_worker"])
        if Client.objects.filter(henkilotunnus_hash=obj.henkilotunnus.lookup_hash).exists():
            raise _duplicate_error()
        claim_version(obj, version)
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError:
            raise _duplicate_error() from None
        audit.record(actor, AuditAction.UPDATE, obj=obj, change="identified")
    return obj


@transaction.atomic
def client_close(
    *,
    actor: Actor,
    client: Client | int,
    version: int,
    reason: str,
    housing_outcome: str,
    services_secured: str = "",
    note: str = "",
    closed_at: dt.datetime | None = None,
) -> Closing:
    """Close the client's work with its outcome. Earlier closings stay as history."""
    obj = client_for_write(actor=actor, client=client)
    if obj.status == ClientStatus.CLOSED:
        raise ValidationError(_("Asiakkuus on jo päätetty."))
    closing = Closing(
        client=obj,
        reason=reason,
        housing_outcome=housing_outcome,
        services_secured=services_secured,
        note=note,
        closed_at=closed_at or timezone.now(),
        closed_by=actor if isinstance(actor, User) else None,
    )
    closing.full_clean(exclude=["client", "closed_by", "reopened_by"])
    if closing.closed_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"closed_at": _("Päättymisaika ei voi olla tulevaisuudessa.")})
    claim_version(obj, version)
    obj.status = ClientStatus.CLOSED
    obj.save(update_fields=["status", "updated_at"])
    closing.save()
    audit.record(actor, AuditAction.CREATE, obj=closing, outcome=housing_outcome)
    return closing


@transaction.atomic
def client_reopen(*, actor: Actor, client: Client | int, version: int) -> Client:
    """Open a closed client's work again; the closing is kept and marked reopened."""
    obj = client_for_write(actor=actor, client=client)
    if obj.status != ClientStatus.CLOSED:
        raise ValidationError(_("Asiakkuus on jo avoin."))
    claim_version(obj, version)
    closing = obj.closings.filter(reopened_at__isnull=True).order_by("-closed_at").first()
    if closing is not None:
        closing.reopened_at = timezone.now()
        closing.reopened_by = actor if isinstance(actor, User) else None
        closing.save(update_fields=["reopened_at", "reopened_by"])
    obj.status = ClientStatus.OPEN
    obj.save(update_fields=["status", "updated_at"])
    audit.record(actor, AuditAction.UPDATE, obj=obj, change="reopened")
    return obj


def refresh_long_term_flag(client: Client, *, on: dt.date | None = None) -> bool:
    """Recompute the cached flag from the housing history (services call this after each change;
    the clients_refresh_long_term command runs it daily because the rule depends on the date)."""
    on = on or timezone.localdate()
    flag = longterm.is_long_term_homeless(client.housing_periods.all(), on=on)
    Client.objects.filter(pk=client.pk).update(long_term_homeless=flag, long_term_checked_on=on)
    client.long_term_homeless, client.long_term_checked_on = flag, on
    return flag
