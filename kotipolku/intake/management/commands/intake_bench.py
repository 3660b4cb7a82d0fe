"""Benchmark: ingest N landlord notices through the API in batches, then resend them all.

Runs in-process with django.test.Client against the configured database, as a dedicated
benchmark landlord whose notices are removed afterwards (unless --keep). Audit events stay.
"""

import datetime as dt
import secrets
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from kotipolku.core.models import LandlordOrganisation, Team
from kotipolku.intake.models import IntakeItem, LandlordNotice

HETU_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
BENCH_LANDLORD = "Benchmark landlord (intake_bench)"


def bench_hetu(index: int) -> str:
    """Distinct synthetic codes in the temporary 900-999 range."""
    born = dt.date(1950, 1, 1) + dt.timedelta(days=index // 100)
    individual = 900 + index % 100
    n = int(f"{born:%d%m%y}{individual:03d}")
    return f"{born:%d%m%y}{'-' if born.year < 2000 else 'A'}{individual:03d}{HETU_CHARS[n % 31]}"


def bench_notice(index: int) -> dict:
    kind = ("rent_arrears", "rent_arrears", "payment_plan_broken", "disturbance_warning", "eviction_application")[
        index % 5
    ]
    notice = {
        "external_id": f"BENCH-{index:06d}",
        "notice_type": kind,
        "tenant": {"henkilotunnus": bench_hetu(index)},
        "notice_date": "2026-11-02",
        "legal_basis": "statutory" if index % 3 else "consent",
        "contact_person": "Perintä",
        "municipality": ("Vantaa", "Hyvinkää", "Kerava")[index % 3],
    }
    if kind == "rent_arrears":
        notice.update(amount_eur=round(300 + (index % 40) * 97.5, 2), months_in_arrears=1 + index % 6)
    return notice


class Command(BaseCommand):
    help = "Ingest N landlord notices through POST /api/v1/landlord/notices/batch and report notices/second."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000)
        parser.add_argument("--batch", type=int, default=500)
        parser.add_argument("--keep", action="store_true", help="Keep the benchmark notices afterwards.")

    def handle(self, *args, count: int, batch: int, keep: bool, **options):
        if not 1 <= batch <= getattr(settings, "INTAKE_BATCH_MAX_NOTICES", 1000):
            raise CommandError("--batch must be between 1 and INTAKE_BATCH_MAX_NOTICES (default 1000)")
        if not Team.objects.exists():
            Team.objects.create(name="Benchmark team", municipality="Vantaa")
        org = LandlordOrganisation.objects.filter(name=BENCH_LANDLORD).first() or LandlordOrganisation(
            name=BENCH_LANDLORD
        )
        token = org.set_token(secrets.token_urlsafe(24))
        org.save()
        LandlordNotice.objects.filter(landlord=org).delete()
        host = next((h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")), "localhost")
        http = Client(headers={"Authorization": f"Bearer {token}"}, HTTP_HOST=host)
        notices = [bench_notice(i) for i in range(count)]
        batches = [notices[i : i + batch] for i in range(0, count, batch)]
        db = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        self.stdout.write(f"Ingesting {count} notices in {len(batches)} batches of {batch} ({db}) ...")

        cpu_started = time.process_time()
        created, seconds = self._run(http, batches, "created_count")
        cpu = time.process_time() - cpu_started
        rate = count / seconds
        # Wall time includes the database server's work (PostgreSQL); CPU time of this process shows
        # the cost when other jobs compete for the cores.
        self.stdout.write(
            f"first send: {created} created in {seconds:.2f} s = {rate:,.0f} notices/s "
            f"({cpu:.2f} s CPU in this process = {count / cpu:,.0f} notices per CPU-second)"
        )
        before = LandlordNotice.objects.filter(landlord=org).count(), IntakeItem.objects.count()
        created_again, seconds_again = self._run(http, batches, "created_count")
        after = LandlordNotice.objects.filter(landlord=org).count(), IntakeItem.objects.count()
        self.stdout.write(
            f"resend: {created_again} created in {seconds_again:.2f} s = {count / seconds_again:,.0f} notices/s; "
            f"notices {before[0]} -> {after[0]}, intake items {before[1]} -> {after[1]}"
        )
        if created != count or created_again != 0 or before != after:
            raise CommandError("idempotency check failed: the resend created notices")
        if not keep:
            LandlordNotice.objects.filter(landlord=org).delete()
        self.stdout.write(
            self.style.SUCCESS(
                f"intake_bench: {count} notices, batch {batch}, {db}: {rate:,.0f} notices/s first send, "
                f"{count / seconds_again:,.0f} notices/s resend, 0 duplicates"
            )
        )

    def _run(self, http: Client, batches: list[list[dict]], key: str) -> tuple[int, float]:
        total, started = 0, time.perf_counter()
        for number, chunk in enumerate(batches, 1):
            response = http.post("/api/v1/landlord/notices/batch", {"notices": chunk}, content_type="application/json")
            if response.status_code != 200:
                raise CommandError(f"batch {number} failed: HTTP {response.status_code} {response.content[:500]!r}")
            total += response.json()[key]
            if number % 5 == 0 or number == len(batches):
                self.stdout.write(f"  batch {number}/{len(batches)}", ending="\r")
        self.stdout.write("")
        return total, time.perf_counter() - started
