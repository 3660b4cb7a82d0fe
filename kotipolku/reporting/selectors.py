"""Reads of reporting: scoping to the actor's teams, assembling figures, and auditing the reads.

Aggregate reads are audited as one event with object_type "reporting.<report>"; the by-name list
is personal data and is audited as a list read of the clients shown (core.access.read_list)."""

import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils import timezone, translation

from kotipolku.clients.models import Client, ClientFeedback, HousingStatus, WalkInVisit
from kotipolku.core import access, audit
from kotipolku.core.access import Actor, Area
from kotipolku.core.models import AuditAction, Role, Team, User
from kotipolku.reporting import kpis
from kotipolku.reporting.filters import Filters
from kotipolku.reporting.models import Observation, ResultTarget, TargetMetric


@dataclass
class Scope:
    """What the figures may count: the visible clients, and the teams whose team-owned records
    (walk-ins, feedback, intake items) count. team_ids None = every team (admin, no filter)."""

    clients: QuerySet
    team_ids: frozenset[int] | None


def scope_for(actor: Actor, filters: Filters) -> Scope:
    clients = access.visible(actor, Client.objects.all())
    team_ids = None if access.role_of(actor) == Role.ADMIN else access.team_ids(actor)
    narrow = None
    if filters.team is not None:
        narrow = {filters.team.pk}
    if filters.municipality:
        in_municipality = set(Team.objects.filter(municipality=filters.municipality).values_list("pk", flat=True))
        narrow = in_municipality if narrow is None else narrow & in_municipality
    if narrow is not None:
        team_ids = frozenset(narrow if team_ids is None else narrow & team_ids)
        clients = clients.filter(pk__in=Client.teams.through.objects.filter(team_id__in=team_ids).values("client_id"))
    return Scope(clients, team_ids)


def _by_team(qs: QuerySet, scope: Scope) -> QuerySet:
    return qs if scope.team_ids is None else qs.filter(team_id__in=scope.team_ids)


def _audit(actor: Actor, action: AuditAction, name: str, filters: Filters, **extra) -> None:
    audit.record(
        actor,
        action,
        object_type=f"reporting.{name}",
        start=filters.period.start.isoformat(),
        end=filters.period.end.isoformat(),
        team=filters.team.pk if filters.team else None,
        municipality=filters.municipality,
        **extra,
    )


@dataclass
class TargetProgress:
    metric: str
    label: str
    target: ResultTarget
    actual: float | None
    percent_of_target: float | None  # actual / target × 100
    met: bool | None


@dataclass
class Dashboard:
    filters: Filters
    snapshot_day: dt.date
    reached: kpis.Reached
    housing_solved: kpis.Ratio
    secured_entry: kpis.Ratio
    trust_grown: kpis.Ratio
    long_term_homeless: int
    walk_ins: kpis.WalkIns
    intake: kpis.Intake | None
    caseload: list[tuple[str, int]]
    bot: kpis.BotUsage | None
    bands: list[dict]
    targets: list[TargetProgress] = field(default_factory=list)
    surveys: list[dict] = field(default_factory=list)  # rates per survey (surveys module)
    network: dict | None = None  # network meetings and participants (surveys module)

    def as_api(self) -> dict:
        """Flat numbers for the API; shares are 0 when there is nothing to divide by, and `notes`
        says which."""
        notes = []
        out = {
            "start": self.filters.period.start.isoformat(),
            "end": self.filters.period.end.isoformat(),
            "team": self.filters.team.pk if self.filters.team else None,
            "municipality": self.filters.municipality or None,
            "clients_reached": self.reached.total,
            "clients_reached_new": self.reached.new,
            "long_term_homeless_count": self.long_term_homeless,
            "long_term_homeless_on": self.snapshot_day.isoformat(),
            "walk_in_visits": self.walk_ins.total,
            "walk_in_visits_anonymous": self.walk_ins.anonymous,
            "walk_in_topics": dict(self.walk_ins.topics),
        }
        for name, ratio in (
            ("housing_solved", self.housing_solved),
            ("secured_entry", self.secured_entry),
            ("trust_grown", self.trust_grown),
        ):
            out[f"{name}_share"] = ratio.share if ratio.share is not None else 0.0
            out[f"{name}_numerator"] = ratio.numerator
            out[f"{name}_denominator"] = ratio.denominator
            if ratio.share is None:
                notes.append(f"{name}_share: no records in the period (denominator 0); shown as 0.")
        if self.intake is not None:
            out["intake_by_source"] = self.intake.by_source
            out["intake_on_time_share"] = self.intake.on_time.share
            out["intake_pending"] = self.intake.pending
        out["caseload"] = [{"worker": w, "open_clients": n} for w, n in self.caseload]
        if self.bot is not None:
            out["bot_questions"] = self.bot.questions
            out["bot_fallback_share"] = self.bot.fallback.share
            out["bot_helpful_share"] = self.bot.helpful.share
        out["targets"] = [
            {"metric": t.metric, "target": float(t.target.value), "actual": t.actual, "met": t.met}
            for t in self.targets
        ]
        out["notes"] = notes
        return out


