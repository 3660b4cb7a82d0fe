"""Helpers shared by the intake services: team assignment and new triage items."""

import datetime as dt

from django.conf import settings

from kotipolku.core.models import Team
from kotipolku.intake import rules
from kotipolku.intake.models import IntakeItem


class TeamResolver:
    """Team for a municipality: the team whose `municipality` matches, else the default team.

    The default is the team named in settings.INTAKE_DEFAULT_TEAM, else the oldest team. Results are
    cached per resolver, so a batch of notices costs one query per distinct municipality.
    """

    def __init__(self):
        self._cache: dict[str, Team | None] = {}
        self._default: Team | None | bool = False

    def default(self) -> Team | None:
        if self._default is False:
            name = getattr(settings, "INTAKE_DEFAULT_TEAM", "")
            team = Team.objects.filter(name=name).first() if name else None
            self._default = team or Team.objects.order_by("pk").first()
        return self._default

    def __call__(self, municipality: str) -> Team | None:
        key = (municipality or "").strip().casefold()
        if key not in self._cache:
            team = Team.objects.filter(municipality__iexact=key).order_by("pk").first() if key else None
            self._cache[key] = team or self.default()
        return self._cache[key]


def team_for_municipality(municipality: str) -> Team | None:
    return TeamResolver()(municipality)


def new_item(*, source: str, team: Team | None, priority: int, received_at: dt.datetime, **signal) -> IntakeItem:
    """An unsaved triage item with the priority and first-contact due date of the rules."""
    return IntakeItem(
        source=source,
        team=team,
        priority=priority,
        received_at=received_at,
        first_contact_due=rules.first_contact_due(received_at=received_at, priority=priority),
        **signal,
    )
