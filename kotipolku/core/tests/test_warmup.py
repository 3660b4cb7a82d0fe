"""The gunicorn master's warm-up: it loads the dictionaries and then freezes what it loaded."""

import gc

import pytest

from kotipolku.core import warmup


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the test run collects as usual


def test_freeze_keeps_loaded_objects_out_of_collections(unfrozen):
    loaded = {"index": [["vuokra", "rästi"]]}  # a container: tracked by the collector
    assert any(o is loaded for o in gc.get_objects())
    warmup.freeze_loaded_objects()
    assert not any(o is loaded for o in gc.get_objects())  # no collection walks it any more


def test_warm_up_freezes_even_when_loading_fails(unfrozen, monkeypatch):
    """A failed warm-up still ends with the freeze (and the connections closed before the fork)."""
    closed = []

    def broken_answer(*args, **kwargs):
        raise RuntimeError("index missing")

    monkeypatch.setattr("kotipolku.bot.engine.answer", broken_answer)
    monkeypatch.setattr(warmup.connections, "close_all", lambda: closed.append(True))
    warmup.warm_up()
    assert closed == [True]
    assert gc.get_freeze_count() > 0
