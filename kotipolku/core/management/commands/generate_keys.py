"""Print fresh secrets for a new installation (SECRET_KEY and FIELD_ENCRYPTION_KEY)."""

from django.core.management.base import BaseCommand
from django.core.management.utils import get_random_secret_key

from kotipolku.core.crypto import new_key


class Command(BaseCommand):
    help = "Print a new SECRET_KEY and FIELD_ENCRYPTION_KEY as environment lines."

    def handle(self, *args, **options):
        self.stdout.write(f"SECRET_KEY={get_random_secret_key()}")
        self.stdout.write(f"FIELD_ENCRYPTION_KEY={new_key()}")
