"""Pages and exports: scoping, audit events, charts with tables, personal-data refusal, targets."""

import csv
import datetime as dt
import io

import pytest

from kotipolku.clients.models import Client, Closing, Encounter, HousingPeriod
from kotipolku.core.models import AuditEvent
from kotipolku.reporting.models import Observation, ResultTarget
from kotipolku.reporting.views import parse_report_period

from .conftest import at, d

pytestmark = pytest.mark.django_db
Q = "?start=2025-01-01&end=2025-12-31"


def _client(team, name, status="outdoors_shelter", start="2024-01-01"):
    c = Client.objects.create(nickname=name)
    c.teams.add(team)
    HousingPeriod.objects.create(client=c, status=status, start_date=d(start))
    return c


def test_dashboard_has_svg_charts_with_tables_and_definitions(as_lead, team_a):
    """The dashboard draws inline SVG (role=img with a title), a data table and the definitions."""
    c = _client(team_a, "A")
    Encounter.objects.create(client=c, type="outreach", occurred_at=at("2025-03-01"))
    html = as_lead.get("/fi/staff/raportit/" + Q).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html and "<title>" in html
    assert "<table>" in html and 'id="def-reached"' in html
    assert "<script" not in html.split("</header>")[-1]


def test_dashboard_shows_progress_against_target(as_lead, team_a):
    """Target 4 reached in 2025, 1 client reached → 25.0 % of target."""
    c = _client(team_a, "A")
    Encounter.objects.create(client=c, type="outreach", occurred_at=at("2025-03-01"))
    ResultTarget.objects.create(
        metric="clients_reached", period_start=d("2025-01-01"), period_end=d("2025-12-31"), value=4
    )
    html = as_lead.get("/fi/staff/raportit/" + Q).content.decode()
    assert "25.0 %" in html or "25,0 %" in html


def test_dashboard_bad_period_is_a_field_error(as_lead):
    """End before start → 400 with the error summary, not a 500."""
    r = as_lead.get("/fi/staff/raportit/?start=2025-12-31&end=2025-01-01")
    assert r.status_code == 400 and "error-summary" in r.content.decode()


def test_dashboard_export_suppresses_small_counts(as_lead, team_a):
    """One client reached → the exported 'reached' cell is "<5"."""
    c = _client(team_a, "A")
    Encounter.objects.create(client=c, type="outreach", occurred_at=at("2025-03-01"))
    r = as_lead.get("/fi/staff/raportit/kpi.csv" + Q)
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[2][1] == "<5"
    assert AuditEvent.objects.filter(object_type="reporting.kpis", action="export").count() == 1


def test_by_name_list_only_own_team_and_audited(as_worker_a, team_a, team_b):
    """Worker A sees team A's homeless client, not team B's; the read names the clients shown."""
    a = _client(team_a, "Aatu")
    _client(team_b, "Bertta")
    _client(team_a, "Asuva", status="own_rental")
    html = as_worker_a.get("/fi/staff/raportit/asunnottomat/").content.decode()
    assert "Aatu" in html and "Bertta" not in html and "Asuva" not in html
    event = AuditEvent.objects.filter(object_type="clients.Client", action="read").latest("id")
    assert event.detail["ids"] == [str(a.pk)]


def test_by_name_export_never_includes_other_teams(as_worker_a, as_lead, team_a, team_b):
    """Worker A's export has only team A; the lead of both sees both; exports are audited EXPORT."""
    _client(team_a, "Aatu")
    _client(team_b, "Bertta")
    body = as_worker_a.get("/fi/staff/raportit/asunnottomat.csv").content.decode("utf-8-sig")
    assert "Aatu" in body and "Bertta" not in body
    body = as_lead.get("/fi/staff/raportit/asunnottomat.csv").content.decode("utf-8-sig")
    assert "Aatu" in body and "Bertta" in body
    assert AuditEvent.objects.filter(action="export", detail__report="reporting.by_name").count() == 2


def test_by_name_long_term_flag_and_target_line(as_worker_a, team_a, settings):
    """A client homeless since 2024 is long-term; the chart shows the target line of the setting."""
    settings.LONG_TERM_HOMELESS_TARGET = 37
    _client(team_a, "Aatu", start="2020-01-01")
    html = as_worker_a.get("/fi/staff/raportit/asunnottomat/").content.decode()
    assert 'class="badge danger">kyllä' in html
    assert 'class="chart-target"' in html and "37" in html


