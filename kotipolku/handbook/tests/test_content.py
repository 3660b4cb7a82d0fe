"""The reviewed content files themselves: complete, sourced, dated and free of known wrong facts."""

import re
from pathlib import Path

import pytest

from kotipolku.core.themes import THEME_CODES
from kotipolku.handbook.loader import content_root, read_all

LANGS = ("fi", "sv", "en")
CHECKLISTS = ("muuttajan-muistilista", "kun-vuokra-myohastyy")
WORD = re.compile(r"\w+(?:-\w+)*")


@pytest.fixture(scope="module")
def files():
    parsed, errors = read_all()
    assert not errors, "\n".join(map(str, errors))
    return {(f.lang, f.slug): f for f in parsed}


def _text(f) -> str:
    return " ".join((f.fields["title"], f.fields["summary"], f.fields["body"]))


def test_every_theme_has_a_main_article_in_every_language(files):
    """Each of the 12 themes has `<theme code with - for _>.md` in fi, sv and en, with that theme."""
    missing = [
        f"{lang}/{code.replace('_', '-')}"
        for code in THEME_CODES
        for lang in LANGS
        if files.get((lang, code.replace("_", "-")), None) is None
        or files[(lang, code.replace("_", "-"))].fields["theme"] != code
    ]
    assert not missing, missing


def test_checklists_exist_in_every_language(files):
    """The mover's checklist and the late-rent checklist exist as checklists in fi, sv and en."""
    for slug in CHECKLISTS:
        for lang in LANGS:
            assert files[(lang, slug)].fields["kind"] == "checklist", f"{lang}/{slug}"


def test_every_article_has_sources_and_a_review_date(files):
    """No article without at least one https source and a last-reviewed date."""
    for key, f in files.items():
        assert f.fields["sources"], key
        assert all(s["url"].startswith("https://") for s in f.fields["sources"]), key
        assert f.fields["last_reviewed"] is not None, key


def test_articles_are_300_to_600_words(files):
    """Long enough to be useful, short enough to read on a phone."""
    wrong = {
        f"{lang}/{slug}": n
        for (lang, slug), f in files.items()
        if not 300 <= (n := len(WORD.findall(f.fields["body"]))) <= 600
    }
    assert not wrong, wrong


def test_no_outdated_80_percent_housing_allowance_rate(files):
    """The general housing allowance covers at most 70 % since 1.4.2024; 80 % is outdated."""
    pattern = re.compile(r"\b80\s*(?:%|prosent|procent|per\s*cent)", re.IGNORECASE)
    assert not [key for key, f in files.items() if pattern.search(_text(f))]
    talousapu = [files[(lang, "talousapu")] for lang in LANGS]
    assert all(re.search(r"\b70\s*(?:%|prosent|procent|per\s*cent)", _text(f)) for f in talousapu)


def test_only_verified_phone_numbers_appear(files):
    """Phone numbers are never invented: only 112, MIELI's crisis lines and Nollalinja are allowed."""
    allowed = {"112", "0925250111", "0925250112", "0925250113", "080005005"}
    phone = re.compile(r"(?<![\w/.-])(?:\+?\d[\d ]{1,14}\d)(?![\w%/-]|\.\d)")
    found = set()
    for f in files.values():
        for match in phone.finditer(_text(f)):
            digits = match.group(0).replace(" ", "")
            if digits == "112" or (len(digits) > 3 and not re.fullmatch(r"(19|20)\d\d", digits)):
                found.add(digits)
    assert found <= allowed, found - allowed


def test_key_facts_are_stated(files):
    """Facts that guidance often gets wrong are stated the right way in the Finnish main articles."""
    fi = {slug: _text(f) for (lang, slug), f in files.items() if lang == "fi"}
    assert "1.1.2025" in fi["talousapu"]  # owner-occupied homes out of the general housing allowance
    assert "kaksi kuukautta" in fi["vuokranmaksu"]  # allowance to landlord after 2 months unpaid
    assert "oikeusaputoimisto" in fi["talousapu"] and "maksuton" in fi["talousapu"]  # free debt advice
    assert all(n in fi["irtisanominen"] for n in ("6 kuukautta", "3 kuukautta", "1 kuukausi"))
    assert "kirjallinen varoitus" in fi["irtisanominen"]
    assert "ulosottoviranomainen" in fi["haato"] and "käräjäoikeuden" in fi["haato"]
    assert "sosiaalipäivysty" in fi["asunnottomuus"] and "112" in fi["asunnottomuus"]
    assert "vähintään vuoden" in fi["asunnottomuus"] and "Varke" in fi["asunnottomuus"]
    assert "terveydensuojelu" in fi["asumisterveys"]
    assert "hyvinvointialue" in fi["talousapu"] and "Kela" in fi["talousapu"]


def test_content_folder_holds_only_site_languages():
    """Every language folder under content/handbook is a site language."""
    folders = {p.name for p in Path(content_root()).iterdir() if p.is_dir()}
    assert folders <= set(LANGS)
