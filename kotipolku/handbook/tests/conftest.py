"""Fixtures of the handbook tests: a loaded copy of the real content, and a scratch content folder."""

import textwrap

import pytest

from kotipolku.handbook.services import handbook_load


@pytest.fixture
def loaded(db):
    """The reviewed content of content/handbook/, loaded into the test database."""
    return handbook_load()


VALID = """\
---
title: Testiartikkeli
theme: haato
kind: article
summary: Lyhyt tiivistelmä.
sources:
  - title: Finlex
    url: https://www.finlex.fi/
reviewed: 2026-11-23
---
## Tee ensin tämä

Ota yhteyttä sosiaalipalveluihin.
"""


@pytest.fixture
def content_dir(tmp_path):
    """A writable content folder: write(lang, slug, text) adds a file."""
    root = tmp_path / "handbook"

    def write(lang: str, slug: str, text: str = VALID):
        folder = root / lang
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{slug}.md").write_text(textwrap.dedent(text), encoding="utf-8")
        return folder / f"{slug}.md"

    write.root = root
    return write
