"""Asumisen Botti's engine: `answer(message, lang)` → a Reply. Offline, deterministic, no database writes.

Order of work: clean the input → emergency check (runs first; the matcher cannot override it) →
match against curated answers → confident answer, honest fallback or emergency answer.
"""

import threading
import time
from dataclasses import dataclass, field

from kotipolku.bot.engine import emergency as emergency_rules
from kotipolku.bot.engine.index import AnswerEntry, AnswerIndex, Match, PathEntry
from kotipolku.bot.engine.text import LANGS, MAX_CHARS, detect_language, normalise, tokens

__all__ = ["AnswerEntry", "AnswerIndex", "PathEntry", "Reply", "answer", "get_index", "index_signature", "invalidate"]

# Below this combined score the bot says it has no good answer rather than guess.
THRESHOLD = 0.24
# A confident answer also needs at least one shared lemma, unless the character match is strong
# (typos and slang the lemmatiser misses).
STRONG_CHAR = 0.55
# More than half of the question's content words must be known to the answer: "a poem about cats"
# shares "cat" with the pets answer but is not a housing question.
MIN_COVERAGE = 0.5


@dataclass
class Reply:
    """What the bot answers; the API, bot_batch and the chat page all show this."""

    lang: str
    theme: str | None
    fallback: bool
    emergency: bool
    answer: str
    answer_id: str | None = None
    score: float = 0.0
    emergency_kind: str | None = None
    kind: str = "answer"  # answer | fallback | out_of_scope | empty | emergency
    handbook: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    paths: list[PathEntry] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)


_lock = threading.Lock()
_state: dict = {"index": None, "signature": None, "checked": 0.0}
CHECK_INTERVAL_SECONDS = 5.0


def invalidate() -> None:
    """Forget the built index (after content was loaded or an example added in this process)."""
    with _lock:
        _state.update(index=None, signature=None, checked=0.0)


def selectors_content() -> tuple[list[AnswerEntry], list[PathEntry]]:
    """The content the live bot uses (database, else the content files)."""
    from kotipolku.bot import selectors

    return selectors.index_content()


def get_index() -> AnswerIndex:
    """The current index, rebuilt when the content in the database changed (checked every few seconds)."""
    from kotipolku.bot import selectors

    now = time.monotonic()
    index = _state["index"]
    if index is not None and now - _state["checked"] < CHECK_INTERVAL_SECONDS:
        return index
    signature = selectors.content_signature()
    with _lock:
        if _state["index"] is None or _state["signature"] != signature:
            answers, paths = selectors.index_content()
            _state["index"] = AnswerIndex(answers, paths)
            _state["signature"] = signature
        _state["checked"] = now
        return _state["index"]


def index_signature() -> tuple | None:
    """The content signature of the index this process answers from (refreshed as get_index does).

    Cached replies are keyed by it, so a reply is never served from content other than the one the
    process would use itself.
    """
    get_index()
    return _state["signature"]


def clean_message(message) -> str:
    """Text to work on: a string, cut to MAX_CHARS, without control characters."""
    if not isinstance(message, str):
        message = "" if message is None else str(message)
    return normalise(message)[:MAX_CHARS].strip()


def answer(message: str, lang: str | None = None, *, index: AnswerIndex | None = None) -> Reply:
    """Answer one message. `lang` (fi/sv/en) is the user's choice; without it the language is detected."""
    from kotipolku.bot.engine import replies

    text = clean_message(message)
    if lang not in LANGS:
        lang = detect_language(text) if text else "fi"
    if not tokens(text):
        return replies.empty(lang)
    found = emergency_rules.detect(text)
    index = index if index is not None else get_index()
    ranked = index.rank(text, lang)
    best: Match | None = ranked[0] if ranked else None
    confident = (
        best is not None
        and best.score >= THRESHOLD
        and ((best.overlap > 0 and best.coverage >= MIN_COVERAGE) or best.knn >= STRONG_CHAR)
    )
    if found is not None:
        return replies.emergency(lang, found, best if confident else None, index)
    if not confident:
        in_domain = best is not None and best.overlap > 0 and best.coverage >= 0.5
        return replies.fallback(lang, best, in_domain=in_domain)
    return replies.answered(lang, best, ranked[1:], index)
