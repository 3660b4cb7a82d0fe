"""A few synthetic clients per demo team (identity codes in the temporary 900-999 range)."""

from django.db import transaction

from kotipolku.clients.models import Client
from kotipolku.core.models import Team

_NAMES = ["Kalle", "Sanna", "Pekka", "Mira", "Juha", "Tiina", "Ossi", "Riikka", "Ville", "Helmi"]
_HETU_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def synthetic_hetu(index: int) -> str:
    day, month, year, individual = 1 + index % 28, 1 + index % 12, 1960 + index % 40, 900 + index % 100
    n = int(f"{day:02d}{month:02d}{year % 100:02d}{individual:03d}")
    return f"{day:02d}{month:02d}{year % 100:02d}-{individual:03d}{_HETU_CHARS[n % 31]}"


@transaction.atomic
def load_demo(*, stdout=None) -> str:
    created = 0
    for t, team_name in enumerate(("Demo-tiimi A", "Demo-tiimi B")):
        team = Team.objects.get(name=team_name)
        for i, name in enumerate(_NAMES):
            nickname = f"{name} ({team_name[-1]})"
            client, was_created = Client.objects.get_or_create(nickname=nickname)
            if was_created:
                if i % 2 == 0:
                    client.henkilotunnus = synthetic_hetu(t * 50 + i)
                    client.save()
                client.teams.add(team)
                created += 1
    return f"{created} new demo clients ({Client.objects.count()} in all)"
