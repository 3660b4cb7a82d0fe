"""What intake holds about a person (contact requests, landlord notices about them as tenant,
concern reports about them, their triage items), for export, erasure and retention (core/privacy.py).

Contact details and texts are encrypted, so matching by name, phone or e-mail decrypts candidate
rows in memory; matching by identity code uses the look-up hash. Erasure anonymises: the source,
dates, priorities, statuses and outcomes stay so that intake statistics and deadlines still add up.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Q

from kotipolku.core.privacy import (
    Person,
    RetentionRule,
    Section,
    TableChange,
    iso,
    normalise_email,
    normalise_name,
    normalise_phone,
    person,
)
from kotipolku.intake.models import (
    ConcernReport,
    ContactAttempt,
    ContactRequest,
    IntakeItem,
    ItemStatus,
    LandlordNotice,
)

MODELS = {
    "intake.IntakeItem": person("triage of a signal about the person; linked to their client; close note is free text"),
    "intake.ContactAttempt": person("tries to reach the person; the note is free text"),
    "intake.ContactRequest": person("the person's own request: name, phone, e-mail, message (encrypted)"),
    "intake.LandlordNotice": person("landlord's notice about the person as tenant: code, name, birth date, address"),
    "intake.ConcernReport": person("concern about the person: name, code, address, description; reporter's details"),
}

THIRD_PARTY = "withheld: the reporter is a third party (GDPR art. 15(4)); the county decides case by case"


def retention_days() -> int:
    """Days a closed or converted intake item keeps its personal data (placeholder, see docs/privacy.md)."""
    return int(getattr(settings, "INTAKE_RETENTION_DAYS", 365))


RETENTION = (
    RetentionRule(
        what="contact requests, landlord notices and concern reports whose intake item is closed or converted",
        period="INTAKE_RETENTION_DAYS days after the item was closed or converted",
        setting="INTAKE_RETENTION_DAYS (default 365, placeholder)",
        action="anonymise names, codes, contact details, addresses, texts, close notes and attempt notes; "
        "source, dates, priority and outcome stay",
    ),
)


def identify(*, person: Person) -> Person:
    """A notice or concern report found by the identity code also gives the name the landlord or
    reporter used, so that another landlord's notice without a code (name + birth date) is found."""
    if person.linked_only or not person.henkilotunnus_hashes:
        return person
    pairs = set(person.names_with_birth_date)
    by_code = [
        *LandlordNotice.objects.filter(henkilotunnus_hash__in=person.henkilotunnus_hashes).only(
            "henkilotunnus", "tenant_name"
        ),
        *ConcernReport.objects.filter(henkilotunnus_hash__in=person.henkilotunnus_hashes).only(
            "henkilotunnus", "subject_name"
        ),
    ]
    for row in by_code:
        name = getattr(row, "tenant_name", None) or getattr(row, "subject_name", "")
        if name and row.henkilotunnus is not None:
            pairs.add((normalise_name(name), row.henkilotunnus.birth_date))
    return person.with_(names_with_birth_date=frozenset(pairs))


def _matches(person: Person) -> tuple[set[int], set[int], set[int]]:
    """Ids of the person's contact requests, landlord notices and concern reports."""
    linked = IntakeItem.objects.filter(client_id__in=person.client_ids)
    requests = set(linked.exclude(contact_request=None).values_list("contact_request_id", flat=True))
    notices = set(linked.exclude(landlord_notice=None).values_list("landlord_notice_id", flat=True))
    reports = set(linked.exclude(concern_report=None).values_list("concern_report_id", flat=True))
    if person.linked_only:
        return requests, notices, reports
    if person.henkilotunnus_hashes:
        notices |= set(
            LandlordNotice.objects.filter(henkilotunnus_hash__in=person.henkilotunnus_hashes).values_list(
                "pk", flat=True
            )
        )
        reports |= set(
            ConcernReport.objects.filter(henkilotunnus_hash__in=person.henkilotunnus_hashes).values_list(
                "pk", flat=True
            )
        )
    birth_dates = {bd for _, bd in person.names_with_birth_date}
    if birth_dates:
        for n in LandlordNotice.objects.filter(tenant_birth_date__in=birth_dates).only(
            "pk", "tenant_name", "tenant_birth_date"
        ):
            if person.matches_name(n.tenant_name, n.tenant_birth_date):
                notices.add(n.pk)
    if person.phones or person.emails:
        candidates = ContactRequest.objects.exclude(Q(phone="") & Q(email="")).only("pk", "phone", "email")
        for r in candidates.iterator(chunk_size=2000):
            if normalise_phone(r.phone) in person.phones or normalise_email(r.email) in person.emails:
                requests.add(r.pk)
    return requests, notices, reports


