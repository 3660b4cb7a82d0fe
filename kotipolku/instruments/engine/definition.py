"""Instrument definitions: the YAML format parsed into frozen dataclasses and validated as a whole.

A definition that is wrong anywhere is refused with every problem listed, each naming the file, the
item (or band, domain, rule) and what is wrong. Nothing here touches the database.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kotipolku.services.codes import CategoryCode

LANGS = ("fi", "sv", "en")
KINDS = ("public", "professional", "survey")
ITEM_TYPES = ("single", "multiple", "scale", "yesno", "number", "text")
CHOICE_TYPES = ("single", "multiple", "yesno")
ID_RE = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
CODE_RE = re.compile(r"^[a-z][a-z0-9-]{0,62}$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SERVICE_CATEGORIES = frozenset(CategoryCode.values)  # the service compass's one code list
YESNO_TEXTS = {
    "yes": {"fi": "Kyllä", "sv": "Ja", "en": "Yes"},
    "no": {"fi": "Ei", "sv": "Nej", "en": "No"},
}

Text = Mapping[str, str]


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true/false, so option values 'yes', 'no', 'on' stay strings."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def text_in(text: Text | None, lang: str) -> str:
    """The text in lang, falling back to Finnish (the validator guarantees all three exist)."""
    if not text:
        return ""
    return text.get(lang) or text.get("fi", "")


@dataclass(frozen=True)
class Option:
    value: str
    text: Text
    emergency: bool = False


@dataclass(frozen=True)
class Condition:
    """Show an item only when another item's answer is (or, for multiple choice, contains) one of values."""

    item: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Item:
    id: str
    type: str
    text: Text
    section: str
    required: bool = False
    help: Text | None = None
    options: tuple[Option, ...] = ()
    min: float | None = None
    max: float | None = None
    min_label: Text | None = None
    max_label: Text | None = None
    max_length: int | None = None
    show_if: Condition | None = None

    @property
    def option_values(self) -> tuple[str, ...]:
        return tuple(o.value for o in self.options)

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Threshold:
    start: float
    end: float
    points: float


@dataclass(frozen=True)
class Rule:
    """How one item adds to a score: points per option, the scale value (or reversed), or number ranges."""

    item: str
    points: Mapping[str, float] = field(default_factory=dict)
    value: bool = False
    reverse: bool = False
    thresholds: tuple[Threshold, ...] = ()
    weight: float = 1.0
    cap: float | None = None
    domain: str | None = None


@dataclass(frozen=True)
class Band:
    """A result band over [start, end): the last band of a list also includes its end."""

    code: str
    start: float
    end: float
    label: Text
    text: Text | None = None
    next_steps: tuple[Text, ...] = ()
    services: tuple[str, ...] = ()
    handbook: tuple[str, ...] = ()
    emergency: bool = False


@dataclass(frozen=True)
class Domain:
    id: str
    title: Text
    weight: float = 1.0
    cap: float | None = None
    bands: tuple[Band, ...] = ()
    min: float = 0.0  # computed reachable range
    max: float = 0.0


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    item_ids: tuple[str, ...]
    description: Text | None = None


@dataclass(frozen=True)
class Example:
    name: str
    answers: Mapping[str, Any]
    band: str
    total: float | None = None
    emergency: bool | None = None


