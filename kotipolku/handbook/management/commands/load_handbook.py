"""Load the handbook content files (content/handbook/<lang>/<slug>.md) into the database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kotipolku.handbook.loader import content_root
from kotipolku.handbook.services import ContentInvalid, handbook_load


class Command(BaseCommand):
    help = "Validate and load handbook articles from content/handbook/. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--path", type=Path, help="content folder (default: CONTENT_DIR/handbook)")
        parser.add_argument("--force", action="store_true", help="also overwrite articles edited in the admin")

    def handle(self, *args, path=None, force=False, **options):
        root = path or content_root()
        self.stdout.write(f"Loading handbook from {root} …")
        try:
            result = handbook_load(root=root, force=force, progress=self.stdout.write)
        except ContentInvalid as exc:
            for error in exc.errors:
                self.stderr.write(f"  {error}")
            raise CommandError(f"Nothing loaded: {len(exc.errors)} problem(s) in handbook content.") from exc
        for label in result.not_in_files:
            self.stdout.write(f"  {label}: in the database but no content file (left as is)")
        self.stdout.write(self.style.SUCCESS(f"Handbook: {result.summary()}."))
