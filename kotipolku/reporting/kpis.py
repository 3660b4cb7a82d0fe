"""KPI definitions: pure functions over querysets that the caller has already scoped.

Every function takes the records it may count (already narrowed to the actor's teams by
selectors.py) and a period of whole Helsinki calendar days [start, end], both inclusive. The
definitions below are the ones the dashboard prints as footnotes; docs/reporting.md repeats them.

Edge cases, decided once here:
- A person in two teams is one client: client-based figures count distinct client ids.
- A client closed and reopened is one client: "new" means the first contact ever falls in the
  period, so a reopened client is not new; "housing solved" uses each client's latest closing in
  the period (closed, reopened and closed again counts once, with the last outcome).
- Periods crossing a year boundary need nothing special: bounds are datetimes, not years.
- An empty denominator gives share None (the API shows 0 with a note): "no data" is not "0 %".
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from kotipolku.clients import longterm
from kotipolku.clients.models import (
    HOMELESS_STATUSES,
    HOUSING_SOLVED_OUTCOMES,
    TRUST_GROWN_MIN,
    Client,
    ClientStatus,
    Closing,
    Encounter,
    HousingPeriod,
    Referral,
    ReferralStatus,
    WalkInVisit,
)


@dataclass(frozen=True)
class Period:
    """Whole days [start, end] in the project's time zone (Europe/Helsinki)."""

    start: dt.date
    end: dt.date

    @property
    def since(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.start, dt.time.min))

    @property
    def until(self) -> dt.datetime:
        """Exclusive upper bound: midnight after the last day."""
        return timezone.make_aware(dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min))

    def snapshot_day(self, today: dt.date | None = None) -> dt.date:
        """The day a point-in-time figure is taken for the period: its end, or today if the end is
        in the future (the system does not forecast)."""
        today = today or timezone.localdate()
        return min(self.end, today)


@dataclass(frozen=True)
class Ratio:
    numerator: int
    denominator: int

    @property
    def share(self) -> float | None:
        """Percentage 0-100 with one decimal, None when there is nothing to divide by."""
        if not self.denominator:
            return None
        return round(100.0 * self.numerator / self.denominator, 1)


CHUNK = 5000  # ids per IN (...) list: well under SQLite's variable limit


def _chunks(ids: list[int]):
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


@dataclass
class Reached:
    total: int
    new: int


def clients_reached(*, clients: QuerySet[Client], period: Period) -> Reached:
    """Clients reached: distinct clients with at least one encounter or linked walk-in visit in the
    period. New: of those, the ones with no encounter or walk-in visit before the period start.
    Anonymous walk-in visits are not clients (see walk_ins)."""
    enc = Encounter.objects.filter(client=OuterRef("pk"))
    walk = WalkInVisit.objects.filter(client=OuterRef("pk"))
    # EXISTS per client uses the (client, occurred_at) index; one row per client, so a person in
    # two teams is counted once.
    in_period = Q(Exists(enc.filter(occurred_at__gte=period.since, occurred_at__lt=period.until))) | Q(
        Exists(walk.filter(visited_at__gte=period.since, visited_at__lt=period.until))
    )
    before = Q(Exists(enc.filter(occurred_at__lt=period.since))) | Q(Exists(walk.filter(visited_at__lt=period.since)))
    agg = (
        Client.objects.filter(pk__in=clients.values("pk"))
        .filter(in_period)
        .aggregate(n_total=Count("pk"), n_new=Count("pk", filter=~before))
    )
    return Reached(total=agg["n_total"], new=agg["n_new"])


def housing_solved(*, clients: QuerySet[Client], period: Period) -> Ratio:
    """Housing solved: clients whose latest closing in the period has the outcome housing_found or
    eviction_prevented, divided by clients with a closing in the period."""
    rows = (
        Closing.objects.filter(client__in=clients.values("pk"), closed_at__gte=period.since, closed_at__lt=period.until)
        .order_by("client_id", "closed_at", "id")
        .values_list("client_id", "housing_outcome")
    )
    latest = dict(rows.iterator(chunk_size=5000))  # later rows overwrite earlier ones
    solved = sum(1 for outcome in latest.values() if outcome in HOUSING_SOLVED_OUTCOMES)
    return Ratio(solved, len(latest))


def secured_entry(*, clients: QuerySet[Client], period: Period) -> Ratio:
    """Secured entry to services: referrals that reached handed_over in the period, divided by
    referrals resolved in the period (handed_over or not_reached). Open referrals are not counted."""
    qs = Referral.objects.filter(client__in=clients.values("pk"))
    handed = Q(status=ReferralStatus.HANDED_OVER, handed_over_at__gte=period.since, handed_over_at__lt=period.until)
    lost = Q(status=ReferralStatus.NOT_REACHED, not_reached_at__gte=period.since, not_reached_at__lt=period.until)
    agg = qs.aggregate(n_handed=Count("pk", filter=handed), n_resolved=Count("pk", filter=handed | lost))
    return Ratio(agg["n_handed"], agg["n_resolved"])


