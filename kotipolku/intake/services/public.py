"""Contact requests from the public and concern reports (huoli-ilmoitus) from anyone."""

import json
import secrets

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from kotipolku.core import access, audit
from kotipolku.core.access import Actor, Area
from kotipolku.core.hetu import Henkilotunnus
from kotipolku.core.inserts import insert_linked
from kotipolku.core.models import AuditAction
from kotipolku.intake import rules
from kotipolku.intake.models import ConcernReport, ContactMethod, ContactRequest, Source
from kotipolku.intake.services.common import new_item, team_for_municipality

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: easy to read aloud over the phone and to type from a note.
REFERENCE_ALPHABET = "ACDEFHJKMNPRTUVWXY34679"


def new_reference_code() -> str:
    raw = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_reference_code(value: str) -> str:
    raw = "".join(ch for ch in (value or "").upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else raw


def _json_safe(summary: dict) -> dict:
    """The summary as plain JSON values (it may carry datetimes), so the JSONField can store it."""
    return json.loads(json.dumps(summary, cls=DjangoJSONEncoder))


def contact_request_submit(
    *,
    actor: Actor,
    theme: str,
    urgency: str,
    contact_method: str,
    preferred_language: str,
    municipality: str = "",
    name: str = "",
    phone: str = "",
    email: str = "",
    message: str = "",
    assessment_summary: dict | None = None,
) -> ContactRequest:
    """Store a contact request and queue it. Contact details are kept only for the chosen method."""
    if contact_method == ContactMethod.CALLBACK:
        phone, email = "", ""
    elif contact_method == ContactMethod.PHONE:
        email = ""
    else:
        phone = ""
    request = ContactRequest(
        theme=theme,
        urgency=urgency,
        contact_method=contact_method,
        preferred_language=preferred_language,
        municipality=municipality,
        name=name,
        phone=phone,
        email=email,
        message=message,
        assessment_summary=_json_safe(assessment_summary) if assessment_summary else None,
    )
    priority = rules.contact_request_priority(
        urgency=urgency, assessment_emergency=bool((assessment_summary or {}).get("emergency"))
    )
    team = team_for_municipality(municipality)
    for _attempt in range(5):  # a clash of random reference codes is very unlikely; retry if it happens
        request.reference_code = new_reference_code()
        request.full_clean(validate_unique=False, validate_constraints=False)
        item = new_item(
            source=Source.CONTACT_REQUEST,
            team=team,
            priority=priority,
            received_at=request.created_at,
            contact_request=request,
        )
        event = audit.event(actor, AuditAction.CREATE, obj=request, attached_assessment=bool(assessment_summary))
        try:
            # The request, its triage item and its audit event: all three or none, in one statement on
            # PostgreSQL (the most frequent write of the public service; docs/reliability/load.md).
            insert_linked(request, (item, "contact_request"), (event, "object_id"))
            return request
        except IntegrityError:  # nothing was stored and request has no key again: draw a new code
            continue
    raise RuntimeError("could not allocate a unique reference code")


def concern_report_submit(
    *,
    actor: Actor,
    reporter_kind: str,
    description: str,
    housing_flag: bool,
    urgent: bool = False,
    person_informed: bool = False,
    municipality: str = "",
    reporter_name: str = "",
    reporter_organisation: str = "",
    reporter_phone: str = "",
    reporter_email: str = "",
    subject_name: str = "",
    subject_address: str = "",
    henkilotunnus: Henkilotunnus | str | None = None,
) -> ConcernReport:
    """Store a concern report and queue it; the housing flag puts it into the fast lane."""
    staff = access.in_area(actor, Area.CLIENT_WORK)
    report = ConcernReport(
        reporter_kind=reporter_kind,
        reporter_name=reporter_name,
        reporter_organisation=reporter_organisation,
        reporter_phone=reporter_phone,
        reporter_email=reporter_email,
        subject_name=subject_name,
        subject_address=subject_address,
        henkilotunnus=henkilotunnus or None,
        municipality=municipality,
        description=description,
        housing_flag=housing_flag,
        urgent=urgent,
        person_informed=person_informed,
        created_by=actor if staff else None,
    )
    report.full_clean(exclude=["created_by"])
    priority = rules.concern_report_priority(urgent=urgent, housing_flag=housing_flag)
    with transaction.atomic():
        report.save()
        new_item(
            source=Source.CONCERN_REPORT,
            team=team_for_municipality(municipality),
            priority=priority,
            received_at=timezone.now(),
            concern_report=report,
        ).save()
        audit.record(actor, AuditAction.CREATE, obj=report, housing_flag=housing_flag)
    return report
