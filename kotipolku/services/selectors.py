"""Reads of the service compass: filtered lists, open-now, detail, review list.

Service data is public content (no personal data), so reads are not audited. "Open now" is a range
look-up in OpenInterval, rows that hours.py computed (open_index.py). Outside that window it falls back
to SQL on the weekly hours for ordinary days, with services that have a date exception today or
yesterday, and every candidate on DST change days, decided by the pure function in hours.py, which
stays the single source of truth either way.
"""

from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from kotipolku.services import hours, open_index
from kotipolku.services.models import OpeningException, OpeningPeriod, OpenInterval, Service, current_lang
from kotipolku.services.search import query_filter


def _with_hours(qs: QuerySet, *, around: date) -> QuerySet:
    """Prefetch what the list/detail shows: codes, location and hours of the next two weeks."""
    return qs.select_related("location", "organisation").prefetch_related(
        "categories",
        "languages",
        "target_groups",
        "municipalities",
        "periods",
        Prefetch(
            "exceptions",
            queryset=OpeningException.objects.filter(
                date__gte=around - timedelta(days=1), date__lte=around + timedelta(days=15)
            ),
        ),
    )


def published() -> QuerySet:
    return Service.objects.filter(is_active=True)


def _weekly_open_q(now_local: datetime) -> Q:
    """Services whose weekly hours cover `now_local` (wall clock), holidays applied.

    Correlated EXISTS on the (service, weekday) index: cheap per candidate, so it scales with the
    rows the other filters leave rather than with all periods of the week."""
    today, t = now_local.date(), now_local.time().replace(tzinfo=None)
    yesterday = today - timedelta(days=1)
    periods = OpeningPeriod.objects.filter(service_id=OuterRef("pk"))
    starts_today = periods.filter(weekday=today.weekday(), opens__lte=t).filter(
        Q(closes__gt=t) | Q(closes__lte=F("opens"))
    )
    from_yesterday = periods.filter(weekday=yesterday.weekday(), closes__lte=F("opens"), closes__gt=t)
    q_today = Q(Exists(starts_today))
    if hours.is_holiday(today):
        q_today &= Q(open_on_holidays=True)
    q_yesterday = Q(Exists(from_yesterday))
    if hours.is_holiday(yesterday):
        q_yesterday &= Q(open_on_holidays=True)
    return q_today | q_yesterday


def filter_open_now(qs: QuerySet, at: datetime | None = None) -> QuerySet:
    """Narrow qs to services open at `at` (default now)."""
    now = hours.local(at)
    today = now.date()
    if open_index.covers(today):
        t = now.astimezone(UTC)
        started = OpenInterval.objects.filter(starts_at__gt=t - open_index.MAX_LENGTH, starts_at__lte=t, ends_at__gt=t)
        return qs.filter(pk__in=started.values("service_id"))
    return _filter_open_now_fallback(qs, now)


def _filter_open_now_fallback(qs: QuerySet, now: datetime) -> QuerySet:
    today = now.date()
    days = [today - timedelta(days=1), today]
    has_exception = Exists(OpeningException.objects.filter(service_id=OuterRef("pk"), date__in=days))
    if hours.is_dst_change_near(today):
        # Wall-clock SQL could be an hour off: let the pure function decide for every candidate.
        weekdays = [d.weekday() for d in days]
        has_period = Exists(OpeningPeriod.objects.filter(service_id=OuterRef("pk"), weekday__in=weekdays))
        candidates = qs.filter(Q(has_period) | Q(has_exception))
    elif OpeningException.objects.filter(date__in=days).exists():
        candidates = qs.filter(has_exception)
    else:
        candidates = None  # the usual case: no exceptions today or yesterday, SQL alone decides
    open_ids = []
    if candidates is not None:
        checked = _with_hours(candidates, around=today)
        open_ids = [s.pk for s in checked if hours.is_open(hours.schedule_of(s), now)]
    if hours.is_dst_change_near(today):
        return qs.filter(pk__in=open_ids)
    return qs.filter((_weekly_open_q(now) & ~Q(has_exception)) | Q(pk__in=open_ids))


def service_search(
    *,
    q: str = "",
    municipality: str | None = None,
    category: str | None = None,
    target_group: str | None = None,
    language: str | None = None,
    open_now: bool = False,
    include_referral: bool = False,
    at: datetime | None = None,
    lang: str = "fi",
) -> QuerySet:
    """Published services matching the filters, examples last, then by name. Codes are validated by callers."""
    qs = published()
    if not include_referral:
        qs = qs.filter(requires_referral=False)
    text = query_filter(q, lang)
    if text is not None:
        qs = qs.filter(text)
    if municipality:
        qs = qs.filter(municipalities=municipality)
    if category:
        qs = qs.filter(categories=category)
    if target_group:
        qs = qs.filter(target_groups=target_group)
    if language:
        qs = qs.filter(languages=language)
    if open_now:
        qs = filter_open_now(qs, at)
    return qs.order_by("is_example", "name_fi", "id")