def trust_grown(*, feedback: QuerySet, period: Period) -> Ratio:
    """Trust grown: feedback answers given in the period with trust 4 or 5 on the 1-5 scale, divided
    by all feedback answers in the period (anonymous feedback included; it names the team)."""
    agg = feedback.filter(given_at__gte=period.since, given_at__lt=period.until).aggregate(
        n_grown=Count("pk", filter=Q(trust_grown__gte=TRUST_GROWN_MIN)), n_given=Count("pk")
    )
    return Ratio(agg["n_grown"], agg["n_given"])


@dataclass
class HomelessRow:
    client_id: int
    status: str  # the homeless category on the day
    long_term: bool
    result: longterm.LongTermResult | None  # the rule's full answer (None when the cached flag was used)


def homeless_on(*, clients: QuerySet[Client], on: dt.date, detailed: bool = False) -> list[HomelessRow]:
    """Clients homeless on `on`, each with the long-term rule of the clients module
    (clients.longterm.evaluate) applied to its housing history on that day.

    A client counts when a homeless period covers the day, the client was not closed on that day
    (a closing before it without a reopening before it) and has not been anonymised.

    Pre-aggregation: for today, the clients module's cached flag (Client.long_term_homeless) is
    used for clients whose flag was computed today (long_term_checked_on == today). The clients
    services recompute that flag on every housing-history change and clients_refresh_long_term
    renews it daily, so it is exact; every other client is evaluated live. `detailed=True`
    always evaluates live (the by-name list needs the spell start and the reason)."""
    covering = (
        HousingPeriod.objects.filter(client__in=clients.values("pk"), status__in=HOMELESS_STATUSES, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .order_by("client_id", "start_date")
    )
    end_of_day = timezone.make_aware(dt.datetime.combine(on + dt.timedelta(days=1), dt.time.min))
    covering_ids = covering.values("client_id")
    # Subqueries, not id lists: the database joins faster than Python can send 10,000 parameters.
    closed = set(
        Closing.objects.filter(client_id__in=covering_ids, closed_at__lt=end_of_day)
        .filter(Q(reopened_at__isnull=True) | Q(reopened_at__gte=end_of_day))
        .values_list("client_id", flat=True)
    )
    use_cache = not detailed and on == timezone.localdate()
    status_of: dict[int, str] = {}
    cached: dict[int, bool] = {}
    fields = [
        "client_id",
        "status",
        "client__anonymised_at",
        "client__long_term_homeless",
        "client__long_term_checked_on",
    ]
    for cid, status, anonymised, flag, checked in covering.values_list(*fields).iterator(chunk_size=10000):
        if cid in closed or anonymised is not None:
            continue
        status_of[cid] = status
        if use_cache and checked == on:
            cached[cid] = flag
    live = [cid for cid in status_of if cid not in cached]
    results: dict[int, longterm.LongTermResult] = {}
    if live:
        # Periods that ended before the three-year window cannot change the rule's answer: a spell
        # reaching back past the window is continuous for over a year anyway.
        window_start = longterm.years_before(on, longterm.WINDOW_YEARS) - dt.timedelta(days=1)
        rows = HousingPeriod.objects.filter(start_date__lte=on).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=window_start)
        )
        rows = rows.filter(client_id__in=covering_ids) if len(live) > CHUNK else rows.filter(client_id__in=live)
        history: dict[int, list[longterm.Period]] = defaultdict(list)
        wanted = set(live)
        for cid, status, start, end in rows.values_list("client_id", "status", "start_date", "end_date").iterator(
            chunk_size=10000
        ):
            if cid in wanted:
                history[cid].append(longterm.Period(status, start, end))
        results = {cid: longterm.evaluate(history[cid], on=on) for cid in live}
    return [
        HomelessRow(
            cid,
            status,
            cached[cid] if cid in cached else results[cid].is_long_term,
            results.get(cid),
        )
        for cid, status in status_of.items()
    ]


def long_term_homeless_count(*, clients: QuerySet[Client], on: dt.date) -> int:
    """Long-term homeless: clients homeless on the day (see homeless_on) whom the clients module's
    rule (clients.longterm) flags long-term on that day."""
    return sum(1 for row in homeless_on(clients=clients, on=on) if row.long_term)


@dataclass
class WalkIns:
    total: int
    anonymous: int
    topics: list[tuple[str, int]] = field(default_factory=list)  # most frequent first


