"""Recompute the cached long-term-homeless flag of every open client (run daily, e.g. from cron).

The rule depends on the date (an ongoing homeless spell becomes long-term after 365 days without
any new entry), so the cached Client.long_term_homeless goes stale unless refreshed.

    manage.py clients_refresh_long_term [--batch 2000]
"""

import time

from django.core.management.base import BaseCommand
from django.db.models import Prefetch
from django.utils import timezone

from kotipolku.clients import longterm
from kotipolku.clients.models import Client, ClientStatus, HousingPeriod


class Command(BaseCommand):
    help = "Recompute the long-term homelessness flag from each open client's housing history."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=2000)

    def handle(self, *args, batch: int, **options):
        today = timezone.localdate()
        started = time.monotonic()
        ids = list(Client.objects.filter(status=ClientStatus.OPEN).order_by("pk").values_list("pk", flat=True))
        changed = 0
        for start in range(0, len(ids), batch):
            chunk = (
                Client.objects.filter(pk__in=ids[start : start + batch])
                .prefetch_related(
                    Prefetch(
                        "housing_periods",
                        queryset=HousingPeriod.objects.only("client_id", "status", "start_date", "end_date"),
                    )
                )
                .only("pk", "long_term_homeless")
            )
            updates = []
            for client in chunk:
                flag = longterm.is_long_term_homeless(client.housing_periods.all(), on=today)
                if flag != client.long_term_homeless:
                    changed += 1
                client.long_term_homeless, client.long_term_checked_on = flag, today
                updates.append(client)
            Client.objects.bulk_update(updates, ["long_term_homeless", "long_term_checked_on"], batch_size=1000)
            self.stdout.write(f"checked {min(start + batch, len(ids)):,}/{len(ids):,}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Checked {len(ids):,} open clients on {today}: {changed:,} flags changed "
                f"({time.monotonic() - started:.1f} s)."
            )
        )
