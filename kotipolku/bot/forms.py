"""Forms of the chat page and the editors' queue."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotipolku.bot.models import LANG_CHOICES

MAX_QUESTION = 1000


class AskForm(forms.Form):
    message = forms.CharField(
        label=_("Kysymyksesi"),
        max_length=MAX_QUESTION,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        help_text=_("Älä kirjoita nimeäsi, henkilötunnustasi, puhelinnumeroasi tai osoitettasi."),
        error_messages={
            "required": _("Kirjoita kysymys."),
            "max_length": _("Kirjoita lyhyemmin (enintään 1000 merkkiä)."),
        },
    )


class FeedbackForm(forms.Form):
    exchange = forms.UUIDField(widget=forms.HiddenInput)
    helpful = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


class ExampleForm(forms.Form):
    answer = forms.ChoiceField(label=_("Vastaus"))
    lang = forms.ChoiceField(label=_("Kieli"), choices=LANG_CHOICES)
    text = forms.CharField(label=_("Esimerkkimuotoilu"), max_length=300)

    def __init__(self, *args, answers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].choices = list(answers)
