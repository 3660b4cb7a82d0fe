"""Public handbook pages: theme index, article (with print view) and search. No personal data."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from kotipolku.core.pagecache import public_page
from kotipolku.handbook import selectors
from kotipolku.handbook.labels import SERVICE_CATEGORY_LABELS, theme_title
from kotipolku.handbook.rendering import render_markdown

MAX_QUERY_LENGTH = 200
# Rendered pages are the same for every anonymous visitor; an editor's save drops them at once
# (core.pagecache namespace "handbook"), the TTL only bounds memory.
PAGE_TTL_SECONDS = 600


def _lang() -> str:
    return translation.get_language() or "fi"


def _services_url(category: str) -> str:
    try:
        base = reverse("services:list")
    except NoReverseMatch:  # service compass not installed: keep the agreed public path
        base = "/" + _lang() + "/palvelut/"
    return base + "?" + urlencode({"category": category})


@require_GET
@public_page(namespaces=("handbook",), ttl=PAGE_TTL_SECONDS)
def index(request):
    return render(request, "handbook/index.html", {"themes": selectors.theme_index(lang=_lang())})


@require_GET
@public_page(namespaces=("handbook",), ttl=PAGE_TTL_SECONDS, query_params=("print",))
def article(request, slug: str):
    lang = _lang()
    found = selectors.article_get(slug=slug, lang=lang)
    if found is None:
        raise Http404
    item = found.article
    related = [a for a in selectors.articles_for_theme(theme=item.theme, lang=lang) if a.slug != item.slug]
    services = [
        {"label": SERVICE_CATEGORY_LABELS[c], "url": _services_url(c)}
        for c in item.service_categories
        if c in SERVICE_CATEGORY_LABELS
    ]
    context = {
        "article": item,
        "body_html": render_markdown(item.body, lang=lang),
        "is_fallback": found.is_fallback,
        "theme_title": theme_title(item.theme),
        "related": related,
        "services": services,
        "contact_query": urlencode({"theme": item.theme}),
        "print_view": request.GET.get("print") == "1",
    }
    return render(request, "handbook/article.html", context)


@require_GET
def search(request):
    q = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    results = selectors.article_search(q=q, lang=_lang(), limit=20) if q else []
    return render(request, "handbook/search.html", {"q": q, "results": results})
