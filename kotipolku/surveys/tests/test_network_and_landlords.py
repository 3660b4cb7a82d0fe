"""The network register's personal data, and housing companies seeing only their own summaries."""

import datetime as dt

import pytest
from django.utils import timezone

from kotipolku.core.models import AuditAction, AuditEvent
from kotipolku.surveys.models import NetworkContact, NetworkOrganisation, SurveyAnswer, SurveyCampaign


@pytest.mark.django_db
def test_contact_export_and_erase_are_audited(as_lead, lead):
    org = NetworkOrganisation.objects.create(name="Yhdistys", kind="third_sector")
    contact = NetworkContact.objects.create(organisation=org, name="Maija Esimerkki", email="maija@example.org")
    exported = as_lead.get(f"/fi/staff/verkosto/yhteyshenkilo/{contact.pk}/vienti.json").json()
    assert exported["name"] == "Maija Esimerkki" and exported["organisation"] == "Yhdistys"
    assert as_lead.post(f"/fi/staff/verkosto/yhteyshenkilo/{contact.pk}/poista/").status_code == 302
    assert not NetworkContact.objects.exists()
    actions = set(AuditEvent.objects.filter(object_type="surveys.NetworkContact").values_list("action", flat=True))
    assert {AuditAction.EXPORT, AuditAction.DELETE} <= actions


@pytest.mark.django_db
def test_meeting_is_recorded_with_participants(as_lead):
    org = NetworkOrganisation.objects.create(name="Seurakunta", kind="parish")
    response = as_lead.post(
        "/fi/staff/verkosto/",
        {
            "form": "meeting",
            "meeting-date": "2026-11-02",
            "meeting-kind": "workshop",
            "meeting-theme": "Häätöjen ehkäisy",
            "meeting-participant_count": "23",
            "meeting-organisations": [org.pk],
        },
    )
    assert response.status_code == 302
    page = as_lead.get("/fi/staff/verkosto/").content.decode()
    assert "Häätöjen ehkäisy" in page and "23" in page


@pytest.mark.django_db
def test_landlord_sees_only_its_own_resident_summary(versions, landlord_a, landlord_b, as_landlord_a):
    now = timezone.now()
    for landlord, n in ((landlord_a, 6), (landlord_b, 7)):
        camp = SurveyCampaign.objects.create(
            version=versions["asukaskysely"],
            title=landlord.name,
            landlord=landlord,
            opens_at=now - dt.timedelta(days=1),
            closes_at=now + dt.timedelta(days=1),
        )
        for _ in range(n):
            SurveyAnswer.objects.create(
                campaign=camp,
                group="vantaa",
                answers={
                    "municipality": "vantaa",
                    "comfort": 4,
                    "community": 4,
                    "disturbances": "never",
                    "wellbeing": 4,
                },
            )
    body = as_landlord_a.get("/api/v1/landlord/surveys").json()
    companies = {row["company"] for item in body["items"] for row in item["rows"]}
    assert companies == {landlord_a.name}
    assert body["items"][0]["rows"][0]["n"] == 6


@pytest.mark.django_db
def test_landlord_api_refuses_bad_year(as_landlord_a):
    response = as_landlord_a.get("/api/v1/landlord/surveys", {"year": "1200"})
    assert response.status_code == 400 and "detail" in response.json()
