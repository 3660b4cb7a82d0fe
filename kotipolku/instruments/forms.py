"""Forms of the staff pages (instrument items themselves are rendered by engine/forms.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotipolku.core.forms import PlausibleDateField


class StatsForm(forms.Form):
    """Which instrument and period the anonymous statistics cover."""

    instrument = forms.ChoiceField(label=_("Arviointiväline"))
    start = PlausibleDateField(label=_("Alkaen"), widget=forms.DateInput(attrs={"type": "date"}))
    end = PlausibleDateField(label=_("Päättyen"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, instrument_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].choices = instrument_choices

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("Päättymispäivä ei voi olla ennen alkamispäivää."))
        if start and end and (end - start).days > 3660:
            self.add_error("start", _("Valitse enintään kymmenen vuoden jakso."))
        return cleaned