@dataclass(frozen=True)
class Definition:
    code: str
    version: int
    kind: str
    title: Text
    description: Text | None
    example: bool
    sections: tuple[Section, ...]
    items: tuple[Item, ...]
    rules: tuple[Rule, ...]
    domains: tuple[Domain, ...]
    bands: tuple[Band, ...]
    total_min: float
    total_max: float
    total_cap: float | None
    examples: tuple[Example, ...]
    raw: Mapping[str, Any]  # the JSON-safe source, frozen with a published version
    source: str = ""
    reviewed: str = ""
    sources: tuple[str, ...] = ()
    order: tuple[str, ...] = ()
    for_clients: bool = False  # staff fill it in for (or with) a client of their team  # item ids, parents before the items that depend on them

    def __post_init__(self):
        object.__setattr__(self, "_items", {i.id: i for i in self.items})
        object.__setattr__(self, "_domains", {d.id: d for d in self.domains})
        # Precomputed for scoring speed: rules with their items, items that can signal an emergency.
        object.__setattr__(self, "scored", tuple((r, self._items[r.item]) for r in self.rules))
        alarm = [i for i in self.items if any(o.emergency for o in i.options)]
        object.__setattr__(self, "alarm_items", tuple(sorted(alarm, key=lambda i: self.order.index(i.id))))

    def item(self, item_id: str) -> Item:
        return self._items[item_id]

    def has_item(self, item_id: str) -> bool:
        return item_id in self._items

    def domain(self, domain_id: str) -> Domain:
        return self._domains[domain_id]

    def band(self, code: str) -> Band | None:
        return next((b for b in self.bands if b.code == code), None)

    def section_items(self, section: Section) -> list[Item]:
        return [self._items[i] for i in section.item_ids]


