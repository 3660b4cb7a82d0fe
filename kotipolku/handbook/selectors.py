"""Reads of handbook articles (public content, no personal data, so no audit events)."""

from collections import Counter
from dataclasses import dataclass

from django.conf import settings

from kotipolku.core.themes import Theme
from kotipolku.handbook.labels import theme_title
from kotipolku.handbook.models import Article, ArticleKind
from kotipolku.handbook.search import query_terms, term_score, terms

FALLBACK_LANG = "fi"


def _lang(lang: str) -> str:
    return lang if lang in dict(settings.LANGUAGES) else FALLBACK_LANG


def articles_for_theme(*, theme: str, lang: str) -> list[Article]:
    """The theme's articles in lang, the main article (slug = theme code) first, then checklists.

    Articles that exist only in Finnish are included in Finnish, so a theme never looks empty.
    """
    lang = _lang(lang)
    rows = list(Article.objects.filter(theme=theme, lang__in={lang, FALLBACK_LANG}))
    by_slug: dict[str, Article] = {}
    for article in rows:
        if article.slug not in by_slug or article.lang == lang:
            by_slug[article.slug] = article
    main_slug = theme.replace("_", "-")
    return sorted(
        by_slug.values(), key=lambda a: (a.slug != main_slug, a.kind == ArticleKind.CHECKLIST, a.title.lower())
    )


@dataclass(frozen=True)
class ArticleView:
    article: Article
    is_fallback: bool  # shown in Finnish because the requested language has no version


def article_get(*, slug: str, lang: str) -> ArticleView | None:
    """The article in lang, else its Finnish version (flagged as a fallback), else None."""
    lang = _lang(lang)
    found = {a.lang: a for a in Article.objects.filter(slug=slug, lang__in={lang, FALLBACK_LANG})}
    if lang in found:
        return ArticleView(found[lang], is_fallback=False)
    if FALLBACK_LANG in found:
        return ArticleView(found[FALLBACK_LANG], is_fallback=True)
    return None


def article_languages(*, slug: str) -> list[str]:
    return sorted(Article.objects.filter(slug=slug).values_list("lang", flat=True))


def theme_index(*, lang: str) -> list[dict]:
    """The 12 themes in their fixed order, each with its articles in lang (Finnish fallback)."""
    lang = _lang(lang)
    rows = list(Article.objects.filter(lang__in={lang, FALLBACK_LANG}).order_by("title"))
    by_key: dict[tuple[str, str], Article] = {}
    for article in rows:
        key = (article.theme, article.slug)
        if key not in by_key or article.lang == lang:
            by_key[key] = article
    out = []
    for theme in Theme:
        main_slug = theme.value.replace("_", "-")
        articles = sorted(
            (a for (t, _slug), a in by_key.items() if t == theme.value),
            key=lambda a: (a.slug != main_slug, a.kind == ArticleKind.CHECKLIST, a.title.lower()),
        )
        out.append({"code": theme.value, "label": theme_title(theme.value), "articles": articles})
    return out


def article_search(*, q: str, lang: str, limit: int = 10) -> list[Article]:
    """Articles in lang that match q, best first; inflected and compound words match their lemmas.

    Articles matching more query words come first, then by score (see search.term_score);
    articles that match no query word are left out.
    """
    lang = _lang(lang)
    wanted = query_terms(q or "", lang=lang)[:12]
    if not wanted or limit <= 0:
        return []
    scored = []
    for article in Article.objects.filter(lang=lang).only("id", "title", "summary", "search_terms"):
        counts = Counter(article.search_terms.split())
        title, summary = set(terms(article.title, lang=lang)), set(terms(article.summary, lang=lang))
        scores = [term_score(t, counts, title, summary) for t in wanted]
        matched = sum(1 for value in scores if value)
        if matched:
            scored.append((matched, sum(scores), article.pk))
    scored.sort(key=lambda row: (-row[0], -row[1], row[2]))
    ids = [pk for _m, _s, pk in scored[:limit]]
    articles = Article.objects.in_bulk(ids)
    return [articles[pk] for pk in ids]
