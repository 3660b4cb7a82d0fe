"""Apply every module's time-based retention rule in one run (docs/privacy.md has the table).

    manage.py privacy_retention            # dry run: what would be deleted or anonymised
    manage.py privacy_retention --apply    # do it (e.g. nightly from cron)

Bot logs after BOT_LOG_RETENTION_DAYS (bot_purge's code), intake signals after INTAKE_RETENTION_DAYS,
closed clients after CLIENTS_RETENTION_YEARS (clients_purge's code), stale derived birth dates.
"""

from django.core.management.base import BaseCommand

from kotipolku.core import privacy


class Command(BaseCommand):
    help = "Apply the retention rules of every module (dry run unless --apply; audited)."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="really delete/anonymise; without it only count")

    def handle(self, *args, **options):
        apply = options["apply"]
        verb = "" if apply else "would "

        def progress(app: str, changes: list[privacy.TableChange]) -> None:
            if not changes:
                self.stdout.write(f"  {app}: nothing past retention")
            for c in changes:
                self.stdout.write(f"  {c.model}: {verb}{c.action} {c.count}" + (f" ({c.note})" if c.note else ""))

        changes = privacy.retention_run(dry_run=not apply, progress=progress)
        total = sum(c.count for c in changes)
        if apply:
            self.stdout.write(self.style.SUCCESS(f"Retention applied: {total} rows deleted or anonymised."))
        else:
            self.stdout.write(
                self.style.WARNING(f"Dry run: {total} rows would be deleted or anonymised; nothing changed (--apply).")
            )
