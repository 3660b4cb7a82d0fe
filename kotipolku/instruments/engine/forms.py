"""Rendering a definition's items as a Django form (no JavaScript needed).

Conditional items are always rendered, with a note saying when to answer them; the engine's
validation then refuses answers to items that the other answers hide. Choice items that may be left
empty get an explicit "no answer" option, because a chosen radio button cannot be cleared without
JavaScript.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext as _

from kotipolku.instruments.engine.definition import Definition, Item, text_in
from kotipolku.instruments.engine.scoring import validate_answers

NO_ANSWER = ""


def _condition_note(definition: Definition, item: Item, lang: str) -> str:
    cond = item.show_if
    parent = definition.item(cond.item)
    labels = [text_in(parent.option(v).text, lang) for v in cond.values if parent.option(v)]
    return _("Vastaa vain, jos vastasit kysymykseen ”%(question)s”: %(answers)s.") % {
        "question": text_in(parent.text, lang),
        "answers": " / ".join(labels),
    }


def field_for(definition: Definition, item: Item, lang: str) -> forms.Field:
    """One form field for one item."""
    help_parts = [text_in(item.help, lang)] if item.help else []
    if item.show_if is not None:
        help_parts.append(_condition_note(definition, item, lang))
    label = text_in(item.text, lang)
    may_be_empty = not item.required or item.show_if is not None
    # Only items that are always shown are required at field level (label marker, Django's message);
    # the engine checks conditional ones.
    common = {"label": label, "help_text": " ".join(help_parts), "required": not may_be_empty}
    if item.type in ("single", "yesno"):
        choices = [(o.value, text_in(o.text, lang)) for o in item.options]
        if may_be_empty:
            choices.append((NO_ANSWER, _("En vastaa")))
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if item.type == "multiple":
        choices = [(o.value, text_in(o.text, lang)) for o in item.options]
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
    if item.type == "scale":
        lo, hi = int(item.min), int(item.max)
        choices = []
        for v in range(lo, hi + 1):
            label_text = str(v)
            if v == lo and item.min_label:
                label_text = f"{v} – {text_in(item.min_label, lang)}"
            elif v == hi and item.max_label:
                label_text = f"{v} – {text_in(item.max_label, lang)}"
            choices.append((str(v), label_text))
        if may_be_empty:
            choices.append((NO_ANSWER, _("En vastaa")))
        return forms.TypedChoiceField(choices=choices, coerce=int, empty_value=None, widget=forms.RadioSelect, **common)
    if item.type == "number":
        return forms.IntegerField(widget=forms.NumberInput(attrs={"inputmode": "numeric"}), **common)
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 4, "maxlength": item.max_length}), strip=True, **common)


class InstrumentForm(forms.Form):
    """A form over one definition; `answers` holds the validated answers after is_valid()."""

    use_required_attribute = False  # the server's error summary explains; no browser pop-ups
    definition: Definition
    lang: str

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for item in self.definition.items:
            self.fields[item.id] = field_for(self.definition, item, self.lang)
        self.answers: dict[str, Any] = {}

    def sections(self) -> list[dict]:
        """Sections with their bound fields, for templates that render fieldsets per section."""
        return [
            {
                "title": text_in(s.title, self.lang),
                "description": text_in(s.description, self.lang),
                "fields": [self[iid] for iid in s.item_ids],
            }
            for s in self.definition.sections
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        answers = {k: v for k, v in cleaned.items() if v not in (None, "", [], NO_ANSWER)}
        for item_id, messages in validate_answers(self.definition, answers).items():
            if item_id in self.fields and not self.has_error(item_id):
                for message in messages:
                    self.add_error(item_id, message)
        self.answers = answers
        return cleaned


def form_class_for(definition: Definition, lang: str) -> type[InstrumentForm]:
    """A form class bound to one definition version and language."""
    return type(
        f"{definition.code.title().replace('-', '')}Form", (InstrumentForm,), {"definition": definition, "lang": lang}
    )