def _items(requests: set[int], notices: set[int], reports: set[int], person: Person):
    return IntakeItem.objects.filter(
        Q(client_id__in=person.client_ids)
        | Q(contact_request_id__in=requests)
        | Q(landlord_notice_id__in=notices)
        | Q(concern_report_id__in=reports)
    )


def export_person(*, person: Person) -> list[Section]:
    requests, notices, reports = _matches(person)
    items = list(_items(requests, notices, reports, person).select_related("team", "claimed_by").order_by("pk"))
    return [
        Section(
            "intake.ContactRequest",
            "contact_requests",
            [
                {
                    "id": r.pk,
                    "reference_code": r.reference_code,
                    "created_at": iso(r.created_at),
                    "theme": r.theme,
                    "urgency": r.urgency,
                    "contact_method": r.contact_method,
                    "name": r.name,
                    "phone": r.phone,
                    "email": r.email,
                    "message": r.message,
                    "preferred_language": r.preferred_language,
                    "municipality": r.municipality,
                    "assessment_summary": r.assessment_summary,
                }
                for r in ContactRequest.objects.filter(pk__in=requests).order_by("pk")
            ],
        ),
        Section(
            "intake.LandlordNotice",
            "landlord_notices",
            [
                {
                    "id": n.pk,
                    "landlord": n.landlord.name,
                    "external_id": n.external_id,
                    "notice_type": n.notice_type,
                    "henkilotunnus": n.henkilotunnus.reveal() if n.henkilotunnus else None,
                    "tenant_name": n.tenant_name,
                    "tenant_birth_date": iso(n.tenant_birth_date),
                    "tenant_address": n.tenant_address,
                    "municipality": n.municipality,
                    "amount_eur": str(n.amount_eur) if n.amount_eur is not None else None,
                    "months_in_arrears": n.months_in_arrears,
                    "notice_date": iso(n.notice_date),
                    "legal_basis": n.legal_basis,
                    "landlord_contact_person": n.contact_person,
                    "status": n.status,
                    "received_at": iso(n.created_at),
                }
                for n in LandlordNotice.objects.filter(pk__in=notices).select_related("landlord").order_by("pk")
            ],
        ),
        Section(
            "intake.ConcernReport",
            "concern_reports",
            [
                {
                    "id": c.pk,
                    "created_at": iso(c.created_at),
                    "reporter_kind": c.reporter_kind,
                    "reporter_organisation": c.reporter_organisation,
                    "reporter_contact_details": THIRD_PARTY,
                    "subject_name": c.subject_name,
                    "henkilotunnus": c.henkilotunnus.reveal() if c.henkilotunnus else None,
                    "subject_address": c.subject_address,
                    "municipality": c.municipality,
                    "description": c.description,
                    "housing_flag": c.housing_flag,
                    "urgent": c.urgent,
                    "person_informed": c.person_informed,
                }
                for c in ConcernReport.objects.filter(pk__in=reports).order_by("pk")
            ],
        ),
        Section(
            "intake.IntakeItem",
            "triage_items",
            [
                {
                    "id": i.pk,
                    "source": i.source,
                    "team": i.team.name if i.team else None,
                    "received_at": iso(i.received_at),
                    "priority": i.priority,
                    "first_contact_due": iso(i.first_contact_due),
                    "first_contact_at": iso(i.first_contact_at),
                    "status": i.status,
                    "handled_by": i.claimed_by.get_username() if i.claimed_by else None,
                    "client_id": i.client_id,
                    "close_reason": i.close_reason,
                    "close_note": i.close_note,
                    "closed_at": iso(i.closed_at),
                    "contact_request_id": i.contact_request_id,
                    "landlord_notice_id": i.landlord_notice_id,
                    "concern_report_id": i.concern_report_id,
                }
                for i in items
            ],
        ),
        Section(
            "intake.ContactAttempt",
            "contact_attempts",
            [
                {
                    "id": a.pk,
                    "item_id": a.item_id,
                    "at": iso(a.at),
                    "method": a.method,
                    "reached": a.reached,
                    "note": a.note,
                }
                for a in ContactAttempt.objects.filter(item__in=[i.pk for i in items]).order_by("at", "pk")
            ],
        ),
    ]


