"""Permission-matrix rows of the handbook: every page is public content."""

import datetime as dt

from kotipolku.core.permission_matrix import Row, public


def setup(ctx):
    from kotipolku.handbook.models import Article

    ctx.handbook_article = Article.objects.create(
        slug="matriisi",
        lang="fi",
        theme="haato",
        title="Matriisiartikkeli",
        summary="Testi",
        body="Teksti",
        sources=[{"title": "Finlex", "url": "https://www.finlex.fi/"}],
        last_reviewed=dt.date(2026, 11, 23),
    )


ROWS = [
    Row("handbook:index", public(200), path="/fi/kasikirja/"),
    Row("handbook:index", public(200), path="/en/kasikirja/", note="en"),
    Row("handbook:article", public(200), path="/fi/kasikirja/matriisi/"),
    Row("handbook:article", public(200), path="/sv/kasikirja/matriisi/", note="Finnish fallback"),
    Row("handbook:article", public(200), path="/fi/kasikirja/matriisi/?print=1", note="print view"),
    Row("handbook:article", public(404), path="/fi/kasikirja/ei-ole/", note="unknown slug", audited_refusal=False),
    Row("handbook:search", public(200), path="/fi/kasikirja/haku/?q=h%C3%A4%C3%A4d%C3%B6st%C3%A4"),
    Row("handbook:search", public(200), path="/fi/kasikirja/haku/", note="empty query"),
    Row("handbook:index", public(405), path="/fi/kasikirja/", method="POST", body={}, note="POST"),
]
