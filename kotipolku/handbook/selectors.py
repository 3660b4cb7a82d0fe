"""Reads of handbook articles (public content, no personal data, so no audit events)."""

import copy
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max

from kotipolku.core.themes import Theme
from kotipolku.handbook.labels import theme_title
from kotipolku.handbook.models import Article, ArticleKind
from kotipolku.handbook.search import part_matches, query_terms, term_score, terms

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


@dataclass(frozen=True)
class _Indexed:
    article: Article
    counts: Counter
    title: frozenset
    summary: frozenset


@dataclass
class _LangIndex:
    stamp: tuple
    rows: list[_Indexed]
    vocabulary: frozenset[str]
    parts: dict[str, frozenset[str]] = field(default_factory=dict)  # memo of part_matches per query word

    def parts_of(self, term: str) -> frozenset[str]:
        if term not in self.parts:
            if len(self.parts) > 5000:  # bounded: free-text queries are unbounded
                self.parts.clear()
            self.parts[term] = part_matches(term, self.vocabulary)
        return self.parts[term]


_INDEX_CACHE: dict[str, _LangIndex] = {}


def _search_index(lang: str) -> _LangIndex:
    """Parsed articles of the language, rebuilt only when an article was added, changed or removed.

    The stamp (count, highest id, newest update) costs one aggregate query; parsing every article
    again for each search would cost far more.
    """
    stamp = tuple(Article.objects.filter(lang=lang).aggregate(n=Count("id"), i=Max("id"), t=Max("updated_at")).values())
    cached = _INDEX_CACHE.get(lang)
    if cached and cached.stamp == stamp:
        return cached
    rows = [
        _Indexed(
            article=article,
            counts=Counter(article.search_terms.split()),
            title=frozenset(terms(article.title, lang=lang)),
            summary=frozenset(terms(article.summary, lang=lang)),
        )
        for article in Article.objects.filter(lang=lang).defer("body")
    ]
    index = _LangIndex(stamp, rows, frozenset(term for row in rows for term in row.counts))
    _INDEX_CACHE[lang] = index
    return index


def article_search(*, q: str, lang: str, limit: int = 10) -> list[Article]:
    """Articles in lang that match q, best first; inflected and compound words match their lemmas.

    Articles matching more query words come first, then by score (see search.term_score);
    articles that match no query word are left out. The body is deferred: callers show titles.
    """
    lang = _lang(lang)
    wanted = query_terms(q or "", lang=lang)[:12]
    if not wanted or limit <= 0:
        return []
    index = _search_index(lang)
    parts = {t: index.parts_of(t) for t in wanted}
    scored = []
    for row in index.rows:
        scores = [term_score(t, row.counts, row.title, row.summary, parts[t]) for t in wanted]
        matched = sum(1 for value in scores if value)
        if matched:
            scored.append((matched, sum(scores), row.article.pk, row.article))
    scored.sort(key=lambda item: (-item[0], -item[1], item[2]))
    return [copy.copy(article) for _m, _s, _pk, article in scored[:limit]]
