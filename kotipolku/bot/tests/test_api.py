"""POST /api/v1/bot/ask and /bot/feedback: the contract, bad input, rate limit."""

import pytest

from kotipolku.bot.models import Exchange

URL = "/api/v1/bot/ask"


def ask(client, body):
    return client.post(URL, data=body, content_type="application/json")


@pytest.mark.django_db
def test_answer_has_the_contract_fields_and_links(anonymous):
    """theme, fallback, emergency and answer as in bot_batch, plus handbook and service links."""
    response = ask(anonymous, {"message": "En pysty maksamaan vuokraa", "lang": "fi"})
    assert response.status_code == 200
    data = response.json()
    assert data["theme"] == "vuokranmaksu" and data["fallback"] is False and data["emergency"] is False
    assert data["id"] == "vuokra-myohassa" and data["answer"]
    assert data["links"]["handbook"][0]["url"].endswith("/kasikirja/vuokranmaksu/")
    assert "category=debt_advice" in data["links"]["services"][0]["url"]
    assert data["links"]["contact_url"].endswith("?theme=vuokranmaksu")


@pytest.mark.django_db
@pytest.mark.parametrize("message", ["", "   ", "\x00\x01"])
def test_empty_messages_get_400_with_field_reason(anonymous, message):
    """Nothing to answer: 400 with {"detail": [{"field", "reason"}]}."""
    response = ask(anonymous, {"message": message})
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "message"


@pytest.mark.django_db
def test_too_long_and_malformed_bodies_get_400(anonymous):
    """Over 10,000 characters, a wrong language code or a non-string message are validation errors."""
    assert ask(anonymous, {"message": "a" * 10_001}).status_code == 400
    assert ask(anonymous, {"message": "vuokra", "lang": "de"}).status_code == 400
    assert ask(anonymous, {"message": ["x"]}).status_code == 400
    assert anonymous.post(URL, data="{not json", content_type="application/json").status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    "message", ["a" * 10_000, "<script>alert(1)</script> vuokra", "🏠🏠🏠", "<b>häätö</b>", "\U0001f600"]
)
def test_odd_messages_get_a_polite_answer_and_are_never_reflected(anonymous, message):
    """Long, HTML and emoji-only messages answer 200 and the body never echoes the markup."""
    response = ask(anonymous, {"message": message})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()
    assert "<b>häätö</b>" not in response.content.decode()


@pytest.mark.django_db
def test_public_endpoint_is_rate_limited_per_client(anonymous, settings, one_rate_window):
    """Past BOT_RATE_LIMIT questions a minute the client gets 429 JSON."""
    settings.BOT_RATE_LIMIT = 3
    codes = [ask(anonymous, {"message": "vuokra"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    last = ask(anonymous, {"message": "vuokra"})
    assert last["Content-Type"].startswith("application/json") and "detail" in last.json()


@pytest.mark.django_db
def test_feedback_is_stored_on_the_exchange(anonymous):
    """'Was this helpful?' from the API lands on the logged exchange; unknown ids give 404."""
    exchange = ask(anonymous, {"message": "vuokra myöhässä"}).json()["exchange"]
    ok = anonymous.post(
        "/api/v1/bot/feedback", data={"exchange": exchange, "helpful": False}, content_type="application/json"
    )
    assert ok.status_code == 200
    assert Exchange.objects.get(public_id=exchange).helpful is False
    unknown = anonymous.post(
        "/api/v1/bot/feedback",
        data={"exchange": "00000000-0000-0000-0000-000000000000", "helpful": True},
        content_type="application/json",
    )
    assert unknown.status_code == 404
