"""Permission-matrix rows of the clients module: team A's client is 404 to worker B everywhere."""

import datetime as dt

from kotipolku.core.permission_matrix import Row, public, staff_api, staff_page, team_a_object

FEEDBACK_TOKEN = "matrix-feedback-token"


def setup(ctx):
    from kotipolku.clients.models import Client, FeedbackLink, Goal, HousingPeriod, Referral, hash_token

    ctx.client_a = Client.objects.create(nickname="Matriisi A")
    ctx.client_a.teams.add(ctx.team_a)
    ctx.period_a = HousingPeriod.objects.create(
        client=ctx.client_a, status="outdoors_shelter", start_date=dt.date(2025, 1, 1)
    )
    ctx.goal_a = Goal.objects.create(client=ctx.client_a, text="Asunto")
    ctx.referral_a = Referral.objects.create(client=ctx.client_a, target_text="Kela")
    FeedbackLink.objects.create(
        team=ctx.team_a,
        client=ctx.client_a,
        token_hash=hash_token(FEEDBACK_TOKEN),
        expires_at=FeedbackLink.default_expiry(),
    )


def _c(suffix: str = ""):
    return lambda ctx: f"/fi/staff/asiakkaat/{ctx.client_a.pk}/{suffix}"


CLIENT_WORK = ("worker_a", "worker_b", "lead", "admin")
PAGE = team_a_object(page=True)
POST_ONLY = team_a_object(page=True, ok=405)  # GET of a button's action: 405 after the 404 check
LEADS_ONLY = {**team_a_object(page=True), "worker_a": 403}

ROWS = [
    Row("api:client-list", staff_api(*CLIENT_WORK), path="/api/v1/clients"),
    Row("api:client-detail", team_a_object(page=False), path=lambda ctx: f"/api/v1/clients/{ctx.client_a.pk}"),
    Row(
        "api:client-encounter-create",
        team_a_object(page=False, ok=201),
        path=lambda ctx: f"/api/v1/clients/{ctx.client_a.pk}/encounters",
        method="POST",
        body={"type": "phone", "topics": ["benefits"]},
        json=True,
    ),
    Row("clients:caseload", staff_page(*CLIENT_WORK), path="/fi/staff/asiakkaat/"),
    Row("clients:caseload", staff_page(*CLIENT_WORK), path="/fi/staff/asiakkaat/?not_met=14", note="not met"),
    Row(
        "clients:caseload",
        staff_page(*CLIENT_WORK),
        path=lambda ctx: f"/fi/staff/asiakkaat/?team={ctx.team_a.pk}",
        note="team A (worker B sees own list)",
    ),
    Row("clients:caseload", staff_page(*CLIENT_WORK), path="/fi/staff/asiakkaat/?q=Matriisi", note="search"),
    Row("clients:client-create", staff_page(*CLIENT_WORK), path="/fi/staff/asiakkaat/uusi/"),
    Row("clients:walk-in", staff_page(*CLIENT_WORK), path="/fi/staff/walk-in/"),
    Row("clients:detail", PAGE, path=_c()),
    Row("clients:encounter-create", PAGE, path=_c("tapaaminen/")),
    Row(
        "clients:encounter-create",
        team_a_object(page=True, ok=302),
        path=_c("tapaaminen/"),
        method="POST",
        body=lambda ctx: {"type": "outreach", "date": dt.date.today().isoformat(), "topics": ["health"]},
        note="save",
    ),
    Row("clients:client-edit", PAGE, path=_c("muokkaa/")),
    Row("clients:client-identify", PAGE, path=_c("tunnista/")),
    Row("clients:housing-add", PAGE, path=_c("asuminen/")),
    Row(
        "clients:housing-close",
        POST_ONLY,
        path=lambda ctx: f"/fi/staff/asiakkaat/{ctx.client_a.pk}/asuminen/{ctx.period_a.pk}/paata/",
    ),
    Row("clients:goal-add", PAGE, path=_c("tavoitteet/")),
    Row(
        "clients:goal-status",
        POST_ONLY,
        path=lambda ctx: f"/fi/staff/asiakkaat/{ctx.client_a.pk}/tavoitteet/{ctx.goal_a.pk}/tila/",
    ),
    Row(
        "clients:goal-status",
        team_a_object(page=True, ok=302),
        path=lambda ctx: f"/fi/staff/asiakkaat/{ctx.client_a.pk}/tavoitteet/{ctx.goal_a.pk}/tila/",
        method="POST",
        body={"status": "open"},
        note="save",
    ),
    Row("clients:referral-add", PAGE, path=_c("ohjaukset/")),
    Row(
        "clients:referral-transition",
        POST_ONLY,
        path=lambda ctx: f"/fi/staff/asiakkaat/{ctx.client_a.pk}/ohjaukset/{ctx.referral_a.pk}/tila/",
    ),
    Row("clients:client-close", PAGE, path=_c("paata/")),
    Row("clients:client-reopen", POST_ONLY, path=_c("avaa/")),
    Row("clients:feedback-add", PAGE, path=_c("palaute/")),
    Row("clients:feedback-link", PAGE, path=_c("palautelinkki/")),
    Row("clients:export", PAGE, path=_c("tiedot/")),
    Row("clients:export-json", PAGE, path=_c("tiedot.json")),
    Row("clients:anonymise", LEADS_ONLY, path=_c("anonymisoi/")),
    Row("clients:public-feedback", public(200), path=f"/fi/palaute/{FEEDBACK_TOKEN}/"),
    Row("clients:public-feedback", public(410), path="/fi/palaute/not-a-token/", note="unknown token"),
]
