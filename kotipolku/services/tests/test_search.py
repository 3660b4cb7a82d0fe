"""Finnish search: inflected forms and compounds find the service; unrelated words do not."""

import pytest

from kotipolku.services import selectors


@pytest.fixture
def compass(make_service):
    make_service(
        "food",
        name={"fi": "Ruoka-apu Kallio", "sv": "Mathjälp Berghäll"},
        description="Jaamme ruokakasseja tiistaisin.",
        categories=["food_aid"],
    )
    make_service("day", name="Päiväkeskus Majakka", description="Kahvia ja seuraa.", categories=["day_centre"])
    make_service(
        "housing", name="Asumisneuvonta", description="Apua vuokrarästeihin.", categories=["housing_counselling"]
    )
    make_service("laundry", name="Pesula", description="Pyykinpesu ja suihku.", categories=["laundry_shower"])


def found(q, lang="fi"):
    return {s.stable_id for s in selectors.service_search(q=q, lang=lang)}


@pytest.mark.parametrize("q", ["ruoka", "ruokaa", "ruoanjako", "ruoka-apu", "ruoka-apua", "Ruoka-Apu", "ruoan"])
def test_food_words_find_food_aid(compass, q):
    """Inflected forms and compounds of 'ruoka' find the food aid service."""
    assert "food" in found(q)


@pytest.mark.parametrize("q", ["päiväkeskus", "päiväkeskukseen", "päiväkeskuksessa", "keskus"])
def test_day_centre_forms(compass, q):
    """'päiväkeskukseen' (illative) and the compound part 'keskus' find the day centre."""
    assert "day" in found(q)


@pytest.mark.parametrize("q", ["asumisneuvonta", "asumisneuvontaa", "asumisneuvontaan", "neuvonta"])
def test_housing_counselling_forms(compass, q):
    """Inflected 'asumisneuvonta' finds the housing counselling service."""
    assert "housing" in found(q)


def test_swedish_and_english_words(compass):
    """Swedish and English labels are indexed too (category labels included)."""
    assert "food" in found("mathjälp", "sv")
    assert "day" in found("day centre", "en")


def test_unrelated_words_and_all_words_must_match(compass):
    """An unrelated word finds nothing; every word of a query must match."""
    assert found("pankki") == set()
    assert found("ruoka suihku") == set()
    assert found("pyykinpesu suihku") == {"laundry"}


def test_empty_and_stopword_queries_do_not_filter(compass):
    """An empty query (or only stop words) lists everything."""
    assert len(found("")) == 4
    assert len(found("ja")) == 4


def test_search_terms_follow_edits(make_service, compass):
    """Renaming a service re-indexes it: the old word no longer finds it."""
    make_service("laundry", name="Suihkupiste", categories=["laundry_shower"])
    assert "laundry" not in found("pesula")
    assert "laundry" in found("suihkupisteeseen")
