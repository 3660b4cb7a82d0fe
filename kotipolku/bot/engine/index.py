"""The answer index: character n-gram TF-IDF over example phrasings (nearest example) and over whole
answers, plus BM25 over lemmas and Finnish compound parts. Scores are combined into one confidence.

Why both: lemmas and compound parts generalise over Finnish inflection ("vuokrarästit" meets "rästi"),
character n-grams catch typos, slang spellings and words the lemmatiser does not know.
"""

import math
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kotipolku.bot.engine.text import LANGS, char_ngrams, fold, normalise, terms, tokens

# Weights of the combined score (sum 1). Chosen by reasoning and checked on our own phrasings, not
# fitted to the evaluation file: the nearest example phrasing counts most, the lemma match next.
W_KNN, W_ANSWER, W_BM25 = 0.45, 0.15, 0.40
OTHER_LANG = 0.85  # examples in another language than the question still count, a little less
BM25_K1, BM25_B = 1.2, 0.75
MAX_GRAM_DF = 0.25
EXAMPLE_TF = 2


@dataclass
class AnswerEntry:
    """One curated answer, as the loader or the database gives it."""

    key: str
    theme: str
    handbook: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    texts: dict = field(default_factory=dict)  # lang → {"examples": [...], "answer": "..."}
    source: str = ""


@dataclass
class PathEntry:
    key: str
    theme: str
    title: dict
    start: str
    nodes: dict
    source: str = ""


@dataclass
class Match:
    entry: AnswerEntry
    score: float
    knn: float
    answer_sim: float
    bm25: float
    overlap: int  # query terms found in the answer's lemma document
    coverage: float = 0.0  # idf-weighted share of the question's content terms found there


def _sublinear(counts: Counter) -> dict[str, float]:
    return {g: 1.0 + math.log(c) for g, c in counts.items()}


