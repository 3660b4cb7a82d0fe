"""Writes of the client's records: encounters, housing periods, goals and referrals."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kotipolku.clients.models import (
    REFERRAL_TIMESTAMP_FIELD,
    REFERRAL_TRANSITIONS,
    Client,
    Encounter,
    EncounterType,
    Goal,
    GoalStatus,
    HousingPeriod,
    Referral,
    ReferralStatus,
)
from kotipolku.clients.services._common import client_for_write
from kotipolku.clients.services.clients import refresh_long_term_flag
from kotipolku.core import access, audit
from kotipolku.core.access import Actor, Area
from kotipolku.core.models import AuditAction, User


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def _record_for_write(actor: Actor, model, pk: int):
    """A child record of a client the actor may write (404 for other teams)."""
    access.require_area(actor, Area.CLIENT_WORK)
    obj = access.get_visible(actor, model.objects.select_related("client"), AuditAction.UPDATE, pk=pk)
    client_for_write(actor=actor, client=obj.client)
    return obj


def _in_utc(moment: dt.datetime | None) -> dt.datetime:
    """The time in UTC. An API client may send any offset up to ±23:59, PostgreSQL stores at most ±15:59."""
    if moment is None:
        return timezone.now()
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:  # e.g. 0001-01-01T00:00+02:00 falls before the first day of the calendar
        raise ValidationError({"occurred_at": _("Tarkista aika: vuosien 1–9999 ulkopuolella.")}) from None


@transaction.atomic
def encounter_log(
    *,
    actor: Actor,
    client: Client | int,
    type: str = EncounterType.OUTREACH,
    occurred_at: dt.datetime | None = None,
    topics: Iterable[str] = (),
    authority_contacts: Iterable[str] = (),
    workers: Iterable[User] | None = None,
    experience_expert_present: bool = False,
    note: str = "",
) -> Encounter:
    """Log one encounter; the actor counts as present unless other workers are given."""
    obj = client_for_write(actor=actor, client=client)
    encounter = Encounter(
        client=obj,
        type=type,
        occurred_at=_in_utc(occurred_at),
        topics=list(dict.fromkeys(topics)),
        authority_contacts=list(dict.fromkeys(authority_contacts)),
        experience_expert_present=experience_expert_present,
        note=note.strip(),
        created_by=_user(actor),
    )
    encounter.full_clean(exclude=["client", "created_by"])
    encounter.save()
    present = list(workers) if workers is not None else [u for u in [_user(actor)] if u]
    encounter.workers.set(present)
    Client.objects.filter(pk=obj.pk).filter(
        Q(last_met_at__isnull=True) | Q(last_met_at__lt=encounter.occurred_at)
    ).update(last_met_at=encounter.occurred_at)
    audit.record(actor, AuditAction.CREATE, obj=encounter)
    return encounter


@transaction.atomic
def housing_period_add(
    *,
    actor: Actor,
    client: Client | int,
    status: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    note: str = "",
    close_ongoing: bool = True,
) -> HousingPeriod:
    """Record a living situation. With close_ongoing, an ongoing earlier period ends the day
    before the new one starts (the usual "situation changed" case); any other overlap is refused."""
    obj = client_for_write(actor=actor, client=client)
    # Serialise housing changes of one client so two concurrent adds cannot both pass the overlap check.
    Client.objects.select_for_update().filter(pk=obj.pk).values_list("pk", flat=True).first()
    if close_ongoing and start_date:
        ongoing = obj.housing_periods.filter(end_date__isnull=True, start_date__lt=start_date).first()
        if ongoing is not None:
            ongoing.end_date = start_date - dt.timedelta(days=1)
            ongoing.save(update_fields=["end_date"])
            audit.record(actor, AuditAction.UPDATE, obj=ongoing, change="ended by next period")
    period = HousingPeriod(
        client=obj, status=status, start_date=start_date, end_date=end_date, note=note, created_by=_user(actor)
    )
    period.full_clean(exclude=["client", "created_by"])
    period.save()
    audit.record(actor, AuditAction.CREATE, obj=period)
    refresh_long_term_flag(obj)
    return period


@transaction.atomic
def housing_period_close(*, actor: Actor, period_id: int, end_date: dt.date) -> HousingPeriod:
    """End an ongoing living situation."""
    period = _record_for_write(actor, HousingPeriod, period_id)
    if period.end_date is not None:
        raise ValidationError({"end_date": _("Jakso on jo päättynyt.")})
    if end_date > timezone.localdate():
        raise ValidationError({"end_date": _("Päättymispäivä ei voi olla tulevaisuudessa.")})
    period.end_date = end_date
    period.full_clean(exclude=["client", "created_by"])
    period.save(update_fields=["end_date"])
    audit.record(actor, AuditAction.UPDATE, obj=period, change="ended")
    refresh_long_term_flag(period.client)
    return period


@transaction.atomic
def goal_add(*, actor: Actor, client: Client | int, text: str, target_date: dt.date | None = None) -> Goal:
    """Add a goal to the client's plan."""
    obj = client_for_write(actor=actor, client=client)
    goal = Goal(client=obj, text=text.strip(), target_date=target_date, created_by=_user(actor))
    goal.full_clean(exclude=["client", "created_by"])
    goal.save()
    audit.record(actor, AuditAction.CREATE, obj=goal)
    return goal


