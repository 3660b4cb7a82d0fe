"""Demo intake: contact requests, concern reports and notices from the demo landlords (synthetic
people, temporary-range identity codes). Idempotent: fixed reference codes and external ids."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from kotipolku.core.access import LandlordPrincipal
from kotipolku.core.models import LandlordOrganisation
from kotipolku.intake import rules
from kotipolku.intake.models import ConcernReport, ContactRequest, IntakeItem, Source
from kotipolku.intake.notice_input import validate_notice
from kotipolku.intake.services import notices_ingest
from kotipolku.intake.services.common import new_item, team_for_municipality

HETU_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"

# reference code, theme, urgency, method, name, phone, e-mail, language, municipality, days ago, message
CONTACT_REQUESTS = [
    ("DEMA-AC34", "vuokranmaksu", "soon", "phone", "Kalle", "040 000 0001", "", "fi", "Vantaa", 0,
     "Vuokra on kaksi kuukautta myöhässä, enkä tiedä mistä saan apua."),
    ("DEMA-AC36", "asunnottomuus", "acute", "callback", "", "", "", "fi", "Vantaa", 3,
     "Minun pitää lähteä kaverin luota huomenna."),
    ("DEMA-AC37", "haku_ja_muutto", "not_urgent", "email", "Sara", "", "sara@example.invalid", "sv", "Hyvinkää", 1,
     "Jag behöver hjälp att söka en hyresbostad."),
    ("DEMA-AC39", "", "soon", "phone", "", "040 000 0002", "", "en", "Hyvinkää", 6, ""),
]  # fmt: skip

# organisation marker, kind, housing flag, urgent, municipality, days ago, description
CONCERN_REPORTS = [
    ("Demo: terveysasema", "professional", True, False, "Vantaa", 1,
     "Potilas kertoi vastaanotolla, että vuokranantaja on irtisanonut vuokrasopimuksen."),
    ("Demo: naapuri", "public", False, False, "Hyvinkää", 4,
     "Naapurin postilaatikko on täynnä eikä häntä ole näkynyt viikkoon."),
    ("Demo: päivystys", "professional", True, True, "Vantaa", 0,
     "Asiakas kotiutuu sairaalasta tänään eikä hänellä ole asuntoa."),
]  # fmt: skip


def _hetu(index: int) -> str:
    born = dt.date(1970 + index, 1 + index % 12, 1 + index % 27)
    individual = 960 + index
    n = int(f"{born:%d%m%y}{individual:03d}")
    return f"{born:%d%m%y}-{individual:03d}{HETU_CHARS[n % 31]}"


def _notices(prefix: str, municipality: str, today: dt.date) -> list[dict]:
    base = {"notice_date": (today - dt.timedelta(days=3)).isoformat(), "contact_person": "Demo Perintä",
            "municipality": municipality}  # fmt: skip
    offset = 0 if prefix == "A" else 10
    return [
        {**base, "external_id": f"DEMO-{prefix}-001", "notice_type": "rent_arrears", "legal_basis": "statutory",
         "tenant": {"henkilotunnus": _hetu(offset + 1)}, "amount_eur": 1350.0, "months_in_arrears": 2},
        {**base, "external_id": f"DEMO-{prefix}-002", "notice_type": "eviction_application", "legal_basis": "statutory",
         "tenant": {"henkilotunnus": _hetu(offset + 2)}},
        {**base, "external_id": f"DEMO-{prefix}-003", "notice_type": "disturbance_warning", "legal_basis": "consent",
         "tenant": {"name": "Demo Vuokralainen", "birth_date": "1985-06-15",
                    "address": f"Esimerkkitie {offset + 3}, {municipality}"}},
        {**base, "external_id": f"DEMO-{prefix}-004", "notice_type": "rent_arrears", "legal_basis": "consent",
         "tenant": {"henkilotunnus": _hetu(offset + 4)}, "amount_eur": 420.0, "months_in_arrears": 1},
    ]  # fmt: skip


def _backdate(item: IntakeItem, days: int) -> None:
    """Demo items of various ages, so the queue shows due and overdue states."""
    if days:
        item.received_at = timezone.now() - dt.timedelta(days=days)
        item.first_contact_due = rules.first_contact_due(received_at=item.received_at, priority=item.priority)
        item.save(update_fields=["received_at", "first_contact_due"])


@transaction.atomic
def load_demo(*, stdout=None) -> str:
    created = {"contact": 0, "concern": 0, "notice": 0}
    for code, theme, urgency, method, name, phone, email, lang, municipality, days, message in CONTACT_REQUESTS:
        if ContactRequest.objects.filter(reference_code=code).exists():
            continue
        request = ContactRequest.objects.create(
            reference_code=code, theme=theme, urgency=urgency, contact_method=method, name=name, phone=phone,
            email=email, preferred_language=lang, municipality=municipality, message=message,
        )  # fmt: skip
        item = new_item(
            source=Source.CONTACT_REQUEST,
            team=team_for_municipality(municipality),
            priority=rules.contact_request_priority(urgency=urgency),
            received_at=request.created_at,
            contact_request=request,
        )
        item.save()
        _backdate(item, days)
        created["contact"] += 1
    for org, kind, housing, urgent, municipality, days, description in CONCERN_REPORTS:
        if ConcernReport.objects.filter(reporter_organisation=org).exists():
            continue
        report = ConcernReport.objects.create(
            reporter_kind=kind, reporter_organisation=org, housing_flag=housing, urgent=urgent,
            municipality=municipality, description=description, subject_name="Demo Henkilö",
        )  # fmt: skip
        item = new_item(
            source=Source.CONCERN_REPORT,
            team=team_for_municipality(municipality),
            priority=rules.concern_report_priority(urgent=urgent, housing_flag=housing),
            received_at=report.created_at,
            concern_report=report,
        )
        item.save()
        _backdate(item, days)
        created["concern"] += 1
    today = rules.local_date(timezone.now())
    for prefix, name, municipality in (("A", "Demo Vuokratalot A", "Vantaa"), ("B", "Demo Vuokratalot B", "Hyvinkää")):
        org = LandlordOrganisation.objects.filter(name=name).first()
        if org is None:
            continue
        validated = []
        for raw in _notices(prefix, municipality, today):
            data, errors = validate_notice(raw, today=today)
            if errors:
                raise ValueError(f"demo notice {raw['external_id']} is invalid: {errors}")
            validated.append(data)
        results = notices_ingest(actor=LandlordPrincipal(org), notices=validated)
        for index, result in enumerate(results):
            if result.created:
                created["notice"] += 1
                _backdate(result.notice.intake_item, index * 2)
    return "{contact} contact requests, {concern} concern reports, {notice} landlord notices created".format(**created)
