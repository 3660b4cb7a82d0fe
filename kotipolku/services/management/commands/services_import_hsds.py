"""Import an Open Referral HSDS JSON file (all-or-nothing, idempotent)."""

from kotipolku.services.exchange.hsds import import_text
from kotipolku.services.management.commands._import_base import ImportCommand


class Command(ImportCommand):
    help = "Import services from an HSDS 3.0 JSON file. Nothing is written if any service is invalid."
    importer = staticmethod(import_text)
