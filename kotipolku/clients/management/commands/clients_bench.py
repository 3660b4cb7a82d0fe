"""Benchmark the caseload page and the client page through the full Django stack.

    manage.py clients_bench [--runs 50] [--worker gen-001-01]

Signs in a worker of a generated team (see clients_generate) with django.test.Client, requests
the personal caseload, the team caseload and client pages of that team (a different client each
run), and prints p50/p95/max in milliseconds with the number of SQL queries per request.
"""

import os
import random
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext

from kotipolku.clients.models import Client, Encounter
from kotipolku.core.mfa import verify_session_without_code
from kotipolku.core.models import User


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Measure caseload and client page response times (p50/p95) and query counts."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=50)
        parser.add_argument("--worker", default="", help="username; default: first generated worker")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, runs: int, worker: str, seed: int, **options):
        user = User.objects.filter(username=worker or "gen-001-01").first()
        if user is None:
            raise CommandError("No such worker. Run clients_generate first or give --worker.")
        team = user.teams.first()
        team_clients = list(Client.objects.filter(teams=team).values_list("pk", flat=True))
        if not team_clients:
            raise CommandError(f"Worker {user.username} has no team clients.")
        rng = random.Random(seed)
        http = HttpClient(HTTP_HOST="localhost")
        http.force_login(user)
        verify_session_without_code(http.session, user)  # as a staff session past the code step
        self.stdout.write(
            f"data: {Client.objects.count():,} clients, {Encounter.objects.count():,} encounters; "
            f"worker {user.username}, team {team} ({len(team_clients):,} clients); "
            f"database {connection.vendor}; {runs} runs per page; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
        )
        pages = {
            "caseload (own)": lambda: "/fi/staff/asiakkaat/",
            "caseload (team)": lambda: f"/fi/staff/asiakkaat/?team={team.pk}",
            "caseload (not met 30 d)": lambda: f"/fi/staff/asiakkaat/?team={team.pk}&not_met=30",
            "client page": lambda: f"/fi/staff/asiakkaat/{rng.choice(team_clients)}/",
        }
        worst_p95 = 0.0
        for label, url in pages.items():
            http.get(url())  # warm up caches and connections
            times, queries, sql_times = [], [], []
            for n in range(runs):
                target = url()
                with CaptureQueriesContext(connection) as ctx:
                    started = time.perf_counter()
                    response = http.get(target)
                    elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    raise CommandError(f"{target} answered {response.status_code}")
                times.append(elapsed)
                queries.append(len(ctx.captured_queries))
                sql_times.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
                reset_queries()
                if n and n % 25 == 0:
                    self.stdout.write(f"  {label}: {n}/{runs}")
            p95 = _percentile(times, 95)
            worst_p95 = max(worst_p95, p95)
            self.stdout.write(
                f"{label:26s} p50 {statistics.median(times):7.1f} ms  p95 {p95:7.1f} ms  "
                f"max {max(times):7.1f} ms  queries {min(queries)}-{max(queries)}  "
                f"SQL p95 {_percentile(sql_times, 95):6.1f} ms"
            )
        verdict = "meets" if worst_p95 < 100 else "MISSES"
        self.stdout.write(self.style.SUCCESS(f"Worst p95 {worst_p95:.1f} ms: {verdict} the 100 ms target."))
