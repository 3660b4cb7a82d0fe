"""Answer validation and scoring: pure functions of a definition and an answer dict, no database.

Answers are a dict item id → value: an option value (single choice, yes/no as "yes"/"no"), a list
of option values (multiple choice), an int (scale), a number, or a string (free text). Items that a
condition hides are neither validated as required nor scored; an answer to one is an error.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from kotipolku.instruments.engine.definition import Band, Definition, Item, Rule


@dataclass(frozen=True)
class Result:
    total: float
    domains: dict[str, float]
    band: Band
    domain_bands: dict[str, Band | None] = field(default_factory=dict)
    emergency: bool = False
    emergency_items: tuple[str, ...] = ()

    def as_json(self) -> dict:
        """The scores stored with a response (band codes, not texts: texts come from the version)."""
        return {
            "total": self.total,
            "domains": self.domains,
            "band": self.band.code,
            "domain_bands": {k: (b.code if b else None) for k, b in self.domain_bands.items()},
            "emergency": self.emergency,
            "emergency_items": list(self.emergency_items),
        }


def _answered(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != ()


def _matches(item: Item, value: Any, wanted: tuple[str, ...]) -> bool:
    if not _answered(value):
        return False
    if item.type == "multiple":
        return isinstance(value, list | tuple) and any(v in wanted for v in value)
    return value in wanted


def visible_item_ids(definition: Definition, answers: Mapping[str, Any]) -> set[str]:
    """Items shown for these answers: an item is hidden when its condition (or its parent's) fails."""
    visible: set[str] = set()
    for iid in definition.order:
        cond = definition.item(iid).show_if
        if cond is None or (
            cond.item in visible and _matches(definition.item(cond.item), answers.get(cond.item), cond.values)
        ):
            visible.add(iid)
    return visible


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _item_errors(item: Item, value: Any) -> list[str]:
    if item.type in ("single", "yesno"):
        if not isinstance(value, str) or value not in item.option_values:
            return [_("Valitse jokin annetuista vaihtoehdoista.")]
    elif item.type == "multiple":
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            return [_("Valitse yksi tai useampi annetuista vaihtoehdoista.")]
        if any(v not in item.option_values for v in value):
            return [_("Valinnoissa on vaihtoehto, jota tässä kysymyksessä ei ole.")]
        if len(set(value)) != len(value):
            return [_("Sama vaihtoehto on valittu kahdesti.")]
    elif item.type == "scale":
        if not isinstance(value, int) or isinstance(value, bool) or not item.min <= value <= item.max:
            return [_("Valitse kokonaisluku väliltä %(min)s–%(max)s.") % {"min": int(item.min), "max": int(item.max)}]
    elif item.type == "number":
        if not _is_number(value):
            return [_("Anna luku.")]
        if item.min is not None and value < item.min:
            return [_("Luvun pitää olla vähintään %(min)s.") % {"min": item.min}]
        if item.max is not None and value > item.max:
            return [_("Luvun pitää olla enintään %(max)s.") % {"max": item.max}]
    elif item.type == "text":
        if not isinstance(value, str):
            return [_("Anna vastaus tekstinä.")]
        if len(value) > item.max_length:
            return [_("Vastaus on liian pitkä: enintään %(n)s merkkiä.") % {"n": item.max_length}]
    return []


def validate_answers(definition: Definition, answers: Mapping[str, Any]) -> dict[str, list[str]]:
    """Errors per item id (empty dict when the answers are valid). Checks required answers, options,
    scale and number ranges, text length, unknown items and answers to items that are hidden."""
    errors: dict[str, list[str]] = {}
    for key in answers:
        if not definition.has_item(key) and _answered(answers[key]):
            errors[key] = [_("Tuntematon kysymys.")]
    visible = visible_item_ids(definition, answers)
    for item in definition.items:
        value = answers.get(item.id)
        if item.id not in visible:
            if _answered(value):
                errors[item.id] = [
                    _("Tähän kysymykseen ei vastata aiempien vastaustesi perusteella. Jätä se tyhjäksi.")
                ]
            continue
        if not _answered(value):
            if item.required:
                errors[item.id] = [_("Vastaa tähän kysymykseen.")]
            continue
        problems = _item_errors(item, value)
        if problems:
            errors[item.id] = problems
    return errors


def _rule_points(rule: Rule, item: Item, value: Any) -> float:
    if not _answered(value):
        return 0.0
    if item.type == "multiple":
        points = sum(rule.points.get(v, 0.0) for v in value)
    elif item.type in ("single", "yesno"):
        points = rule.points.get(value, 0.0)
    elif item.type == "scale":
        points = (item.max - value) if rule.reverse else value
    elif item.type == "number":
        points = next((t.points for t in rule.thresholds if t.start <= value < t.end), 0.0)
    else:
        points = 0.0
    points *= rule.weight
    if rule.cap is not None:
        points = min(points, rule.cap)
    return points


def band_for(bands: tuple[Band, ...], value: float) -> Band | None:
    """The band whose [start, end) holds value; the last band also holds its end."""
    for band in bands:
        if band.start <= value < band.end:
            return band
    if bands and value == bands[-1].end:
        return bands[-1]
    return None


def score(definition: Definition, answers: Mapping[str, Any]) -> Result:
    """Score valid answers: domain sub-scores, total, band and the emergency flag.

    Hidden items count nothing. Deterministic and side-effect free, so old responses can be re-scored
    against the version they were given on.
    """
    visible = visible_item_ids(definition, answers)
    domains = {d.id: 0.0 for d in definition.domains}
    loose = 0.0
    for rule, item in definition.scored:
        if rule.item not in visible:
            continue
        points = _rule_points(rule, item, answers.get(rule.item))
        if rule.domain is None:
            loose += points
        else:
            domains[rule.domain] += points
    total = loose
    for d in definition.domains:
        value = domains[d.id]
        if d.cap is not None:
            value = min(value, d.cap)
        domains[d.id] = round(value, 4)
        total += domains[d.id] * d.weight
    if definition.total_cap is not None:
        total = min(total, definition.total_cap)
    total = round(total, 4)
    band = band_for(definition.bands, total)
    if band is None:  # the validator makes this unreachable for valid answers
        raise ValueError(f"{definition.code} v{definition.version}: total {total} falls outside every band")
    emergency_items = []
    for item in definition.alarm_items:
        if item.id not in visible:
            continue
        value = answers.get(item.id)
        chosen = value if isinstance(value, list | tuple) else [value]
        if any((opt := item.option(v)) is not None and opt.emergency for v in chosen if isinstance(v, str)):
            emergency_items.append(item.id)
    domain_bands = {d.id: band_for(d.bands, domains[d.id]) for d in definition.domains if d.bands}
    emergency = bool(emergency_items) or band.emergency or any(b and b.emergency for b in domain_bands.values())
    return Result(
        total=total,
        domains=domains,
        band=band,
        domain_bands=domain_bands,
        emergency=emergency,
        emergency_items=tuple(emergency_items),
    )
