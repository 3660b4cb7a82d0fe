"""Demo surveys: definitions, a network with meetings, campaigns and synthetic anonymous answers."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from kotipolku.core.models import LandlordOrganisation
from kotipolku.surveys.models import NetworkMeeting, NetworkOrganisation, SurveyAnswer, SurveyCampaign
from kotipolku.surveys.selectors import survey_versions
from kotipolku.surveys.services import surveys_sync

ORGANISATIONS = [
    ("Esimerkkikaupungin sosiaalipalvelut", "public", "Vantaa"),
    ("Esimerkkiyhdistys ry", "third_sector", "Vantaa"),
    ("Esimerkkiseurakunta", "parish", "Hyvinkää"),
    ("Demo Vuokratalot A", "landlord", "Vantaa"),
    ("Demo Vuokratalot B", "landlord", "Hyvinkää"),
]


def _answers(code: str, rng: random.Random) -> dict:
    scale = lambda: rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 3, 5, 4])[0]  # noqa: E731
    if code == "verkostotapaaminen":
        return {"usefulness": scale(), "will_use": rng.choice(["yes", "yes", "partly", "no"])}
    if code == "asukaskysely":
        return {
            "municipality": rng.choice(["vantaa", "hyvinkaa", "kerava"]),
            "comfort": scale(),
            "community": scale(),
            "disturbances": rng.choice(["never", "never", "sometimes", "often"]),
            "wellbeing": scale(),
        }
    return {}


@transaction.atomic
def load_demo(*, stdout=None) -> str:
    surveys_sync()
    orgs = [
        NetworkOrganisation.objects.get_or_create(name=n, defaults={"kind": k, "municipality": m})[0]
        for n, k, m in ORGANISATIONS
    ]
    today = timezone.localdate()
    meeting, _ = NetworkMeeting.objects.get_or_create(
        date=today - dt.timedelta(days=20),
        theme="Ennakoiva puuttuminen vuokrarästeihin (esimerkki)",
        defaults={"participant_count": 34},
    )
    meeting.organisations.set(orgs)
    versions = {v.instrument.code: v for v in reversed(survey_versions())}
    now = timezone.now()
    created = 0
    plans = [
        ("Palaute: verkostotapaaminen (esimerkki)", "verkostotapaaminen", None, meeting, 40),
        ("Asukaskysely (esimerkki), Demo Vuokratalot A", "asukaskysely", "Demo Vuokratalot A", None, 60),
        ("Asukaskysely (esimerkki), Demo Vuokratalot B", "asukaskysely", "Demo Vuokratalot B", None, 12),
    ]
    for title, code, landlord_name, the_meeting, n in plans:
        landlord = LandlordOrganisation.objects.filter(name=landlord_name).first() if landlord_name else None
        campaign, was_created = SurveyCampaign.objects.get_or_create(
            title=title,
            defaults={
                "version": versions[code],
                "opens_at": now - dt.timedelta(days=30),
                "closes_at": now + dt.timedelta(days=60),
                "meeting": the_meeting,
                "landlord": landlord,
            },
        )
        if was_created:
            rng = random.Random(title)
            SurveyAnswer.objects.bulk_create(
                SurveyAnswer(
                    campaign=campaign,
                    answers=(a := _answers(code, rng)),
                    group=a.get("municipality", ""),
                    submitted_at=now - dt.timedelta(days=rng.randint(0, 29)),
                )
                for _i in range(n)
            )
            created += 1
    return f"{len(orgs)} network organisations, {created} new survey campaigns with synthetic answers"