class DefinitionError(ValueError):
    """A definition was refused; `problems` lists every problem found (file: where: what)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def canonical_json(raw: Mapping[str, Any]) -> str:
    """The stable JSON form of a definition: what a published version freezes and compares."""
    return json.dumps(raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def load_file(path: str | Path) -> Definition:
    """Read and validate one YAML definition file."""
    path = Path(path)
    return load_text(path.read_text(encoding="utf-8"), source=path.name)


def load_text(text: str, *, source: str = "<definition>") -> Definition:
    """Parse and validate a YAML definition given as text."""
    try:
        raw = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise DefinitionError([f"{source}:{where} not valid YAML: {getattr(exc, 'problem', exc)}"]) from None
    if not isinstance(raw, dict):
        raise DefinitionError([f"{source}: the file must hold a mapping (code, version, title, …)"])
    return load_dict(raw, source=source)


def load_dict(raw: Mapping[str, Any], *, source: str = "<definition>", stored: bool = False) -> Definition:
    """Validate a definition given as a dict (from YAML or from a frozen version's JSON).

    `stored=True` is for versions published earlier: checks added to the loader since then ("lint"
    checks that do not affect scoring) are skipped, so a frozen version stays loadable forever.
    """
    try:
        raw = json.loads(canonical_json(raw))  # JSON-safe copy: dates become strings
    except (TypeError, ValueError) as exc:  # keys that are not text (numbers mixed with names, dates)
        raise DefinitionError([f"{source}: every key must be a text name ({exc})"]) from None
    return _Parser(raw, source, lenient=stored).parse()


def _num(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Parser:
    def __init__(self, raw: dict, source: str, lenient: bool = False):
        self.raw = raw
        self.source = source
        self.lenient = lenient
        self.problems: list[str] = []

    def err(self, where: str, what: str, *, lint: bool = False) -> None:
        if lint and self.lenient:
            return
        self.problems.append(f"{self.source}: {where}: {what}" if where else f"{self.source}: {what}")

    # --- small readers -------------------------------------------------------------------------
    def listed(self, value: Any, where: str, name: str = "") -> list:
        """A list, or [] with a problem when the value is something else (missing is an empty list)."""
        if value is None or value == "":
            return []
        if not isinstance(value, list):
            self.err(where, f"'{name or where}' must be a list, not {type(value).__name__}")
            return []
        return value

    def text(self, value: Any, where: str, name: str, *, required: bool = True) -> Text | None:
        if value is None:
            if required:
                self.err(where, f"'{name}' is missing (needs fi, sv and en)")
            return None
        if isinstance(value, str):
            self.err(where, f"'{name}' must give fi, sv and en texts, not one string")
            return {"fi": value, "sv": value, "en": value}
        if not isinstance(value, dict):
            self.err(where, f"'{name}' must be a mapping of fi/sv/en texts")
            return None
        extra = sorted(str(k) for k in value if k not in LANGS)
        if extra:
            self.err(
                where,
                f"'{name}' has unexpected keys {', '.join(extra)} (quote texts that contain a comma in {{…}})",
                lint=True,
            )
        missing = [lang for lang in LANGS if not isinstance(value.get(lang), str) or not value[lang].strip()]
        if missing:
            self.err(where, f"'{name}' has no translation for {', '.join(missing)}")
        return {lang: str(value.get(lang) or "") for lang in LANGS}

    def number(self, value: Any, where: str, name: str, default: float | None = None) -> float | None:
        if value is None:
            return default
        if not _num(value):
            self.err(where, f"'{name}' must be a number, not {value!r}")
            return default
        return value

    # --- the whole definition ------------------------------------------------------------------
    def parse(self) -> Definition:
        raw = self.raw
        code = raw.get("code")
        if not isinstance(code, str) or not CODE_RE.match(code):
            self.err("", f"'code' must be lower-case letters, digits and '-', got {code!r}")
            code = str(code)
        version = raw.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.err("", f"'version' must be a whole number from 1 up, got {version!r}")
            version = 0
        kind = raw.get("kind")
        if kind not in KINDS:
            self.err("", f"'kind' must be one of {', '.join(KINDS)}, got {kind!r}")
        title = self.text(raw.get("title"), "", "title") or {}
        description = self.text(raw.get("description"), "", "description", required=False)

        domains_raw = self.listed(raw.get("domains"), "domains")
        domain_ids = [d.get("id") for d in domains_raw if isinstance(d, dict) and isinstance(d.get("id"), str)]
        sections, items = self.parse_sections(raw.get("sections"))
        items_by_id = {i.id: i for i in items}
        self.check_conditions(items_by_id)
        order = self.dependency_order(items_by_id)

        scoring = raw.get("scoring") or {}
        if not isinstance(scoring, dict):
            self.err("scoring", "must be a mapping with 'total' and 'rules'")
            scoring = {}
        rules = self.parse_rules(scoring.get("rules") or [], items_by_id, set(domain_ids))
        total = scoring.get("total") or {}
        if not isinstance(total, dict):
            self.err("scoring.total", "must be a mapping with 'min' and 'max'")
            total = {}
        total_min = self.number(total.get("min"), "scoring.total", "min", 0.0)
        total_max = self.number(total.get("max"), "scoring.total", "max", 0.0)
        total_cap = self.number(total.get("cap"), "scoring.total", "cap")
        if total_max < total_min:
            self.err("scoring.total", f"max {total_max} is below min {total_min}")

        rule_ranges = [(r, self.rule_range(r, items_by_id)) for r in rules]
        domains = self.parse_domains(domains_raw, rule_ranges)
        lo, hi = self.total_range(rule_ranges, domains, total_cap)
        if lo < total_min or hi > total_max:
            self.err(
                "scoring.total",
                f"the rules can give totals from {lo} to {hi}, outside the declared range {total_min}–{total_max}",
            )
        bands = self.parse_bands(raw.get("bands"), "bands", total_min, total_max)
        if not bands:
            self.err("bands", "at least one result band over the total is needed")
        examples = self.parse_examples(self.listed(raw.get("examples"), "examples"), bands)
        sources = self.listed(raw.get("sources"), "sources")
        for_clients = raw.get("for_clients", kind == "professional")
        if not isinstance(for_clients, bool):
            self.err("", f"'for_clients' must be true or false, got {for_clients!r}")
        if for_clients and kind == "public":
            self.err("", "a public (anonymous) instrument cannot be 'for_clients'")
        if self.problems:
            raise DefinitionError(self.problems)
        return Definition(
            code=code,
            version=version,
            kind=kind,
            title=title,
            description=description,
            example=bool(raw.get("example", False)),
            sections=tuple(sections),
            items=tuple(items),
            rules=tuple(rules),
            domains=tuple(domains),
            bands=tuple(bands),
            total_min=total_min,
            total_max=total_max,
            total_cap=total_cap,
            examples=tuple(examples),
            raw=raw,
            source=self.source,
            reviewed=str(raw.get("reviewed") or ""),
            sources=tuple(str(s) for s in sources),
            order=tuple(order),
            for_clients=bool(for_clients),
        )

    # --- sections and items --------------------------------------------------------------------
    def parse_sections(self, raw_sections: Any) -> tuple[list[Section], list[Item]]:
        sections, items, seen = [], [], set()
        if not isinstance(raw_sections, list) or not raw_sections:
            self.err("sections", "at least one section with items is needed")
            return sections, items
        for s_index, s in enumerate(raw_sections):
            where = f"section #{s_index + 1}"
            if not isinstance(s, dict):
                self.err(where, "must be a mapping")
                continue
            sid = str(s.get("id") or f"s{s_index + 1}")
            where = f"section '{sid}'"
            title = self.text(s.get("title"), where, "title") or {}
            ids = []
            for i_index, raw_item in enumerate(self.listed(s.get("items"), where, "items")):
                item = self.parse_item(raw_item, sid, f"{where} item #{i_index + 1}")
                if item is None:
                    continue
                if item.id in seen:
                    self.err(f"item '{item.id}'", "duplicate item id (ids must be unique in the whole definition)")
                    continue
                seen.add(item.id)
                ids.append(item.id)
                items.append(item)
            if not ids:
                self.err(where, "has no items")
            desc = self.text(s.get("description"), where, "description", required=False)
            sections.append(Section(id=sid, title=title, item_ids=tuple(ids), description=desc))
        return sections, items

    def parse_item(self, raw: Any, section: str, fallback_where: str) -> Item | None:
        if not isinstance(raw, dict):
            self.err(fallback_where, "must be a mapping")
            return None
        iid = raw.get("id")
        if not isinstance(iid, str) or not ID_RE.match(iid):
            self.err(fallback_where, f"'id' must be lower-case letters, digits and '_', got {iid!r}")
            return None
        where = f"item '{iid}'"
        itype = raw.get("type")
        if itype not in ITEM_TYPES:
            self.err(where, f"'type' must be one of {', '.join(ITEM_TYPES)}, got {itype!r}")
            return None
        kw: dict[str, Any] = {
            "id": iid,
            "type": itype,
            "section": section,
            "text": self.text(raw.get("text"), where, "text") or {},
            "help": self.text(raw.get("help"), where, "help", required=False),
            "required": bool(raw.get("required", False)),
        }
        if itype in ("single", "multiple"):
            kw["options"] = self.parse_options(raw.get("options"), where)
        elif itype == "yesno":
            emergency = raw.get("emergency_if")
            if emergency not in (None, "yes", "no"):
                self.err(where, f"'emergency_if' must be yes or no, got {emergency!r}")
            kw["options"] = tuple(Option(v, YESNO_TEXTS[v], emergency == v) for v in ("yes", "no"))
        elif itype in ("scale", "number"):
            lo = self.number(raw.get("min"), where, "min")
            hi = self.number(raw.get("max"), where, "max")
            if itype == "scale":
                if not isinstance(lo, int) or not isinstance(hi, int):
                    self.err(where, "a scale needs whole-number 'min' and 'max'")
                    lo, hi = 0, 1
                elif hi - lo < 1 or hi - lo > 20:
                    self.err(where, f"a scale runs from min to max with 2–21 steps, got {lo}–{hi}")
                kw["min_label"] = self.text(raw.get("min_label"), where, "min_label", required=False)
                kw["max_label"] = self.text(raw.get("max_label"), where, "max_label", required=False)
            elif lo is not None and hi is not None and hi < lo:
                self.err(where, f"'max' {hi} is below 'min' {lo}")
            kw["min"], kw["max"] = lo, hi
        elif itype == "text":
            length = raw.get("max_length")
            if not isinstance(length, int) or isinstance(length, bool) or not 1 <= length <= 5000:
                self.err(where, f"a text item needs 'max_length' from 1 to 5000, got {length!r}")
                length = 1
            kw["max_length"] = length
        show_if = raw.get("show_if")
        if show_if is not None:
            kw["show_if"] = self.parse_condition(show_if, where)
        return Item(**kw)

    def parse_options(self, raw: Any, where: str) -> tuple[Option, ...]:
        if not isinstance(raw, list) or len(raw) < 2:
            self.err(where, "a choice item needs at least two 'options'")
            return ()
        options, seen = [], set()
        for o in raw:
            if not isinstance(o, dict) or not isinstance(o.get("value"), str) or not ID_RE.match(o["value"]):
                self.err(where, f"an option needs a 'value' of lower-case letters, digits and '_', got {o!r}")
                continue
            if o["value"] in seen:
                self.err(where, f"option '{o['value']}' appears twice")
                continue
            seen.add(o["value"])
            text = self.text(o.get("text"), f"{where} option '{o['value']}'", "text") or {}
            options.append(Option(o["value"], text, bool(o.get("emergency", False))))
        return tuple(options)

    def parse_condition(self, raw: Any, where: str) -> Condition | None:
        if not isinstance(raw, dict) or "item" not in raw or ("equals" in raw) == ("in" in raw):
            self.err(where, "'show_if' needs 'item' and exactly one of 'equals' or 'in'")
            return None
        values = [raw["equals"]] if "equals" in raw else raw["in"]
        if not isinstance(values, list) or not values:
            self.err(where, "'show_if: in' needs a list of values")
            return None
        return Condition(str(raw["item"]), tuple(_yesno_value(v) for v in values))

    def check_conditions(self, items: dict[str, Item]) -> None:
        for item in items.values():
            cond = item.show_if
            if cond is None:
                continue
            where = f"item '{item.id}'"
            parent = items.get(cond.item)
            if parent is None:
                self.err(where, f"'show_if' refers to item '{cond.item}', which does not exist")
            elif parent.type not in CHOICE_TYPES:
                self.err(where, f"'show_if' must depend on a choice or yes/no item; '{parent.id}' is {parent.type}")
            else:
                for v in cond.values:
                    if v not in parent.option_values:
                        self.err(where, f"'show_if' value '{v}' is not an option of '{parent.id}'")

    def dependency_order(self, items: dict[str, Item]) -> list[str]:
        """Items with their condition parents first; a cycle of conditions is refused."""
        order: list[str] = []
        state: dict[str, int] = {}  # 1 = visiting, 2 = done

        def visit(iid: str, path: list[str]) -> None:
            if state.get(iid) == 2:
                return
            if state.get(iid) == 1:
                cycle = path[path.index(iid) :] + [iid]
                self.err(f"item '{iid}'", "conditions form a cycle: " + " → ".join(cycle))
                return
            state[iid] = 1
            cond = items[iid].show_if
            if cond is not None and cond.item in items:
                visit(cond.item, [*path, iid])
            state[iid] = 2
            order.append(iid)

        for iid in items:
            visit(iid, [])
        return order

    # --- scoring -------------------------------------------------------------------------------
    def parse_rules(self, raw_rules: Any, items: dict[str, Item], domain_ids: set) -> list[Rule]:
        rules = []
        if not isinstance(raw_rules, list):
            self.err("scoring.rules", "must be a list")
            return rules
        for index, r in enumerate(raw_rules):
            where = f"scoring rule #{index + 1}"
            if not isinstance(r, dict):
                self.err(where, "must be a mapping")
                continue
            iid = r.get("item")
            where = f"scoring rule #{index + 1} (item '{iid}')"
            item = items.get(iid) if isinstance(iid, str) else None
            if item is None:
                self.err(where, f"points to item '{iid}', which does not exist")
                continue
            domain = r.get("domain")
            if domain is not None and (not isinstance(domain, str) or domain not in domain_ids):
                self.err(where, f"domain '{domain}' is not declared under 'domains'")
            weight = self.number(r.get("weight"), where, "weight", 1.0)
            cap = self.number(r.get("cap"), where, "cap")
            kw: dict[str, Any] = {"item": iid, "weight": weight, "cap": cap, "domain": domain}
            if item.type in CHOICE_TYPES:
                points = r.get("points")
                if not isinstance(points, dict) or not points:
                    self.err(where, "a choice item's rule needs 'points' per option")
                    points = {}
                clean = {}
                for key, value in points.items():
                    key = _yesno_value(key)
                    if key not in item.option_values:
                        self.err(where, f"points for option '{key}', which item '{iid}' does not have")
                    clean[key] = self.number(value, where, f"points.{key}", 0.0)
                kw["points"] = clean
            elif item.type == "scale":
                if not (r.get("value") or r.get("reverse")):
                    self.err(where, "a scale rule needs 'value: true' or 'reverse: true'")
                kw["value"], kw["reverse"] = True, bool(r.get("reverse"))
            elif item.type == "number":
                kw["thresholds"] = self.parse_thresholds(r.get("thresholds"), where)
            else:
                self.err(where, f"a {item.type} item cannot be scored")
            rules.append(Rule(**kw))
        return rules

    def parse_thresholds(self, raw: Any, where: str) -> tuple[Threshold, ...]:
        if not isinstance(raw, list) or not raw:
            self.err(where, "a number rule needs 'thresholds' [{from, to, points}]")
            return ()
        out = []
        for t in raw:
            if not isinstance(t, dict) or not all(_num(t.get(k)) for k in ("from", "to", "points")):
                self.err(where, f"threshold {t!r} needs numeric 'from', 'to' and 'points'")
                continue
            out.append(Threshold(t["from"], t["to"], t["points"]))
        return tuple(out)

    def rule_range(self, rule: Rule, items: dict[str, Item]) -> tuple[float, float]:
        """The lowest and highest score this rule can give for any valid answer (or none)."""
        item = items[rule.item]
        optional = not item.required or item.show_if is not None
        if item.type == "multiple":
            pts = [rule.points.get(v, 0.0) for v in item.option_values]
            raw = [sum(p for p in pts if p < 0), sum(p for p in pts if p > 0)]
        elif item.type in CHOICE_TYPES:
            raw = [rule.points.get(v, 0.0) for v in item.option_values]
        elif item.type == "scale":
            raw = [0.0, float(item.max - item.min)] if rule.reverse else [item.min, item.max]
        elif item.type == "number":
            raw = [t.points for t in rule.thresholds] + [0.0]
        else:
            raw = [0.0]
        if optional or not raw:  # not raw: a choice item whose options were all refused (reported above)
            raw.append(0.0)
        values = [v * rule.weight for v in raw]
        lo, hi = min(values), max(values)
        if rule.cap is not None:
            lo, hi = min(lo, rule.cap), min(hi, rule.cap)
        return round(lo, 4), round(hi, 4)

    def parse_domains(self, raw: Any, rule_ranges: list) -> list[Domain]:
        domains, seen = [], set()
        if not isinstance(raw, list):
            self.err("domains", "must be a list")
            return domains
        for d in raw:
            if not isinstance(d, dict) or not isinstance(d.get("id"), str) or not ID_RE.match(d["id"]):
                self.err("domains", f"a domain needs an 'id' of lower-case letters, digits and '_', got {d!r}")
                continue
            did = d["id"]
            where = f"domain '{did}'"
            if did in seen:
                self.err(where, "duplicate domain id")
                continue
            seen.add(did)
            cap = self.number(d.get("cap"), where, "cap")
            lo = sum(rng[0] for r, rng in rule_ranges if r.domain == did)
            hi = sum(rng[1] for r, rng in rule_ranges if r.domain == did)
            if cap is not None:
                lo, hi = min(lo, cap), min(hi, cap)
            lo, hi = round(lo, 4), round(hi, 4)
            if not any(r.domain == did for r, _ in rule_ranges):
                self.err(where, "no scoring rule adds to this domain")
            bands = self.parse_bands(d.get("bands"), f"{where} bands", lo, hi) if d.get("bands") else []
            domains.append(
                Domain(
                    id=did,
                    title=self.text(d.get("title"), where, "title") or {},
                    weight=self.number(d.get("weight"), where, "weight", 1.0),
                    cap=cap,
                    bands=tuple(bands),
                    min=lo,
                    max=hi,
                )
            )
        return domains

    def total_range(self, rule_ranges: list, domains: list[Domain], cap: float | None) -> tuple[float, float]:
        lo = sum(rng[0] for r, rng in rule_ranges if r.domain is None)
        hi = sum(rng[1] for r, rng in rule_ranges if r.domain is None)
        for d in domains:
            a, b = d.min * d.weight, d.max * d.weight
            lo, hi = lo + min(a, b), hi + max(a, b)
        if cap is not None:
            lo, hi = min(lo, cap), min(hi, cap)
        return round(lo, 4), round(hi, 4)

    def parse_bands(self, raw: Any, where: str, lo: float, hi: float) -> list[Band]:
        if not isinstance(raw, list) or not raw:
            return []
        bands, seen = [], set()
        for b in raw:
            if not isinstance(b, dict) or not isinstance(b.get("code"), str) or not ID_RE.match(b["code"]):
                self.err(where, f"a band needs a 'code' of lower-case letters, digits and '_', got {b!r}")
                continue
            bw = f"{where} '{b['code']}'"
            if b["code"] in seen:
                self.err(bw, "duplicate band code")
            seen.add(b["code"])
            degenerate = lo == hi and b.get("from") == b.get("to") == lo  # nothing scored: one point
            if not (_num(b.get("from")) and _num(b.get("to"))) or (b["to"] <= b["from"] and not degenerate):
                self.err(bw, f"needs numeric 'from' below 'to', got from={b.get('from')!r} to={b.get('to')!r}")
                continue
            services = tuple(self.listed(b.get("services"), bw, "services"))
            for s in services:
                if not isinstance(s, str) or s not in SERVICE_CATEGORIES:
                    self.err(bw, f"service category '{s}' is not one of the service compass categories")
            handbook = tuple(self.listed(b.get("handbook"), bw, "handbook"))
            for slug in handbook:
                if not isinstance(slug, str) or not SLUG_RE.match(slug):
                    self.err(bw, f"handbook slug {slug!r} is not a valid slug")
            steps = tuple(
                t
                for n, s in enumerate(self.listed(b.get("next_steps"), bw, "next_steps"))
                if (t := self.text(s, bw, f"next_steps #{n + 1}")) is not None
            )
            bands.append(
                Band(
                    code=b["code"],
                    start=b["from"],
                    end=b["to"],
                    label=self.text(b.get("label"), bw, "label") or {},
                    text=self.text(b.get("text"), bw, "text", required=False),
                    next_steps=steps,
                    services=services,
                    handbook=handbook,
                    emergency=bool(b.get("emergency", False)),
                )
            )
        bands.sort(key=lambda band: band.start)
        if bands:
            if bands[0].start != lo:
                self.err(where, f"the first band starts at {bands[0].start}, but the score range starts at {lo}")
            if bands[-1].end != hi:
                self.err(where, f"the last band ends at {bands[-1].end}, but the score range ends at {hi}")
            for a, b in zip(bands, bands[1:], strict=False):
                if a.end < b.start:
                    self.err(where, f"gap between band '{a.code}' (to {a.end}) and '{b.code}' (from {b.start})")
                elif a.end > b.start:
                    self.err(where, f"bands '{a.code}' (to {a.end}) and '{b.code}' (from {b.start}) overlap")
        return bands

    def parse_examples(self, raw: Any, bands: list[Band]) -> list[Example]:
        out = []
        codes = {b.code for b in bands}
        for index, e in enumerate(raw):
            where = f"example #{index + 1}"
            if not isinstance(e, dict) or not isinstance(e.get("answers"), dict):
                self.err(where, "needs 'answers' (a mapping) and 'band'")
                continue
            if e.get("band") not in codes:
                self.err(where, f"expected band {e.get('band')!r} is not a band of this definition")
                continue
            answers = {k: _yesno_answer(v) for k, v in e["answers"].items()}
            out.append(
                Example(
                    name=str(e.get("name") or where),
                    answers=answers,
                    band=e["band"],
                    total=e.get("total"),
                    emergency=e.get("emergency"),
                )
            )
        return out


def _yesno_value(value: Any) -> str:
    """YAML reads bare yes/no as booleans; option values are the strings 'yes' and 'no'."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


def _yesno_answer(value: Any) -> Any:
    return _yesno_value(value) if isinstance(value, bool) else value
