"""The KPI API: contract fields, validation errors, scoping and the audit event."""

import pytest

from kotipolku.clients.models import Client, Encounter
from kotipolku.conftest import logged_in, make_user
from kotipolku.core.models import AuditEvent, Role, Team

from .conftest import at

URL = "/api/v1/reports/kpis"
pytestmark = pytest.mark.django_db


def test_contract_fields_are_numbers(as_lead):
    """A lead gets the five contract figures as numbers, even with no data (shares 0 + a note)."""
    r = as_lead.get(URL, {"start": "2020-01-01", "end": "2030-12-31"})
    assert r.status_code == 200
    data = r.json()
    for key in (
        "clients_reached",
        "housing_solved_share",
        "secured_entry_share",
        "trust_grown_share",
        "long_term_homeless_count",
    ):
        assert isinstance(data[key], (int, float)), key
    assert any("housing_solved_share" in n for n in data["notes"])


def test_worker_gets_403(as_worker_a):
    """Workers have no reports area."""
    assert as_worker_a.get(URL, {"start": "2025-01-01", "end": "2025-12-31"}).status_code == 403


@pytest.mark.parametrize(
    "params, field",
    [
        ({"start": "2025-12-31", "end": "2025-01-01"}, "end"),
        ({"start": "2025-01-01"}, "end"),
        ({"start": "2025-13-01", "end": "2025-12-31"}, "start"),
        ({"start": "1900-01-01", "end": "2025-12-31"}, "end"),
        ({"start": "2025-01-01", "end": "2025-12-31", "team": "999999"}, "team"),
        ({"start": "2025-01-01", "end": "2025-12-31", "team": "abc"}, "team"),
        ({"start": "2025-01-01", "end": "2025-12-31", "municipality": "Atlantis"}, "municipality"),
    ],
)
def test_bad_input_gives_400_with_field(as_lead, params, field):
    """Invalid periods, unknown teams and municipalities → 400 {"detail": [{"field", "reason"}]}."""
    r = as_lead.get(URL, params)
    assert r.status_code == 400
    assert field in [d["field"] for d in r.json()["detail"]]


def test_lead_cannot_filter_by_a_team_outside_their_teams(team_a):
    """A lead of team C only: team A is 'unknown' to them (400), not a way to read its figures."""
    team_c = Team.objects.create(name="Tiimi C")
    lead_c = make_user("lead-c", Role.LEAD, team_c, is_lead=True)
    r = logged_in(lead_c).get(URL, {"start": "2025-01-01", "end": "2025-12-31", "team": team_a.pk})
    assert r.status_code == 400


def test_lead_sees_only_own_teams_and_read_is_audited(team_a, team_b, admin_user):
    """Clients of team A (2) and of a team C (1) met in 2025: a lead of A and B counts 2, the admin 3;
    the read writes one reporting.kpis audit event."""
    team_c = Team.objects.create(name="Tiimi C")
    lead = make_user("lead-ab", Role.LEAD, team_a, team_b, is_lead=True)
    for team in (team_a, team_a, team_c):
        c = Client.objects.create(nickname="x")
        c.teams.add(team)
        Encounter.objects.create(client=c, type="outreach", occurred_at=at("2025-05-01"))
    params = {"start": "2025-01-01", "end": "2025-12-31"}
    assert logged_in(lead).get(URL, params).json()["clients_reached"] == 2
    assert logged_in(admin_user).get(URL, params).json()["clients_reached"] == 3
    assert logged_in(admin_user).get(URL, {**params, "team": team_c.pk}).json()["clients_reached"] == 1
    assert AuditEvent.objects.filter(object_type="reporting.kpis", actor_label="lead-ab").count() == 1
