"""Benchmark: aggregate N synthetic survey answers (campaign results, per-company summary, period rates)."""

import datetime as dt
import random
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from kotipolku.core.models import LandlordOrganisation
from kotipolku.surveys.models import SurveyAnswer, SurveyCampaign
from kotipolku.surveys.selectors import campaign_results, grouped_summary, rates_for_period, survey_versions
from kotipolku.surveys.services import surveys_sync

MUNICIPALITIES = ["vantaa", "kerava", "hyvinkaa", "jarvenpaa", "tuusula", "nurmijarvi", "mantsala", "helsinki"]


class Command(BaseCommand):
    help = "Time survey aggregation over N synthetic answers (creates them once in a benchmark campaign)."

    def add_arguments(self, parser):
        parser.add_argument("--answers", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, answers, repeat, **options):
        surveys_sync()
        version = next(v for v in survey_versions() if v.instrument.code == "asukaskysely")
        landlord = LandlordOrganisation.objects.filter(name="Bench Vuokratalot").first()
        if landlord is None:
            landlord = LandlordOrganisation(name="Bench Vuokratalot")
            landlord.set_token()
            landlord.save()
        now = timezone.now()
        campaign, _ = SurveyCampaign.objects.get_or_create(
            title=f"bench-{answers}",
            defaults={
                "version": version,
                "opens_at": now - dt.timedelta(days=300),
                "closes_at": now,
                "landlord": landlord,
            },
        )
        have = campaign.answers.count()
        rng = random.Random(7)
        batch = 5000
        while have < answers:
            size = min(batch, answers - have)
            with transaction.atomic():
                SurveyAnswer.objects.bulk_create(
                    SurveyAnswer(
                        campaign=campaign,
                        group=(m := rng.choice(MUNICIPALITIES)),
                        submitted_at=now - dt.timedelta(days=rng.randint(0, 200)),
                        answers={
                            "municipality": m,
                            "comfort": rng.randint(1, 5),
                            "community": rng.randint(1, 5),
                            "disturbances": rng.choice(["never", "sometimes", "often"]),
                            "wellbeing": rng.randint(1, 5),
                        },
                    )
                    for _i in range(size)
                )
            have += size
            self.stdout.write(f"  answers: {have}/{answers}")
        today = timezone.localdate()
        timings = {"campaign results": [], "summary per company and municipality": [], "rates for a year": []}
        for _i in range(repeat):
            for name, call in (
                ("campaign results", lambda: campaign_results(campaign=campaign, lang="fi")),
                (
                    "summary per company and municipality",
                    lambda: grouped_summary(code="asukaskysely", year=today.year, lang="fi"),
                ),
                ("rates for a year", lambda: rates_for_period(start=today - dt.timedelta(days=365), end=today)),
            ):
                start = time.perf_counter()
                call()
                timings[name].append((time.perf_counter() - start) * 1000)
        for name, values in timings.items():
            self.stdout.write(f"  {name}: median {statistics.median(values):.0f} ms, max {max(values):.0f} ms")
        worst = max(max(v) for v in timings.values())
        self.stdout.write(self.style.SUCCESS(f"surveys_bench: {have} answers, slowest aggregation {worst:.0f} ms"))