def test_closed_client_not_on_by_name_list(as_worker_a, team_a):
    """A homeless client whose work is closed is not on the list."""
    c = _client(team_a, "Suljettu")
    c.status = "closed"
    c.save()
    Closing.objects.create(client=c, reason="other", housing_outcome="other", closed_at=at("2025-01-01"))
    assert "Suljettu" not in as_worker_a.get("/fi/staff/raportit/asunnottomat/").content.decode()


def _obs(**over):
    data = {
        "phenomenon": "Vuokravelat kasvavat kesällä",
        "theme": "vuokranmaksu",
        "municipality": "Vantaa",
        "frequency": "often",
        "example": "Nuoret eivät tiedä, että asumistuki pitää tarkistaa.",
        "proposal": "Kelan neuvontaa walk-iniin.",
    }
    return {**data, **over}


def test_observation_with_personal_data_is_refused(as_worker_a, team_a):
    """A phone number in the example is refused with a field error; nothing is saved."""
    r = as_worker_a.post(
        "/fi/staff/raportit/havainnot/uusi/", _obs(team=team_a.pk, example="Soita 040 123 4567 asiasta")
    )
    assert r.status_code == 400
    assert "henkilötietoja" in r.content.decode()
    assert Observation.objects.count() == 0


def test_observation_with_identity_code_in_proposal_is_refused(as_worker_a, team_a):
    """An identity code in the proposal is refused too."""
    r = as_worker_a.post("/fi/staff/raportit/havainnot/uusi/", _obs(team=team_a.pk, proposal="131052-308T"))
    assert r.status_code == 400 and Observation.objects.count() == 0


def test_observation_saved_and_aggregated(as_worker_a, as_lead, as_editor, as_worker_b, team_a):
    """A clean observation is saved for the worker's team; leads and editors see it in the report;
    workers cannot read the report; worker B cannot file for team A."""
    assert as_worker_a.post("/fi/staff/raportit/havainnot/uusi/", _obs(team=team_a.pk)).status_code == 302
    obs = Observation.objects.get()
    assert obs.team == team_a
    today = dt.date.today()
    q = f"?start={today.replace(month=1, day=1)}&end={today}"
    assert "Vuokravelat kasvavat" in as_lead.get("/fi/staff/raportit/havainnot/" + q).content.decode()
    assert "Vuokravelat kasvavat" in as_editor.get("/fi/staff/raportit/havainnot/" + q).content.decode()
    assert as_worker_a.get("/fi/staff/raportit/havainnot/" + q).status_code == 403
    r = as_worker_b.post("/fi/staff/raportit/havainnot/uusi/", _obs(team=team_a.pk))
    assert r.status_code == 400 and Observation.objects.count() == 1


def test_lead_sets_target_for_own_team_only(as_lead, team_a):
    """A lead sets a target for team A; an 'all teams' target needs an admin (field error)."""
    body = {"metric": "housing_solved_share", "period_start": "2026-01-01", "period_end": "2026-12-31", "value": "75"}
    assert as_lead.post("/fi/staff/raportit/tavoitteet/", {**body, "team": team_a.pk}).status_code == 302
    assert as_lead.post("/fi/staff/raportit/tavoitteet/", body).status_code == 400
    assert (
        as_lead.post("/fi/staff/raportit/tavoitteet/", {**body, "team": team_a.pk, "value": "120"}).status_code == 400
    )
    assert ResultTarget.objects.get().value == 75


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-03", ("2025-03-01", "2025-03-31")),
        ("2024-Q1", ("2024-01-01", "2024-03-31")),
        ("2025", ("2025-01-01", "2025-12-31")),
        ("", ("2026-10-01", "2026-10-31")),
        ("2025-13", None),
        ("junk", None),
    ],
)
def test_report_period_parsing(value, expected):
    """Months, quarters, years; empty → previous month; nonsense → None."""
    p = parse_report_period(value, d("2026-11-23"))
    assert (None if p is None else (p.start.isoformat(), p.end.isoformat())) == expected


def test_period_report_page_and_flow(as_lead, team_a):
    """The printable period report and the flow page render; the flow shows the transition."""
    c = _client(team_a, "A", status="temporary_housing", start="2024-01-01")
    HousingPeriod.objects.filter(client=c).update(end_date=d("2025-02-28"))
    HousingPeriod.objects.create(client=c, status="housing_first", start_date=d("2025-03-01"))
    assert as_lead.get("/fi/staff/raportit/kausiraportti/?period=2025").status_code == 200
    assert as_lead.get("/fi/staff/raportit/kausiraportti/?period=x").status_code == 400
    html = as_lead.get("/fi/staff/raportit/virtaus/" + Q).content.decode()
    assert "Asunto ensin" in html and "<td>1</td>" in html