class AnswerIndex:
    """Built once from answers (and editor-added examples); answering only reads it."""

    def __init__(self, answers: list[AnswerEntry], paths: list[PathEntry] | None = None):
        started = time.perf_counter()
        self.answers = answers
        self.paths = paths or []
        self.vocab: dict[str, set[str]] = {lang: set() for lang in LANGS}
        for a in answers:
            for lang, t in a.texts.items():
                if lang in self.vocab:
                    for text in [*t.get("examples", []), t.get("answer", "")]:
                        self.vocab[lang].update(terms(text, lang))
        self._build_char_index()
        self._build_bm25()
        self.build_seconds = time.perf_counter() - started

    # --- character n-grams ---------------------------------------------------------------------------
    def _char_vec(self, text: str) -> Counter:
        # On the diacritics-folded text: "haato" typed without ä still meets "häätö", and the index
        # stays half the size it would be with both spellings.
        return Counter(char_ngrams(fold(normalise(text))))

    def _build_char_index(self) -> None:
        docs = []  # (kind, answer index, lang, Counter)
        for i, a in enumerate(self.answers):
            for lang, t in a.texts.items():
                for example in t.get("examples", []):
                    docs.append(("ex", i, lang, self._char_vec(example)))
                # The answer's own text is long: it goes to the lemma index only, which keeps this index
                # small and fast; here "whole" is all example phrasings of the answer together.
                docs.append(("ans", i, lang, self._char_vec(" ".join(t.get("examples", [])))))
        df = Counter()
        for *_, vec in docs:
            df.update(vec.keys())
        n = len(docs) or 1
        self.char_idf = {g: math.log((n + 1) / (c + 1)) + 1.0 for g, c in df.items()}
        self.char_postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self.char_docs = []
        # Grams found in a large share of documents (" ja ", "en ") say nothing and cost the most time.
        common = {g for g, c in df.items() if c / n > MAX_GRAM_DF}
        for doc_id, (kind, i, lang, vec) in enumerate(docs):
            weights = {g: w * self.char_idf[g] for g, w in _sublinear(vec).items() if g not in common}
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            for g, w in weights.items():
                self.char_postings[g].append((doc_id, w / norm))
            self.char_docs.append((kind, i, lang))

    def _char_scores(self, text: str, lang: str) -> tuple[dict[int, float], dict[int, float]]:
        vec = self._char_vec(text)
        weights = {g: w * self.char_idf[g] for g, w in _sublinear(vec).items() if g in self.char_postings}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        dots: dict[int, float] = defaultdict(float)
        for g, w in weights.items():
            qw = w / norm
            for doc_id, dw in self.char_postings[g]:
                dots[doc_id] += qw * dw
        knn: dict[int, float] = {}
        whole: dict[int, float] = {}
        for doc_id, sim in dots.items():
            kind, i, doc_lang = self.char_docs[doc_id]
            if doc_lang != lang:
                sim *= OTHER_LANG
            target = knn if kind == "ex" else whole
            if sim > target.get(i, 0.0):
                target[i] = sim
        return knn, whole

    # --- BM25 over lemmas -------------------------------------------------------------------------------
    def _build_bm25(self) -> None:
        self.bm25_docs = []  # (answer index, lang, Counter of terms, length)
        for i, a in enumerate(self.answers):
            for lang, t in a.texts.items():
                if lang not in self.vocab:
                    continue
                # A word in the example phrasings counts more than one only in the answer text:
                # answers mention related topics ("a fire may leave mould") that are not their subject.
                bag = Counter()
                example_terms = set()
                for example in t.get("examples", []):
                    example_terms.update(terms(example, lang, self.vocab[lang]))
                for term in example_terms:
                    bag[term] += EXAMPLE_TF
                bag.update(set(terms(t.get("answer", ""), lang, self.vocab[lang])))
                self.bm25_docs.append((i, lang, bag, sum(bag.values())))
        n = len(self.bm25_docs) or 1
        df = Counter()
        for _, _, bag, _ in self.bm25_docs:
            df.update(bag.keys())
        self.bm25_idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self.bm25_default_idf = math.log(1 + (n + 0.5) / 0.5)
        self.avg_len = sum(d[3] for d in self.bm25_docs) / n
        self.bm25_postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for doc_id, (_, _, bag, _) in enumerate(self.bm25_docs):
            for t, c in bag.items():
                self.bm25_postings[t].append((doc_id, c))

    def query_terms(self, text: str, lang: str) -> list[str]:
        return list(dict.fromkeys(terms(text, lang, self.vocab.get(lang, ()))))

    def _bm25_scores(self, text: str, lang: str) -> tuple[dict[int, float], dict[int, int], dict[int, float]]:
        qterms = self.query_terms(text, lang)
        # The best possible score of this query: all terms found. Unknown words count with a high idf,
        # so a question mostly about something else scores low (out-of-scope questions).
        ref = (BM25_K1 + 1) * EXAMPLE_TF / (EXAMPLE_TF + BM25_K1)  # a term found in the examples
        ceiling = sum(self.bm25_idf.get(t, self.bm25_default_idf * 0.6) * ref for t in qterms)
        scores: dict[int, float] = defaultdict(float)
        overlap: dict[int, int] = defaultdict(int)
        matched_idf: dict[int, float] = defaultdict(float)
        total_idf = sum(self.bm25_idf.get(t, self.bm25_default_idf) for t in qterms)
        for t in qterms:
            idf = self.bm25_idf.get(t)
            if idf is None:
                continue
            for doc_id, tf in self.bm25_postings[t]:
                i, doc_lang, _, length = self.bm25_docs[doc_id]
                denom = tf + BM25_K1 * (1 - BM25_B + BM25_B * length / self.avg_len)
                s = idf * tf * (BM25_K1 + 1) / denom
                if doc_lang != lang:
                    s *= OTHER_LANG
                scores[doc_id] += s
                if doc_lang == lang:
                    overlap[doc_id] += 1
                    matched_idf[doc_id] += idf
        per_answer: dict[int, float] = {}
        per_answer_overlap: dict[int, int] = {}
        per_answer_coverage: dict[int, float] = {}
        for doc_id, s in scores.items():
            i = self.bm25_docs[doc_id][0]
            value = min(1.0, s / ceiling) if ceiling else 0.0
            if value > per_answer.get(i, 0.0):
                per_answer[i] = value
            per_answer_overlap[i] = max(per_answer_overlap.get(i, 0), overlap.get(doc_id, 0))
            cov = matched_idf.get(doc_id, 0.0) / total_idf if total_idf else 0.0
            per_answer_coverage[i] = max(per_answer_coverage.get(i, 0.0), cov)
        return per_answer, per_answer_overlap, per_answer_coverage

    # --- ranking ------------------------------------------------------------------------------------------
    def rank(self, text: str, lang: str, *, limit: int = 3) -> list[Match]:
        """Best answers for the text, highest combined score first."""
        if not self.answers or not tokens(normalise(text)):
            return []
        knn, whole = self._char_scores(text, lang)
        bm25, overlap, coverage = self._bm25_scores(text, lang)
        candidates = set(knn) | set(whole) | set(bm25)
        matches = []
        for i in candidates:
            k, w, b = knn.get(i, 0.0), whole.get(i, 0.0), bm25.get(i, 0.0)
            score = W_KNN * k + W_ANSWER * w + W_BM25 * b
            ov = overlap.get(i, 0)
            matches.append(Match(self.answers[i], score, k, w, b, ov, coverage.get(i, 0.0)))
        matches.sort(key=lambda m: (-m.score, m.entry.key))
        return matches[:limit]

    def paths_for_theme(self, theme: str) -> list[PathEntry]:
        return [p for p in self.paths if p.theme == theme]
