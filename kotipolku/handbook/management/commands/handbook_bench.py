"""Measure the handbook: content load time, search latency (p50/p95) and article page render time."""

import statistics
import time

from django.core.management.base import BaseCommand
from django.test import Client

from kotipolku.handbook.models import Article
from kotipolku.handbook.selectors import article_search
from kotipolku.handbook.services import handbook_load

QUERIES = {
    "fi": ["vuokrarästit", "häädöstä", "asumistukea", "mitä teen kun vuokra on myöhässä", "hometta kylpyhuoneessa",
           "muuttoilmoitus postille", "toimeentulotuki kela", "naapuri metelöi yöllä", "asunnoton tänä yönä"],
    "sv": ["vräkning", "hyran är sen", "bostadsbidraget", "mögel i badrummet", "flyttanmälan"],
    "en": ["eviction notice", "late rent", "housing allowance", "mould in the bathroom", "homeless tonight"],
}  # fmt: skip


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"p50 {statistics.median(ordered) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms"


class Command(BaseCommand):
    help = "Benchmark handbook loading, search and page rendering on the configured database."

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=50, help="repetitions of each search query")

    def handle(self, *args, rounds=50, **options):
        started = time.perf_counter()
        result = handbook_load(force=False)
        self.stdout.write(f"load_handbook: {time.perf_counter() - started:.2f} s ({result.summary()})")
        self.stdout.write(f"articles in database: {Article.objects.count()}")
        all_samples = []
        for lang, queries in QUERIES.items():
            samples = []
            for _round in range(rounds):
                for q in queries:
                    t0 = time.perf_counter()
                    article_search(q=q, lang=lang, limit=10)
                    samples.append(time.perf_counter() - t0)
            all_samples += samples
            self.stdout.write(f"search {lang}: {len(samples)} queries, {_ms(samples)}")
        http = Client()
        pages = []
        for _round in range(max(1, rounds // 5)):
            for slug in ("haato", "muuttajan-muistilista", "talousapu"):
                t0 = time.perf_counter()
                http.get(f"/fi/kasikirja/{slug}/")
                pages.append(time.perf_counter() - t0)
        self.stdout.write(f"article page (test client): {len(pages)} requests, {_ms(pages)}")
        self.stdout.write(
            self.style.SUCCESS(f"Handbook bench: search {_ms(all_samples)} over {len(all_samples)} queries.")
        )
