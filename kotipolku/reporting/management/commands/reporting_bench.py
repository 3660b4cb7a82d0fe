"""Time the reporting pages on the current database (use the clients module's synthetic data).

    manage.py clients_generate --clients 10000 --encounters 100000
    manage.py reporting_bench [--runs 5] [--end 2026-11-23]

Times, as an admin (all teams) and as a lead of one team: the dashboard page for the one-year
period ending on --end (default today), and the point-in-time count page on --end. Pages are
requested through django.test.Client, so templates, SVG and the audit write are included. Prints
the median and the worst run and a one-line summary. Creates the users `bench-admin` and
`bench-lead` (lead of the first team) if missing; they have unusable passwords.
"""

import datetime as dt
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kotipolku.clients.models import Client, Encounter, HousingPeriod
from kotipolku.core.mfa import verify_session_without_code
from kotipolku.core.models import Role, Team, TeamMembership, User


def _user(username: str, role: str, team: Team | None) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={"role": role})
    if created:
        user.set_unusable_password()
        user.is_superuser = role == Role.ADMIN
        user.is_staff = role == Role.ADMIN
        user.save()
    if team is not None:
        TeamMembership.objects.get_or_create(user=user, team=team, defaults={"is_lead": True})
    return user


class Command(BaseCommand):
    help = "Time the reporting dashboard (one year) and the point-in-time count."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5)
        parser.add_argument("--end", type=dt.date.fromisoformat, default=None, help="last day (default today)")

    def handle(self, *args, runs: int, end: dt.date | None, **options):
        team = Team.objects.order_by("pk").first()
        if team is None:
            raise CommandError("No teams: run `manage.py clients_generate` first.")
        end = end or timezone.localdate()
        start = end.replace(year=end.year - 1) + dt.timedelta(days=1)
        sizes = {
            "clients": Client.objects.count(),
            "encounters": Encounter.objects.count(),
            "housing_periods": HousingPeriod.objects.count(),
        }
        self.stdout.write(
            f"data: {sizes['clients']:,} clients, {sizes['encounters']:,} encounters, "
            f"{sizes['housing_periods']:,} housing periods on {connection.vendor}; period {start}..{end}"
        )
        actors = {"admin": _user("bench-admin", Role.ADMIN, None), "lead": _user("bench-lead", Role.LEAD, team)}
        pages = {
            "dashboard": f"/fi/staff/raportit/?start={start}&end={end}",
            "pit": f"/fi/staff/raportit/poikkileikkaus/?on={end}",
        }
        summary = []
        for who, user in actors.items():
            http = HttpClient()
            http.force_login(user)
            verify_session_without_code(http.session, user)  # as a staff session past the code step
            for name, url in pages.items():
                times = []
                for i in range(runs):
                    with CaptureQueriesContext(connection) as queries:
                        t0 = time.perf_counter()
                        response = http.get(url)
                        took = time.perf_counter() - t0
                    if response.status_code != 200:
                        raise CommandError(f"{url} answered {response.status_code} for {who}")
                    times.append(took)
                    self.stdout.write(f"  {who:5} {name:9} run {i + 1}/{runs}: {took:.3f} s, {len(queries)} queries")
                median = statistics.median(times)
                summary.append(f"{who} {name} median {median:.3f} s (max {max(times):.3f} s)")
                self.stdout.write(f"{who:5} {name:9} median {median:.3f} s, max {max(times):.3f} s")
        self.stdout.write(self.style.SUCCESS(f"reporting_bench ({sizes['clients']:,} clients): " + "; ".join(summary)))