ID_LIST_LIMIT = 1000


def page_of(qs: QuerySet, *, page: int, size: int, filtered: bool) -> tuple[list[Service], int]:
    """(services of the page with display data, total count). A filtered query is evaluated once
    as an id list (count and page from the same result) instead of twice (COUNT + page)."""
    if filtered:
        ids = list(qs.values_list("pk", flat=True)[: ID_LIST_LIMIT + 1])
        if len(ids) <= ID_LIST_LIMIT:  # a selective search: one evaluation
            page_ids = ids[(page - 1) * size : page * size]
            by_id = {s.pk: s for s in with_display_data(Service.objects.filter(pk__in=page_ids))}
            return [by_id[i] for i in page_ids], len(ids)
    return with_display_data(qs[(page - 1) * size : page * size]), qs.count()


CODE_TABLES = (
    ("categories", Service.categories.through, "category_id"),
    ("target_groups", Service.target_groups.through, "targetgroup_id"),
    ("languages", Service.languages.through, "language_id"),
    ("municipalities", Service.municipalities.through, "municipality_id"),
)


def _codes_of(ids: list[int]) -> dict[int, dict[str, list[str]]]:
    """The four code lists of services in one UNION ALL query (fixed table names, ids as parameters)."""
    codes = {sid: {name: [] for name, _, _ in CODE_TABLES} for sid in ids}
    marks = ", ".join(["%s"] * len(ids))
    sql = " UNION ALL ".join(
        f"SELECT {i}, service_id, {column} FROM {through._meta.db_table} WHERE service_id IN ({marks})"  # noqa: S608
        for i, (_, through, column) in enumerate(CODE_TABLES)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ids * len(CODE_TABLES))
        for kind, sid, code in cursor.fetchall():
            codes[sid][CODE_TABLES[kind][0]].append(code)
    return codes


def with_display_data(services, *, at: datetime | None = None) -> list[Service]:
    """The services (a queryset or list) with what lists and pages show: location, organisation,
    codes (`display_codes`, see Service.category_list) and the hours around `at` (`display_schedule`).

    Read as plain tuples in four small queries: Django's prefetch machinery builds a manager and a
    queryset per object and relation, which cost more CPU than the whole search."""
    if isinstance(services, QuerySet):
        services = list(services.select_related("location", "organisation"))
    services = list(services)
    ids = [s.pk for s in services]
    if not ids:
        return services
    codes = _codes_of(ids)
    around = hours.local(at).date()
    periods = {sid: [] for sid in ids}
    for row in OpeningPeriod.objects.filter(service_id__in=ids).values_list("service_id", "weekday", "opens", "closes"):
        periods[row[0]].append(hours.Period(*row[1:]))
    exceptions = {sid: [] for sid in ids}
    lang = current_lang()
    for sid, day, closed, opens, closes, note_fi, note in OpeningException.objects.filter(
        service_id__in=ids, date__gte=around - timedelta(days=1), date__lte=around + timedelta(days=15)
    ).values_list("service_id", "date", "closed", "opens", "closes", "note_fi", f"note_{lang}"):
        opens, closes = (None, None) if closed else (opens, closes)
        exceptions[sid].append(hours.SpecialHours(day, opens, closes, note or note_fi))
    for s in services:
        s.display_codes = {name: sorted(values) for name, values in codes[s.pk].items()}
        s.display_schedule = hours.Schedule(
            tuple(periods[s.pk]), tuple(sorted(exceptions[s.pk], key=lambda e: e.day)), s.open_on_holidays
        )
    return services


def service_get(*, service_id: int, at: datetime | None = None) -> Service:
    found = with_display_data(published().filter(pk=service_id), at=at)
    if not found:
        raise Http404
    return found[0]


def open_services(
    *, category: str, limit: int = 5, at: datetime | None = None, municipality: str | None = None
) -> list[Service]:
    """Services of `category` open at `at` (default now), with their names only: the emergency block of
    core shows a link per service on every public page, so this stays two small queries."""
    qs = service_search(category=category, municipality=municipality, open_now=True, at=at, include_referral=True)
    return list(qs.only("pk", "name_fi", "name_sv", "name_en")[:limit])


def review_max_age() -> int:
    return int(getattr(settings, "SERVICE_REVIEW_MAX_AGE_DAYS", 365))


def services_due_for_review(*, today: date | None = None, max_age_days: int | None = None) -> QuerySet:
    """Services never verified or verified longer ago than SERVICE_REVIEW_MAX_AGE_DAYS, oldest first."""
    if max_age_days is None:
        max_age_days = review_max_age()
    today = today or hours.local().date()
    limit = today - timedelta(days=max_age_days)
    return (
        Service.objects.filter(Q(last_verified__isnull=True) | Q(last_verified__lt=limit))
        .select_related("organisation")
        .order_by(F("last_verified").asc(nulls_first=True), "name_fi")
    )
