"""Helpers shared by the intake services: team assignment and new triage items."""

import datetime as dt

from django.conf import settings

from kotipolku.core import pagecache
from kotipolku.core.models import Team
from kotipolku.intake import rules
from kotipolku.intake.models import IntakeItem


class TeamResolver:
    """Team for a municipality: the team whose `municipality` matches, else the default team.

    The default is the team named in settings.INTAKE_DEFAULT_TEAM, else the oldest team. The teams (a
    handful per organisation) are read once and matched here. The list is kept in the worker's memory
    under the "teams" version of core.pagecache, which a save or delete of any Team bumps, so a contact
    request normally costs no query for its team (docs/reliability/load.md).
    """

    def __init__(self):
        self._teams: list[Team] | None = None

    def _all(self) -> list[Team]:
        if self._teams is None:
            self._teams = pagecache.get_or_compute("teams", namespaces=["teams"], ttl=300, compute=_read_teams)
        return self._teams

    def default(self) -> Team | None:
        teams = self._all()
        name = getattr(settings, "INTAKE_DEFAULT_TEAM", "")
        named = [t for t in teams if name and t.name == name]
        return (named or teams or [None])[0]

    def __call__(self, municipality: str) -> Team | None:
        key = (municipality or "").strip().casefold()
        matching = [t for t in self._all() if key and (t.municipality or "").strip().casefold() == key]
        return matching[0] if matching else self.default()


def _read_teams() -> list[Team]:
    return list(Team.objects.only("pk", "name", "municipality").order_by("pk"))


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
