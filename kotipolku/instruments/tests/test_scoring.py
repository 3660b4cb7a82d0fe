"""Scoring is a pure, deterministic function within the declared range; answer validation gives
errors per item; every shipped instrument scores its own examples to the expected bands."""

from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from kotipolku.instruments.engine import load_dict, load_file, score, validate_answers
from kotipolku.instruments.tests.defs import base
from kotipolku.instruments.tests.strategies import valid_answers

TEST_DEF = load_dict(base(), source="testi.yaml")
SHIPPED = sorted((Path(settings.CONTENT_DIR) / "instruments").glob("*.yaml"))
SHIPPED_DEFS = [load_file(p) for p in SHIPPED]


def test_shipped_instruments_exist():
    """The public self-assessment and the three professional examples are shipped."""
    codes = {d.code for d in SHIPPED_DEFS}
    assert "asumisen-itsearvio" in codes
    assert len(codes) >= 4 and all(d.examples for d in SHIPPED_DEFS)


@pytest.mark.parametrize("definition", SHIPPED_DEFS, ids=lambda d: d.code)
def test_shipped_instrument_scores_its_examples_to_the_expected_bands(definition):
    """Each `examples:` entry is a valid answer set that lands in the band (and total) it names."""
    for example in definition.examples:
        assert validate_answers(definition, example.answers) == {}, example.name
        result = score(definition, example.answers)
        assert result.band.code == example.band, example.name
        if example.total is not None:
            assert result.total == example.total, example.name
        if example.emergency is not None:
            assert result.emergency is example.emergency, example.name


@pytest.mark.parametrize("definition", [TEST_DEF, *SHIPPED_DEFS], ids=lambda d: d.code)
def test_scoring_is_deterministic_and_within_range_for_any_valid_answers(definition):
    """For every valid answer set: no validation error, same result twice, total and domain scores
    inside the declared / computed ranges, and a band always found."""

    @hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(valid_answers(definition))
    def check(answers):
        assert validate_answers(definition, answers) == {}
        first, second = score(definition, answers), score(definition, dict(answers))
        assert first == second
        assert definition.total_min <= first.total <= definition.total_max
        for d in definition.domains:
            assert d.min <= first.domains[d.id] <= d.max
        assert first.band.start <= first.total <= first.band.end

    check()


def test_weights_caps_and_thresholds():
    """Reverse scale × weight, multiple-choice cap, domain cap, number thresholds and the total cap."""
    answers = {"arrears": "many", "plan": "no", "worries": ["debt", "health", "danger"], "mood": 0, "nights": 10}
    result = score(TEST_DEF, answers)
    assert result.domains == {"money": 6, "life": 6}  # 5 + 2 capped at 6; min(5, 4) + 4 × 0.5
    assert result.total == 20  # 6 + 2 × 6 + 4 = 22, capped at 20
    assert result.band.code == "high" and result.emergency
    assert result.domain_bands["money"].code == "weak"
    assert result.emergency_items == ("worries",)


def test_hidden_items_do_not_count():
    result = score(TEST_DEF, {"arrears": "none", "plan": "no", "mood": 4, "nights": 0})
    assert result.total == -2 and result.domains["money"] == 0


def test_missing_required_answers_are_reported_per_item():
    errors = validate_answers(TEST_DEF, {"arrears": "some"})
    assert set(errors) == {"plan", "mood"}  # plan is required once shown


def test_out_of_scale_and_unknown_options_are_reported():
    errors = validate_answers(
        TEST_DEF, {"arrears": "lots", "mood": 9, "worries": ["debt", "bogus"], "nights": 40, "extra": 1}
    )
    assert set(errors) == {"arrears", "mood", "worries", "nights", "extra"}


def test_answers_to_hidden_items_are_errors():
    errors = validate_answers(TEST_DEF, {"arrears": "none", "plan": "yes", "plan_detail": "x", "mood": 1})
    assert set(errors) == {"plan", "plan_detail"}


def test_wrong_types_are_errors_not_crashes():
    errors = validate_answers(TEST_DEF, {"arrears": ["none"], "mood": "3", "nights": True, "worries": "debt"})
    assert set(errors) == {"arrears", "mood", "nights", "worries"}


@given(
    st.dictionaries(
        st.sampled_from(["arrears", "plan", "mood", "nights", "worries", "x"]),
        st.none() | st.integers() | st.text() | st.lists(st.text()),
    )
)
@hsettings(max_examples=100, deadline=None)
def test_validation_never_crashes_on_arbitrary_input(answers):
    """Any JSON-like input gives an error dict (possibly empty), never an exception."""
    errors = validate_answers(TEST_DEF, answers)
    if not errors:
        score(TEST_DEF, answers)
