"""Feedback (in person, or anonymous through a one-time link) and the walk-in quick log."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotipolku.clients.models import Client, ClientFeedback, FeedbackLink, WalkInVisit, hash_token
from kotipolku.clients.services._common import client_for_write
from kotipolku.core import access, audit
from kotipolku.core.access import Actor, Area
from kotipolku.core.models import AuditAction, Team, User
from kotipolku.core.redaction import redact


def _team_of(actor: Actor, client: Client) -> Team:
    """The client's team that the actor belongs to (admins: the client's first team)."""
    mine = access.team_ids(actor)
    teams = list(client.teams.all())
    return next((t for t in teams if t.pk in mine), teams[0])


@transaction.atomic
def feedback_link_create(*, actor: Actor, client: Client | int) -> tuple[FeedbackLink, str]:
    """A one-time anonymous feedback link; the token is returned once and only its hash is kept."""
    obj = client_for_write(actor=actor, client=client)
    token = FeedbackLink.new_token()
    link = FeedbackLink.objects.create(
        team=_team_of(actor, obj),
        client=obj,
        token_hash=hash_token(token),
        created_by=actor if isinstance(actor, User) else None,
        expires_at=FeedbackLink.default_expiry(),
    )
    audit.record(actor, AuditAction.CREATE, obj=link)
    return link, token


def feedback_link_usable(*, token: str) -> bool:
    """Whether a public token may still be used (reveals nothing about whose link it is)."""
    link = FeedbackLink.objects.filter(token_hash=hash_token(token or "")).first()
    return link is not None and link.is_usable


def feedback_submit_anonymous(
    *, token: str, trust_grown: int, satisfaction: int | None = None, free_text: str = ""
) -> ClientFeedback:
    """Store anonymous feedback through a one-time link. The feedback names the team only, so the
    worker cannot see which client gave it; the link is spent in the same transaction."""
    with transaction.atomic():
        link = FeedbackLink.objects.select_for_update().filter(token_hash=hash_token(token or "")).first()
        if link is None or not link.is_usable:
            raise ValidationError(_("Palautelinkki on jo käytetty tai vanhentunut."), code="invalid_link")
        spent = FeedbackLink.objects.filter(pk=link.pk, used_at__isnull=True).update(used_at=timezone.now())
        if not spent:
            raise ValidationError(_("Palautelinkki on jo käytetty tai vanhentunut."), code="invalid_link")
        feedback = ClientFeedback(
            team=link.team,
            client=None,
            anonymous=True,
            trust_grown=trust_grown,
            satisfaction=satisfaction,
            free_text=redact(free_text.strip()),
        )
        feedback.full_clean(exclude=["team", "client"])
        feedback.save()
        audit.record(None, AuditAction.CREATE, obj=feedback, via="one-time link")
    return feedback


@transaction.atomic
def feedback_record(
    *,
    actor: Actor,
    client: Client | int,
    trust_grown: int,
    satisfaction: int | None = None,
    free_text: str = "",
) -> ClientFeedback:
    """Feedback given in person and written down by the worker, linked to the client."""
    obj = client_for_write(actor=actor, client=client)
    feedback = ClientFeedback(
        team=_team_of(actor, obj),
        client=obj,
        trust_grown=trust_grown,
        satisfaction=satisfaction,
        free_text=redact(free_text.strip()),
    )
    feedback.full_clean(exclude=["team", "client"])
    feedback.save()
    audit.record(actor, AuditAction.CREATE, obj=feedback)
    return feedback


@transaction.atomic
def walk_in_log(
    *,
    actor: Actor,
    team: Team,
    client: Client | int | None = None,
    visited_at: dt.datetime | None = None,
    topics: Iterable[str] = (),
    advice_given: str = "",
    referred_to: str = "",
    feedback_score: int | None = None,
) -> WalkInVisit:
    """Log a walk-in counselling visit, anonymous unless a client of the team is given."""
    access.require_area(actor, Area.CLIENT_WORK)
    if access.role_of(actor) != "admin" and team.pk not in access.team_ids(actor):
        raise ValidationError({"team": _("Voit kirjata käyntejä vain omalle tiimillesi.")})
    obj = client_for_write(actor=actor, client=client) if client is not None else None
    visit = WalkInVisit(
        team=team,
        client=obj,
        visited_at=visited_at or timezone.now(),
        topics=list(dict.fromkeys(topics)),
        advice_given=advice_given.strip(),
        referred_to=referred_to.strip(),
        feedback_score=feedback_score,
        created_by=actor if isinstance(actor, User) else None,
    )
    visit.full_clean(exclude=["team", "client", "created_by"])
    visit.save()
    audit.record(actor, AuditAction.CREATE, obj=visit)
    return visit
