"""The chat page without JavaScript, guidance paths, feedback and the editors' queue."""

import pytest

from kotipolku.bot import engine
from kotipolku.bot.models import EditorExample, Exchange
from kotipolku.bot.services import load_bot_content
from kotipolku.bot.tests.conftest import FIXTURES


@pytest.mark.django_db
def test_chat_works_with_plain_form_posts(anonymous):
    """Post a question, follow the redirect, see the question and the answer with links and feedback buttons."""
    response = anonymous.post("/fi/botti/", {"message": "vuokra on rästissä"}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "vuokra on rästissä" in page and "maksusuunnitelmasta" in page
    assert "/kasikirja/vuokranmaksu/" in page and 'name="helpful"' in page
    assert '<script src="/static/bot/chat.js"' in page and "<script>" not in page


@pytest.mark.django_db
def test_user_text_is_escaped_on_the_page(anonymous):
    """A script in the question is shown as text, never run."""
    page = anonymous.post("/fi/botti/", {"message": "<script>alert(1)</script> vuokra"}, follow=True).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


@pytest.mark.django_db
def test_emergency_shows_the_emergency_block_first(anonymous):
    """After an emergency message the page starts with the emergency block (112, crisis line)."""
    page = anonymous.post("/fi/botti/", {"message": "häätö tuli ja nukun tänään ulkona"}, follow=True).content.decode()
    assert 'class="emergency"' in page
    assert page.index('class="emergency"') < page.index("bot-conversation")


@pytest.mark.django_db
def test_page_language_follows_the_url_prefix(anonymous):
    """On /en/ the bot answers in English even to a short question."""
    page = anonymous.post("/en/botti/", {"message": "rent late"}, follow=True).content.decode()
    assert 'lang="en"' in page and "payment plan" in page


@pytest.mark.django_db
def test_feedback_form_records_the_answer_as_not_helpful(anonymous):
    """The no-JS 'No' button stores helpful=False and thanks the user."""
    anonymous.post("/fi/botti/", {"message": "vuokra myöhässä"})
    exchange = Exchange.objects.get()
    page = anonymous.post("/fi/botti/palaute/", {"exchange": str(exchange.public_id), "helpful": "0"}, follow=True)
    exchange.refresh_from_db()
    assert exchange.helpful is False and "Kiitos palautteesta" in page.content.decode()


@pytest.mark.django_db
def test_guidance_path_is_walked_with_links(anonymous):
    """Options are links to the next node; a leaf shows its handbook and service links."""
    start = anonymous.get("/fi/botti/polku/en-pysty-maksamaan-vuokraa/").content.decode()
    assert "Onko vuokra jo myöhässä?" in start and "?solmu=myohassa" in start
    leaf = anonymous.get("/fi/botti/polku/en-pysty-maksamaan-vuokraa/?solmu=myohassa").content.decode()
    assert "maksusuunnitelmasta" in leaf and "/kasikirja/kun-vuokra-myohastyy/" in leaf
    assert anonymous.get("/fi/botti/polku/en-pysty-maksamaan-vuokraa/?solmu=eiole").status_code == 404


@pytest.mark.django_db
def test_editor_turns_a_logged_question_into_an_example_the_bot_then_uses(as_editor, anonymous):
    """An unanswered question in the queue becomes an example phrasing, and the bot answers it next time."""
    load_bot_content(directory=FIXTURES)
    engine.invalidate()
    question = "vuokranantaja karhuaa rahojaan"
    anonymous.post("/fi/botti/", {"message": question})
    exchange = Exchange.objects.get()
    assert exchange.status == Exchange.Status.FALLBACK
    queue = as_editor.get("/fi/staff/botti/").content.decode()
    assert question in queue
    response = as_editor.post(
        f"/fi/staff/botti/{exchange.public_id}/esimerkki/",
        {"answer": "vuokra-myohassa", "lang": "fi", "text": question},
    )
    assert response.status_code == 302
    assert EditorExample.objects.filter(answer__key="vuokra-myohassa", text=question).exists()
    engine.invalidate()
    assert engine.answer(question, "fi").answer_id == "vuokra-myohassa"
    exchange.refresh_from_db()
    assert exchange.reviewed


@pytest.mark.django_db
def test_workers_cannot_see_the_queue(as_worker_a):
    """The queue is for editors (Area.CONTENT) only."""
    assert as_worker_a.get("/fi/staff/botti/").status_code == 403
