"""Benchmark the public service search in-process (django.test.Client against /api/v1/services).

Wall-clock times include everything (middleware, SQL, JSON); "app CPU" is this process's CPU time,
which other load on a shared machine disturbs less (on PostgreSQL it leaves out the server's work)."""

import os
import random
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client

from kotipolku.core import pagecache
from kotipolku.services.codes import MunicipalityCode
from kotipolku.services.models import SearchTerm, Service

WORDS = ["ruoka", "ruoanjako", "päiväkeskukseen", "asumisneuvonta", "suihku", "yömaja", "neuvontaa"]


class Command(BaseCommand):
    help = "Measure p50/p95 of typical API searches (text + municipality + open now) with the current data."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=300)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument(
            "--with-page-cache",
            action="store_true",
            help="let repeated queries hit the public page cache (by default every request is a miss)",
        )

    def handle(self, *args, runs=300, seed=7, with_page_cache=False, **options):
        rng = random.Random(seed)
        client = Client(HTTP_HOST="localhost")
        munis = MunicipalityCode.values
        scenarios = {
            "text+municipality+open_now": lambda: {
                "q": rng.choice(WORDS),
                "municipality": rng.choice(munis),
                "open_now": "1",
            },
            "text only": lambda: {"q": rng.choice(WORDS)},
            "open_now only": lambda: {"open_now": "1"},
            "no filters": lambda: {},
        }
        cache_note = "page cache on" if with_page_cache else "page cache bypassed: every request searches"
        self.stdout.write(f"Load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        self.stdout.write(
            f"{connection.vendor}: {Service.objects.count()} services, {SearchTerm.objects.count()} search terms, {runs} runs per scenario, {cache_note}"
        )
        for name, params in scenarios.items():
            for _ in range(10):  # warm-up: lemmatiser dictionaries, connection, caches
                client.get("/api/v1/services", params())
            times, cpu, counts = [], [], []
            for i in range(runs):
                p = params()
                if not with_page_cache:  # measure the search itself, not a cached answer
                    pagecache.reset()
                started, cpu_started = time.perf_counter(), time.process_time()
                response = client.get("/api/v1/services", p)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
                if response.status_code != 200:
                    self.stderr.write(f"  {p} -> {response.status_code}")
                counts.append(response.json()["count"])
                if i % 100 == 99:
                    self.stdout.write(f"  {name}: {i + 1}/{runs}")
            times.sort()
            cpu.sort()
            self.stdout.write(
                f"{name:28s} wall p50 {statistics.median(times):6.1f} ms  p95 {_p95(times):6.1f} ms  "
                f"| app CPU p50 {statistics.median(cpu):6.1f} ms  p95 {_p95(cpu):6.1f} ms  | mean hits {statistics.mean(counts):.0f}"
            )
        self.stdout.write(f"Load average at the end: {os.getloadavg()[0]:.1f} (wall times grow with other load)")


def _p95(values: list[float]) -> float:
    return values[int(0.95 * (len(values) - 1))]
