"""Which team a contact request or landlord notice goes to."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotipolku.core.models import Team
from kotipolku.intake.services.common import TeamResolver


def test_municipality_match_ignores_case_and_spaces_then_falls_back(team_a, team_b, settings):
    """The team of the municipality wins; an unknown or empty municipality goes to the default team."""
    settings.INTAKE_DEFAULT_TEAM = ""
    resolve = TeamResolver()
    assert resolve(" hyvinkää ") == team_b
    assert resolve("VANTAA") == team_a
    assert resolve("Tuusula") == team_a  # no team of its own: the oldest team
    assert resolve("") == team_a


def test_named_default_team(team_a, team_b, settings):
    """INTAKE_DEFAULT_TEAM names the fallback team."""
    settings.INTAKE_DEFAULT_TEAM = "Tiimi B"
    assert TeamResolver()("Tuusula") == team_b


def test_no_teams_gives_none(db):
    assert TeamResolver()("Vantaa") is None


def test_one_query_for_any_number_of_municipalities(team_a, team_b):
    """A batch of notices costs one team query, whatever municipalities it names."""
    Team.objects.create(name="Tiimi C", municipality="Kerava")
    resolve = TeamResolver()
    with CaptureQueriesContext(connection) as ctx:
        found = [resolve(m) for m in ("Kerava", "Vantaa", "Hyvinkää", "Tuusula", "kerava")]
    assert [t.name for t in found] == ["Tiimi C", "Tiimi A", "Tiimi B", "Tiimi A", "Tiimi C"]
    assert len(ctx.captured_queries) == 1


def test_the_team_list_is_kept_between_requests_until_a_team_changes(team_a, team_b):
    """Contact requests do not read the teams each time, but a changed team is used at once."""
    assert TeamResolver()("Kerava") == team_a  # reads and keeps the list
    with CaptureQueriesContext(connection) as ctx:
        assert TeamResolver()("Hyvinkää") == team_b
    assert len(ctx.captured_queries) == 0
    team_b.municipality = "Kerava"
    team_b.save()
    assert TeamResolver()("Kerava") == team_b
    Team.objects.create(name="Tiimi C", municipality="Järvenpää")
    assert TeamResolver()("järvenpää").name == "Tiimi C"
    team_b.delete()
    assert TeamResolver()("Kerava") == team_a
