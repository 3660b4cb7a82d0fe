"""The content loader: validation errors name file and item; loading is idempotent."""

import pytest
from django.core.management import CommandError, call_command

from kotipolku.bot.content import ContentError, read_content
from kotipolku.bot.models import Answer, GuidancePath
from kotipolku.bot.services import load_bot_content
from kotipolku.bot.tests.conftest import BROKEN, FIXTURES


def test_every_content_error_is_reported_with_file_and_item():
    """Duplicate id, unknown theme, missing language, dangling option, unreachable node and cycle."""
    with pytest.raises(ContentError) as caught:
        read_content(BROKEN)
    text = "\n".join(caught.value.errors)
    assert "answers/bad.yaml: item 2: duplicate id 'kaksi'" in text
    assert "item 3 (outo-teema): unknown theme 'avaruus'" in text
    assert "item 4 (ei-ruotsia): missing language sv" in text
    assert "paths/bad.yaml (rikki): node a: option 2 points to missing node 'puuttuu'" in text
    assert "node irti cannot be reached from a" in text
    assert "cycle a → b → a" in text


@pytest.mark.django_db
def test_loading_twice_changes_nothing_the_second_time():
    """load_bot_content is idempotent: same rows, nothing new or changed on the second run."""
    first = load_bot_content(directory=FIXTURES)
    assert "6 answers (6 new" in first
    second = load_bot_content(directory=FIXTURES)
    assert "(0 new, 0 changed, 0 switched off)" in second
    assert Answer.objects.count() == 6 and GuidancePath.objects.count() == 1


@pytest.mark.django_db
def test_broken_content_loads_nothing_and_the_command_says_where():
    """With errors nothing is written, and the command exits with the list of problems."""
    with pytest.raises(CommandError, match="error"):
        call_command("load_bot_content", "--dir", str(BROKEN))
    assert Answer.objects.count() == 0


@pytest.mark.django_db
def test_the_bot_answers_from_the_database_after_loading():
    """Loaded answers replace the files as the index source."""
    from kotipolku.bot.engine import answer, get_index, invalidate

    load_bot_content(directory=FIXTURES)
    invalidate()
    assert len(get_index().answers) == 6
    assert answer("vuokra rästissä", "fi").answer_id == "vuokra-myohassa"
