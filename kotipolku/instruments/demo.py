"""Demo data: publish the shipped definitions, synthetic anonymous self-assessments for the statistics
page, and a few instrument results for demo clients (when the clients demo has created them)."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from kotipolku.clients.models import Client
from kotipolku.core.models import User
from kotipolku.instruments import selectors, services
from kotipolku.instruments.management.commands.instruments_bench import random_answers
from kotipolku.instruments.models import InstrumentResponse

PUBLIC_DEMO_RESPONSES = 60
WORKERS = {"Demo-tiimi A": "demo-worker-a", "Demo-tiimi B": "demo-worker-b"}


@transaction.atomic
def load_demo(*, stdout=None) -> str:
    report = services.instruments_sync()
    rng = random.Random(2026)
    now = timezone.now()
    public = selectors.self_assessment_version()
    created_public = 0
    if not InstrumentResponse.objects.filter(version=public).exists():
        for _ in range(PUBLIC_DEMO_RESPONSES):
            response = services.response_submit_public(version=public, answers=random_answers(public.parsed, rng))
            InstrumentResponse.objects.filter(pk=response.pk).update(
                created_at=now - timedelta(days=rng.randint(0, 300), minutes=rng.randint(0, 1440))
            )
            created_public += 1
    tools = {v.instrument.code: v for v in selectors.staff_instruments()}
    created_client = 0
    # Results for the first eight demo clients, once (a later run adds nothing).
    already = InstrumentResponse.objects.filter(client__isnull=False).exists()
    clients = [] if already else Client.objects.order_by("pk").prefetch_related("teams")[:8]
    for n, client in enumerate(clients):
        team = client.teams.first()
        worker = User.objects.filter(username=WORKERS.get(team.name if team else "", "")).first()
        if worker is None:
            continue
        tool = tools.get("asumispalvelun-pisteytys")
        survey = tools.get("asumisen-hyvinvointikysely")
        for version, months_ago in ((tool, 6), (tool, 1), (survey, 0)):
            if version is None or (n % 2 and months_ago == 6):
                continue
            example = version.parsed.examples[rng.randrange(len(version.parsed.examples))]
            response = services.response_submit_for_client(
                actor=worker, version=version, client=client, answers=dict(example.answers)
            )
            InstrumentResponse.objects.filter(pk=response.pk).update(
                created_at=now - timedelta(days=30 * months_ago + rng.randint(0, 20))
            )
            created_client += 1
    return f"{report.summary()}; {created_public} anonymous self-assessments; {created_client} client results"
