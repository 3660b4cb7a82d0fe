"""Article Markdown is rendered and sanitised: nothing executable survives, links stay in-language."""

from kotipolku.handbook.rendering import render_markdown


def test_script_tags_and_their_content_are_removed():
    """A <script> in content (e.g. a careless admin edit) never reaches the page."""
    html = render_markdown("Hei\n\n<script>alert('x')</script>\n\n<p onclick=\"evil()\">teksti</p>", lang="fi")
    assert "<script" not in html and "alert(" not in html
    assert "onclick" not in html and "teksti" in html


def test_javascript_links_and_styles_are_removed():
    """javascript: URLs, inline styles and iframes are stripped; ordinary links keep working."""
    html = render_markdown(
        '[klikkaa](javascript:alert(1)) <span style="color:red">x</span> <iframe src="https://x"></iframe> '
        "[Kela](https://www.kela.fi/)",
        lang="fi",
    )
    assert "javascript:" not in html and "style=" not in html and "<iframe" not in html
    assert '<a href="https://www.kela.fi/" rel="noopener noreferrer">Kela</a>' in html


def test_internal_links_get_the_language_prefix():
    """A content link /kasikirja/haato/ points to the page's language, not a redirect."""
    html = render_markdown("[Häätö](/kasikirja/haato/) ja [Kela](https://www.kela.fi/)", lang="sv")
    assert 'href="/sv/kasikirja/haato/"' in html
    assert 'href="https://www.kela.fi/"' in html
    assert 'href="/sv/sv/' not in render_markdown("[x](/sv/kasikirja/)", lang="sv")


def test_checklist_items_become_tick_boxes():
    """ "- [ ] item" lines render as list items with a printable box and no literal brackets."""
    html = render_markdown("- [ ] **Tee muuttoilmoitus**\n- [ ] Maksa vakuus", lang="fi")
    assert html.count('<li class="check"><span class="box" aria-hidden="true"></span>') == 2
    assert "[ ]" not in html
