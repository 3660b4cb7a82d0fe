"""Permission-matrix rows of reporting: aggregate reports for leads and admins, the by-name list
for client workers (their teams only), observations filed by client workers and read by leads,
editors and admins. Exports have the same rows as their pages."""

from kotipolku.core.permission_matrix import Row, staff_api, staff_page

REPORTS = staff_page("lead", "admin")
CLIENT_WORK = staff_page("worker_a", "worker_b", "lead", "admin")
OBS_READERS = staff_page("lead", "editor", "admin")
Q = "?start=2025-01-01&end=2025-12-31"


def setup(ctx):
    from kotipolku.clients.models import Client, HousingPeriod

    ctx.reporting_client = Client.objects.create(nickname="Raportti A")
    ctx.reporting_client.teams.add(ctx.team_a)
    HousingPeriod.objects.create(client=ctx.reporting_client, status="outdoors_shelter", start_date="2024-01-01")


ROWS = [
    Row("api:reports-kpis", staff_api("lead", "admin"), path="/api/v1/reports/kpis" + Q),
    Row(
        "api:reports-kpis",
        {**staff_api("lead", "admin", ok=400)},
        path="/api/v1/reports/kpis?start=2025-12-31&end=2025-01-01",
        note="end before start",
    ),
    Row("reporting:dashboard", REPORTS, path="/fi/staff/raportit/" + Q),
    Row("reporting:dashboard-export", REPORTS, path="/fi/staff/raportit/kpi.csv" + Q),
    Row("reporting:dashboard-export", REPORTS, path="/fi/staff/raportit/kpi.xlsx" + Q, note="xlsx"),
    Row("reporting:period-report", REPORTS, path="/fi/staff/raportit/kausiraportti/?period=2025-Q1"),
    Row("reporting:targets", REPORTS, path="/fi/staff/raportit/tavoitteet/"),
    Row(
        "reporting:targets",
        {**REPORTS, "lead": 400, "admin": 400},
        path="/fi/staff/raportit/tavoitteet/",
        method="POST",
        body={"metric": "clients_reached"},
        note="invalid form",
    ),
    Row("reporting:by-name", CLIENT_WORK, path="/fi/staff/raportit/asunnottomat/"),
    # Worker B asking for team A's list: the team is not one of theirs → 404.
    Row(
        "reporting:by-name",
        {**CLIENT_WORK, "worker_b": 404},
        path=lambda ctx: f"/fi/staff/raportit/asunnottomat/?team={ctx.team_a.pk}",
        note="team A",
    ),
    Row("reporting:by-name-export", CLIENT_WORK, path="/fi/staff/raportit/asunnottomat.csv"),
    Row(
        "reporting:by-name-export",
        {**CLIENT_WORK, "worker_b": 404},
        path=lambda ctx: f"/fi/staff/raportit/asunnottomat.xlsx?team={ctx.team_a.pk}",
        note="team A xlsx",
    ),
    Row("reporting:pit", REPORTS, path="/fi/staff/raportit/poikkileikkaus/?on=2025-06-30"),
    Row("reporting:pit-export", REPORTS, path="/fi/staff/raportit/poikkileikkaus.csv?on=2025-06-30"),
    Row("reporting:pit-export", REPORTS, path="/fi/staff/raportit/poikkileikkaus.xlsx?on=2025-06-30", note="xlsx"),
    Row("reporting:flow", REPORTS, path="/fi/staff/raportit/virtaus/" + Q),
    Row("reporting:observations", OBS_READERS, path="/fi/staff/raportit/havainnot/" + Q),
    Row("reporting:observations-export", OBS_READERS, path="/fi/staff/raportit/havainnot.csv" + Q),
    Row("reporting:observation-create", CLIENT_WORK, path="/fi/staff/raportit/havainnot/uusi/"),
    Row(
        "reporting:observation-create",
        {**CLIENT_WORK, "worker_a": 400, "worker_b": 400, "lead": 400, "admin": 400},
        path="/fi/staff/raportit/havainnot/uusi/",
        method="POST",
        body={"phenomenon": ""},
        note="invalid form",
    ),
]
