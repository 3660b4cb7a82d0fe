#!/usr/bin/env python3
"""Fill translations into an app's .po files from a JSON file (developer tool, needs polib).

    .venv/bin/python scripts/po_update.py kotipolku/core translations.json

The JSON maps each Finnish msgid to {"sv": "...", "en": "..."} (plurals: lists of two forms).
Run `django-admin makemessages -l sv -l en` in the app folder first to extract the msgids.
Prints the msgids that still have no translation, so nothing is forgotten.
"""

import json
import sys
from pathlib import Path

import polib


def main(app_dir: str, mapping_file: str) -> int:
    mapping = json.loads(Path(mapping_file).read_text(encoding="utf-8"))
    missing = 0
    for lang in ("sv", "en"):
        po_path = Path(app_dir) / "locale" / lang / "LC_MESSAGES" / "django.po"
        po = polib.pofile(str(po_path))
        for entry in po:
            tr = mapping.get(entry.msgid, {}).get(lang)
            if tr:
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: tr[0], 1: tr[1]}
                else:
                    entry.msgstr = tr
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            if not (entry.msgstr or any(entry.msgstr_plural.values())):
                missing += 1
                print(f"{po_path}: no {lang} translation for {entry.msgid!r}")
        po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        po.metadata["Language"] = lang
        po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
        po.save()
    print(f"{missing} untranslated entries left.")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
