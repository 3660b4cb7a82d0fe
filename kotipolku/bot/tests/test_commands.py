"""bot_batch (JSON lines contract of DESIGN.md) and bot_eval (metrics of the eval README)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from kotipolku.bot.tests.conftest import FIXTURES


@pytest.mark.django_db
def test_bot_batch_answers_one_json_line_per_input():
    """Each input line gives {"id","theme","fallback","emergency","answer"}; a broken line gets an error line."""
    lines = [
        {"id": "a", "message": "En pysty maksamaan vuokraa", "lang": "fi"},
        {"id": "b", "message": "I have nowhere to sleep tonight"},
        {"id": "c", "message": "Miten teen lasagnea?"},
    ]
    stdin = StringIO("\n".join(json.dumps(x) for x in lines) + "\n\n{broken\n")
    out = StringIO()
    call_command("bot_batch", stdin=stdin, stdout=out, stderr=StringIO())
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c", None]
    assert all({"id", "theme", "fallback", "emergency", "answer"} <= set(r) for r in rows)
    assert rows[0]["theme"] == "vuokranmaksu" and not rows[0]["fallback"]
    assert rows[1]["emergency"] is True and rows[1]["answer"].startswith("112")
    assert rows[2]["fallback"] is True and rows[2]["theme"] is None
    assert "line 5" in rows[3]["error"]


@pytest.mark.django_db
def test_bot_eval_prints_every_metric_overall_and_per_language(tmp_path):
    """The README's metrics, per language, and the index build time."""
    items = [
        {
            "id": "1",
            "lang": "fi",
            "message": "vuokra myöhässä",
            "themes": ["vuokranmaksu"],
            "must": [["vuokranantaja"]],
            "emergency": False,
            "oos": False,
        },
        {
            "id": "2",
            "lang": "en",
            "message": "poem about dogs",
            "themes": [],
            "must": [],
            "emergency": False,
            "oos": True,
        },
        {
            "id": "3",
            "lang": "sv",
            "message": "jag sover ute i natt",
            "themes": ["asunnottomuus"],
            "must": [["112"]],
            "emergency": True,
            "oos": False,
        },
    ]
    path = tmp_path / "eval.jsonl"
    path.write_text("\n".join(json.dumps(i) for i in items), encoding="utf-8")
    out = StringIO()
    call_command("bot_eval", str(path), "--content", str(FIXTURES), stdout=out)
    text = out.getvalue()
    for label in (
        "theme accuracy", "must-mention recall", "out-of-scope fallback rate", "false fallback rate",
        "emergency recall", "false emergency rate", "latency median (ms)", "latency p95 (ms)", "index build",
    ):  # fmt: skip
        assert label in text
    assert "all" in text and " fi " in text and " sv " in text and " en" in text
    assert "theme accuracy                  1.000" in text
