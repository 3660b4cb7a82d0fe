"""Word-form-tolerant search over handbook articles: simplemma lemmas plus compound-part matching.

Finnish inflects heavily ("häädöstä" → "häätö") and glues words into compounds ("vuokrarästit").
Each article stores the lemmas and surface forms of its text in `Article.search_terms`; a query is
lemmatised the same way and scored against those terms in Python. The handbook holds tens of
articles per language, so scanning them is cheaper and more predictable than a database full-text
engine that differs between SQLite and PostgreSQL.
"""

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import simplemma

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_MIN_PART = 4  # shortest known term accepted as a part of a compound


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = {
    "fi": _words(
        "ja tai on ei se ne että kun jos niin kuin voi voit sinä sinun minä minun me te he hän ole olla oli "
        "myös vain sitä siitä sen sinulla mutta mitä mikä miten missä mistä kuka ovat ovat jo nyt tämä tuo "
        "joka jotka ennen jälkeen kanssa sekä eli vai yli alle"
    ),
    "sv": _words(
        "och eller är inte det den att när om så som kan du din dig jag min vi ni de han hon har ha var "
        "också bara men vad hur var vem en ett till från med för på av i"
    ),
    "en": _words(
        "and or is not it the a an that when if so as can you your i my we they he she have has was be "
        "also only but what how where who to from with for on of in at do does my me"
    ),
}


@lru_cache(maxsize=4096)
def _lemma(word: str, lang: str) -> str:
    try:
        return simplemma.lemmatize(word, lang=lang).lower()
    except ValueError:  # a language simplemma does not know
        return word


def terms(text: str, *, lang: str) -> list[str]:
    """Lemmas and lower-case surface forms of the words in text, stop-words left out."""
    stop = STOPWORDS.get(lang, set())
    out: list[str] = []
    for match in _WORD.finditer(text):
        for word in {match.group(0).lower(), *match.group(0).lower().split("-")}:
            if len(word) < 2 or word in stop:
                continue
            out.append(word)
            lemma = _lemma(word, lang)
            if lemma != word and lemma not in stop:
                out.append(lemma)
    return out


def index_terms(text: str, *, lang: str) -> str:
    """The value stored in Article.search_terms: every term occurrence (for term frequency), sorted."""
    return " ".join(sorted(terms(text, lang=lang)))


def query_terms(q: str, *, lang: str) -> list[str]:
    """One lemma per query word (the surface form when the lemma is unknown), in order, unique."""
    stop = STOPWORDS.get(lang, set())
    seen: list[str] = []
    for match in _WORD.finditer(q.lower()):
        word = match.group(0)
        if len(word) < 2 or word in stop:
            continue
        lemma = _lemma(word, lang)
        if lemma not in seen:
            seen.append(lemma)
    return seen


def part_matches(query_term: str, vocabulary: Iterable[str]) -> frozenset[str]:
    """Indexed terms that a query term matches as a compound part.

    Either the query term is a prefix/suffix of the indexed term ("rästi" in "vuokrarästi"), or an
    indexed term of at least four letters is a prefix/suffix of the query term ("vuokrarästi" →
    "vuokra", "rästi"). Computed once per query word over the language's whole vocabulary.
    """
    long_query = len(query_term) >= _MIN_PART

    def matches(term: str) -> bool:
        if long_query and (term.startswith(query_term) or term.endswith(query_term)):
            return True
        return len(term) >= _MIN_PART and (query_term.startswith(term) or query_term.endswith(term))

    return frozenset(term for term in vocabulary if matches(term))


def term_score(
    query_term: str,
    counts: Counter,
    title: frozenset[str] = frozenset(),
    summary: frozenset[str] = frozenset(),
    parts: frozenset[str] = frozenset(),
) -> float:
    """How well one query term matches an article (0 = not at all).

    An exact lemma scores 3 plus a little more for each repeat in the body (log of the count);
    a match in the title adds 6 and in the summary 3. A compound-part match (`parts`, see
    part_matches) scores 1, or 2 in the title.
    """
    tf = counts.get(query_term, 0)
    if tf:
        return 3.0 + math.log(tf) + (6.0 if query_term in title else 0.0) + (3.0 if query_term in summary else 0.0)
    if parts & title:
        return 2.0
    if any(term in counts for term in parts):
        return 1.0
    return 0.0
