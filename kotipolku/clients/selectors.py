"""Reads of client data; every one goes through the core rule and the audit log.

Pages read a bounded number of queries whatever the data size: caseload rows get their counts
from correlated subqueries (evaluated only for the page shown), the client page prefetches.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from kotipolku.clients import longterm
from kotipolku.clients.models import (
    OPEN_REFERRAL_STATUSES,
    Client,
    ClientFeedback,
    ClientStatus,
    Encounter,
    Goal,
    GoalStatus,
    Referral,
    WalkInVisit,
)
from kotipolku.core import access, audit
from kotipolku.core.access import Actor, Area
from kotipolku.core.hetu import lookup_hash
from kotipolku.core.models import AuditAction, Team, User

ENCOUNTERS_PER_PAGE = 20


def client_list(*, actor: Actor) -> list[Client]:
    """Clients of the actor's teams, audited as one list read."""
    access.require_area(actor, Area.CLIENT_WORK)
    qs: QuerySet[Client] = Client.objects.prefetch_related("teams")
    return access.read_list(actor, qs)


def client_list_page(*, actor: Actor, page: int = 1, page_size: int = 100) -> tuple[list[Client], int]:
    """One page of the actor's teams' clients (newest first) and the total count; audited."""
    access.require_area(actor, Area.CLIENT_WORK)
    ids = access.visible(actor, Client.objects.all()).order_by("-id").values_list("pk", flat=True)
    total = ids.count()
    start = (max(page, 1) - 1) * page_size
    page_ids = list(ids[start : start + page_size])
    rows = Client.objects.filter(pk__in=page_ids).prefetch_related("teams").order_by("-id")
    return access.read_list(actor, Client.objects.all(), rows=list(rows)), total


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


def actor_teams(*, actor: Actor) -> list[Team]:
    """Teams the actor works in (admins: all teams)."""
    if access.role_of(actor) == "admin":
        return list(Team.objects.all())
    return list(Team.objects.filter(pk__in=access.team_ids(actor)))


def _caseload_annotations(qs: QuerySet[Client], *, today: dt.date) -> QuerySet[Client]:
    open_refs = (
        Referral.objects.filter(client=OuterRef("pk"), status__in=OPEN_REFERRAL_STATUSES)
        .order_by()
        .values("client")
        .annotate(n=Count("pk"))
        .values("n")
    )
    next_goal = (
        Goal.objects.filter(client=OuterRef("pk"), status=GoalStatus.OPEN, target_date__gte=today)
        .order_by("target_date")
        .values("target_date")[:1]
    )
    next_step = (
        Referral.objects.filter(client=OuterRef("pk"), status__in=OPEN_REFERRAL_STATUSES, next_step_on__gte=today)
        .order_by("next_step_on")
        .values("next_step_on")[:1]
    )
    return qs.annotate(
        open_referrals=Coalesce(Subquery(open_refs, output_field=IntegerField()), 0),
        next_goal_date=Subquery(next_goal),
        next_step_date=Subquery(next_step),
    )


@dataclass
class Caseload:
    page: Page
    not_met_days: int | None
    team: Team | None
    worker: User | None


