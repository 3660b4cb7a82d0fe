"""Delete logged bot questions older than the retention period (BOT_LOG_RETENTION_DAYS, default 90)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from kotipolku.bot.services import exchanges_purge


class Command(BaseCommand):
    help = "Delete anonymous bot logs older than BOT_LOG_RETENTION_DAYS (default 90); --dry-run only counts."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count what would be deleted, delete nothing")
        parser.add_argument("--days", type=int, help="override the retention period (days)")

    def handle(self, *args, **options):
        days = options["days"] if options["days"] is not None else getattr(settings, "BOT_LOG_RETENTION_DAYS", 90)
        self.stdout.write(f"Bot logs older than {days} days …")

        def progress(done, total):
            self.stdout.write(f"  deleted {done}/{total}")

        n = exchanges_purge(older_than_days=days, dry_run=options["dry_run"], progress=progress)
        if options["dry_run"]:
            self.stdout.write(self.style.SUCCESS(f"Dry run: {n} logged questions would be deleted; nothing deleted."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Purged {n} logged questions older than {days} days."))
