"""E-mail each team's members when the team has overdue intake (no personal data in the mail)."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kotipolku.core.models import Team
from kotipolku.intake.selectors import overdue_counts_by_team


class Command(BaseCommand):
    help = "E-mail team members about overdue intake items (run e.g. every working morning from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print what would be sent, send nothing.")

    def handle(self, *args, dry_run: bool = False, **options):
        counts = overdue_counts_by_team()
        base = getattr(settings, "KOTIPOLKU_BASE_URL", "").rstrip("/")
        messages, teams = [], 0
        for team in Team.objects.filter(pk__in=counts).prefetch_related("members"):
            recipients = sorted({m.email for m in team.members.all() if m.is_active and m.email})
            if not recipients:
                self.stdout.write(f"{team.name}: {counts[team.pk]} overdue, but no member has an e-mail address")
                continue
            teams += 1
            with translation.override(settings.LANGUAGE_CODE):
                subject = ngettext(
                    "Kotipolku: %(n)d saapunut asia on myöhässä (%(team)s)",
                    "Kotipolku: %(n)d saapunutta asiaa on myöhässä (%(team)s)",
                    counts[team.pk],
                ) % {"n": counts[team.pk], "team": team.name}
                body = _(
                    "Tiimilläsi on saapuneita asioita, joiden ensikontaktin määräaika on ohitettu.\n"
                    "Avaa jono: %(url)s\n\nTässä viestissä ei ole henkilötietoja."
                ) % {"url": base + reverse("intake:queue") + "?overdue=on"}
            messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, recipients))
            self.stdout.write(f"{team.name}: {counts[team.pk]} overdue -> {len(recipients)} recipients")
        if not dry_run and messages:
            send_mass_mail(messages, fail_silently=False)
        verb = "would notify" if dry_run else "notified"
        self.stdout.write(self.style.SUCCESS(f"{verb} {teams} teams; {sum(counts.values())} overdue items in all"))