def caseload(
    *,
    actor: Actor,
    team: Team | None = None,
    worker: User | None = None,
    not_met_days: int | None = None,
    include_closed: bool = False,
    page_number: int | str | None = 1,
    per_page: int = 50,
) -> Caseload:
    """Open clients of one worker (default: the actor) or of one team, longest unmet first.

    With not_met_days, only clients not met in that many days (or never). The page's rows are
    audited as one list read.
    """
    access.require_area(actor, Area.CLIENT_WORK)
    today = timezone.localdate()
    qs = access.visible(actor, Client.objects.all())
    if team is not None:
        if access.role_of(actor) != "admin" and team.pk not in access.team_ids(actor):
            raise access.refusal(
                actor, AuditAction.READ, object_type="core.Team", object_id=team.pk, reason="not_visible", status=404
            )
        qs = qs.filter(teams=team)
    else:
        worker = worker or (actor if isinstance(actor, User) else None)
        qs = qs.filter(responsible_worker=worker)
    if not include_closed:
        qs = qs.filter(status=ClientStatus.OPEN)
    if not_met_days is not None:
        cutoff = timezone.now() - dt.timedelta(days=not_met_days)
        qs = qs.filter(Q(last_met_at__isnull=True) | Q(last_met_at__lt=cutoff))
    # Page over ids only (cheap DISTINCT and COUNT), then annotate just the rows shown.
    ids = qs.order_by(F("last_met_at").asc(nulls_first=True), "id").values_list("pk", flat=True)
    page = Paginator(ids, per_page).get_page(page_number)
    page_ids = list(page.object_list)
    shown = Client.objects.filter(pk__in=page_ids).defer("henkilotunnus")
    rows = {c.pk: c for c in _caseload_annotations(shown, today=today)}
    page.object_list = [rows[pk] for pk in page_ids if pk in rows]
    audit.record_list(actor, Client, list(page.object_list))
    return Caseload(page=page, not_met_days=not_met_days, team=team, worker=worker)


def client_search(*, actor: Actor, q: str, limit: int = 50) -> list[Client]:
    """Clients of the actor's teams (open or closed) by name, nickname, client number or identity
    code. A code is matched by its keyed hash only, never by decrypting. Audited as one list read."""
    access.require_area(actor, Area.CLIENT_WORK)
    q = q.strip()
    qs = access.visible(actor, Client.objects.all())
    try:
        digest = lookup_hash(q) if len(q) == 11 else None
    except ValidationError:
        digest = None
    if digest:
        qs = qs.filter(henkilotunnus_hash=digest)
    elif q.isdigit():
        qs = qs.filter(pk=int(q))
    else:
        for word in q.split()[:3]:
            qs = qs.filter(Q(nickname__icontains=word) | Q(first_name__icontains=word) | Q(last_name__icontains=word))
    ids = list(qs.order_by("last_name", "first_name", "nickname", "id").values_list("pk", flat=True)[:limit])
    shown = _caseload_annotations(Client.objects.filter(pk__in=ids).defer("henkilotunnus"), today=timezone.localdate())
    rows = sorted(shown, key=lambda c: ids.index(c.pk))
    return access.read_list(actor, Client.objects.all(), rows=rows)


@dataclass
class ClientPage:
    client: Client
    housing_periods: list
    encounters: Page
    goals: list
    referrals: list
    closings: list
    feedback: list
    walk_ins: list
    long_term: longterm.LongTermResult
    current_housing: object | None


def client_page(*, actor: Actor, client_id: int, encounter_page: int | str | None = 1) -> ClientPage:
    """Everything the client page shows, in a fixed number of queries; one audited read."""
    access.require_area(actor, Area.CLIENT_WORK)
    client = access.get_for(
        actor,
        Client.objects.select_related("responsible_worker", "created_by").prefetch_related(
            "teams",
            "housing_periods",
            "goals",
            Prefetch("referrals", queryset=Referral.objects.select_related("service")),
            "closings",
            Prefetch("feedback", queryset=ClientFeedback.objects.all()),
            "walk_ins",
        ),
        pk=client_id,
    )
    encounters = Paginator(
        Encounter.objects.filter(client=client).prefetch_related("workers"), ENCOUNTERS_PER_PAGE
    ).get_page(encounter_page)
    periods = list(client.housing_periods.all())
    return ClientPage(
        client=client,
        housing_periods=periods,
        encounters=encounters,
        goals=list(client.goals.all()),
        referrals=list(client.referrals.all()),
        closings=list(client.closings.all()),
        feedback=list(client.feedback.all()),
        walk_ins=list(client.walk_ins.all()),
        long_term=longterm.evaluate(periods),
        current_housing=next((p for p in periods if p.end_date is None), None),
    )


