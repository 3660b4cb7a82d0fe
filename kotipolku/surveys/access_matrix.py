"""Permission-matrix rows of the surveys module."""

import datetime as dt

from django.utils import timezone

from kotipolku.core.permission_matrix import Row, landlord_api, public, staff_page

REPORTS = ("lead", "admin")


def setup(ctx):
    from kotipolku.surveys.models import NetworkContact, NetworkOrganisation, SurveyCampaign
    from kotipolku.surveys.selectors import survey_versions
    from kotipolku.surveys.services import surveys_sync

    surveys_sync()
    version = next(v for v in survey_versions() if v.instrument.code == "verkostotapaaminen")
    now = timezone.now()
    ctx.survey_campaign = SurveyCampaign.objects.create(
        version=version, title="Matriisi", opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=1)
    )
    org = NetworkOrganisation.objects.create(name="Matriisiyhdistys", kind="third_sector")
    ctx.network_contact = NetworkContact.objects.create(organisation=org, name="Yhteys Henkilö")
    ctx.network_contact_2 = NetworkContact.objects.create(organisation=org, name="Toinen Henkilö")


def _campaign(ctx):
    return f"/fi/staff/kyselyt/{ctx.survey_campaign.pk}/"


ROWS = [
    Row("surveys:answer", public(200), path=lambda ctx: f"/fi/kysely/{ctx.survey_campaign.public_slug}/"),
    Row(
        "surveys:answer",
        public(400),
        method="POST",
        body={},
        note="empty answer refused",
        path=lambda ctx: f"/fi/kysely/{ctx.survey_campaign.public_slug}/",
    ),
    Row("surveys:thanks", public(200), path=lambda ctx: f"/fi/kysely/{ctx.survey_campaign.public_slug}/kiitos/"),
    Row("surveys:campaigns", staff_page(*REPORTS), path="/fi/staff/kyselyt/"),
    Row("surveys:campaign", staff_page(*REPORTS), path=_campaign),
    Row(
        "surveys:campaign-links",
        staff_page(*REPORTS),
        method="POST",
        body={"count": "2"},
        path=lambda ctx: _campaign(ctx) + "linkit/",
    ),
    Row("surveys:campaign-qr", staff_page(*REPORTS), path=lambda ctx: _campaign(ctx) + "qr.svg"),
    Row("surveys:campaign-export", staff_page(*REPORTS), path=lambda ctx: _campaign(ctx) + "tulokset.xlsx"),
    Row("surveys:summary", staff_page(*REPORTS), path="/fi/staff/kyselyt/yhteenveto/asukaskysely/"),
    Row("surveys:network", staff_page(*REPORTS), path="/fi/staff/verkosto/"),
    Row(
        "surveys:contact-export",
        staff_page(*REPORTS),
        path=lambda ctx: f"/fi/staff/verkosto/yhteyshenkilo/{ctx.network_contact.pk}/vienti.json",
    ),
    # The lead erases first (302 back to the register); the admin then finds nothing (404).
    Row(
        "surveys:contact-erase",
        {**staff_page(*REPORTS, ok=302), "admin": 404},
        method="POST",
        body={},
        path=lambda ctx: f"/fi/staff/verkosto/yhteyshenkilo/{ctx.network_contact_2.pk}/poista/",
    ),
    Row("api:landlord-survey-summaries", landlord_api(200), path="/api/v1/landlord/surveys"),
]
