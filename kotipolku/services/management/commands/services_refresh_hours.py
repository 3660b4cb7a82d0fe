"""Move the precomputed open-now window (OpenInterval rows) to yesterday … today + N days. Run daily."""

import time

from django.core.management.base import BaseCommand, CommandError

from kotipolku.services import open_index


class Command(BaseCommand):
    help = "Rebuild the open-now look-up rows for the coming days (run once a day, e.g. from cron at 00:10)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=open_index.DAYS_AHEAD, help="days ahead (default %(default)s)")

    def handle(self, *args, days, **options):
        if not 1 <= days <= 366:
            raise CommandError(f"--days must be between 1 and 366, not {days}")
        started = time.perf_counter()

        def progress(done, total):
            self.stdout.write(f"  {done}/{total} services")

        first, last, added = open_index.refresh(days_ahead=days, progress=progress)
        self.stdout.write(
            f"Open-now rows cover {first}–{last}: {added} rows added in {time.perf_counter() - started:.1f} s."
        )