def _ids(qs) -> tuple[int, ...]:
    return tuple(qs.order_by("pk").values_list("pk", flat=True))


def _anonymise(requests, notices, reports, items) -> list[TableChange]:
    """Remove every personal field of these rows (querysets); return what was touched."""
    changes = [
        TableChange("intake.ContactRequest", "anonymise", _ids(requests)),
        TableChange("intake.LandlordNotice", "anonymise", _ids(notices)),
        TableChange("intake.ConcernReport", "anonymise", _ids(reports)),
        TableChange("intake.IntakeItem", "anonymise", _ids(items)),
        TableChange("intake.ContactAttempt", "anonymise", _ids(ContactAttempt.objects.filter(item__in=items))),
    ]
    requests.update(name="", phone="", email="", message="", assessment_summary=None)
    # external_id and data_digest stay: the landlord's own reference and a keyed hash of what it sent,
    # so that a resend of the same notice is still recognised and not stored again.
    notices.update(
        henkilotunnus=None, henkilotunnus_hash=None, tenant_name="", tenant_birth_date=None, tenant_address=""
    )
    reports.update(
        reporter_name="",
        reporter_phone="",
        reporter_email="",
        reporter_organisation="",
        subject_name="",
        henkilotunnus=None,
        henkilotunnus_hash=None,
        subject_address="",
        description="",
    )
    ContactAttempt.objects.filter(item__in=items).update(note="")
    items.update(close_note="")
    return changes


def erase_person(*, person: Person) -> list[TableChange]:
    requests, notices, reports = _matches(person)
    items = IntakeItem.objects.filter(pk__in=_ids(_items(requests, notices, reports, person)))
    return _anonymise(
        ContactRequest.objects.filter(pk__in=requests),
        LandlordNotice.objects.filter(pk__in=notices),
        ConcernReport.objects.filter(pk__in=reports),
        items,
    )


def apply_retention(*, dry_run: bool, now: dt.datetime) -> list[TableChange]:
    """Items closed or converted more than INTAKE_RETENTION_DAYS ago lose the personal data of their
    signal; rows already anonymised are not counted again. A dry run is rolled back by the caller."""
    cutoff = now - dt.timedelta(days=retention_days())
    old = IntakeItem.objects.filter(status__in=(ItemStatus.CLOSED, ItemStatus.CONVERTED), closed_at__lt=cutoff)
    requests = ContactRequest.objects.filter(intake_item__in=old).exclude(
        Q(name="") & Q(phone="") & Q(email="") & Q(message="") & Q(assessment_summary__isnull=True)
    )
    notices = LandlordNotice.objects.filter(intake_item__in=old).exclude(
        Q(henkilotunnus_hash=None) & Q(tenant_name="") & Q(tenant_birth_date=None) & Q(tenant_address="")
    )
    reports = ConcernReport.objects.filter(intake_item__in=old).exclude(
        Q(reporter_name="")
        & Q(reporter_phone="")
        & Q(reporter_email="")
        & Q(reporter_organisation="")
        & Q(subject_name="")
        & Q(henkilotunnus_hash=None)
        & Q(subject_address="")
        & Q(description="")
    )
    items = IntakeItem.objects.filter(
        Q(pk__in=old.exclude(close_note="").values("pk"))
        | Q(pk__in=ContactAttempt.objects.filter(item__in=old).exclude(note="").values("item_id"))
        | Q(contact_request__in=requests)
        | Q(landlord_notice__in=notices)
        | Q(concern_report__in=reports)
    )
    items = IntakeItem.objects.filter(pk__in=_ids(items))
    return _anonymise(
        ContactRequest.objects.filter(pk__in=_ids(requests)),
        LandlordNotice.objects.filter(pk__in=_ids(notices)),
        ConcernReport.objects.filter(pk__in=_ids(reports)),
        items,
    )
