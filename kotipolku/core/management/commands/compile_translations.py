"""Compile every .po file of the project into .mo with polib (no GNU gettext needed on the machine)."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile kotipolku/**/locale/*/LC_MESSAGES/*.po into .mo files (skips files already up to date)."

    def handle(self, *args, **options):
        root = Path(settings.BASE_DIR) / "kotipolku"
        compiled = skipped = 0
        for po_path in sorted(root.glob("**/locale/*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                skipped += 1
                continue
            try:
                catalogue = polib.pofile(str(po_path))
            except (OSError, ValueError) as exc:
                raise CommandError(f"{po_path}: cannot read translation file: {exc}") from exc
            catalogue.save_as_mofile(str(mo_path))
            compiled += 1
        self.stdout.write(f"Translations: {compiled} compiled, {skipped} already up to date.")
