"""Load service compass entries from content/services/*.yaml (idempotent: matched on `id`)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kotipolku.services.loader import content_dir, load_directory


class Command(BaseCommand):
    help = "Load services from YAML files (default content/services/). Re-running changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", help="folder of *.yaml files")

    def handle(self, *args, directory=None, **options):
        folder = Path(directory) if directory else content_dir()
        if not folder.is_dir():
            raise CommandError(f"{folder}: no such folder")
        counts = load_directory(folder, stdout=self.stdout if options["verbosity"] > 1 else None)
        for line in counts["errors"]:
            self.stderr.write(line)
        summary = (
            f"Services: {counts['created_or_updated']} created or updated, {counts['unchanged']} unchanged, "
            f"{len(counts['errors'])} errors."
        )
        if counts["errors"]:
            raise CommandError(summary)
        self.stdout.write(summary)
