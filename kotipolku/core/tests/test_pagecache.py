"""The public page cache (core.pagecache): cached only for anonymous visitors, per language, dropped on
an editor's save, never holding a CSRF token, a cookie, staff pages or personal data."""

import datetime as dt
import json
import re

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client, RequestFactory

from kotipolku.bot.models import Exchange
from kotipolku.core import pagecache
from kotipolku.handbook.models import Article
from kotipolku.intake.models import ContactRequest

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED = re.compile(r'name="started" value="([^"]*)"')


def article(slug: str, lang: str, title: str) -> Article:
    row = Article(
        slug=slug,
        lang=lang,
        theme="haato",
        title=title,
        summary="Tiivistelmä.",
        body="## Tee ensin\n\nSoita.",
        sources=[{"title": "Finlex", "url": "https://www.finlex.fi/"}],
        last_reviewed=dt.date(2026, 11, 23),
    )
    row.save()
    return row


@pytest.fixture
def articles(db):
    return article("haato", "fi", "Häätö suomeksi"), article("haato", "sv", "Vräkning på svenska")


def test_handbook_page_is_served_from_the_cache_to_anonymous_visitors(articles):
    """The second anonymous request is a cache hit with the same page."""
    first = Client().get("/fi/kasikirja/haato/")
    second = Client().get("/fi/kasikirja/haato/")
    assert first["X-Kotipolku-Cache"] == "miss"
    assert second["X-Kotipolku-Cache"] == "hit"
    assert second.content == first.content
    assert "Häätö suomeksi" in second.content.decode()


def test_cached_page_changes_after_an_editors_save(articles, django_capture_on_commit_callbacks):
    """Saving the article (as the admin does) drops the cached pages at once: index and article."""
    fi, _sv = articles
    Client().get("/fi/kasikirja/haato/")
    Client().get("/fi/kasikirja/")
    fi.title = "Häätö, uusi otsikko"
    with django_capture_on_commit_callbacks(execute=True):
        fi.save()
    page = Client().get("/fi/kasikirja/haato/")
    index = Client().get("/fi/kasikirja/")
    assert page["X-Kotipolku-Cache"] == "miss"
    assert "Häätö, uusi otsikko" in page.content.decode()
    assert "Häätö, uusi otsikko" in index.content.decode()


def test_another_workers_save_is_seen_within_the_version_check(articles, monkeypatch):
    """A worker that did not save sees the new version from the shared cache (here: at once)."""
    Client().get("/fi/kasikirja/")
    assert Client().get("/fi/kasikirja/")["X-Kotipolku-Cache"] == "hit"
    cache.incr(pagecache._version_key("handbook"))  # what another worker's bump does
    monkeypatch.setattr(pagecache, "VERSION_CHECK_SECONDS", 0)
    assert Client().get("/fi/kasikirja/")["X-Kotipolku-Cache"] == "miss"


def test_finnish_and_swedish_pages_are_never_mixed(articles):
    """The same article path in fi and sv: each language gets its own cached page."""
    for _ in range(2):
        fi = Client().get("/fi/kasikirja/haato/").content.decode()
        sv = Client().get("/sv/kasikirja/haato/").content.decode()
        assert '<html lang="fi">' in fi and "Häätö suomeksi" in fi and "Vräkning" not in fi
        assert '<html lang="sv">' in sv and "Vräkning på svenska" in sv and "Häätö suomeksi" not in sv


def test_staff_pages_are_never_stored_or_served_from_the_cache(articles, as_editor):
    """A logged-in editor gets the page rendered for them; anonymous visitors never see it."""
    staff_page = as_editor.get("/fi/kasikirja/haato/")
    assert "X-Kotipolku-Cache" not in staff_page
    assert "Kirjaudu ulos" in staff_page.content.decode()
    anonymous_page = Client().get("/fi/kasikirja/haato/")
    assert "Kirjaudu ulos" not in anonymous_page.content.decode()
    assert "csrfmiddlewaretoken" not in anonymous_page.content.decode()
    # and the anonymous visitor's cached page is not given to the editor
    assert "Kirjaudu ulos" in as_editor.get("/fi/kasikirja/haato/").content.decode()
    assert "X-Kotipolku-Cache" not in as_editor.get("/fi/staff/")


def test_unknown_query_parameters_bypass_the_cache(articles):
    """Random query strings would fill the cache: only ?print= is cached on an article."""
    Client().get("/fi/kasikirja/haato/?utm=x")
    assert "X-Kotipolku-Cache" not in Client().get("/fi/kasikirja/haato/?utm=x")
    Client().get("/fi/kasikirja/haato/?print=1")
    assert Client().get("/fi/kasikirja/haato/?print=1")["X-Kotipolku-Cache"] == "hit"


