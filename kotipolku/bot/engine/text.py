"""Text processing for the bot: normalising, tokens, lemmas (simplemma), Finnish compound parts,
light slang/typo handling and language detection. Everything is offline and deterministic."""

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

LANGS = ("fi", "sv", "en")
MAX_CHARS = 1000  # longer messages are cut: nobody types a housing question this long on a phone

_TOKEN = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_REPEAT = re.compile(r"(.)\1{2,}")
_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "é": "e", "ü": "u", "á": "a", "à": "a"})

# Spoken forms, stopwords and language markers live in lexicon.yaml (data, not code).
_LEXICON = yaml.safe_load((Path(__file__).parent / "lexicon.yaml").read_text(encoding="utf-8"))
SLANG: dict[str, dict[str, str]] = _LEXICON["slang"]
STOPWORDS: dict[str, frozenset[str]] = {lang: frozenset(w.split()) for lang, w in _LEXICON["stopwords"].items()}
GENERIC: dict[str, frozenset[str]] = {lang: frozenset(w.split()) for lang, w in _LEXICON["generic"].items()}
_MARKERS: dict[str, frozenset[str]] = {lang: frozenset(w.split()) for lang, w in _LEXICON["markers"].items()}


def normalise(text: str) -> str:
    """Unicode-normalised, lower-case text without control characters, cut to MAX_CHARS."""
    text = unicodedata.normalize("NFC", text or "")[:MAX_CHARS]
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return text.lower().replace("’", "'").replace("`", "'")


def fold(text: str) -> str:
    """Diacritics-insensitive form (ä→a, ö→o, å→a): a secondary feature for typed-without-ä messages."""
    return text.translate(_FOLD)


def tokens(text: str) -> list[str]:
    """Word tokens of normalised text; runs of 3+ equal letters collapse to two ("apuaaa" → "apuaa")."""
    return [_REPEAT.sub(r"\1\1", t) for t in _TOKEN.findall(text)]


def apply_slang(toks: list[str], lang: str) -> list[str]:
    table = SLANG.get(lang, {})
    out = []
    for tok in toks:
        out.extend(table.get(tok, tok).split())
    return out


def detect_language(text: str, default: str = "fi") -> str:
    """fi/sv/en from stopwords, marker words and letters; short or unclear text gets the default."""
    toks = tokens(normalise(text))
    if not toks:
        return default
    scores = dict.fromkeys(LANGS, 0.0)
    for tok in toks:
        for lang in LANGS:
            if tok in STOPWORDS[lang]:
                scores[lang] += 1.0
            if tok in _MARKERS[lang]:
                scores[lang] += 0.5
        if "å" in tok:
            scores["sv"] += 1.5
        if ("ä" in tok or "ö" in tok) and "å" not in tok:
            scores["fi"] += 0.4
            scores["sv"] += 0.2
        if re.search(r"(aa|ää|uu|ii|yy|oo|ssa|ssä|lla|llä|sta|stä|ksi|nen|sen)$", tok):
            scores["fi"] += 0.5
        if re.search(r"(tion|ing|th|ly)$|^th|w", tok):
            scores["en"] += 0.4
        if re.search(r"(ningen|heten|ande|arna|orna|erna|ligt)$|^(sj|skj|stj|tj)", tok):
            scores["sv"] += 0.5
    best = max(LANGS, key=lambda lang: (scores[lang], lang == default))
    return best if scores[best] > 0 else default


@lru_cache(maxsize=200_000)
def lemma(token: str, lang: str) -> str:
    """simplemma lemma (greedy mode finds the base of longer inflected compounds too)."""
    from simplemma import lemmatize

    if len(token) < 3 or token.isdigit():
        return token
    try:
        return lemmatize(token, lang=lang, greedy=lang == "fi").lower()
    except ValueError:  # unsupported language: keep the token
        return token


def lemmatiser_ready(langs=LANGS) -> None:
    """Load the lemmatiser dictionaries now (about 3 s for Finnish) rather than on the first question."""
    for lang in langs:
        lemma("talo" if lang == "fi" else "house", lang)


# Finnish compound first parts appear in genitive or in a "-s" stem (asumis-, työttömyys-); these
# endings map such a part back to a base form that may be in the vocabulary.
_FI_PART_VARIANTS = (
    ("", ""),
    ("n", ""),  # vuokran- → vuokra
    ("is", "inen"),  # asumis- → asuminen
    ("s", "nen"),
    ("s", "s"),
    ("en", "i"),  # veden?→ rough, harmless
    ("ien", "i"),
)


def split_compound(word: str, vocabulary, *, min_part: int = 3, depth: int = 2) -> list[str]:
    """Greedy split of a Finnish compound into parts known to the vocabulary, longest first part first.

    "vuokrarästi" → ["vuokra", "rästi"], "häätöuhka" → ["häätö", "uhka"]; returns [] when no split covers
    the whole word. Parts are lemmatised, so "vuokrarästit" splits as well.
    """
    if depth <= 0 or len(word) < 2 * min_part:
        return []
    for cut in range(len(word) - min_part, min_part - 1, -1):
        head, tail = word[:cut], word[cut:]
        base = None
        for ending, replacement in _FI_PART_VARIANTS:
            if ending and not head.endswith(ending):
                continue
            candidate = head[: len(head) - len(ending)] + replacement if ending else head
            if len(candidate) >= min_part and candidate in vocabulary:
                base = candidate
                break
        if base is None:
            continue
        tail_lemma = lemma(tail, "fi")
        for t in (tail, tail_lemma):
            if t in vocabulary:
                return [base, t]
        rest = split_compound(tail_lemma, vocabulary, min_part=min_part, depth=depth - 1)
        if rest:
            return [base, *rest]
    return []


def terms(text: str, lang: str, vocabulary=frozenset()) -> list[str]:
    """Index terms: lemmas without stopwords, plus Finnish compound parts found in the vocabulary."""
    out = []
    for tok in apply_slang(tokens(normalise(text)), lang):
        if tok in STOPWORDS.get(lang, ()) or len(tok) < 2:
            continue
        lem = lemma(tok, lang)
        if lem in GENERIC.get(lang, ()) or lem in STOPWORDS.get(lang, ()):
            continue
        out.append(lem)
        if lang == "fi" and len(lem) >= 7 and vocabulary:
            out.extend(split_compound(lem, vocabulary))
        elif lang == "sv" and len(lem) >= 8 and vocabulary:
            out.extend(split_compound_sv(lem, vocabulary))
    return out


def split_compound_sv(word: str, vocabulary, *, min_part: int = 3) -> list[str]:
    """Swedish compounds (bostadsbidrag → bostad + bidrag), with the linking -s-."""
    for cut in range(len(word) - min_part, min_part - 1, -1):
        head, tail = word[:cut], word[cut:]
        for candidate in (head, head[:-1] if head.endswith("s") else None):
            if candidate and len(candidate) >= min_part and candidate in vocabulary and tail in vocabulary:
                return [candidate, tail]
    return []


def char_ngrams(text: str, lo: int = 3, hi: int = 5) -> list[str]:
    """Character n-grams inside word boundaries (" vuokr", "uokra"…), on the diacritics-folded text too
    for short words, so that "haato" still meets "häätö"."""
    grams = []
    for tok in tokens(text):
        padded = f" {tok} "
        for n in range(lo, hi + 1):
            if len(padded) < n:
                break
            grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams
