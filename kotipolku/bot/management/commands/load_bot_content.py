"""Load the bot's answers and guidance paths from content/bot/ into the database (safe to run again)."""

from django.core.management.base import BaseCommand, CommandError

from kotipolku.bot.content import ContentError, content_dir
from kotipolku.bot.services import load_bot_content


class Command(BaseCommand):
    help = "Validate and load content/bot/answers/*.yaml and content/bot/paths/*.yaml (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="content folder (default: CONTENT_DIR/bot)")

    def handle(self, *args, **options):
        directory = options["dir"] or content_dir()
        self.stdout.write(f"Reading bot content from {directory} …")
        try:
            summary = load_bot_content(directory=directory)
        except ContentError as exc:
            for line in exc.errors:
                self.stderr.write(f"  {line}")
            raise CommandError(f"{len(exc.errors)} error(s) in {directory}; nothing was loaded.") from None
        self.stdout.write(self.style.SUCCESS(f"Loaded: {summary}."))
