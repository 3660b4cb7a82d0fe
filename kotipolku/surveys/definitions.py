"""The `survey:` section of a survey definition: how its rates are computed and what answers group by.

    survey:
      group_by: municipality            # optional: a single-choice item; summaries per its value
      rates:
        adoption: {item: will_use, values: ["yes", partly], label: {fi, sv, en}}   # share choosing these
        satisfaction: {item: usefulness, min: 4, label: {...}}                      # share at or above min

A rate is (answers meeting the rule) / (answers that answered the item); unanswered items do not count.
"""

from dataclasses import dataclass
from typing import Any

from kotipolku.instruments.engine import Definition, DefinitionError

LANGS = ("fi", "sv", "en")


@dataclass(frozen=True)
class RateRule:
    code: str
    item: str
    label: dict
    values: tuple[str, ...] = ()
    min: float | None = None

    def met(self, value: Any) -> bool:
        if self.values:
            chosen = value if isinstance(value, list) else [value]
            return any(str(v) in self.values for v in chosen)
        try:
            return float(value) >= self.min
        except (TypeError, ValueError):
            return False


@dataclass(frozen=True)
class SurveySpec:
    rates: tuple[RateRule, ...]
    group_by: str | None


def survey_spec(definition: Definition) -> SurveySpec:
    """Parse and check the survey section; every problem names the file and the rate."""
    raw = definition.raw.get("survey") or {}
    where = definition.source
    problems, rates = [], []
    if definition.kind != "survey":
        problems.append(f"{where}: kind must be 'survey' for a survey definition")
    # Sorted by code: stored definitions may come back from jsonb with their keys in another order.
    for code, rule in sorted((raw.get("rates") or {}).items()):
        if not isinstance(rule, dict) or not definition.has_item(str(rule.get("item"))):
            problems.append(f"{where}: rate '{code}' points to a missing item {rule.get('item')!r}")
            continue
        item = definition.item(rule["item"])
        label = rule.get("label") or {}
        if any(not label.get(lang) for lang in LANGS):
            problems.append(f"{where}: rate '{code}' needs a label in fi, sv and en")
        values = tuple(str(v) for v in rule.get("values") or ())
        if values:
            unknown = [v for v in values if v not in item.option_values]
            if unknown:
                problems.append(f"{where}: rate '{code}' uses values {unknown} that item '{item.id}' does not have")
        elif item.type != "scale" or not isinstance(rule.get("min"), int | float):
            problems.append(f"{where}: rate '{code}' needs 'values' (choice item) or a numeric 'min' (scale item)")
            continue
        rates.append(RateRule(code=code, item=item.id, label=label, values=values, min=rule.get("min")))
    group_by = raw.get("group_by")
    if group_by is not None and (not definition.has_item(group_by) or definition.item(group_by).type != "single"):
        problems.append(f"{where}: group_by '{group_by}' must name a single-choice item")
    if problems:
        raise DefinitionError(problems)
    return SurveySpec(rates=tuple(rates), group_by=group_by)


def rate(rule: RateRule, value_counts: dict[str, int]) -> dict:
    """The rate from counts of answer values of the rule's item: {met, answered, share}."""
    answered = sum(value_counts.values())
    met = sum(n for value, n in value_counts.items() if rule.met(value))
    return {"met": met, "answered": answered, "share": round(met / answered, 4) if answered else None}
