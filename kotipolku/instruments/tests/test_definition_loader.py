"""The loader refuses broken definitions at load time, naming file, item and what is wrong."""

import pytest

from kotipolku.instruments.engine import DefinitionError, load_dict, load_text
from kotipolku.instruments.tests.defs import as_yaml, base


def problems_of(raw: dict) -> list[str]:
    with pytest.raises(DefinitionError) as exc:
        load_dict(raw, source="testi.yaml")
    return exc.value.problems


def test_the_base_definition_loads_with_computed_ranges():
    """The feature-complete test definition is valid; domain ranges are computed from the rules."""
    d = load_text(as_yaml(base()), source="testi.yaml")
    assert d.domain("money").max == 6  # capped
    assert d.domain("life").max == 6
    assert [s.id for s in d.sections] == ["a", "b"]
    assert d.order.index("arrears") < d.order.index("plan") < d.order.index("plan_detail")


def test_duplicate_item_id_is_refused():
    """Two items with one id: the error names the file and the item."""
    raw = base()
    raw["sections"][1]["items"][1]["id"] = "mood"
    problems = problems_of(raw)
    assert any("testi.yaml" in p and "item 'mood'" in p and "duplicate" in p for p in problems)


def test_cycle_in_conditions_is_refused():
    """A shows if B, B shows if A: the cycle is listed."""
    raw = base()
    raw["sections"][0]["items"][0]["show_if"] = {"item": "plan", "equals": "yes"}
    problems = problems_of(raw)
    assert any("cycle" in p and "arrears" in p and "plan" in p for p in problems)


def test_condition_on_missing_item_or_option_is_refused():
    raw = base()
    raw["sections"][0]["items"][1]["show_if"] = {"item": "nope", "equals": "x"}
    raw["sections"][0]["items"][2]["show_if"] = {"item": "plan", "equals": "maybe"}
    problems = problems_of(raw)
    assert any("item 'plan'" in p and "'nope'" in p for p in problems)
    assert any("item 'plan_detail'" in p and "'maybe'" in p for p in problems)


def test_band_gap_is_refused():
    raw = base()
    raw["bands"][1]["from"] = 6
    assert any("gap between band 'low'" in p for p in problems_of(raw))


def test_band_overlap_is_refused():
    raw = base()
    raw["bands"][1]["to"] = 13
    assert any("'mid'" in p and "'high'" in p and "overlap" in p for p in problems_of(raw))


def test_bands_must_cover_the_declared_range():
    raw = base()
    raw["bands"][2]["to"] = 25
    assert any("last band ends at 25" in p for p in problems_of(raw))


def test_domain_band_gap_is_refused():
    raw = base()
    raw["domains"][0]["bands"][1]["from"] = 4
    assert any("domain 'money' bands" in p and "gap" in p for p in problems_of(raw))


def test_score_rule_to_missing_item_is_refused():
    raw = base()
    raw["scoring"]["rules"].append({"item": "ghost", "points": {"a": 1}})
    assert any("rule #7" in p and "'ghost'" in p and "does not exist" in p for p in problems_of(raw))


def test_score_rule_to_missing_option_is_refused():
    raw = base()
    raw["scoring"]["rules"][0]["points"]["lots"] = 9
    assert any("item 'arrears'" in p and "option 'lots'" in p for p in problems_of(raw))


def test_rule_to_missing_domain_and_text_item_is_refused():
    raw = base()
    raw["scoring"]["rules"][0]["domain"] = "nowhere"
    raw["scoring"]["rules"].append({"item": "plan_detail", "points": {"x": 1}})
    problems = problems_of(raw)
    assert any("domain 'nowhere'" in p for p in problems)
    assert any("text item cannot be scored" in p for p in problems)


def test_missing_translation_is_refused():
    """Every text needs fi, sv and en; the error says which language is missing and where."""
    raw = base()
    raw["sections"][0]["items"][0]["options"][1]["text"] = {"fi": "vähän", "sv": "lite"}
    raw["bands"][0]["label"] = "vain suomeksi"
    problems = problems_of(raw)
    assert any("item 'arrears' option 'some'" in p and "no translation for en" in p for p in problems)
    assert any("bands 'low'" in p and "fi, sv and en" in p for p in problems)


def test_rules_beyond_declared_range_are_refused():
    raw = base()
    raw["scoring"]["total"] = {"min": 0, "max": 30, "cap": 20}
    raw["bands"][0]["from"] = 0
    assert any("outside the declared range" in p for p in problems_of(raw))


def test_examples_must_name_existing_bands():
    raw = base()
    raw["examples"][0]["band"] = "unknown"
    assert any("example #1" in p for p in problems_of(raw))


def test_bad_scale_and_text_items_are_refused():
    raw = base()
    raw["sections"][1]["items"][0]["max"] = 0
    raw["sections"][0]["items"][2]["max_length"] = 0
    problems = problems_of(raw)
    assert any("item 'mood'" in p and "scale" in p for p in problems)
    assert any("item 'plan_detail'" in p and "max_length" in p for p in problems)


def test_invalid_yaml_names_the_line():
    with pytest.raises(DefinitionError) as exc:
        load_text("code: x\n  bad: [", source="rikki.yaml")
    assert "rikki.yaml" in str(exc.value) and "line" in str(exc.value)


def test_yes_and_no_stay_strings_in_yaml():
    """YAML 1.1 would read `equals: yes` as a boolean; the loader keeps option values as strings."""
    text = as_yaml(base()).replace("equals: 'yes'", "equals: yes")
    assert "equals: yes" in text
    d = load_text(text, source="testi.yaml")
    assert d.item("plan_detail").show_if.values == ("yes",)


def test_text_cut_by_a_comma_in_flow_yaml_is_refused():
    """`{fi: Ei ole, mutta ..., sv: ...}` splits the Finnish text at the comma; the loader says so."""
    text = as_yaml(base()) + "title: {fi: yksi, kaksi, sv: x, en: y}\n"  # the later key wins
    assert "kaksi" in text
    with pytest.raises(DefinitionError) as exc:
        load_text(text, source="testi.yaml")
    assert "unexpected keys kaksi" in str(exc.value)


def test_unscored_survey_with_one_point_band_loads():
    """A survey without scoring rules declares the range 0–0 and one band covering it."""
    raw = base()
    raw["domains"] = []
    raw["scoring"] = {"total": {"min": 0, "max": 0}, "rules": []}
    raw["bands"] = [{"code": "done", "from": 0, "to": 0, "label": raw["title"]}]
    raw["examples"] = []
    from kotipolku.instruments.engine import score

    d = load_dict(raw, source="kysely.yaml")
    assert score(d, {"arrears": "none", "mood": 2}).band.code == "done"


def test_for_clients_defaults_by_kind():
    """Professional tools are for clients by default; surveys only when they say so; public never."""
    assert load_dict(base()).for_clients is True
    assert load_dict({**base(), "kind": "survey"}).for_clients is False
    assert load_dict({**base(), "kind": "survey", "for_clients": True}).for_clients is True
    assert any("cannot be 'for_clients'" in p for p in problems_of({**base(), "kind": "public", "for_clients": True}))
