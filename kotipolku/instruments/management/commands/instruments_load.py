"""Validate the instrument definition files and publish new versions (refuses changed published ones)."""

from django.core.management.base import BaseCommand, CommandError

from kotipolku.instruments import services
from kotipolku.instruments.engine import DefinitionError


class Command(BaseCommand):
    help = "Validate content/instruments/*.yaml and publish new versions as frozen InstrumentVersions."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="only validate the files, publish nothing")

    def handle(self, *args, **options):
        directory = services.definitions_dir()
        self.stdout.write(f"Reading instrument definitions from {directory} …")
        try:
            if options["check"]:
                definitions = services.load_definitions(directory)
                for d in definitions:
                    self.stdout.write(f"  ok  {d.source}: {d.code} v{d.version}, {len(d.items)} items")
                self.stdout.write(self.style.SUCCESS(f"{len(definitions)} definitions valid."))
                return
            report = services.instruments_sync(directory=directory)
        except DefinitionError as exc:
            for problem in exc.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(f"{len(exc.problems)} problems in the definitions; nothing was published.") from None
        for label in report.created:
            self.stdout.write(f"  new        {label}")
        for label in report.unchanged:
            self.stdout.write(f"  unchanged  {label}")
        self.stdout.write(self.style.SUCCESS(report.summary()))
