"""load_handbook: validation that names file and field, idempotent reloads, the admin-edit guard."""

import io

import pytest
from django.core.management import CommandError, call_command

from kotipolku.core.mfa import verify_session_without_code
from kotipolku.handbook.models import Article
from kotipolku.handbook.services import ContentInvalid, handbook_load
from kotipolku.handbook.tests.conftest import VALID

pytestmark = pytest.mark.django_db


def _errors(root) -> list[str]:
    with pytest.raises(ContentInvalid) as info:
        handbook_load(root=root)
    return [str(e) for e in info.value.errors]


def test_valid_file_is_loaded_with_all_fields(content_dir):
    """A valid file becomes one Article with its front-matter fields and Markdown body."""
    content_dir("fi", "testi")
    result = handbook_load(root=content_dir.root)
    article = Article.objects.get(slug="testi", lang="fi")
    assert result.created == 1
    assert article.theme == "haato" and article.kind == "article"
    assert article.sources == [{"title": "Finlex", "url": "https://www.finlex.fi/"}]
    assert str(article.last_reviewed) == "2026-11-23"
    assert article.body.startswith("## Tee ensin tämä")
    assert "sosiaalipalvelu" in article.search_terms.split()


def test_unknown_theme_is_reported_with_file_and_field(content_dir):
    """An unknown theme code names the file and the field `theme`."""
    content_dir("fi", "huono", VALID.replace("theme: haato", "theme: hato"))
    assert any("fi/huono.md" in e and "theme:" in e and "'hato'" in e for e in _errors(content_dir.root))


def test_missing_fields_are_each_reported(content_dir):
    """Every missing required field is listed, not only the first."""
    text = VALID.replace("summary: Lyhyt tiivistelmä.\n", "").replace("kind: article\n", "")
    content_dir("fi", "puuttuu", text)
    errors = _errors(content_dir.root)
    assert any("summary: missing" in e for e in errors)
    assert any("kind: missing" in e for e in errors)


def test_bad_date_is_reported(content_dir):
    """A review date that is not YYYY-MM-DD is an error on `reviewed`."""
    content_dir("fi", "paiva", VALID.replace("reviewed: 2026-11-23", "reviewed: 23.11.2026"))
    assert any("reviewed:" in e and "23.11.2026" in e for e in _errors(content_dir.root))


def test_broken_yaml_reports_the_line(content_dir):
    """A YAML syntax error gives the file line, so the editor can find it."""
    content_dir("fi", "yaml", VALID.replace("title: Testiartikkeli", "title: Kaksoispiste: rikkoo"))
    assert any("fi/yaml.md:2: front matter: invalid YAML" in e for e in _errors(content_dir.root))


def test_unknown_field_source_without_url_and_bad_language_folder(content_dir):
    """Typos in field names, sources without a URL and a folder that is no site language are errors."""
    content_dir("fi", "kentta", VALID.replace("reviewed:", "reviwed:"))
    content_dir("fi", "lahde", VALID.replace("url: https://www.finlex.fi/", "url: finlex.fi"))
    content_dir("de", "kieli")
    errors = _errors(content_dir.root)
    assert any("fi/kentta.md: reviwed: unknown field" in e for e in errors)
    assert any("fi/lahde.md: sources[1]" in e for e in errors)
    assert any("de/kieli.md: lang:" in e for e in errors)


def test_nothing_is_written_when_any_file_is_invalid(content_dir):
    """One bad file stops the whole load, so the database never holds half a content release."""
    content_dir("fi", "hyva")
    content_dir("fi", "paha", VALID.replace("theme: haato", "theme: x"))
    _errors(content_dir.root)
    assert not Article.objects.exists()


def test_reload_is_idempotent_and_picks_up_changes(content_dir):
    """Loading twice changes nothing; an edited file updates its article in place."""
    path = content_dir("fi", "testi")
    handbook_load(root=content_dir.root)
    again = handbook_load(root=content_dir.root)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    path.write_text(VALID.replace("Testiartikkeli", "Uusi otsikko"), encoding="utf-8")
    changed = handbook_load(root=content_dir.root)
    assert changed.updated == 1
    assert Article.objects.get().title == "Uusi otsikko"
    assert Article.objects.count() == 1


def test_admin_edit_is_kept_unless_forced(content_dir, client, editor):
    """An article saved in the admin survives a re-load; --force puts the file's text back."""
    content_dir("fi", "testi")
    handbook_load(root=content_dir.root)
    article = Article.objects.get()
    client.force_login(editor)
    verify_session_without_code(client.session, editor)
    data = {
        "slug": "testi", "lang": "fi", "theme": "haato", "kind": "article", "title": "Toimittajan korjaus",
        "summary": article.summary, "body": article.body, "sources": '[{"title": "Finlex", "url": "https://www.finlex.fi/"}]',
        "service_categories": "[]", "last_reviewed": "2026-11-23",
    }  # fmt: skip
    response = client.post(f"/admin/handbook/article/{article.pk}/change/", data)
    assert response.status_code == 302, response.content[:500]
    article.refresh_from_db()
    assert article.edited_in_admin and article.title == "Toimittajan korjaus"

    kept = handbook_load(root=content_dir.root)
    assert kept.skipped_admin_edits == ["fi/testi"]
    assert Article.objects.get().title == "Toimittajan korjaus"

    handbook_load(root=content_dir.root, force=True)
    article.refresh_from_db()
    assert article.title == "Testiartikkeli" and not article.edited_in_admin


def test_command_prints_progress_and_summary(content_dir):
    """The command lists each article and ends with a one-line summary."""
    content_dir("fi", "testi")
    out = io.StringIO()
    call_command("load_handbook", path=content_dir.root, stdout=out)
    text = out.getvalue()
    assert "fi/testi: created" in text
    assert text.strip().splitlines()[-1] == "Handbook: 1 created, 0 updated, 0 unchanged, 0 kept (edited in admin)."


def test_command_fails_with_every_problem_listed(content_dir):
    """On invalid content the command exits with an error and prints each problem to stderr."""
    content_dir("fi", "paha", VALID.replace("reviewed: 2026-11-23", "reviewed: huomenna"))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing loaded: 1 problem"):
        call_command("load_handbook", path=content_dir.root, stdout=io.StringIO(), stderr=err)
    assert "fi/paha.md: reviewed:" in err.getvalue()


def test_admin_validation_refuses_unsafe_source_links(loaded):
    """A javascript: source URL or an unknown service category cannot be saved through full_clean."""
    from django.core.exceptions import ValidationError

    article = Article.objects.get(slug="haato", lang="fi")
    article.sources = [{"title": "x", "url": "javascript:alert(1)"}]
    article.service_categories = ["nope"]
    with pytest.raises(ValidationError) as info:
        article.full_clean()
    assert set(info.value.message_dict) == {"sources", "service_categories"}
