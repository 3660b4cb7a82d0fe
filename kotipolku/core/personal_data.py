"""Core's own tables in the personal-data registry (the registry itself is core/privacy.py).

Staff accounts and landlord organisations are not data subjects of client work: a staff member's
account is deactivated, not erased, because the audit log must go on naming who did what.
"""

import datetime as dt
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session

from kotipolku.core.privacy import RetentionRule, TableChange, no_personal_data

MODELS = {
    "core.AuditEvent": no_personal_data(
        "kept by design (accountability); rows hold ids, actions, times and the acting staff member, never a "
        "client's name, code or contact details (privacy commands record ids only)"
    ),
    "core.User": no_personal_data(
        "staff accounts (the employer's records, not client data); deactivated rather than erased so the audit "
        "log keeps naming who acted"
    ),
    "core.User_groups": no_personal_data("staff account ↔ permission group links"),
    "core.User_user_permissions": no_personal_data("staff account ↔ permission links"),
    "core.Team": no_personal_data("teams: a name and a municipality"),
    "core.TeamMembership": no_personal_data("which staff member belongs to which team"),
    "core.LandlordOrganisation": no_personal_data("landlord companies: name, business id, token digest"),
}


RETENTION = (
    RetentionRule(
        what="expired sessions (the bot keeps a visitor's redacted questions of the last hours in the session; "
        "the public forms keep the reference code)",
        period="when the session expires (SESSION_COOKIE_AGE, 12 hours at most; staff sooner when idle)",
        setting="— (Django's clearsessions, run by the retention run)",
        action="delete",
    ),
)


def apply_retention(*, dry_run: bool, now: dt.datetime) -> list[TableChange]:
    """Expired sessions stay in the database until someone clears them; the retention run does."""
    expired = Session.objects.filter(expire_date__lt=now).count() if _database_sessions() else 0
    if not dry_run:
        import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return [TableChange("sessions.Session", "delete", total=expired, note="expired")]


def _database_sessions() -> bool:
    return settings.SESSION_ENGINE in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    )
