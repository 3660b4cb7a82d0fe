import datetime as dt

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from kotipolku.core.models import AuditAction


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Käyttäjätunnus tai salasana on väärin. Huomaa isot ja pienet kirjaimet."),
        "inactive": _("Tämä käyttäjätunnus ei ole käytössä."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].max_length = 150
        self.fields["password"].widget.attrs["maxlength"] = "200"
        self.fields["password"].max_length = 200


class MFACodeForm(forms.Form):
    """The six-digit code of the authenticator app; spaces are allowed (apps show "123 456")."""

    code = forms.CharField(
        label=_("Kuusinumeroinen koodi"),
        max_length=12,
        help_text=_("Koodi vaihtuu 30 sekunnin välein. Kirjoita sovelluksen nyt näyttämä koodi."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": "8"}),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise forms.ValidationError(_("Kirjoita koodi kuutena numerona, esimerkiksi 123456."))
        return code


class PlausibleDateField(forms.DateField):
    """A date from 2000-01-01 to 2100-12-31, for the start and end of a search.

    Searches add a day to the end and turn both into times, which fails at the ends of the calendar:
    9999-12-31 and 0001-01-01 were a 500 (P5, P6 of docs/reliability/fuzzing.md). Django's own
    validator messages name the limit in fi/sv/en.
    """

    default_validators = [MinValueValidator(dt.date(2000, 1, 1)), MaxValueValidator(dt.date(2100, 12, 31))]


class AuditFilterForm(forms.Form):
    """Filters of the audit log; every field optional, bad values give field errors."""

    actor = forms.CharField(label=_("Tekijä"), max_length=150, required=False)
    action = forms.ChoiceField(label=_("Toiminto"), choices=[("", "—"), *AuditAction.choices], required=False)
    object_type = forms.CharField(label=_("Kohteen tyyppi"), max_length=64, required=False)
    client_id = forms.CharField(label=_("Asiakkaan tunniste"), max_length=64, required=False)
    start = PlausibleDateField(label=_("Alkaen"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = PlausibleDateField(label=_("Päättyen"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Loppupäivä on ennen alkupäivää."))
        return data
