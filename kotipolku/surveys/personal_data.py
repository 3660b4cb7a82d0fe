"""What the surveys module holds about a person: a network contact person's own entry (core/privacy.py).

Survey answers are anonymous by design (no identity, no IP, one-time links stored as digests).
"""

from kotipolku.core.privacy import (
    Person,
    Section,
    TableChange,
    iso,
    no_personal_data,
    normalise_email,
    normalise_phone,
    person,
    retention_only,
)
from kotipolku.surveys.models import NetworkContact

MODELS = {
    "surveys.NetworkContact": person("a contact person of a network organisation: name, title, e-mail, phone; deleted"),
    "surveys.NetworkOrganisation": no_personal_data("organisations of the cooperation network"),
    "surveys.NetworkMeeting": no_personal_data("network meetings: date, theme and a participant count, no names"),
    "surveys.NetworkMeeting_organisations": no_personal_data("which organisations took part: ids of organisations"),
    "surveys.SurveyCampaign": no_personal_data("survey rounds: title, times, links to a meeting or landlord"),
    "surveys.SurveyLink": no_personal_data("one-time link digests; nothing ties a link to a person"),
    "surveys.SurveyAnswer": retention_only(
        "anonymous answers: no identity, no IP, not linkable to anyone; kept as survey statistics"
    ),
}


def _contacts(person: Person) -> list[NetworkContact]:
    if person.linked_only or not (person.phones or person.emails):
        return []
    return [
        c
        for c in NetworkContact.objects.select_related("organisation").order_by("pk")
        if (c.email and normalise_email(c.email) in person.emails)
        or (c.phone and normalise_phone(c.phone) in person.phones)
    ]


def export_person(*, person: Person) -> list[Section]:
    return [
        Section(
            "surveys.NetworkContact",
            "network_contacts",
            [
                {
                    "id": c.pk,
                    "organisation": c.organisation.name,
                    "name": c.name,
                    "title": c.title,
                    "email": c.email,
                    "phone": c.phone,
                    "consent_to_contact": c.consent_to_contact,
                    "consent_recorded_at": iso(c.consent_recorded_at),
                }
                for c in _contacts(person)
            ],
        )
    ]


def erase_person(*, person: Person) -> list[TableChange]:
    ids = tuple(c.pk for c in _contacts(person))
    NetworkContact.objects.filter(pk__in=ids).delete()
    return [TableChange("surveys.NetworkContact", "delete", ids)]
