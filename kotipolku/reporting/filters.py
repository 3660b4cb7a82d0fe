"""Parsing and validating report filters (period, team, municipality) for pages and the API.

One place decides what a valid report request is, so the dashboard, the exports and the API refuse
the same things with the same reasons."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from kotipolku.core import access
from kotipolku.core.access import Actor
from kotipolku.core.models import Role, Team
from kotipolku.reporting.kpis import Period

# The contract check asks for 2020-01-01..2030-12-31 (11 years), so the limit is 15 years.
DEFAULT_MAX_PERIOD_DAYS = 15 * 366
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)  # a period must end on a day that has a next day (9999-12-31 has none)


class FilterError(Exception):
    """Invalid filters; `errors` is a list of {"field", "reason"} (the API's 400 shape)."""

    def __init__(self, errors: list[dict]):
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class Filters:
    period: Period
    team: Team | None = None
    municipality: str = ""


def allowed_teams(actor: Actor) -> list[Team]:
    """Teams whose figures the actor may filter by: admins all, others their own."""
    qs = Team.objects.all()
    if access.role_of(actor) != Role.ADMIN:
        qs = qs.filter(pk__in=access.team_ids(actor))
    return list(qs.order_by("name"))


def allowed_municipalities(actor: Actor) -> list[str]:
    return sorted({t.municipality for t in allowed_teams(actor) if t.municipality})


def parse_date(value, field: str, errors: list[dict]) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if not value:
        errors.append({"field": field, "reason": _("Päivämäärä puuttuu (muoto VVVV-KK-PP).")})
        return None
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        errors.append({"field": field, "reason": _("Päivämäärä ei kelpaa (muoto VVVV-KK-PP).")})
        return None


def parse_filters(*, actor: Actor, start, end, team=None, municipality=None) -> Filters:
    """Validate raw values; raise FilterError listing every bad field."""
    errors: list[dict] = []
    start_d = parse_date(start, "start", errors)
    end_d = parse_date(end, "end", errors)
    max_days = getattr(settings, "REPORTING_MAX_PERIOD_DAYS", DEFAULT_MAX_PERIOD_DAYS)
    if start_d and end_d:
        if end_d < start_d:
            errors.append({"field": "end", "reason": _("Jakson loppu on ennen alkua.")})
        elif (end_d - start_d).days > max_days:
            errors.append({"field": "end", "reason": _("Jakso on liian pitkä.")})
        if start_d < EARLIEST:
            errors.append({"field": "start", "reason": _("Jakso alkaa liian varhain.")})
        if end_d > LATEST:
            errors.append({"field": "end", "reason": _("Jakso päättyy liian myöhään.")})
    team_obj = None
    if team not in (None, ""):
        teams = {str(t.pk): t for t in allowed_teams(actor)}
        team_obj = teams.get(str(team).strip())
        if team_obj is None:
            errors.append({"field": "team", "reason": _("Tuntematon tiimi.")})
    municipality = (municipality or "").strip()
    if municipality and municipality not in allowed_municipalities(actor):
        errors.append({"field": "municipality", "reason": _("Tuntematon kunta.")})
    if errors:
        raise FilterError(errors)
    return Filters(Period(start_d, end_d), team_obj, municipality)


def default_period(today: dt.date | None = None) -> Period:
    """This year so far."""
    from django.utils import timezone

    today = today or timezone.localdate()
    return Period(today.replace(month=1, day=1), today)
