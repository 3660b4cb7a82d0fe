"""The questionnaire engine: definitions (YAML → validated dataclasses), answer validation, scoring and
rendering of items into a Django form. Pure Python, no database: the surveys module reuses it.

    from kotipolku.instruments.engine import load_file, score, validate_answers
"""

from kotipolku.instruments.engine.definition import (
    Band,
    Condition,
    Definition,
    DefinitionError,
    Domain,
    Example,
    Item,
    Option,
    Rule,
    Section,
    load_dict,
    load_file,
    load_text,
    text_in,
)
from kotipolku.instruments.engine.scoring import Result, score, validate_answers, visible_item_ids

__all__ = [
    "Band",
    "Condition",
    "Definition",
    "DefinitionError",
    "Domain",
    "Example",
    "Item",
    "Option",
    "Result",
    "Rule",
    "Section",
    "load_dict",
    "load_file",
    "load_text",
    "score",
    "text_in",
    "validate_answers",
    "visible_item_ids",
]
