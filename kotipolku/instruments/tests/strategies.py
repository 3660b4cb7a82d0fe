"""Hypothesis strategies: any valid answer set of a definition (hidden items left out)."""

from hypothesis import strategies as st

from kotipolku.instruments.engine import Definition, Item, visible_item_ids


def value_strategy(item: Item):
    if item.type in ("single", "yesno"):
        return st.sampled_from(item.option_values)
    if item.type == "multiple":
        return st.lists(st.sampled_from(item.option_values), unique=True)
    if item.type == "scale":
        return st.integers(int(item.min), int(item.max))
    if item.type == "number":
        lo = int(item.min) if item.min is not None else -(10**6)
        hi = int(item.max) if item.max is not None else 10**6
        return st.integers(lo, hi)
    return st.text(max_size=item.max_length)


def valid_answers(definition: Definition):
    parts = {}
    for item in definition.items:
        value = value_strategy(item)
        parts[item.id] = value if item.required else st.one_of(st.none(), value)

    def prune(answers: dict) -> dict:
        answers = {k: v for k, v in answers.items() if v is not None}
        visible = visible_item_ids(definition, answers)
        return {k: v for k, v in answers.items() if k in visible}

    return st.fixed_dictionaries(parts).map(prune)
