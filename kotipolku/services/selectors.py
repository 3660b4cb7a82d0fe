"""Reads of the service compass: filtered lists, open-now, detail, review list.

Service data is public content (no personal data), so reads are not audited. "Open now" is exact in
SQL for ordinary days; services with a date exception today or yesterday, and every candidate on
DST change days, are decided by the pure function in hours.py, which stays the single source of truth.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from kotipolku.services import hours
from kotipolku.services.models import OpeningException, OpeningPeriod, Service
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
    return list(with_display_data(qs[(page - 1) * size : page * size])), qs.count()


def with_display_data(services, *, at: datetime | None = None) -> QuerySet:
    return _with_hours(services, around=hours.local(at).date())


def service_get(*, service_id: int, at: datetime | None = None) -> Service:
    service = with_display_data(published().filter(pk=service_id), at=at).first()
    if service is None:
        raise Http404
    return service


def open_services(
    *, category: str, limit: int = 5, at: datetime | None = None, municipality: str | None = None
) -> list[Service]:
    """Services of `category` open at `at` (default now); used by the emergency block in core."""
    qs = service_search(category=category, municipality=municipality, open_now=True, at=at, include_referral=True)
    return list(with_display_data(qs[:limit], at=at))


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
