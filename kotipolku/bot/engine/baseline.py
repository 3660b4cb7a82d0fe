"""A plain keyword-matching baseline, measured the same way as the bot (see docs/bot.md).

Exact lower-case word overlap between the question and each answer's examples and text, no lemmas,
no compounds, no n-grams; emergency only by a handful of exact keywords. It shows what the real
method adds.
"""

import re
from collections import Counter

from kotipolku.bot.engine import Reply
from kotipolku.bot.engine.index import AnswerIndex
from kotipolku.bot.engine.text import LANGS, STOPWORDS, detect_language

_WORD = re.compile(r"\w+")
EMERGENCY_WORDS = {
    "112", "hätä", "ulkona", "väkivalta", "itsemurha", "ute", "våld", "självmord", "nowhere", "outside",
    "violence", "suicide",
}  # fmt: skip


class KeywordBaseline:
    def __init__(self, index: AnswerIndex):
        self.answers = index.answers
        self.docs = []
        for a in self.answers:
            words = Counter()
            for t in a.texts.values():
                for text in [*t.get("examples", []), t.get("answer", "")]:
                    words.update(_WORD.findall(text.lower()))
            self.docs.append(words)

    def answer(self, message: str, lang: str | None = None) -> Reply:
        lang = lang if lang in LANGS else detect_language(message or "")
        words = {w for w in _WORD.findall((message or "").lower()) if w not in STOPWORDS[lang]}
        emergency = bool(words & EMERGENCY_WORDS)
        best, best_score = None, 0
        for a, doc in zip(self.answers, self.docs, strict=True):
            score = sum(1 for w in words if w in doc)
            if score > best_score:
                best, best_score = a, score
        if best is None:
            return Reply(lang=lang, theme=None, fallback=True, emergency=emergency, answer="")
        text = (best.texts.get(lang) or {}).get("answer", "")
        if emergency:
            text = "112 sosiaalipäivystys Kriisipuhelin 09 2525 0111\n\n" + text
        return Reply(lang=lang, theme=best.theme, fallback=False, emergency=emergency, answer=text)