def walk_in_list(*, actor: Actor, team: Team | None = None, limit: int = 20) -> list[WalkInVisit]:
    """Latest walk-in visits of the actor's teams (audited as one list read)."""
    access.require_area(actor, Area.CLIENT_WORK)
    qs = WalkInVisit.objects.select_related("client", "team")
    if team is not None:
        qs = qs.filter(team=team)
    rows = list(access.visible(actor, qs)[:limit])
    return access.read_list(actor, qs, rows=rows)


def long_term_homeless_clients(*, actor: Actor, on: dt.date | None = None) -> list[Client]:
    """Open clients flagged long-term homeless by the rule on `on` (evaluated live over the
    housing history, not from the cached flag), for the by-name list. Audited as one list read."""
    access.require_area(actor, Area.CLIENT_WORK)
    on = on or timezone.localdate()
    qs = access.visible(actor, Client.objects.filter(status=ClientStatus.OPEN)).prefetch_related("housing_periods")
    rows = [c for c in qs if longterm.is_long_term_homeless(c.housing_periods.all(), on=on)]
    return access.read_list(actor, Client.objects.all(), rows=rows)


def client_export(*, actor: Actor, client_id: int) -> dict:
    """The client's full data as plain JSON-ready values (data-subject access); audited as EXPORT."""
    access.require_area(actor, Area.CLIENT_WORK)
    client = access.get_for(actor, Client.objects.prefetch_related("teams"), action=AuditAction.EXPORT, pk=client_id)

    def d(value):
        return value.isoformat() if value else None

    return {
        "exported_at": timezone.now().isoformat(),
        "client": {
            "id": client.pk,
            "nickname": client.nickname,
            "first_name": client.first_name,
            "last_name": client.last_name,
            "henkilotunnus": client.henkilotunnus.reveal() if client.henkilotunnus else None,
            "status": client.status,
            "age_group": client.age_group,
            "gender": client.gender,
            "languages": client.languages,
            "usual_place": client.usual_place,
            "teams": [t.name for t in client.teams.all()],
            "created_at": d(client.created_at),
            "identified_at": d(client.identified_at),
            "long_term_homeless": longterm.is_long_term_homeless(client.housing_periods.all()),
        },
        "housing_periods": [
            {"status": p.status, "start_date": d(p.start_date), "end_date": d(p.end_date), "note": p.note}
            for p in client.housing_periods.order_by("start_date")
        ],
        "encounters": [
            {
                "occurred_at": d(e.occurred_at),
                "type": e.type,
                "topics": e.topics,
                "authority_contacts": e.authority_contacts,
                "experience_expert_present": e.experience_expert_present,
                "workers": [w.get_full_name() or w.get_username() for w in e.workers.all()],
                "note": e.note,
            }
            for e in client.encounters.prefetch_related("workers").order_by("occurred_at")
        ],
        "goals": [
            {"text": g.text, "status": g.status, "target_date": d(g.target_date), "created_at": d(g.created_at)}
            for g in client.goals.all()
        ],
        "referrals": [
            {
                "target": r.target_label,
                "status": r.status,
                "planned_at": d(r.planned_at),
                "contacted_at": d(r.contacted_at),
                "first_meeting_attended_at": d(r.first_meeting_attended_at),
                "handed_over_at": d(r.handed_over_at),
                "not_reached_at": d(r.not_reached_at),
                "note": r.note,
            }
            for r in client.referrals.select_related("service")
        ],
        "closings": [
            {
                "closed_at": d(c.closed_at),
                "reason": c.reason,
                "housing_outcome": c.housing_outcome,
                "services_secured": c.services_secured,
                "note": c.note,
                "reopened_at": d(c.reopened_at),
            }
            for c in client.closings.all()
        ],
        "feedback": [
            {
                "given_at": d(f.given_at),
                "trust_grown": f.trust_grown,
                "satisfaction": f.satisfaction,
                "free_text": f.free_text,
            }
            for f in client.feedback.all()
        ],
        "walk_in_visits": [
            {
                "visited_at": d(w.visited_at),
                "topics": w.topics,
                "advice_given": w.advice_given,
                "referred_to": w.referred_to,
            }
            for w in client.walk_ins.all()
        ],
    }
