"""Shaping a Reply for the API and the chat page: links to the handbook, services and guidance paths."""

import markdown
import nh3
from django.db import DatabaseError
from django.utils import translation
from django.utils.translation import gettext as _

from kotipolku.bot.engine import Reply
from kotipolku.bot.engine.replies import contact_url, services_url, url
from kotipolku.bot.labels import category_label

ALLOWED_TAGS = {"p", "a", "ul", "ol", "li", "strong", "em", "hr", "br", "h3", "h4"}


def render_markdown(text: str) -> str:
    """Content Markdown → sanitised HTML (nh3 keeps only safe tags and attributes)."""
    return nh3.clean(markdown.markdown(text or ""), tags=ALLOWED_TAGS)


def _handbook_title(slug: str, lang: str) -> str:
    try:
        from kotipolku.handbook.models import Article

        article = Article.objects.filter(slug=slug, lang=lang).only("title").first()
    except (ImportError, DatabaseError):  # handbook not installed or migrated: the slug reads well enough
        article = None
    if article is not None:
        return article.title
    return slug.replace("-", " ").capitalize()


def links(reply: Reply) -> dict:
    lang = reply.lang
    with translation.override(lang):
        return {
            "handbook": [
                {
                    "slug": slug,
                    "title": _handbook_title(slug, lang),
                    "url": url("handbook:article", lang, f"/kasikirja/{slug}/", slug=slug),
                }
                for slug in reply.handbook
            ],
            "services": [
                {"category": code, "label": str(category_label(code)), "url": services_url(lang, code)}
                for code in reply.services
            ],
            "paths": [
                {
                    "id": p.key,
                    "title": p.title.get(lang, p.key),
                    "url": url("bot:path", lang, f"/botti/polku/{p.key}/", key=p.key),
                }
                for p in reply.paths
            ],
            "contact_url": contact_url(lang, reply.theme),
            "services_url": services_url(lang),
            "contact_label": _("Jätä yhteydenottopyyntö"),
        }


def as_json(reply: Reply, *, exchange_id: str | None = None) -> dict:
    """The API body: the bot_batch fields plus links (never the user's own text)."""
    return {
        "id": reply.answer_id,
        "exchange": exchange_id,
        "lang": reply.lang,
        "theme": reply.theme,
        "fallback": reply.fallback,
        "emergency": reply.emergency,
        "answer": reply.answer,
        "answer_html": render_markdown(reply.answer),
        "links": links(reply),
    }
