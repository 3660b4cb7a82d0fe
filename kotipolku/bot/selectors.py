"""Reads of the bot: the content for the index, the editors' question queue and feedback figures."""

import logging

from django.db import DatabaseError
from django.db.models import Count, Max, Q

from kotipolku.bot.content import ContentError, read_content
from kotipolku.bot.engine.index import AnswerEntry, PathEntry
from kotipolku.bot.models import Answer, EditorExample, Exchange, GuidancePath
from kotipolku.core import access
from kotipolku.core.access import Actor, Area

log = logging.getLogger(__name__)

LOW_CONFIDENCE = 0.32  # answered, but close to the threshold: worth an editor's look


def content_signature() -> tuple:
    """Changes whenever answers, paths or editor examples change (cheap: three aggregates)."""
    try:
        a = Answer.objects.aggregate(n=Count("id"), t=Max("updated_at"))
        p = GuidancePath.objects.aggregate(n=Count("id"), t=Max("updated_at"))
        e = EditorExample.objects.aggregate(n=Count("id"), m=Max("id"))
    except DatabaseError:  # tables not migrated yet: work from the files
        return ("files",)
    return (a["n"], a["t"], p["n"], p["t"], e["n"], e["m"])


def index_content() -> tuple[list[AnswerEntry], list[PathEntry]]:
    """Answers and paths for the index: the database when content is loaded, else the content files."""
    try:
        rows = list(Answer.objects.filter(is_active=True).prefetch_related("editor_examples"))
        path_rows = list(GuidancePath.objects.filter(is_active=True))
    except DatabaseError:
        rows, path_rows = [], []
    if not rows:
        try:
            return read_content()
        except ContentError as exc:
            log.error("Bot content has errors, the bot answers nothing: %s", exc)
            return [], []
    answers = []
    for row in rows:
        texts = {
            lang: {"examples": list(t.get("examples", [])), "answer": t.get("answer", "")}
            for lang, t in row.texts.items()
        }
        for example in row.editor_examples.all():
            texts.setdefault(example.lang, {"examples": [], "answer": ""})["examples"].append(example.text)
        answers.append(
            AnswerEntry(key=row.key, theme=row.theme, handbook=row.handbook, services=row.services, texts=texts)
        )
    paths = [PathEntry(key=p.key, theme=p.theme, title=p.title, start=p.start, nodes=p.nodes) for p in path_rows]
    return answers, paths


def path_get(key: str) -> PathEntry | None:
    """A guidance path by id (database first, then files)."""
    from kotipolku.bot.engine import get_index

    for path in get_index().paths:
        if path.key == key:
            return path
    return None


def exchanges_for_conversation(*, conversation, limit: int = 20) -> list[Exchange]:
    """The visitor's own conversation (anonymous, keyed by a random id kept in their session)."""
    rows = Exchange.objects.filter(conversation=conversation).order_by("-created_at")[:limit]
    return list(reversed(rows))


def review_queue(*, actor: Actor, status: str = "open"):
    """Questions without an answer, with low confidence or with 'not helpful' feedback (editors only)."""
    access.require_area(actor, Area.CONTENT)
    needs_look = (
        Q(status=Exchange.Status.FALLBACK)
        | Q(status=Exchange.Status.ANSWERED, score__lt=LOW_CONFIDENCE)
        | Q(helpful=False)
    )
    qs = Exchange.objects.filter(needs_look)
    if status == "open":
        qs = qs.filter(reviewed=False)
    return qs.order_by("-created_at")


def feedback_summary(*, actor: Actor) -> dict:
    """Counts for the editors' page: questions, answered, fallbacks, emergencies, helpful yes/no."""
    access.require_area(actor, Area.CONTENT)
    return Exchange.objects.aggregate(
        total=Count("id"),
        answered=Count("id", filter=Q(status=Exchange.Status.ANSWERED)),
        fallback=Count("id", filter=Q(status=Exchange.Status.FALLBACK)),
        emergency=Count("id", filter=Q(status=Exchange.Status.EMERGENCY)),
        helpful_yes=Count("id", filter=Q(helpful=True)),
        helpful_no=Count("id", filter=Q(helpful=False)),
    )


def answer_choices(*, actor: Actor) -> list[tuple[str, str]]:
    access.require_area(actor, Area.CONTENT)
    return [(a.key, f"{a.get_theme_display()} – {a.key}") for a in Answer.objects.filter(is_active=True)]


def index_paths() -> list[PathEntry]:
    """Guidance paths offered on the chat page."""
    from kotipolku.bot.engine import get_index

    return list(get_index().paths)


REPLY_CACHE_SECONDS = 600


def reply_for(*, message: str, lang: str | None) -> tuple:
    """(Reply, API body without the exchange id) for a message, from the shared cache when possible.

    The engine is deterministic for a cleaned message, a language and the content it indexes, so the
    key is exactly that: the cleaned text (hashed, never stored as such), the asked language and the
    index signature; plus the handbook version, as the links carry article titles. The question log
    and the rate limit are not part of this: the caller still records every exchange.
    """
    from kotipolku.bot import presenter
    from kotipolku.bot.engine import answer, clean_message, index_signature
    from kotipolku.core import pagecache

    text = clean_message(message)

    def compute():
        reply = answer(text, lang)
        return reply, presenter.as_json(reply)

    return pagecache.get_or_compute(
        "bot-reply",
        text,
        str(lang),
        repr(index_signature()),
        namespaces=("handbook",),
        ttl=REPLY_CACHE_SECONDS,
        compute=compute,
    )
