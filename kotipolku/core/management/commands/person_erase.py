"""Erase or anonymise one person's data in every module under the documented rules (docs/privacy.md).

    manage.py person_erase --actor ADMIN --henkilotunnus - --reason request [--case-ref DNRO] [--apply]

Without --apply nothing changes: the same work runs in a transaction that is rolled back, and the
command lists per table what would happen. With --apply everything happens in one transaction.
Both are audited with ids only; audit rows are never changed.
"""

import re

from django.core.management.base import BaseCommand, CommandError

from kotipolku.core import privacy
from kotipolku.core.management.person_args import actor_from, add_person_arguments, person_from

CASE_REF = re.compile(r"^[A-Za-z0-9/._-]{1,40}$")


class Command(BaseCommand):
    help = "Erase or anonymise one person's data across all modules (dry run unless --apply; audited)."
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        add_person_arguments(parser)
        parser.add_argument(
            "--reason",
            required=True,
            choices=privacy.ErasureReason.values,
            help="why (a code: no free text in the log)",
        )
        parser.add_argument("--case-ref", default="", help="the request's record number, e.g. 123/2026 (no names)")
        parser.add_argument(
            "--apply", action="store_true", help="really erase; without it, only list what would happen"
        )

    def handle(self, *args, **options):
        actor = actor_from(options)
        case_ref = options["case_ref"]
        if case_ref and not CASE_REF.match(case_ref):
            raise CommandError(
                "--case-ref: use only letters, digits and / . _ - (at most 40), e.g. 123/2026; never a name."
            )
        person = person_from(options, stdin=options.get("stdin"))
        apply = options["apply"]
        reason = options["reason"] + (f" {case_ref}" if case_ref else "")
        try:
            result = privacy.person_erase(actor=actor, person=person, apply=apply, reason=reason)
        except privacy.PersonNotFound:
            raise CommandError(
                "No records found for the person identified by " + ", ".join(person.identified_by) + "; nothing erased."
            ) from None
        verb = "" if apply else "would "
        for model, actions in result.by_model().items():
            for action, count in actions.items():
                self.stdout.write(f"  {model}: {verb}{action} {count}")
        total = sum(c.count for c in result.changes)
        if apply:
            self.stdout.write(self.style.SUCCESS(f"Erased: {total} rows changed in {len(result.by_model())} tables."))
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Dry run: {total} rows in {len(result.by_model())} tables would change; nothing changed. "
                    "Run again with --apply to erase."
                )
            )
