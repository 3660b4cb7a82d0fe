"""Reads of intake data; every one goes through the core rule and the audit log.

Reporting uses `IntakeItem`: volume by source = count of `source` by `received_at`; first-contact
compliance = `first_contact_at` (Helsinki date) <= `first_contact_due` (see rules.was_on_time).
"""

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from kotipolku.core import access
from kotipolku.core.access import Actor, Area, LandlordPrincipal
from kotipolku.intake import rules
from kotipolku.intake.models import OPEN_STATUSES, IntakeItem, LandlordNotice, Source


@dataclass(frozen=True)
class QueueFilters:
    status: str = "open"  # open | all | one ItemStatus value
    source: str = ""
    overdue_only: bool = False
    mine_only: bool = False
    reference_code: str = ""


def _overdue_q(today: dt.date) -> Q:
    return Q(status__in=OPEN_STATUSES, first_contact_at__isnull=True, first_contact_due__lt=today)


def queue_page(
    *, actor: Actor, filters: QueueFilters | None = None, page: str | int | None = 1, per_page: int = 50, now=None
) -> tuple[Page, int]:
    """One page of the actor's teams' intake in rule order (priority, then oldest first) and the
    number of overdue items among all that match; only the rows shown are audited as read."""
    access.require_area(actor, Area.CLIENT_WORK)
    filters = filters or QueueFilters()
    today = rules.local_date(now or timezone.now())
    qs: QuerySet[IntakeItem] = IntakeItem.objects.select_related(
        "team", "claimed_by", "contact_request", "landlord_notice__landlord", "concern_report"
    )
    if filters.status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif filters.status and filters.status != "all":
        qs = qs.filter(status=filters.status)
    if filters.source:
        qs = qs.filter(source=filters.source)
    if filters.overdue_only:
        qs = qs.filter(_overdue_q(today))
    if filters.mine_only:
        qs = qs.filter(claimed_by=actor)
    if filters.reference_code:
        qs = qs.filter(contact_request__reference_code=filters.reference_code)
    qs = access.visible(actor, qs).order_by("-priority", "received_at", "id")
    result = Paginator(qs, per_page).get_page(page)
    access.read_list(actor, IntakeItem.objects.all(), list(result.object_list))
    return result, qs.filter(_overdue_q(today)).count()


def item_get(*, actor: Actor, item_id: int) -> IntakeItem:
    """One item of the actor's teams with its signal and attempts (Http404 otherwise), audited."""
    access.require_area(actor, Area.CLIENT_WORK)
    qs = IntakeItem.objects.select_related(
        "team", "claimed_by", "client", "contact_request", "landlord_notice__landlord", "concern_report"
    ).prefetch_related("attempts__by")
    return access.get_for(actor, qs, pk=item_id)


def overdue_counts_by_team(*, now: dt.datetime | None = None) -> dict[int, int]:
    """Number of overdue items per team id (no personal data: for the notification command)."""
    today = rules.local_date(now or timezone.now())
    rows = (
        IntakeItem.objects.filter(_overdue_q(today), team__isnull=False)
        .values("team_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["team_id"]: row["n"] for row in rows}


def landlord_notice_page(
    *, actor: LandlordPrincipal, page: int = 1, page_size: int = 50
) -> tuple[list[LandlordNotice], int]:
    """The landlord's own notices, newest first, one page (and the total count)."""
    access.require_area(actor, Area.LANDLORD)
    qs = access.visible(actor, LandlordNotice.objects.all()).order_by("-created_at", "-id")
    total = qs.count()
    start = (page - 1) * page_size
    rows = list(
        qs.only("id", "external_id", "notice_type", "status", "created_at", "updated_at")[start : start + page_size]
    )
    return access.read_list(actor, LandlordNotice.objects.all(), rows), total


def landlord_notice_get(*, actor: LandlordPrincipal, notice_id: int) -> LandlordNotice:
    """One own notice of the landlord; another landlord's notice is Http404."""
    access.require_area(actor, Area.LANDLORD)
    return access.get_for(actor, LandlordNotice.objects.all(), pk=notice_id)


def intake_summary(*, actor: Actor, start: dt.date, end: dt.date, now: dt.datetime | None = None) -> dict:
    """Aggregates for reports (no personal data): intake volume by source and first-contact deadline
    compliance of the items received between start and end (Helsinki dates, inclusive), for the
    actor's teams (admins: all).

    Compliance counts an item on time when its first contact was on or before its due day, late when
    it was after or when the due day passed without contact; items closed without any contact (spam,
    duplicates) and items still within their deadline are left out of the share.
    """
    access.require_area(actor, Area.REPORTS)
    today = rules.local_date(now or timezone.now())
    qs = access.visible(actor, IntakeItem.objects.filter(received_at__date__gte=start, received_at__date__lte=end))
    ids = IntakeItem.objects.filter(pk__in=qs.values("pk"))  # DISTINCT-free base for aggregation
    by_source = {row["source"]: row["n"] for row in ids.values("source").annotate(n=Count("id")).order_by()}
    contacted = ids.filter(first_contact_at__isnull=False).annotate(first_day=TruncDate("first_contact_at"))
    on_time = contacted.filter(first_day__lte=F("first_contact_due")).count()
    late = contacted.filter(first_day__gt=F("first_contact_due")).count() + ids.filter(_overdue_q(today)).count()
    pending = ids.filter(status__in=OPEN_STATUSES, first_contact_at__isnull=True, first_contact_due__gte=today).count()
    return {
        "by_source": {source: by_source.get(source, 0) for source in Source.values},
        "total": sum(by_source.values()),
        "first_contact_on_time": on_time,
        "first_contact_late": late,
        "first_contact_pending": pending,
        "on_time_share": round(on_time / (on_time + late), 3) if on_time + late else None,
    }