@transaction.atomic
def goal_set_status(*, actor: Actor, goal_id: int, status: str) -> Goal:
    """Mark a goal achieved, dropped or open again."""
    goal = _record_for_write(actor, Goal, goal_id)
    if status not in GoalStatus.values:
        raise ValidationError({"status": _("Tuntematon tila.")})
    goal.status = status
    goal.status_changed_at = timezone.now()
    goal.save(update_fields=["status", "status_changed_at"])
    audit.record(actor, AuditAction.UPDATE, obj=goal, status=status)
    return goal


@transaction.atomic
def referral_create(
    *,
    actor: Actor,
    client: Client | int,
    service=None,
    target_text: str = "",
    note: str = "",
    next_step_on: dt.date | None = None,
) -> Referral:
    """Plan a referral to a service of the compass or to a free-text target."""
    obj = client_for_write(actor=actor, client=client)
    referral = Referral(
        client=obj,
        service=service,
        target_text=target_text.strip(),
        note=note,
        next_step_on=next_step_on,
        created_by=_user(actor),
    )
    referral.full_clean(exclude=["client", "created_by", "service"])
    referral.save()
    audit.record(actor, AuditAction.CREATE, obj=referral)
    return referral


@transaction.atomic
def referral_transition(
    *,
    actor: Actor,
    referral_id: int,
    to_status: str,
    version: int | None = None,
    at: dt.datetime | None = None,
    next_step_on: dt.date | None = None,
) -> Referral:
    """Move a referral along the warm-handover path; only the moves in REFERRAL_TRANSITIONS.

    Each move stores its own time stamp, so the path of every referral can be reported.
    """
    referral = _record_for_write(actor, Referral, referral_id)
    if to_status not in REFERRAL_TRANSITIONS.get(referral.status, ()):
        raise ValidationError(
            {
                "status": _("Ohjauksen tilaa ei voi muuttaa: %(from)s → %(to)s.")
                % {
                    "from": ReferralStatus(referral.status).label,
                    "to": ReferralStatus(to_status).label if to_status in ReferralStatus.values else to_status,
                }
            }
        )
    expected = referral.version if version is None else version
    updated = Referral.objects.filter(pk=referral.pk, version=expected, status=referral.status).update(
        version=expected + 1
    )
    if not updated:
        raise ValidationError(_("Ohjausta muutettiin sillä välin. Lataa sivu uudelleen."), code="stale")
    when = at or timezone.now()
    if when > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"at": _("Aika ei voi olla tulevaisuudessa.")})
    referral.version = expected + 1
    referral.status = to_status
    setattr(referral, REFERRAL_TIMESTAMP_FIELD[to_status], when)
    if next_step_on is not None:
        referral.next_step_on = next_step_on
    referral.save()
    audit.record(actor, AuditAction.UPDATE, obj=referral, status=to_status)
    return referral
