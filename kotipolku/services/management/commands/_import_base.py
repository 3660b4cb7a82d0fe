"""Shared behaviour of the import commands: read a file, print every bad row, end with a summary."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class ImportCommand(BaseCommand):
    importer = None  # a function(text, *, actor, source) -> ImportResult

    def add_arguments(self, parser):
        parser.add_argument("file", help="file to import (UTF-8)")

    def handle(self, *args, file, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: cannot read: {exc}") from exc
        self.stdout.write(f"Importing {path} …")
        result = type(self).importer(text, actor="system", source=f"{path.name}")
        for error in result.errors:
            self.stderr.write(f"{path}:{error}")
        if not result.ok:
            raise CommandError(result.summary())
        self.stdout.write(result.summary())
