"""Export published services as an Open Referral HSDS JSON file."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from kotipolku.services.exchange.hsds import dumps, export_document


class Command(BaseCommand):
    help = "Write published services as HSDS 3.0 JSON to a file (or standard output)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, output=None, **options):
        document = export_document()
        text = dumps(document)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"Exported {len(document['services'])} services to {output}.")
        else:
            sys.stdout.write(text)
            self.stderr.write(f"Exported {len(document['services'])} services.")
