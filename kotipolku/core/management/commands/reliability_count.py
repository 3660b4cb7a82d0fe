"""Count what a load-test run stored, so accepted answers can be compared with rows (loadtest/run.py).

The load test marks its contact requests with municipality `<marker>-<n>` and its encounters with the note
`<marker>-<n>`; this command prints the markers found as JSON. Only markers are read, no personal data.
"""

import json

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Print the contact-request and encounter markers a load-test run stored (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("marker", help="the run marker, e.g. LT20261123T1230 (at least 6 characters)")

    def handle(self, *args, marker: str, **options):
        if len(marker) < 6:
            raise CommandError("marker must be at least 6 characters so it cannot match real data")
        contact_model = apps.get_model("intake", "ContactRequest")
        encounter_model = apps.get_model("clients", "Encounter")
        contacts = sorted(
            contact_model.objects.filter(municipality__startswith=marker).values_list("municipality", flat=True)
        )
        encounters = sorted(encounter_model.objects.filter(note__startswith=marker).values_list("note", flat=True))
        self.stdout.write(json.dumps({"contact_requests": contacts, "encounters": encounters}))
        self.stderr.write(f"reliability_count: {len(contacts)} contact requests, {len(encounters)} encounters")
