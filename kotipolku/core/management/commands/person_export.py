"""Export everything Kotipolku holds about one person as one JSON document (data-subject access).

    manage.py person_export --actor ADMIN --henkilotunnus - --output person.json  < code.txt
    manage.py person_export --actor ADMIN --client 123 --output -
    manage.py person_export --actor ADMIN --name "Matti Virtanen" --birth-date 1980-05-01 --output m.json

The file is written atomically (mode 0600). The export is audited with ids only. See docs/privacy.md.
"""

from django.core.management.base import BaseCommand, CommandError

from kotipolku.core import privacy
from kotipolku.core.files import write_file_atomically, write_to_stream
from kotipolku.core.management.person_args import actor_from, add_person_arguments, person_from


class Command(BaseCommand):
    help = "Export everything about one person across all modules as JSON (audited)."
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        add_person_arguments(parser)
        parser.add_argument("--output", required=True, help="file to write (atomically), or - for standard output")

    def handle(self, *args, **options):
        actor = actor_from(options)
        person = person_from(options, stdin=options.get("stdin"))
        output = options["output"]

        def deliver(document: dict) -> None:
            text = privacy.to_json(document)
            if output == "-":
                write_to_stream(self.stdout, text)
                return
            write_file_atomically(output, text, mode=0o600)  # personal data: owner only

        try:
            document = privacy.person_export(actor=actor, person=person, deliver=deliver)
        except privacy.PersonNotFound:
            raise CommandError(
                "No records found for the person identified by "
                + ", ".join(person.identified_by)
                + "; nothing exported."
            ) from None
        summary = ", ".join(f"{label} {n}" for label, n in document["counts"].items())
        total = sum(document["counts"].values())
        if output == "-":  # the document is on standard output; the summary goes beside it
            self.stderr.write(f"Exported {total} records to standard output: {summary}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Exported {total} records to {output}: {summary}."))
