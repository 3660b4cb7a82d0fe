"""Public handbook pages: index, article, fallback language, print view and search."""

import datetime as dt

import pytest

from kotipolku.core.themes import THEME_CODES
from kotipolku.handbook.models import Article
from kotipolku.handbook.selectors import articles_for_theme

pytestmark = pytest.mark.django_db


def test_index_lists_every_theme_with_its_main_article(client, loaded):
    """The theme index shows all 12 themes and links each main article."""
    html = client.get("/fi/kasikirja/").content.decode()
    for code in THEME_CODES:
        assert f'id="teema-{code}"' in html
        assert f'href="/fi/kasikirja/{code.replace("_", "-")}/"' in html


def test_article_page_shows_body_sources_review_date_and_help_links(client, loaded):
    """An article shows its text, sources, last-reviewed date, service links, bot and contact links."""
    response = client.get("/fi/kasikirja/vuokranmaksu/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Vuokranmaksun ongelmat</h1>" in html
    assert "https://www.kela.fi/yleinen-asumistuki" in html
    assert "23.11.2026" in html
    assert "/palvelut/?category=debt_advice" in html
    assert 'href="/fi/botti/"' in html
    assert 'href="/fi/yhteydenotto/?theme=vuokranmaksu"' in html
    assert 'href="/fi/kasikirja/kun-vuokra-myohastyy/"' in html  # the theme's checklist


def test_article_follows_the_language_prefix(client, loaded):
    """/sv/ shows the Swedish text with <html lang="sv"> and no fallback notice."""
    html = client.get("/sv/kasikirja/haato/").content.decode()
    assert '<html lang="sv">' in html
    assert "<h1>Vräkning</h1>" in html
    assert 'role="note"' not in html


def test_missing_translation_falls_back_to_finnish_with_a_notice(client, db):
    """An article without an English version is shown in Finnish, marked lang="fi", with a notice."""
    Article.objects.create(
        slug="vain-suomeksi", lang="fi", theme="haato", title="Vain suomeksi", summary="s", body="Teksti",
        sources=[{"title": "Finlex", "url": "https://www.finlex.fi/"}], last_reviewed=dt.date(2026, 11, 23),
    )  # fmt: skip
    html = client.get("/en/kasikirja/vain-suomeksi/").content.decode()
    assert '<html lang="en">' in html
    assert 'role="note"' in html
    assert 'lang="fi"' in html and "Vain suomeksi" in html
    assert [a.lang for a in articles_for_theme(theme="haato", lang="en")] == ["fi"]


def test_unknown_article_is_404(client, loaded):
    """A slug that exists in no language answers 404."""
    assert client.get("/fi/kasikirja/ei-ole-olemassa/").status_code == 404


def test_print_view_drops_navigation_and_lists_source_urls(client, loaded):
    """?print=1 gives a minimal page: no site navigation or help box, source URLs written out."""
    html = client.get("/fi/kasikirja/muuttajan-muistilista/?print=1").content.decode()
    assert "handbook-print-view" in html
    assert 'class="wrap site-nav"' not in html
    assert "handbook-help" not in html
    assert "(https://dvv.fi/)" in html
    assert 'class="check"' in html


def test_search_page_finds_inflected_words_and_escapes_the_query(client, loaded):
    """The search page lists matches for an inflected word and never reflects HTML unescaped."""
    html = client.get("/fi/kasikirja/haku/", {"q": "häädöstä"}).content.decode()
    assert 'href="/fi/kasikirja/haato/"' in html
    evil = client.get("/fi/kasikirja/haku/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in evil and "&lt;script&gt;" in evil
    assert client.get("/fi/kasikirja/haku/", {"q": "x" * 10_000}).status_code == 200


def test_selectors_put_the_main_article_first_and_urls_carry_the_language(loaded):
    """articles_for_theme lists the main article before checklists; get_absolute_url has the prefix."""
    articles = articles_for_theme(theme="vuokranmaksu", lang="en")
    assert [a.slug for a in articles] == ["vuokranmaksu", "kun-vuokra-myohastyy"]
    assert articles[0].get_absolute_url() == "/en/kasikirja/vuokranmaksu/"


def test_front_page_has_a_handbook_card(client):
    """The handbook registers a front-page card through public_entries."""
    assert 'href="/fi/kasikirja/"' in client.get("/fi/").content.decode()
