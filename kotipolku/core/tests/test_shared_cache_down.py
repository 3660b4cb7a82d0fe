"""When the shared cache (Redis, CACHE_URL) cannot be reached, public pages, the bot, the contact form
and editors' saves keep working: caching and rate limits step aside instead of answering 500."""

import logging

import pytest
from django.test import Client

from kotipolku.core import cache as shared_cache
from kotipolku.core import pagecache, ratelimit
from kotipolku.core.cache import RedisCache
from kotipolku.intake.models import ContactRequest

# Nothing listens on port 1: every call is refused at once, as with a stopped Redis.
DOWN = RedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.2}})


@pytest.fixture
def redis_down(monkeypatch):
    monkeypatch.setattr(ratelimit, "cache", DOWN)
    monkeypatch.setattr(pagecache, "cache", DOWN)
    monkeypatch.setattr(shared_cache, "_last_warned", {})
    pagecache.reset()
    yield
    pagecache.reset()


def test_rate_limit_steps_aside_and_logs_when_the_cache_is_down(redis_down, caplog):
    logger = logging.getLogger("kotipolku.core.cache")
    logger.addHandler(caplog.handler)  # project loggers do not propagate to the root logger
    try:
        assert ratelimit.hit("bot:10.0.0.1", limit=1, window_seconds=60) is False
        assert ratelimit.hit("bot:10.0.0.1", limit=1, window_seconds=60) is False
    finally:
        logger.removeHandler(caplog.handler)
    assert "Shared cache unavailable in rate limit" in caplog.text


def test_nothing_is_cached_without_the_shared_versions(redis_down):
    calls = []
    for _ in range(2):
        pagecache.get_or_compute("t", "x", namespaces=("handbook",), ttl=60, compute=lambda: calls.append(1) or "v")
    assert len(calls) == 2  # another worker's save could not be seen, so nothing is reused


@pytest.mark.django_db
def test_public_pages_and_the_bot_answer_without_the_cache(redis_down):
    http = Client()
    assert http.get("/fi/kasikirja/").status_code == 200
    assert http.get("/api/v1/services?q=ruoka").status_code == 200
    answer = http.post("/api/v1/bot/ask", {"message": "Miten haen asumistukea?"}, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["answer"]
    assert http.get("/fi/yhteydenotto/").status_code == 200


@pytest.mark.django_db
def test_a_contact_request_is_stored_when_the_cache_is_down(redis_down, settings):
    settings.INTAKE_MIN_FILL_SECONDS = 0
    http = Client()
    page = http.get("/fi/yhteydenotto/")
    form = page.context["form"]
    response = http.post(
        "/fi/yhteydenotto/",
        {
            "theme": "vuokranmaksu",
            "urgency": "soon",
            "message": "Vuokra on rästissä.",
            "contact_method": "callback",
            "preferred_language": "fi",
            "municipality": "",
            "started": form.initial["started"],
            "website": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ContactRequest.objects.count() == 1


@pytest.mark.django_db
def test_an_editors_save_does_not_fail_when_the_cache_is_down(redis_down, editor):
    from kotipolku.core.tests.test_pagecache import article

    saved = article("haato", "fi", "Häätö")
    assert saved.pk is not None
