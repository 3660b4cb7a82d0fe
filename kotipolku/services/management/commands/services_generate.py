"""Create N synthetic example services for benchmarks (bulk, with search terms)."""

import time

from django.core.management.base import BaseCommand, CommandError

from kotipolku.services import open_index
from kotipolku.services.generate import analyze, delete_synthetic, generate


class Command(BaseCommand):
    help = "Create N synthetic services (is_example, stable id synthetic-<n>). --delete removes them first."

    def add_arguments(self, parser):
        parser.add_argument("n", type=int)
        parser.add_argument("--delete", action="store_true", help="delete earlier synthetic services first")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, n, delete=False, seed=1, **options):
        if n < 0 or n > 1_000_000:
            raise CommandError("N must be between 0 and 1000000")
        started = time.perf_counter()
        if delete:
            self.stdout.write(f"Deleted {delete_synthetic()} earlier synthetic rows.")

        def progress(done, total):
            self.stdout.write(f"  {done}/{total} services")

        first, last, _ = open_index.refresh()  # the window exists before the new services' rows are added
        made = generate(n, seed=seed, progress=progress)
        analyze()
        self.stdout.write(
            f"Generated {made} synthetic services (open-now rows for {first}–{last}, statistics updated) "
            f"in {time.perf_counter() - started:.1f} s."
        )
