"""Markdown → safe HTML for handbook articles: rendered with Markdown, then sanitised with nh3.

Content files are reviewed, but admin edits are not, so nothing outside a small allow-list of tags
and attributes survives (no scripts, styles, event handlers or javascript: links).
"""

import re

import markdown
import nh3

ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "a", "blockquote", "br", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "code", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "li": {"class"}, "span": {"class", "aria-hidden"}, "th": {"scope"}}
_LANG_PREFIX = re.compile(r'href="/(?!(?:fi|sv|en|api|static|admin)/)')
_CHECK_ITEM = re.compile(r"<li>\s*(?:<p>)?\[[ xX]?\]\s*")


def render_markdown(text: str, *, lang: str) -> str:
    """Safe HTML for an article body; site-internal links get the page's language prefix."""
    html = markdown.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    # "- [ ] item" checklist lines become printable tick boxes (no form controls: nothing is sent).
    html = _CHECK_ITEM.sub('<li class="check"><span class="box" aria-hidden="true"></span>', html)
    html = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    return _LANG_PREFIX.sub(f'href="/{lang}/', html)
