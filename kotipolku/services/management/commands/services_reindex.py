"""Rebuild the search terms of every service (after changing the search rules or translations)."""

import time

from django.core.management.base import BaseCommand

from kotipolku.services.models import Service
from kotipolku.services.services import service_reindex


class Command(BaseCommand):
    help = "Rebuild the precomputed search terms of all services."

    def handle(self, *args, **options):
        started = time.perf_counter()
        qs = Service.objects.prefetch_related("categories", "target_groups", "municipalities").select_related(
            "organisation"
        )
        total = terms = 0
        for service in qs.iterator(chunk_size=500):
            terms += service_reindex(service)
            total += 1
            if total % 1000 == 0:
                self.stdout.write(f"  {total} services")
        self.stdout.write(f"Reindexed {total} services ({terms} terms) in {time.perf_counter() - started:.1f} s.")
