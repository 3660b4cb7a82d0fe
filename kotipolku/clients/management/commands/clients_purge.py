"""Anonymise clients whose retention time has passed (see docs/clients.md, "Retention").

    manage.py clients_purge [--dry-run]

Closed clients whose last closing is older than CLIENTS_RETENTION_YEARS (default 12) lose their
identifying data and free texts; coded facts stay for statistics and the audit log is never touched.
"""

from django.core.management.base import BaseCommand

from kotipolku.clients.services.privacy import anonymise_past_retention, retention_years


class Command(BaseCommand):
    help = "Anonymise clients closed longer ago than the retention time."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count, change nothing")

    def handle(self, *args, dry_run: bool, **options):
        ids = anonymise_past_retention(dry_run=dry_run)
        verb = "would anonymise" if dry_run else "anonymised"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {len(ids)} client(s) closed more than {retention_years()} years ago.")
        )
