"""Forms of reporting. Filter validation is shared with the API (filters.parse_filters)."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotipolku.core.themes import Theme
from kotipolku.reporting.filters import FilterError, allowed_municipalities, allowed_teams, parse_filters
from kotipolku.reporting.models import Frequency, TargetMetric


class DateInput(forms.DateInput):
    input_type = "date"


class FilterForm(forms.Form):
    start = forms.DateField(label=_("Alkaen"), widget=DateInput)
    end = forms.DateField(label=_("Päättyen"), widget=DateInput)
    team = forms.ChoiceField(label=_("Tiimi"), required=False)
    municipality = forms.ChoiceField(label=_("Kunta"), required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["team"].choices = [("", _("Kaikki tiimini"))] + [(str(t.pk), t.name) for t in allowed_teams(actor)]
        self.fields["municipality"].choices = [("", _("Kaikki"))] + [(m, m) for m in allowed_municipalities(actor)]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["filters"] = parse_filters(
                actor=self.actor,
                start=data.get("start"),
                end=data.get("end"),
                team=data.get("team"),
                municipality=data.get("municipality"),
            )
        except FilterError as exc:
            for e in exc.errors:
                self.add_error(e["field"] if e["field"] in self.fields else None, e["reason"])
        return data


class DayForm(forms.Form):
    on = forms.DateField(label=_("Laskentapäivä"), widget=DateInput)
    team = forms.ChoiceField(label=_("Tiimi"), required=False)
    municipality = forms.ChoiceField(label=_("Kunta"), required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["team"].choices = [("", _("Kaikki tiimini"))] + [(str(t.pk), t.name) for t in allowed_teams(actor)]
        self.fields["municipality"].choices = [("", _("Kaikki"))] + [(m, m) for m in allowed_municipalities(actor)]

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError(_("Laskentapäivä ei voi olla tulevaisuudessa."))
        if on < dt.date(2000, 1, 1):
            raise forms.ValidationError(_("Laskentapäivä on liian varhain."))
        return on

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["filters"] = parse_filters(
                actor=self.actor,
                start=data["on"],
                end=data["on"],
                team=data.get("team"),
                municipality=data.get("municipality"),
            )
        except FilterError as exc:
            for e in exc.errors:
                self.add_error(e["field"] if e["field"] in self.fields else None, e["reason"])
        return data


class ObservationForm(forms.Form):
    team = forms.ChoiceField(label=_("Tiimi"))
    phenomenon = forms.CharField(label=_("Ilmiö"), max_length=200, help_text=_("Mitä olet havainnut? Lyhyesti."))
    theme = forms.ChoiceField(label=_("Teema"), choices=Theme.choices)
    municipality = forms.CharField(label=_("Alue tai kunta"), max_length=80)
    frequency = forms.ChoiceField(label=_("Kuinka usein"), choices=Frequency.choices)
    example = forms.CharField(
        label=_("Esimerkki"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
        help_text=_("Ei nimiä, henkilötunnuksia, puhelinnumeroita, sähköposteja eikä osoitteita."),
    )
    proposal = forms.CharField(
        label=_("Ehdotus"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=2000
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.teams = {str(t.pk): t for t in allowed_teams(actor)}
        self.fields["team"].choices = [(k, t.name) for k, t in self.teams.items()]

    def clean_team(self):
        return self.teams[self.cleaned_data["team"]]


class TargetForm(forms.Form):
    metric = forms.ChoiceField(label=_("Mittari"), choices=TargetMetric.choices)
    period_start = forms.DateField(label=_("Jakso alkaen"), widget=DateInput)
    period_end = forms.DateField(label=_("Jakso päättyen"), widget=DateInput)
    team = forms.ChoiceField(label=_("Tiimi"), required=False)
    value = forms.DecimalField(label=_("Tavoite"), min_value=0, max_digits=8, decimal_places=1)

    def __init__(self, *args, actor, is_admin: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.teams = {str(t.pk): t for t in allowed_teams(actor)}
        choices = [(k, t.name) for k, t in self.teams.items()]
        if is_admin:
            choices = [("", _("Kaikki tiimit"))] + choices
        else:
            self.fields["team"].required = True
        self.fields["team"].choices = choices

    def clean_team(self):
        value = self.cleaned_data.get("team")
        return self.teams.get(value) if value else None

    def clean(self):
        data = super().clean()
        s, e = data.get("period_start"), data.get("period_end")
        if s and e and e < s:
            self.add_error("period_end", _("Jakson loppu ei voi olla ennen alkua."))
        return data
