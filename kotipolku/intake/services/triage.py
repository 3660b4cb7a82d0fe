"""Triage actions on intake items: claim, log a contact attempt, convert into a client, close.

Each action also moves the landlord-visible status of a notice (the only thing a landlord sees):
reached → contacted, converted → support_started, closed → closed.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotipolku.core import access, audit
from kotipolku.core.access import Actor, Area
from kotipolku.core.models import AuditAction, Team, User
from kotipolku.intake.models import (
    OPEN_STATUSES,
    CloseReason,
    ContactAttempt,
    IntakeItem,
    ItemStatus,
    NoticeStatus,
)


def _locked(actor: Actor, item_id: int) -> IntakeItem:
    """The item, row-locked for the rest of the transaction (Http404 when not the actor's team's)."""
    access.require_area(actor, Area.CLIENT_WORK)
    # Lock by primary key first: FOR UPDATE cannot be combined with the DISTINCT of access.visible().
    list(IntakeItem.objects.select_for_update().filter(pk=item_id).values_list("pk", flat=True))
    qs = IntakeItem.objects.select_related("landlord_notice", "contact_request", "concern_report", "team")
    return access.get_for(actor, qs, AuditAction.UPDATE, pk=item_id)


def _set_notice_status(item: IntakeItem, status: str) -> None:
    notice = item.landlord_notice
    if notice is not None and notice.status != status:
        notice.status = status
        notice.updated_at = timezone.now()
        notice.save(update_fields=["status", "updated_at"])


def _require_open(item: IntakeItem) -> None:
    if item.status not in OPEN_STATUSES:
        raise ValidationError(_("Asia on jo käsitelty."))


@transaction.atomic
def item_claim(*, actor: User, item_id: int) -> IntakeItem:
    """Take an item into one's own work (or over from a colleague of the team)."""
    item = _locked(actor, item_id)
    _require_open(item)
    item.claimed_by = actor
    item.claimed_at = timezone.now()
    if item.status == ItemStatus.NEW:
        item.status = ItemStatus.CLAIMED
    item.save(update_fields=["claimed_by", "claimed_at", "status"])
    return item


@transaction.atomic
def item_log_attempt(*, actor: User, item_id: int, method: str, reached: bool, note: str = "") -> ContactAttempt:
    """Record a try to reach the person; the first successful one is the first contact."""
    item = _locked(actor, item_id)
    _require_open(item)
    attempt = ContactAttempt(item=item, method=method, reached=reached, note=note, by=actor)
    attempt.full_clean(exclude=["item", "by"])
    attempt.save()
    if item.claimed_by_id is None:
        item.claimed_by, item.claimed_at = actor, attempt.at
    if reached:
        item.first_contact_at = item.first_contact_at or attempt.at
        item.status = ItemStatus.CONTACTED
        _set_notice_status(item, NoticeStatus.CONTACTED)
    elif item.status == ItemStatus.NEW:
        item.status = ItemStatus.CLAIMED
    item.save(update_fields=["claimed_by", "claimed_at", "first_contact_at", "status"])
    return attempt


def _split_name(name: str) -> tuple[str, str]:
    parts = (name or "").split()
    if len(parts) < 2:
        return "", ""
    return " ".join(parts[:-1]), parts[-1]


@transaction.atomic
def item_convert(*, actor: User, item_id: int):
    """Make the person a client of the item's team: the existing client with the same henkilötunnus
    when the actor's teams have one, otherwise a new client. Returns (client, created)."""
    from kotipolku.clients.selectors import client_find_by_henkilotunnus
    from kotipolku.clients.services import client_create

    item = _locked(actor, item_id)
    _require_open(item)
    if item.team is None:
        raise ValidationError(_("Asialla ei ole tiimiä. Pyydä ylläpitäjää ohjaamaan se tiimille."))
    signal = item.signal
    hetu = getattr(signal, "henkilotunnus", None)
    name = getattr(signal, "tenant_name", "") or getattr(signal, "subject_name", "") or getattr(signal, "name", "")
    client = client_find_by_henkilotunnus(actor=actor, henkilotunnus=hetu.reveal()) if hetu else None
    created = client is None
    if created:
        first_name, last_name = _split_name(name)
        nickname = "" if first_name else (name or getattr(signal, "reference_code", "") or str(item))
        client = client_create(
            actor=actor,
            team=item.team,
            first_name=first_name,
            last_name=last_name,
            nickname=nickname[:80],
            henkilotunnus=hetu,
            source=f"intake:{item.source}",
        )
    now = timezone.now()
    item.client = client
    item.status = ItemStatus.CONVERTED
    item.first_contact_at = item.first_contact_at or now
    item.closed_at = now
    item.claimed_by = item.claimed_by or actor
    item.save(update_fields=["client", "status", "first_contact_at", "closed_at", "claimed_by"])
    access.authorize(actor, AuditAction.UPDATE, item, outcome="converted", client_created=created)
    _set_notice_status(item, NoticeStatus.SUPPORT_STARTED)
    return client, created


@transaction.atomic
def item_reassign(*, actor: User, item_id: int, team: Team) -> IntakeItem:
    """Route an open item to another team (e.g. the person lives elsewhere); the claim is released."""
    item = _locked(actor, item_id)
    _require_open(item)
    if item.team_id == team.pk:
        return item
    previous = item.team_id
    item.team = team
    item.claimed_by, item.claimed_at = None, None
    if item.status == ItemStatus.CLAIMED:
        item.status = ItemStatus.NEW
    item.save(update_fields=["team", "claimed_by", "claimed_at", "status"])
    audit.record(actor, AuditAction.UPDATE, obj=item, from_team=previous, to_team=team.pk)
    return item


@transaction.atomic
def item_close(*, actor: User, item_id: int, reason: str, note: str = "") -> IntakeItem:
    """Close an open (or converted) item with a reason; a notice then shows `closed` to its landlord."""
    item = _locked(actor, item_id)
    if item.status == ItemStatus.CLOSED:
        raise ValidationError(_("Asia on jo suljettu."))
    if reason not in CloseReason.values:
        raise ValidationError({"reason": _("Valitse sulkemisen syy.")})
    item.close_reason, item.close_note = reason, note
    item.full_clean(exclude=["team", "claimed_by", "client", "contact_request", "landlord_notice", "concern_report"])
    item.status = ItemStatus.CLOSED
    item.closed_at = timezone.now()
    item.save(update_fields=["close_reason", "close_note", "status", "closed_at"])
    _set_notice_status(item, NoticeStatus.CLOSED)
    return item
