"""Reads of core data."""

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from kotipolku.core import access
from kotipolku.core.access import Actor, Area
from kotipolku.core.models import AuditEvent


def audit_event_list(*, actor: Actor, filters: dict) -> QuerySet[AuditEvent]:
    """Audit events matching the filters; admins only (the log itself is not personal data of
    clients, so reading it is not audited again, which would make every read grow the log)."""
    access.require_area(actor, Area.AUDIT)
    qs = AuditEvent.objects.all()
    if filters.get("actor"):
        qs = qs.filter(actor_label__iexact=filters["actor"])
    if filters.get("action"):
        qs = qs.filter(action=filters["action"])
    if filters.get("object_type"):
        qs = qs.filter(object_type__iexact=filters["object_type"])
    if filters.get("client_id"):
        qs = qs.filter(client_id=filters["client_id"])
    tz = timezone.get_current_timezone()
    if filters.get("start"):
        qs = qs.filter(time__gte=dt.datetime.combine(filters["start"], dt.time.min, tzinfo=tz))
    if filters.get("end"):
        qs = qs.filter(time__lt=dt.datetime.combine(filters["end"] + dt.timedelta(days=1), dt.time.min, tzinfo=tz))
    return qs
