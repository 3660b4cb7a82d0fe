"""Remove a staff member's authenticator devices (a lost or changed phone).

    manage.py mfa_reset USERNAME

The person sets up a new device at their next sign-in (core.mfa). Audited as a system change; the
devices' keys are not printed or logged.
"""

from django.core.management.base import BaseCommand, CommandError

from kotipolku.core import mfa
from kotipolku.core.models import User


class Command(BaseCommand):
    help = "Remove a user's one-time code devices; they set up a new one at the next sign-in (audited)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **options):
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist:
            raise CommandError(f"mfa_reset: no user named {options['username']!r}") from None
        removed = mfa.reset(user)
        self.stdout.write(f"mfa_reset: removed {removed} device(s) of {user.username}; a new one is set up at sign-in")
