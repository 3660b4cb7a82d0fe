"""Load demo accounts, content and synthetic data of every module. Safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kotipolku.core.discovery import app_modules


class Command(BaseCommand):
    help = "Create demo accounts and load demo content of every module (refused outside demo mode)."

    def handle(self, *args, **options):
        if not settings.KOTIPOLKU_DEMO:
            raise CommandError(
                "Demo data is only loaded in demo mode (DEBUG=true or KOTIPOLKU_DEMO=true), never in production."
            )
        loaded = 0
        for module in app_modules("demo"):
            app = module.__name__.rsplit(".", 1)[0]
            self.stdout.write(f"  {app}: loading demo data …")
            summary = module.load_demo(stdout=self.stdout)
            self.stdout.write(f"  {app}: {summary}")
            loaded += 1
        self.stdout.write(self.style.SUCCESS(f"Demo ready: {loaded} modules loaded demo data."))
