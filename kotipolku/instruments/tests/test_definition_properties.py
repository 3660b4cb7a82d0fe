"""Properties of the instrument definition loader: generated valid definitions load and score within
their range, the same every time; any mutation of a definition is either still valid or refused with
DefinitionError problems that name the file (and the item, band or rule), never another exception."""

import yaml
from hypothesis import example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from kotipolku.instruments.engine import DefinitionError, load_dict, load_text, score, validate_answers
from kotipolku.instruments.tests.defs import base
from kotipolku.instruments.tests.strategies import valid_answers
from kotipolku.services.tests.strategies import json_values, mutated

T = {"fi": "teksti", "sv": "text", "en": "text"}
SOURCE = "generoitu.yaml"


@st.composite
def valid_definitions(draw) -> dict:
    """Single-choice and scale items with non-negative points; bands cut the reachable range."""
    items, rules, high = [], [], 0
    for n in range(draw(st.integers(1, 5))):
        iid = f"q{n}"
        if draw(st.booleans()):
            values = [f"v{k}" for k in range(draw(st.integers(2, 4)))]
            points = {v: draw(st.integers(0, 5)) for v in values}
            items.append({"id": iid, "type": "single", "required": True, "text": T,
                          "options": [{"value": v, "text": T} for v in values]})  # fmt: skip
            rules.append({"item": iid, "points": points})
            high += max(points.values())
        else:
            top = draw(st.integers(1, 6))
            items.append({"id": iid, "type": "scale", "min": 0, "max": top, "required": True, "text": T})
            rules.append({"item": iid, "value": True})
            high += top
    low = 0
    if high == low:
        bands = [{"code": "only", "from": low, "to": high, "label": T}]
    else:
        cuts = sorted(draw(st.sets(st.integers(low + 1, high - 1), max_size=3))) if high - low > 1 else []
        edges = [low, *cuts, high]
        bands = [{"code": f"b{i}", "from": a, "to": b, "label": T} for i, (a, b) in enumerate(zip(edges, edges[1:]))]
    return {
        "code": "generoitu",
        "version": draw(st.integers(1, 50)),
        "kind": draw(st.sampled_from(["public", "professional", "survey"])),
        "title": T,
        "sections": [{"id": "s", "title": T, "items": items}],
        "scoring": {"total": {"min": low, "max": high}, "rules": rules},
        "bands": bands,
    }


@hsettings(max_examples=60)
@given(valid_definitions().flatmap(lambda raw: st.tuples(st.just(raw), st.data())))
def test_generated_valid_definitions_load_and_score_within_range(case):
    raw, data = case
    definition = load_dict(raw, source=SOURCE)
    assert load_text(yaml.safe_dump(raw, allow_unicode=True), source=SOURCE) == definition
    for _ in range(3):
        answers = data.draw(valid_answers(definition))
        assert validate_answers(definition, answers) == {}
        first, again = score(definition, answers), score(definition, dict(answers))
        assert first == again
        assert definition.total_min <= first.total <= definition.total_max
        assert first.band.start <= first.total <= first.band.end


def _valid_or_refused_naming_the_file(load) -> None:
    try:
        load()
    except DefinitionError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.startswith(f"{SOURCE}:"), problem


def _without_options(item_id: str) -> dict:
    raw = base()
    for section in raw["sections"]:
        for item in section["items"]:
            if item["id"] == item_id:
                item["options"] = 5
    return raw


@hsettings(max_examples=200)
@given(mutated(base(), times=3))
@example({**base(), "scoring": {"total": [1, 2], "rules": []}})
@example({**base(), "domains": 5})
@example({**base(), "sources": 7, "examples": 3})
@example({**base(), "scoring": {**base()["scoring"], "rules": [{"item": ["arrears"]}]}})
@example({**base(), "sections": [{"id": "a", "title": T, "items": 3}]})
@example({**base(), "bands": [{"code": "x", "from": 0, "to": 30, "label": T, "services": 4, "next_steps": 2}]})
@example(_without_options("worries"))  # a scored choice item whose options were refused: min() of nothing
def test_mutated_definitions_are_valid_or_refused_with_problems_naming_the_file(raw):
    _valid_or_refused_naming_the_file(lambda: load_dict(raw, source=SOURCE))


@hsettings(max_examples=100)
@given(mutated(base(), times=2).map(lambda raw: yaml.safe_dump(raw, allow_unicode=True)))
@example("{1: a, b: c}")  # keys of mixed types cannot be sorted into canonical JSON
@example("code: x\n2026-01-01: a\n")  # a date as a key
@example("[1, 2]")
@example("code: [")
def test_mutated_yaml_text_is_valid_or_refused_naming_the_file(text):
    _valid_or_refused_naming_the_file(lambda: load_text(text, source=SOURCE))


@given(json_values)
def test_any_value_as_a_definition_is_refused_naming_the_file(value):
    _valid_or_refused_naming_the_file(lambda: load_text(yaml.safe_dump(value), source=SOURCE))
