"""Demo data of reporting: result targets for this year and a few social-reporting observations.
Idempotent: targets are set by (metric, period, team) and observations by their phenomenon."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kotipolku.core.models import Team, User
from kotipolku.reporting.models import Observation, ResultTarget

TARGETS = (
    ("clients_reached", 150),
    ("housing_solved_share", 75),
    ("secured_entry_share", 90),
    ("trust_grown_share", 90),
)

OBSERVATIONS = [
    {
        "phenomenon": "Nuoret eivät tiedä, että asumistuki on haettava uudelleen muuton jälkeen",
        "theme": "talousapu",
        "municipality": "Vantaa",
        "frequency": "often",
        "example": "Walk-in-neuvonnassa useampi alle 25-vuotias kertoi vuokrarästin alkaneen muuton jälkeen.",
        "proposal": "Muuttajan muistilista Kelan asumistuesta jaetaan vuokrasopimuksen yhteydessä.",
    },
    {
        "phenomenon": "Vapautuvilla vangeilla ei ole asuntoa vapautumispäivänä",
        "theme": "asunnottomuus",
        "municipality": "Vantaa",
        "frequency": "sometimes",
        "example": "Vapautuminen perjantaina, sosiaalitoimisto kiinni, ensisuoja ainoa vaihtoehto.",
        "proposal": "Asumisen suunnittelu aloitetaan kolme kuukautta ennen vapautumista yhdessä Rikosseuraamuslaitoksen kanssa.",
    },
    {
        "phenomenon": "Häätöuhka tulee tietoon vasta ulosoton häätöilmoituksesta",
        "theme": "haato",
        "municipality": "Hyvinkää",
        "frequency": "often",
        "example": "Vuokranantajan ilmoitus ei tullut, koska vuokralaisen suostumusta ei ollut kysytty.",
        "proposal": "Vuokranantajan kanssa sovitaan suostumuksen kysymisestä jo vuokrasopimusta tehtäessä.",
    },
]


@transaction.atomic
def load_demo(*, stdout=None) -> str:
    today = timezone.localdate()
    start, end = dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    targets = 0
    for metric, value in TARGETS:
        _, created = ResultTarget.objects.get_or_create(
            metric=metric, period_start=start, period_end=end, team=None, defaults={"value": Decimal(value)}
        )
        targets += created
    teams = list(Team.objects.filter(name__in=["Demo-tiimi A", "Demo-tiimi B"]).order_by("name"))
    observations = 0
    if teams:
        authors = {t.pk: User.objects.filter(memberships__team=t, role="worker").first() for t in teams}
        for i, data in enumerate(OBSERVATIONS):
            team = teams[i % len(teams)]
            if Observation.objects.filter(phenomenon=data["phenomenon"]).exists():
                continue
            Observation.objects.create(**data, team=team, author=authors[team.pk])
            observations += 1
    return f"{targets} result targets, {observations} observations created"