def test_responses_with_cookies_or_csrf_tokens_are_not_storable(rf: RequestFactory):
    request = rf.get("/")
    assert pagecache.storable(request, HttpResponse("ok"))
    with_cookie = HttpResponse("ok")
    with_cookie.set_cookie("x", "1")
    assert not pagecache.storable(request, with_cookie)
    assert not pagecache.storable(request, HttpResponse('<input name="csrfmiddlewaretoken" value="a">'))
    assert not pagecache.storable(request, HttpResponse("no", status=404))
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    assert not pagecache.storable(request, HttpResponse("ok"))


def test_contact_form_gives_every_visitor_their_own_csrf_token_and_post_is_never_cached(db, settings):
    """The cached form page carries each visitor's own token; posting it works and stores a request."""
    settings.INTAKE_MIN_FILL_SECONDS = 0
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page1 = first.get("/fi/yhteydenotto/")
    page2 = second.get("/fi/yhteydenotto/")
    assert page2["X-Kotipolku-Cache"] == "hit"
    token1, token2 = CSRF.search(page1.content.decode()).group(1), CSRF.search(page2.content.decode()).group(1)
    assert token1 != token2
    assert "csrftoken" in page2.cookies  # the hit still sets the visitor's CSRF cookie
    for client, page, token, marker in ((first, page1, token1, "A-1"), (second, page2, token2, "B-2")):
        answer = client.post(
            "/fi/yhteydenotto/",
            {
                "csrfmiddlewaretoken": token,
                "urgency": "not_urgent",
                "contact_method": "callback",
                "preferred_language": "fi",
                "municipality": marker,
                "website": "",
                "started": STARTED.search(page.content.decode()).group(1),
            },
        )
        assert answer.status_code == 302 and "kiitos" in answer["Location"]
        assert "X-Kotipolku-Cache" not in answer
        done = client.get(answer["Location"])
        assert ContactRequest.objects.get(municipality=marker).reference_code in done.content.decode()
    assert ContactRequest.objects.count() == 2


def test_contact_form_with_a_session_is_rendered_not_cached(db, as_editor):
    Client().get("/fi/yhteydenotto/")
    assert "X-Kotipolku-Cache" not in as_editor.get("/fi/yhteydenotto/")


def test_service_search_is_cached_per_query_and_dropped_when_a_service_is_saved(db, django_capture_on_commit_callbacks):
    from kotipolku.services.services import service_upsert

    def save(name: str):
        data = {"id": "s1", "name": name, "categories": ["food_aid"], "municipalities": ["092"]}
        with django_capture_on_commit_callbacks(execute=True):
            service_upsert(actor="system", data=data)

    save("Ruoka-apu Alfa")
    first = Client().get("/api/v1/services?q=ruoka")
    assert first["X-Kotipolku-Cache"] == "miss"
    assert Client().get("/api/v1/services?q=ruoka")["X-Kotipolku-Cache"] == "hit"
    assert Client().get("/api/v1/services?q=ruoka&lang=sv")["X-Kotipolku-Cache"] == "miss"
    save("Ruoka-apu Beeta")
    fresh = Client().get("/api/v1/services?q=ruoka")
    assert fresh["X-Kotipolku-Cache"] == "miss"
    assert [item["name"] for item in fresh.json()["items"]] == ["Ruoka-apu Beeta"]
    assert Client().get("/api/v1/services?page=0").status_code == 400  # errors are answered, not cached
    assert "X-Kotipolku-Cache" not in Client().get("/api/v1/services?page=0")


def test_bot_replies_are_cached_but_every_question_is_still_logged_and_rate_limited(db, settings, one_rate_window):
    """The same question twice: the same answer, two redacted log rows; over the limit → 429."""
    settings.BOT_RATE_LIMIT = 3
    body = {"message": "En pysty maksamaan vuokraa, soita 040 123 4567", "lang": "fi"}
    answers = [Client().post("/api/v1/bot/ask", json.dumps(body), content_type="application/json") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    first, second = answers[0].json(), answers[1].json()
    assert first["answer"] == second["answer"] and first["exchange"] != second["exchange"]
    logged = list(Exchange.objects.values_list("question", flat=True))
    assert len(logged) == 3
    assert all("040 123 4567" not in q for q in logged)


def test_emergency_block_lists_open_shelters_and_follows_a_service_save(db, django_capture_on_commit_callbacks):
    from kotipolku.core.emergency import emergency_context
    from kotipolku.services.services import service_upsert

    hours = [{"weekday": d, "opens": "00:00", "closes": "23:59", "overnight": False} for d in range(7)]

    def save(name: str):
        data = {
            "id": "yo1",
            "name": name,
            "categories": ["emergency_shelter"],
            "municipalities": ["092"],
            "hours": hours,
            "open_on_holidays": True,
        }
        with django_capture_on_commit_callbacks(execute=True):
            service_upsert(actor="system", data=data)

    save("Yöpaikka Yksi")
    assert [s["name"] for s in emergency_context()["emergency_services"]] == ["Yöpaikka Yksi"]
    save("Yöpaikka Kaksi")
    assert [s["name"] for s in emergency_context()["emergency_services"]] == ["Yöpaikka Kaksi"]
