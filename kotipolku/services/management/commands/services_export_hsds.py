"""Export published services as an Open Referral HSDS JSON file."""

from django.core.management.base import BaseCommand

from kotipolku.core.files import write_file_atomically, write_to_stream
from kotipolku.services.exchange.hsds import dumps, export_document


class Command(BaseCommand):
    help = "Write published services as HSDS 3.0 JSON to a file (or standard output)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, output=None, **options):
        document = export_document()
        text = dumps(document)
        if output:
            # Complete or not at all: a full disk leaves the previous export in place, never half a file.
            write_file_atomically(output, text)
            self.stderr.write(f"Exported {len(document['services'])} services to {output}.")
        else:
            write_to_stream(self.stdout, text)
            self.stderr.write(f"Exported {len(document['services'])} services.")
