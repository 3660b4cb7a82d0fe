"""Permission-matrix rows of the instruments module (see core/permission_matrix.py)."""

from kotipolku.core.permission_matrix import Row, public, staff_page, team_a_object

SCORING_TOOL = "asumispalvelun-pisteytys"


def setup(ctx):
    from kotipolku.clients.models import Client
    from kotipolku.instruments import selectors, services

    ctx.instr_client_a = Client.objects.create(nickname="Arvioitava A")
    ctx.instr_client_a.teams.add(ctx.team_a)
    public_version = selectors.self_assessment_version()
    example = public_version.parsed.examples[0]
    ctx.instr_public_token = services.result_token(
        services.response_submit_public(version=public_version, answers=dict(example.answers))
    )
    tool = selectors.instrument_current_version(code=SCORING_TOOL)
    ctx.instr_response_a = services.response_submit_for_client(
        actor=ctx.worker_a, version=tool, client=ctx.instr_client_a, answers=dict(tool.parsed.examples[0].answers)
    )


def _client_path(suffix=""):
    return lambda ctx: f"/fi/staff/arviointi/asiakas/{ctx.instr_client_a.pk}/{suffix}"


def _response_path(suffix=""):
    return lambda ctx: f"/fi/staff/arviointi/vastaus/{ctx.instr_response_a.pk}/{suffix}"


ROWS = [
    Row("instruments:self-assessment", public(200), path="/fi/itsearvio/"),
    Row("instruments:self-assessment", public(200), path="/sv/itsearvio/", note="sv"),
    # An empty submission answers with field errors, never a 500.
    Row("instruments:self-assessment", public(200), path="/fi/itsearvio/", method="POST", body={}, note="empty"),
    Row(
        "instruments:self-assessment-result",
        public(200),
        path=lambda ctx: f"/fi/itsearvio/tulos/{ctx.instr_public_token}/",
    ),
    Row(
        "instruments:self-assessment-result",
        public(404),
        path="/fi/itsearvio/tulos/forged/",
        note="forged",
        audited_refusal=False,
    ),
    Row("instruments:staff-index", staff_page("worker_a", "worker_b", "lead", "admin"), path="/fi/staff/arviointi/"),
    Row("instruments:staff-stats", staff_page("lead", "admin"), path="/fi/staff/arviointi/tilastot/"),
    Row("instruments:staff-client", team_a_object(page=True), path=_client_path()),
    Row("instruments:staff-fill", team_a_object(page=True), path=_client_path(f"{SCORING_TOOL}/")),
    Row(
        "instruments:staff-fill",
        team_a_object(page=True),
        path=_client_path(f"{SCORING_TOOL}/"),
        method="POST",
        body={},
        note="empty",
    ),
    Row("instruments:staff-response", team_a_object(page=True), path=_response_path()),
    Row("instruments:staff-print", team_a_object(page=True), path=_response_path("tuloste/")),
]
