"""What reporting holds about a person: only a birth date derived from their identity code (core/privacy.py)."""

import datetime as dt

from django.db.models import F

from kotipolku.core.privacy import Person, RetentionRule, Section, TableChange, iso, no_personal_data, person
from kotipolku.reporting.models import BirthDateCache

MODELS = {
    "reporting.BirthDateCache": person("birth date and code hash derived from a client's identity code; deleted"),
    "reporting.ResultTarget": no_personal_data("result targets per period and team: numbers only"),
    "reporting.Observation": no_personal_data(
        "social-reporting observations describe phenomena, not people: the form refuses identity codes, phones, "
        "e-mail and addresses, and no row is linked to a client"
    ),
}

RETENTION = (
    RetentionRule(
        what="derived birth dates of clients whose identity code was erased or changed",
        period="at the next retention run",
        setting="—",
        action="delete (recomputed when needed)",
    ),
)


def export_person(*, person: Person) -> list[Section]:
    rows = BirthDateCache.objects.filter(client_id__in=person.client_ids).order_by("client_id")
    return [
        Section(
            "reporting.BirthDateCache",
            "derived_birth_dates",
            [{"id": r.client_id, "client_id": r.client_id, "birth_date": iso(r.birth_date)} for r in rows],
        )
    ]


def erase_person(*, person: Person) -> list[TableChange]:
    rows = BirthDateCache.objects.filter(client_id__in=person.client_ids)
    ids = tuple(rows.order_by("client_id").values_list("client_id", flat=True))
    rows.delete()
    return [TableChange("reporting.BirthDateCache", "delete", ids)]


def apply_retention(*, dry_run: bool, now: dt.datetime) -> list[TableChange]:
    """Stale caches (the client's code erased or changed) are never read again; remove them."""
    stale = BirthDateCache.objects.exclude(client__henkilotunnus_hash=F("hetu_hash"))
    stale = stale | BirthDateCache.objects.filter(client__henkilotunnus_hash__isnull=True)
    ids = tuple(stale.order_by("client_id").values_list("client_id", flat=True).distinct())
    BirthDateCache.objects.filter(client_id__in=ids).delete()
    return [TableChange("reporting.BirthDateCache", "delete", ids, note="stale")]
