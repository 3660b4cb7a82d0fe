"""Reads of the service compass: filtered lists, open-now, detail, review list.

Service data is public content (no personal data), so reads are not audited. The search itself is SQL
written in query.py. "Open now" is a range look-up in OpenInterval, rows that hours.py computed
(open_index.py). Outside that window it falls back to SQL on the weekly hours for ordinary days, with
services that have a date exception today or yesterday, and every candidate on DST change days,
decided by the pure function in hours.py, which stays the single source of truth either way.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from kotipolku.services import hours, query
from kotipolku.services.models import OpeningException, OpeningPeriod, Service, current_lang


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


def filter_open_now_fallback(qs: QuerySet, now: datetime) -> QuerySet:
    """qs narrowed to services open at `now` without the OpenInterval rows (query.py uses it outside
    their window)."""
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


def service_search(**filters) -> list[Service]:
    """Published services matching the filters (keyword arguments of query.SearchFilters), in list order
    (examples last, then by name)."""
    return in_order(query.ids(query.SearchFilters(**filters)))


def in_order(ids: list[int]) -> list[Service]:
    by_id = Service.objects.select_related("location", "organisation").in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


ID_LIST_LIMIT = 5000


def page_of(filters: query.SearchFilters, *, page: int, size: int) -> tuple[list[Service], int]:
    """(services of the page with display data, total count). A narrowing search is run once as an id
    list (count and page from the same result) instead of twice (COUNT + page), unless it matches more
    than ID_LIST_LIMIT services; a long list reads one page in list order (query.ids walk) and counts."""
    if filters.narrows():
        ids = query.ids(filters, limit=ID_LIST_LIMIT + 1)
        if len(ids) <= ID_LIST_LIMIT:
            return with_display_data(in_order(ids[(page - 1) * size : page * size]), at=filters.at), len(ids)
    page_ids = query.ids(filters, limit=size, offset=(page - 1) * size, walk=True)
    return with_display_data(in_order(page_ids), at=filters.at), query.count(filters)


CODE_TABLES = query.CODE_TABLES
PERIOD, EXCEPTION = -1, -2  # row kinds of _display_rows besides the CODE_TABLES indexes


def _display_rows(ids: list[int], first: date, last: date, lang: str) -> list[tuple]:
    """Codes, weekly periods and exceptions (first..last) of services in one UNION ALL query.

    Rows are (kind, service id, weekday, date, closed, opens, closes, text, note in `lang`); kind is an
    index of CODE_TABLES (text is the code), PERIOD or EXCEPTION (text is the Finnish note). Table and
    column names are fixed, values are parameters."""
    marks = ", ".join(["%s"] * len(ids))
    note = f"note_{lang}" if lang in ("sv", "en") else "note_fi"
    adapt = connection.ops.adapt_datefield_value
    # The exceptions come first: their columns give PostgreSQL the types for the NULLs of the others.
    parts = [
        f"SELECT {EXCEPTION}, service_id, NULL, date, closed, opens, closes, note_fi, {note} "  # noqa: S608
        f"FROM {OpeningException._meta.db_table} WHERE service_id IN ({marks}) AND date >= %s AND date <= %s",
        f"SELECT {PERIOD}, service_id, weekday, NULL, NULL, opens, closes, NULL, NULL "  # noqa: S608
        f"FROM {OpeningPeriod._meta.db_table} WHERE service_id IN ({marks})",
    ]
    params = [*ids, adapt(first), adapt(last), *ids]
    for kind, (_, through, column) in enumerate(CODE_TABLES):
        parts.append(
            f"SELECT {kind}, service_id, NULL, NULL, NULL, NULL, NULL, {column}, NULL "  # noqa: S608
            f"FROM {through._meta.db_table} WHERE service_id IN ({marks})"
        )
        params += ids
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return cursor.fetchall()


def _time(value) -> time | None:
    """A TIME column as read by the raw cursor: SQLite gives text, PostgreSQL a time."""
    return time.fromisoformat(value) if isinstance(value, str) else value


def _date(value) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def with_display_data(services, *, at: datetime | None = None) -> list[Service]:
    """The services (a queryset or list) with what lists and pages show: location, organisation,
    codes (`display_codes`, see Service.category_list) and the hours around `at` (`display_schedule`).

    Codes and hours come as plain tuples in one query: Django's prefetch machinery builds a manager and
    a queryset per object and relation, which cost more CPU than the whole search."""
    if isinstance(services, QuerySet):
        services = list(services.select_related("location", "organisation"))
    services = list(services)
    ids = [s.pk for s in services]
    if not ids:
        return services
    around = hours.local(at).date()
    codes = {sid: {name: [] for name, _, _ in CODE_TABLES} for sid in ids}
    periods = {sid: [] for sid in ids}
    exceptions = {sid: [] for sid in ids}
    rows = _display_rows(ids, around - timedelta(days=1), around + timedelta(days=15), current_lang())
    for kind, sid, weekday, day, closed, opens, closes, text, note in rows:
        if kind == PERIOD:
            periods[sid].append(hours.Period(weekday, _time(opens), _time(closes)))
        elif kind == EXCEPTION:
            opens, closes = (None, None) if closed else (_time(opens), _time(closes))
            exceptions[sid].append(hours.SpecialHours(_date(day), opens, closes, note or text))
        else:
            codes[sid][CODE_TABLES[kind][0]].append(text)
    for s in services:
        s.display_codes = {name: sorted(values) for name, values in codes[s.pk].items()}
        s.display_schedule = hours.Schedule(
            tuple(sorted(periods[s.pk], key=lambda p: (p.weekday, p.opens))),
            tuple(sorted(exceptions[s.pk], key=lambda e: (e.day, e.opens or time.min))),
            s.open_on_holidays,
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
    """Services of `category` open at `at` (default now): the emergency block of core shows a link per
    service on every public page, so this stays two small queries."""
    filters = query.SearchFilters(
        category=category, municipality=municipality or "", open_now=True, at=at, include_referral=True
    )
    return in_order(query.ids(filters, limit=limit))


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
