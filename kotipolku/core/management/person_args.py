"""Arguments shared by person_export and person_erase: who acts, and which person.

The identity code is taken as an argument or, with `-`, from standard input (keeps it out of the
shell history and the process list). It is turned into its look-up hash at once and never printed.
"""

import datetime as dt
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from kotipolku.core import access
from kotipolku.core.models import User
from kotipolku.core.privacy import Person, resolve


def add_person_arguments(parser) -> None:
    parser.add_argument("--actor", required=True, help="username of the admin who handles the request (audited)")
    who = parser.add_argument_group("the person (any combination; all must be the same person)")
    who.add_argument("--henkilotunnus", help="identity code, or - to read it from standard input (recommended)")
    who.add_argument("--client", type=int, help="client id (the number on the client page)")
    who.add_argument("--name", help="full name; with --birth-date finds landlord notices that have no identity code")
    who.add_argument("--birth-date", type=dt.date.fromisoformat, help="YYYY-MM-DD, with --name")
    who.add_argument("--phone", help="phone number given in contact requests or the network register")
    who.add_argument("--email", help="e-mail given in contact requests or the network register")


def actor_from(options) -> User:
    user = User.objects.filter(username=options["actor"], is_active=True).first()
    if user is None:
        raise CommandError(f"--actor: no active staff account named {options['actor']!r}.")
    if access.role_of(user) != "admin":
        raise CommandError(
            f"--actor: {user.get_username()!r} is not an administrator; only admins handle these requests."
        )
    return user


def person_from(options, *, stdin=None) -> Person:
    code = options.get("henkilotunnus")
    if code == "-":
        code = (stdin or sys.stdin).readline().strip()
        if not code:
            raise CommandError("--henkilotunnus -: standard input was empty; give the code on the first line.")
    try:
        return resolve(
            henkilotunnus=code or None,
            client_id=options.get("client"),
            name=options.get("name"),
            birth_date=options.get("birth_date"),
            phone=options.get("phone"),
            email=options.get("email"),
        )
    except ValidationError as exc:  # the messages describe the problem, never repeat the code
        raise CommandError("--henkilotunnus: " + " ".join(str(m) for m in exc.messages)) from None
    except ValueError as exc:
        raise CommandError(
            f"{exc}: use --henkilotunnus, --client, --name with --birth-date, --phone or --email."
        ) from None