def _worker_names(ids) -> dict[int, str]:
    return {u.pk: (u.get_full_name() or u.get_username()) for u in User.objects.filter(pk__in=[i for i in ids if i])}


def targets_for(filters: Filters) -> dict[str, ResultTarget]:
    """For each metric the narrowest target whose period contains the chosen period, for the chosen
    team (or for all teams when no team is chosen)."""
    qs = ResultTarget.objects.filter(
        period_start__lte=filters.period.start, period_end__gte=filters.period.end, team=filters.team
    )
    best: dict[str, ResultTarget] = {}
    for t in qs:
        length = (t.period_end - t.period_start).days
        if t.metric not in best or length < (best[t.metric].period_end - best[t.metric].period_start).days:
            best[t.metric] = t
    return best


def _progress(d: "Dashboard", targets: dict[str, ResultTarget]) -> list[TargetProgress]:
    actual = {
        TargetMetric.CLIENTS_REACHED: d.reached.total,
        TargetMetric.HOUSING_SOLVED: d.housing_solved.share,
        TargetMetric.SECURED_ENTRY: d.secured_entry.share,
        TargetMetric.TRUST_GROWN: d.trust_grown.share,
    }
    out = []
    for metric in TargetMetric:
        t = targets.get(metric.value)
        if t is None:
            continue
        value = actual[metric]
        goal = float(t.value)
        pct = None if value is None or not goal else round(100.0 * value / goal, 1)
        out.append(TargetProgress(metric.value, metric.label, t, value, pct, None if value is None else value >= goal))
    return out


def dashboard(*, actor: Actor, filters: Filters, audited: AuditAction | None = AuditAction.READ) -> Dashboard:
    """Every dashboard figure for the period, team and municipality, within the actor's teams."""
    access.require_area(actor, Area.REPORTS)
    scope = scope_for(actor, filters)
    period = filters.period
    on = period.snapshot_day()
    intake = None
    try:
        from kotipolku.intake.models import IntakeItem

        intake = kpis.intake(items=_by_team(IntakeItem.objects.all(), scope), period=period)
    except ImportError:  # pragma: no cover - intake not installed
        pass
    bot = None
    if not filters.team and not filters.municipality:  # the bot is anonymous: no team, no municipality
        from kotipolku.bot.models import Exchange

        bot = kpis.bot_usage(exchanges=Exchange.objects.all(), period=period)
    load = kpis.caseload(clients=scope.clients)
    names = _worker_names(w for w, _ in load)
    d = Dashboard(
        filters=filters,
        snapshot_day=on,
        reached=kpis.clients_reached(clients=scope.clients, period=period),
        housing_solved=kpis.housing_solved(clients=scope.clients, period=period),
        secured_entry=kpis.secured_entry(clients=scope.clients, period=period),
        trust_grown=kpis.trust_grown(feedback=_by_team(ClientFeedback.objects.all(), scope), period=period),
        long_term_homeless=kpis.long_term_homeless_count(clients=scope.clients, on=on),
        walk_ins=kpis.walk_ins(visits=_by_team(WalkInVisit.objects.all(), scope), period=period),
        intake=intake,
        caseload=[(names.get(w, "—") if w else "", n) for w, n in load],
        bot=bot,
        bands=kpis.self_assessment_bands(period=period) if bot is not None else [],
    )
    if bot is not None and apps.is_installed("kotipolku.surveys"):
        # Survey answers are anonymous and have no team either: shown only without team filters.
        from kotipolku.surveys import selectors as surveys

        d.surveys = surveys.rates_for_period(
            start=period.start, end=period.end, lang=translation.get_language() or "fi"
        )
        d.network = surveys.network_summary(start=period.start, end=period.end)
    d.targets = _progress(d, targets_for(filters))
    if audited is not None:
        _audit(actor, audited, "kpis", filters)
    return d


# --- by-name list -------------------------------------------------------------------------------


@dataclass
class ByNameRow:
    client: Client
    status: str
    status_label: str
    long_term: bool
    reason: str
    days_homeless: int
    last_contact: dt.datetime | None
    responsible: str


