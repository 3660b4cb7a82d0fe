"""Bot tests use the small sample content in tests/fixtures/, never the real content/bot/ files."""

from pathlib import Path

import pytest
from django.core.cache import cache

from kotipolku.bot import engine
from kotipolku.bot.content import read_content
from kotipolku.bot.engine import AnswerIndex

FIXTURES = Path(__file__).parent / "fixtures" / "content"
BROKEN = Path(__file__).parent / "fixtures" / "broken"


@pytest.fixture(autouse=True)
def sample_content(settings):
    """Point the bot at the sample content, forget any built index and clear rate-limit counters."""
    settings.BOT_CONTENT_DIR = str(FIXTURES)
    engine.invalidate()
    cache.clear()
    yield
    engine.invalidate()
    cache.clear()


@pytest.fixture(scope="session")
def index():
    answers, paths = read_content(FIXTURES)
    return AnswerIndex(answers, paths)