def walk_ins(*, visits: QuerySet[WalkInVisit], period: Period) -> WalkIns:
    """Walk-in visits in the period (anonymous ones included) and how often each topic was raised
    (a visit with two topics counts once for each)."""
    qs = visits.filter(visited_at__gte=period.since, visited_at__lt=period.until)
    topics: Counter[str] = Counter()
    total = anonymous = 0
    for client_id, codes in qs.values_list("client_id", "topics").iterator(chunk_size=5000):
        total += 1
        anonymous += client_id is None
        topics.update(set(codes or []))
    return WalkIns(total, anonymous, sorted(topics.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass
class Intake:
    by_source: dict[str, int]
    on_time: Ratio
    pending: int  # no first contact yet and not yet due


def intake(*, items: QuerySet, period: Period, today: dt.date | None = None) -> Intake:
    """Intake volume: items received in the period by source. First-contact deadline compliance:
    of the items received in the period, those whose first contact (Helsinki date) was on or
    before the due day, divided by those contacted plus those still uncontacted after the due day.
    Items not yet due and items closed as spam or duplicate are left out of compliance."""
    from kotipolku.intake.models import CloseReason  # intake is optional for the other figures

    today = today or timezone.localdate()
    qs = items.filter(received_at__gte=period.since, received_at__lt=period.until)
    by_source = dict(qs.order_by().values_list("source").annotate(n=Count("pk")))
    on_time = late = pending = 0
    rows = qs.exclude(close_reason__in=[CloseReason.SPAM, CloseReason.DUPLICATE]).values_list(
        "first_contact_due", "first_contact_at"
    )
    for due, contacted_at in rows.iterator(chunk_size=5000):
        if contacted_at is None:
            if due < today:
                late += 1
            else:
                pending += 1
        elif timezone.localdate(contacted_at) <= due:
            on_time += 1
        else:
            late += 1
    return Intake(by_source, Ratio(on_time, on_time + late), pending)


def caseload(*, clients: QuerySet[Client]) -> list[tuple[int | None, int]]:
    """Caseload per worker: open clients per responsible worker now (a snapshot, not period-bound);
    None collects open clients with no responsible worker. Largest first."""
    rows = (
        Client.objects.filter(pk__in=clients.values("pk"), status=ClientStatus.OPEN)
        .order_by()
        .values_list("responsible_worker_id")
        .annotate(n=Count("pk"))
    )
    return sorted(rows, key=lambda r: (-r[1], r[0] or 0))


@dataclass
class BotUsage:
    questions: int
    fallback: Ratio
    helpful: Ratio


def bot_usage(*, exchanges: QuerySet, period: Period) -> BotUsage:
    """Bot usage: questions asked in the period; fallback share = questions without a good answer /
    all questions; helpful share = answers marked helpful / answers that got a helpful-or-not vote."""
    agg = exchanges.filter(created_at__gte=period.since, created_at__lt=period.until).aggregate(
        n_questions=Count("pk"),
        n_fallback=Count("pk", filter=Q(status="fallback")),
        n_helpful=Count("pk", filter=Q(helpful=True)),
        n_voted=Count("pk", filter=Q(helpful__isnull=False)),
    )
    n = agg["n_questions"]
    return BotUsage(n, Ratio(agg["n_fallback"], n), Ratio(agg["n_helpful"], agg["n_voted"]))


def self_assessment_bands(*, period: Period) -> list[dict]:
    """Self-assessment result bands in the period, from the instruments module's band_distribution
    (anonymous; counts 1-4 already suppressed there). Empty when instruments are not loaded."""
    try:
        from kotipolku.instruments import selectors as instruments

        code = instruments.self_assessment_version().instrument.code
        return instruments.band_distribution(instrument_code=code, start=period.start, end=period.end)
    except Exception:  # noqa: BLE001 - a missing instrument must not break the dashboard
        return []


def flow(*, clients: QuerySet[Client], period: Period) -> list[tuple[str, str, int]]:
    """Flow between housing statuses: for each pair (from, to), the number of times a client's next
    housing period started in the period right after a period of the other status (consecutive in
    the client's history, gaps allowed). Same-status continuations are not transitions."""
    starting = HousingPeriod.objects.filter(
        client__in=clients.values("pk"), start_date__gte=period.start, start_date__lte=period.end
    )
    ids = list(starting.order_by().values_list("client_id", flat=True).distinct())
    counts: Counter[tuple[str, str]] = Counter()
    for chunk in _chunks(ids):
        rows = (
            HousingPeriod.objects.filter(client_id__in=chunk, start_date__lte=period.end)
            .order_by("client_id", "start_date", "id")
            .values_list("client_id", "status", "start_date")
        )
        prev: tuple[int, str] | None = None
        for cid, status, start in rows.iterator(chunk_size=5000):
            if prev and prev[0] == cid and prev[1] != status and start >= period.start:
                counts[(prev[1], status)] += 1
            prev = (cid, status)
    return sorted(((a, b, n) for (a, b), n in counts.items()), key=lambda r: (-r[2], r[0], r[1]))