def by_name_list(
    *, actor: Actor, team: Team | None = None, on: dt.date | None = None, action: AuditAction = AuditAction.READ
) -> list[ByNameRow]:
    """Everyone homeless today among the clients the actor may see, long-term first, longest
    homeless first. Audited as one list read (or export) naming every client shown."""
    access.require_area(actor, Area.CLIENT_WORK)
    on = on or timezone.localdate()
    clients = access.visible(actor, Client.objects.all())
    if team is not None:
        clients = clients.filter(teams=team)
    rows = kpis.homeless_on(clients=clients, on=on, detailed=True)
    objs = Client.objects.select_related("responsible_worker").in_bulk([r.client_id for r in rows])
    out = []
    for r in rows:
        c = objs[r.client_id]
        w = c.responsible_worker
        start = r.result.current_spell_start or on
        out.append(
            ByNameRow(
                client=c,
                status=r.status,
                status_label=str(HousingStatus(r.status).label),
                long_term=r.long_term,
                reason=r.result.reason,
                days_homeless=(on - start).days + 1,
                last_contact=c.last_met_at,
                responsible=(w.get_full_name() or w.get_username()) if w else "",
            )
        )
    out.sort(key=lambda x: (not x.long_term, -x.days_homeless, x.client.pk))
    if action == AuditAction.EXPORT:
        ids = [str(x.client.pk) for x in out]
        audit.record(
            actor, AuditAction.EXPORT, object_type="clients.Client", ids=ids, client_ids=ids, report="reporting.by_name"
        )
    else:
        audit.record_list(actor, Client, [x.client for x in out])
    return out


def month_ends(*, months: int, today: dt.date | None = None) -> list[dt.date]:
    """The last day of each of the previous `months` months, oldest first, and today last."""
    today = today or timezone.localdate()
    days = [today]
    day = today.replace(day=1) - dt.timedelta(days=1)
    while len(days) < months + 1:
        days.append(day)
        day = day.replace(day=1) - dt.timedelta(days=1)
    return sorted(days)


def long_term_series(*, actor: Actor, team: Team | None = None, months: int = 12) -> list[tuple[dt.date, int]]:
    """The long-term homeless count at each month end (and today) among the visible clients."""
    access.require_area(actor, Area.CLIENT_WORK)
    clients = access.visible(actor, Client.objects.all())
    if team is not None:
        clients = clients.filter(teams=team)
    return [(day, kpis.long_term_homeless_count(clients=clients, on=day)) for day in month_ends(months=months)]


# --- social reporting -----------------------------------------------------------------------------


def observation_scope(actor: Actor) -> QuerySet:
    """Observations hold no personal data: leads see their teams', editors and admins all."""
    role = access.role_of(actor)
    if role in (Role.EDITOR, Role.ADMIN):
        return Observation.objects.all()
    if role == Role.LEAD:
        return Observation.objects.filter(team_id__in=access.team_ids(actor))
    raise access.refusal(actor, AuditAction.READ, object_type="area", object_id="observations", reason="area")


def observation_report(*, actor: Actor, filters: Filters) -> dict:
    """Observations of the period grouped by theme, for the social report."""
    qs = (
        observation_scope(actor)
        .filter(created_at__gte=filters.period.since, created_at__lt=filters.period.until)
        .select_related("team")
    )
    if filters.team is not None:
        qs = qs.filter(team=filters.team)
    if filters.municipality:
        qs = qs.filter(Q(municipality__iexact=filters.municipality) | Q(team__municipality=filters.municipality))
    rows = list(qs.order_by("theme", "-created_at"))
    groups: dict[str, list[Observation]] = {}
    for o in rows:
        groups.setdefault(o.theme, []).append(o)
    audit.record(
        actor,
        AuditAction.READ,
        object_type="reporting.observations",
        start=filters.period.start.isoformat(),
        end=filters.period.end.isoformat(),
        count=len(rows),
    )
    return {"observations": rows, "groups": groups}


def long_term_target() -> int:
    """The city's target for long-term homeless at a time (setting LONG_TERM_HOMELESS_TARGET)."""
    from django.conf import settings

    return int(getattr(settings, "LONG_TERM_HOMELESS_TARGET", 50))


def flow(*, actor: Actor, filters: Filters) -> list[tuple[str, str, int]]:
    """Transitions between housing statuses in the period among the actor's clients (kpis.flow)."""
    access.require_area(actor, Area.REPORTS)
    rows = kpis.flow(clients=scope_for(actor, filters).clients, period=filters.period)
    _audit(actor, AuditAction.READ, "flow", filters)
    return rows
