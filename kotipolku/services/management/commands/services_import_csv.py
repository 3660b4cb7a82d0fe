"""Import the editors' CSV file of services (all-or-nothing, idempotent; see exchange/csv_import.py)."""

from kotipolku.services.exchange.csv_import import import_text
from kotipolku.services.management.commands._import_base import ImportCommand


class Command(ImportCommand):
    help = "Import services from CSV (columns documented in docs/services.md). Nothing is written if any row is bad."
    importer = staticmethod(import_text)
