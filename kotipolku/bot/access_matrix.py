"""Permission-matrix rows of the bot: public chat and API, editors' queue (Area.CONTENT)."""

import uuid

from kotipolku.core.permission_matrix import Row, public, staff_page


def setup(ctx):
    from kotipolku.bot import engine
    from kotipolku.bot.models import Answer, Exchange, GuidancePath

    texts = {
        lang: {"examples": ["En pysty maksamaan vuokraa"], "answer": "Ota yhteyttä."} for lang in ("fi", "sv", "en")
    }
    Answer.objects.create(key="matriisi-vastaus", theme="vuokranmaksu", texts=texts)
    leaf = {"text": {"fi": "a", "sv": "a", "en": "a"}, "handbook": [], "services": [], "options": []}
    GuidancePath.objects.create(
        key="matriisi-polku",
        theme="vuokranmaksu",
        title={"fi": "P", "sv": "P", "en": "P"},
        start="a",
        nodes={"a": leaf},
    )
    ctx.bot_exchange = Exchange.objects.create(
        conversation=uuid.uuid4(), lang="fi", question="kysymys", status=Exchange.Status.FALLBACK
    )
    engine.invalidate()


def _ex(ctx, name):
    return f"/fi/staff/botti/{ctx.bot_exchange.public_id}/{name}/"


ROWS = [
    Row("bot:chat", public(200), path="/fi/botti/"),
    Row("bot:chat", public(200), path="/sv/botti/", note="sv"),
    Row("bot:chat", public(302), path="/fi/botti/", method="POST", body={"message": "En pysty maksamaan vuokraa"}),
    Row("bot:chat", public(400), path="/fi/botti/", method="POST", body={"message": ""}, note="empty"),
    Row("bot:feedback", public(302), path="/fi/botti/palaute/", method="POST", body={"helpful": "1"}),
    Row("bot:path", public(200), path="/fi/botti/polku/matriisi-polku/"),
    Row("bot:path", public(404), path="/fi/botti/polku/ei-ole/", note="unknown", audited_refusal=False),
    Row("bot:staff-queue", staff_page("editor", "admin"), path="/fi/staff/botti/"),
    Row(
        "bot:staff-add-example",
        staff_page("editor", "admin", ok=302),
        path=lambda ctx: _ex(ctx, "esimerkki"),
        method="POST",
        body={"answer": "matriisi-vastaus", "lang": "fi", "text": "vuokra rästissä"},
    ),
    Row(
        "bot:staff-mark-reviewed",
        staff_page("editor", "admin", ok=302),
        path=lambda ctx: _ex(ctx, "kasitelty"),
        method="POST",
        body={},
    ),
    Row("api:bot-ask", public(200), path="/api/v1/bot/ask", method="POST", body={"message": "vuokra"}, json=True),
    Row(
        "api:bot-ask",
        public(400),
        path="/api/v1/bot/ask",
        method="POST",
        body={"message": "   "},
        json=True,
        note="blank",
    ),
    Row(
        "api:bot-feedback",
        public(200),
        path="/api/v1/bot/feedback",
        method="POST",
        body=lambda ctx: {"exchange": str(ctx.bot_exchange.public_id), "helpful": True},
        json=True,
    ),
]
