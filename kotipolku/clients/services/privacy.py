"""Erasure by anonymisation, on request or when the retention time has passed.

Coded facts (dates, types, statuses, outcomes) stay so that statistics do not change; everything
that identifies the person or tells their story in words is removed. The audit log is never touched.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from kotipolku.clients.models import Client, ClientStatus
from kotipolku.core import access, audit
from kotipolku.core.access import Actor, Area
from kotipolku.core.models import AuditAction

REMOVED = "[poistettu]"


def retention_years() -> int:
    """Years a closed client's data is kept after the last closing (default 12, see docs)."""
    return int(getattr(settings, "CLIENTS_RETENTION_YEARS", 12))


def _wipe(client: Client) -> dict[str, int]:
    """Remove the client's identity and every free text from the clients tables (coded facts stay)."""
    client.referrals.filter(service__isnull=True).update(target_text=REMOVED)  # free text naming the target
    counts = {
        "encounters": client.encounters.exclude(note="").update(note=""),
        "housing_periods": client.housing_periods.exclude(note="").update(note=""),
        "goals": client.goals.update(text=REMOVED),
        "referrals": client.referrals.update(note=""),
        "closings": client.closings.update(services_secured="", note=""),
        "feedback": client.feedback.update(free_text=""),
        "walk_ins": client.walk_ins.update(advice_given="", referred_to=""),
        "feedback_links": client.feedback_links.all().delete()[0],
    }
    Client.objects.filter(pk=client.pk).update(
        nickname="",
        first_name="",
        last_name="",
        henkilotunnus=None,
        henkilotunnus_hash=None,
        languages="",
        usual_place="",
        anonymised_at=timezone.now(),
    )
    return counts


def _erase_everywhere(client: Client) -> dict[str, int]:
    """Anonymise the client here and the rows linked to them in every other module (intake items,
    instrument results, derived birth dates) through the registry of core.privacy."""
    from kotipolku.core import privacy  # local: the registry imports the apps' personal_data modules

    changes = privacy.erase_records(person=privacy.Person(client_ids=frozenset({client.pk}), linked_only=True))
    return {f"{c.model}:{c.action}": c.count for c in changes}


def client_anonymise(*, actor: Actor, client: Client | int, dry_run: bool = False, reason: str = "") -> dict:
    """Anonymise one client (team leads and admins only). With dry_run nothing changes but the
    counts of what would be removed are returned."""
    access.require_area(actor, Area.CLIENT_WORK)
    client_id = client.pk if isinstance(client, Client) else client
    if access.role_of(actor) not in ("lead", "admin"):
        raise access.refusal(
            actor, AuditAction.DELETE, object_type="clients.Client", object_id=client_id, reason="action_not_allowed"
        )
    with transaction.atomic():
        obj = access.get_visible(actor, Client.objects.all(), AuditAction.DELETE, pk=client_id)
        access.authorize(actor, AuditAction.DELETE, obj, reason=reason, dry_run=dry_run)
        if dry_run:
            transaction.set_rollback(True)
            return {"client": obj.pk, "dry_run": True}
        counts = _erase_everywhere(obj)
    return {"client": obj.pk, **counts}


def clients_past_retention(*, today: dt.date | None = None) -> QuerySet[Client]:
    """Closed, not yet anonymised clients whose last closing is older than the retention time."""
    today = today or timezone.localdate()
    cutoff = (
        today.replace(year=today.year - retention_years())
        if not (today.month == 2 and today.day == 29)
        else (today.replace(day=28, year=today.year - retention_years()))
    )
    return Client.objects.filter(
        status=ClientStatus.CLOSED, anonymised_at__isnull=True, closings__closed_at__date__lt=cutoff
    ).exclude(closings__closed_at__date__gte=cutoff)


def anonymise_past_retention(*, dry_run: bool = False, today: dt.date | None = None) -> list[int]:
    """The purge command's work: anonymise every client past retention, one transaction each."""
    ids = list(clients_past_retention(today=today).values_list("pk", flat=True).distinct())
    if dry_run:
        return ids
    for pk in ids:
        with transaction.atomic():
            obj = Client.objects.get(pk=pk)
            _erase_everywhere(obj)
            audit.record("system", AuditAction.DELETE, obj=obj, reason="retention")
    return ids
