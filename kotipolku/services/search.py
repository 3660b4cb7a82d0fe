"""Finnish-aware search terms: lemmas (simplemma) plus compound parts, precomputed per service.

A service's texts are turned into terms once, when it is saved or imported (`index_service`), and
stored in SearchTerm (indexed). A query word then matches a service when one of its whole forms
(raw, lemma, compound lemma) is a term of the service, or when all its compound parts are.
So "ruoanjako", "ruokaa" and "ruoka-apu" all reach a service whose text says "ruoka-apu".
"""

import re
from functools import lru_cache

import simplemma

from kotipolku.services.codes import CategoryCode, TargetGroupCode, municipality_name

WORD = re.compile(r"\w+(?:-\w+)*")
MIN_PART = 3
MAX_TERM = 64
STOPWORDS = frozenset(
    [
        "ja",
        "tai",
        "on",
        "ei",
        "se",
        "että",
        "kun",
        "missä",
        "mistä",
        "mihin",
        "joka",
        "jossa",
        "kanssa",
        "myös",
        "sekä",
        "och",
        "eller",
        "i",
        "på",
        "en",
        "ett",
        "för",
        "med",
        "som",
        "av",
        "till",
        "and",
        "or",
        "the",
        "of",
        "for",
        "in",
        "a",
        "an",
        "to",
        "with",
        "at",
        "where",
    ]
)


@lru_cache(maxsize=50_000)
def lemma(word: str, lang: str) -> str:
    return simplemma.lemmatize(word, lang=lang).casefold()


@lru_cache(maxsize=50_000)
def _known(word: str, lang: str) -> bool:
    return simplemma.is_known(word, lang=lang)


def _left_forms(left: str) -> list[str]:
    """Finnish compound first parts: 'asumis' is 'asuminen', 'ruoan' is 'ruoka' (genitive)."""
    forms = [left]
    if left.endswith("s"):
        forms.append(left[:-1] + "nen")
    return forms


@lru_cache(maxsize=50_000)
def split_compound(word: str, lang: str) -> tuple[str, str, str] | None:
    """(left lemma, right lemma, compound lemma) for a two-part compound, or None.

    The longest known right part wins (päivä|keskukseen → päivä, keskus, päiväkeskus)."""
    if len(word) < 2 * MIN_PART or not word.isalpha():
        return None
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        left, right = word[:i], word[i:]
        if not _known(right, lang):
            continue
        for form in _left_forms(left):
            if _known(form, lang):
                right_lemma = lemma(right, lang)
                return lemma(form, lang), right_lemma, left + right_lemma
    return None


@lru_cache(maxsize=50_000)
def word_keys(word: str, lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """(whole forms, compound parts) of one word. Parts are empty when the word is not a compound."""
    word = word.casefold()
    if "-" in word:
        pieces = [p for p in word.split("-") if p]
        whole = {word, word.replace("-", "")}
        parts = tuple(lemma(p, lang) for p in pieces)
        return frozenset(w[:MAX_TERM] for w in whole), tuple(p[:MAX_TERM] for p in parts)
    whole = {word, lemma(word, lang)}
    parts: tuple[str, ...] = ()
    compound = split_compound(word, lang)
    if compound:
        left, right, joined = compound
        whole.add(joined)
        parts = (left, right)
    return frozenset(w[:MAX_TERM] for w in whole), tuple(p[:MAX_TERM] for p in parts)


def text_terms(text: str, lang: str) -> set[str]:
    terms: set[str] = set()
    for word in WORD.findall(text or ""):
        if len(word) < 2:
            continue
        whole, parts = word_keys(word, lang)
        terms |= whole
        terms.update(parts)
    return terms


def service_terms(service) -> set[str]:
    """Every term of a service in fi, sv and en: names, descriptions, category and group labels."""
    from django.utils import translation

    terms: set[str] = set()
    categories = [c.code for c in service.categories.all()]
    groups = [g.code for g in service.target_groups.all()]
    municipalities = [m.code for m in service.municipalities.all()]
    org = service.organisation
    for lang in ("fi", "sv", "en"):
        texts = [service.tr("name", lang), service.tr("description", lang)]
        if org is not None:
            texts.append(org.tr("name", lang))
        with translation.override(lang):
            texts += [str(CategoryCode(c).label) for c in categories]
            texts += [str(TargetGroupCode(g).label) for g in groups]
        texts += [municipality_name(m, lang) for m in municipalities]
        for text in texts:
            terms |= text_terms(text, lang)
    return {t for t in terms if t}


def query_words(q: str) -> list[str]:
    return [w for w in WORD.findall((q or "").casefold()) if len(w) > 1 and w not in STOPWORDS][:8]


def query_alternatives(q: str, lang: str = "fi") -> list[tuple[tuple[str, ...], list[tuple[str, ...]]]]:
    """For every query word: (its whole forms, up to two compound readings as parts). A word matches a
    service when one whole form is a term of it, or all parts of one reading are (see module docstring).
    The user's language is read first; fi, sv and en forms all count, as services are indexed in all three."""
    langs = [lang] + [x for x in ("fi", "sv", "en") if x != lang]
    alternatives = []
    for word in query_words(q):
        whole: set[str] = set()
        part_options: list[tuple[str, ...]] = []
        for lg in langs:
            w, parts = word_keys(word, lg)
            whole |= w
            if parts and parts not in part_options:
                part_options.append(parts)
        # A reading with a part that is itself a whole form adds nothing (its matches have that form).
        part_options = [parts for parts in part_options if not whole.intersection(parts)]
        alternatives.append((tuple(sorted(whole)), part_options[:2]))
    return alternatives
