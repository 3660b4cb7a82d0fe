"""article_search finds articles by inflected and compound word forms, in fi, sv and en."""

import pytest

from kotipolku.handbook.models import Article
from kotipolku.handbook.search import query_terms
from kotipolku.handbook.selectors import article_search

pytestmark = pytest.mark.django_db


def _slugs(q: str, lang: str = "fi", limit: int = 3) -> list[str]:
    return [a.slug for a in article_search(q=q, lang=lang, limit=limit)]


@pytest.mark.parametrize(
    ("query", "lang", "expected"),
    [
        ("vuokrarästit", "fi", {"vuokranmaksu", "kun-vuokra-myohastyy"}),
        ("häädöstä", "fi", {"haato"}),
        ("asumistukea", "fi", {"talousapu"}),
        ("toimeentulotukea", "fi", {"talousapu"}),
        ("hometta seinässä", "fi", {"asumisterveys"}),
        ("muuttoilmoituksen", "fi", {"muuttajan-muistilista", "haku-ja-muutto"}),
        ("vräkningen", "sv", {"haato"}),
        ("bostadsbidraget", "sv", {"talousapu"}),
        ("evictions", "en", {"haato"}),
        ("late rent", "en", {"kun-vuokra-myohastyy", "vuokranmaksu"}),
    ],
)
def test_inflected_forms_find_the_right_article(loaded, query, lang, expected):
    """The expected article is among the top three results for an inflected query."""
    assert expected & set(_slugs(query, lang)), _slugs(query, lang)


def test_results_are_in_the_requested_language(loaded):
    """A Swedish search returns Swedish articles only."""
    assert {a.lang for a in article_search(q="hyra", lang="sv")} == {"sv"}


def test_empty_stopword_and_unmatched_queries_return_nothing(loaded):
    """Blank input, only stop-words or nonsense give an empty list, never an error."""
    assert article_search(q="", lang="fi") == []
    assert article_search(q="   ja tai  ", lang="fi") == []
    assert article_search(q="qwzxv", lang="fi") == []
    assert article_search(q="<script>", lang="fi") == []


def test_limit_is_respected_and_unknown_language_falls_back_to_finnish(loaded):
    """limit caps the list; an unknown language code searches the Finnish articles."""
    assert len(article_search(q="vuokra", lang="fi", limit=2)) == 2
    assert {a.lang for a in article_search(q="häätö", lang="xx")} == {"fi"}


def test_query_terms_are_lemmas():
    """Query words are reduced to their dictionary forms before matching."""
    assert query_terms("häädöstä ja asumistukea", lang="fi") == ["häätö", "asumistuki"]


def test_search_sees_new_and_changed_articles(loaded):
    """The in-process search index is rebuilt when an article is added or edited."""
    assert article_search(q="kuukivi", lang="fi") == []
    article = Article.objects.get(slug="haato", lang="fi")
    article.summary += " Kuukivi."
    article.save()
    assert [a.slug for a in article_search(q="kuukiven", lang="fi")] == ["haato"]
