"""Forms of the public contact request, the concern report and the triage actions."""

import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from kotipolku.core.fields import HenkilotunnusFormField
from kotipolku.core.models import Team
from kotipolku.core.redaction import find_personal_data
from kotipolku.core.themes import Theme
from kotipolku.intake.models import (
    AttemptMethod,
    CloseReason,
    ContactMethod,
    ItemStatus,
    Language,
    ReporterKind,
    Source,
    Urgency,
)

_PHONE = re.compile(r"^\+?[\d\s()-]{6,20}$")
_STARTED_SALT = "kotipolku.intake.form-started"


def new_started() -> str:
    """The signed start time of a fresh form (the minimum fill time is counted from it)."""
    return signing.dumps(time.time(), salt=_STARTED_SALT)


def min_fill_seconds() -> float:
    return getattr(settings, "INTAKE_MIN_FILL_SECONDS", 3)


class BotTrapMixin(forms.Form):
    """Honeypot and minimum fill time: invisible to people, answered by simple bots.

    `website` is hidden from sight and from screen readers; `started` is a signed timestamp.
    A form that fails either is treated as spam by the view (a quiet thank-you, nothing stored).
    """

    website = forms.CharField(required=False, label=_("Jätä tämä kenttä tyhjäksi"), max_length=200)
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["started"] = new_started()

    def looks_automated(self) -> bool:
        if self.data.get("website"):
            return True
        try:
            started = signing.loads(self.data.get("started", ""), salt=_STARTED_SALT, max_age=24 * 3600)
        except signing.BadSignature:
            return True
        return time.time() - float(started) < min_fill_seconds()


def _theme_choices():
    return [("", _("En osaa sanoa / muu asia")), *Theme.choices]


class ContactRequestForm(BotTrapMixin):
    theme = forms.ChoiceField(label=_("Mitä asia koskee?"), choices=_theme_choices, required=False)
    urgency = forms.ChoiceField(
        label=_("Kuinka kiireellinen asia on?"), choices=Urgency.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=_("Kerro lyhyesti tilanteestasi (vapaaehtoinen)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Älä kirjoita tähän henkilötunnusta."),
    )
    contact_method = forms.ChoiceField(
        label=_("Miten otamme yhteyttä?"),
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        help_text=_("Voit jättää pyynnön nimettömänä: saat asiointitunnuksen ja otat itse yhteyttä."),
    )
    name = forms.CharField(
        label=_("Nimi tai miten haluat, että sinua puhutellaan (vapaaehtoinen)"), required=False, max_length=100
    )
    phone = forms.CharField(
        label=_("Puhelinnumero"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Sähköposti"), required=False, max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    preferred_language = forms.ChoiceField(
        label=_("Asiointikieli"), choices=Language.choices, widget=forms.RadioSelect, initial="fi"
    )
    municipality = forms.CharField(label=_("Kotikunta"), required=False, max_length=80)
    attach_assessment = forms.BooleanField(
        label=_("Liitä itsearvion vastaukseni pyyntöön"), required=False, initial=True
    )
    assessment = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)

    field_order = [
        "theme", "urgency", "message", "contact_method", "name", "phone", "email",
        "preferred_language", "municipality", "attach_assessment", "assessment", "website", "started",
    ]  # fmt: skip

    def clean_message(self):
        message = self.cleaned_data["message"]
        if "hetu" in find_personal_data(message):
            raise forms.ValidationError(_("Poista viestistä henkilötunnus. Sitä ei tarvita yhteydenottoon."))
        return message

    def clean(self):
        data = super().clean()
        method = data.get("contact_method")
        if method == ContactMethod.PHONE:
            phone = (data.get("phone") or "").strip()
            if not phone:
                self.add_error("phone", _("Anna puhelinnumero, jotta voimme soittaa."))
            elif not _PHONE.match(phone) or not 6 <= len(re.sub(r"\D", "", phone)) <= 15:
                self.add_error("phone", _("Tarkista puhelinnumero, esim. 040 123 4567."))
        if method == ContactMethod.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Anna sähköpostiosoite, jotta voimme vastata."))
        return data


class ConcernReportForm(BotTrapMixin):
    """Public and staff concern report. Staff reports are always from a professional."""

    reporter_kind = forms.ChoiceField(
        label=_("Kuka ilmoittaa?"), choices=ReporterKind.choices, widget=forms.RadioSelect
    )
    housing_flag = forms.BooleanField(
        label=_("Huoli koskee asumista (asumisen täppä)"),
        required=False,
        help_text=_("Esimerkiksi asunto on menossa, vuokra on rästissä tai henkilö on asunnoton."),
    )
    urgent = forms.BooleanField(
        label=_("Henkilöllä ei ole tänä yönä paikkaa nukkua tai hän on välittömässä vaarassa"), required=False
    )
    description = forms.CharField(
        label=_("Kuvaa huolesi"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Kirjoita henkilötunnus vain sille varattuun kenttään."),
    )
    subject_name = forms.CharField(label=_("Henkilön nimi"), required=False, max_length=200)
    subject_address = forms.CharField(label=_("Henkilön osoite tai olinpaikka"), required=False, max_length=300)
    municipality = forms.CharField(label=_("Kunta"), required=False, max_length=80)
    person_informed = forms.BooleanField(label=_("Henkilö tietää tästä ilmoituksesta"), required=False)
    reporter_name = forms.CharField(label=_("Oma nimesi"), required=False, max_length=200)
    reporter_organisation = forms.CharField(label=_("Organisaatio (ammattilaiset)"), required=False, max_length=200)
    reporter_phone = forms.CharField(
        label=_("Puhelinnumerosi"), required=False, max_length=30, widget=forms.TextInput(attrs={"type": "tel"})
    )
    reporter_email = forms.EmailField(label=_("Sähköpostisi"), required=False, max_length=254)

    def __init__(self, *args, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = staff
        if staff:
            self.fields["henkilotunnus"] = HenkilotunnusFormField(label=_("Henkilön henkilötunnus"), required=False)
            for name in ("reporter_kind", "website", "started"):
                del self.fields[name]

    def looks_automated(self) -> bool:
        return False if self.staff else super().looks_automated()

    def cleaned_data_for_service(self) -> dict:
        """The cleaned values that concern_report_submit takes (without the bot-trap fields)."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("website", "started")}

    def clean_description(self):
        description = self.cleaned_data["description"]
        if "hetu" in find_personal_data(description):
            raise forms.ValidationError(_("Poista kuvauksesta henkilötunnus."))
        return description

    def clean_reporter_phone(self):
        phone = (self.cleaned_data.get("reporter_phone") or "").strip()
        if phone and not _PHONE.match(phone):
            raise forms.ValidationError(_("Tarkista puhelinnumero, esim. 040 123 4567."))
        return phone


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Tila"), required=False, choices=[("open", _("Avoimet")), ("all", _("Kaikki")), *ItemStatus.choices]
    )
    source = forms.ChoiceField(label=_("Lähde"), required=False, choices=[("", _("Kaikki")), *Source.choices])
    overdue = forms.BooleanField(label=_("Vain myöhässä olevat"), required=False)
    mine = forms.BooleanField(label=_("Vain omat"), required=False)
    code = forms.CharField(label=_("Asiointitunnus"), required=False, max_length=12)


class AttemptForm(forms.Form):
    method = forms.ChoiceField(label=_("Tapa"), choices=AttemptMethod.choices)
    reached = forms.BooleanField(label=_("Henkilö tavoitettiin"), required=False)
    note = forms.CharField(
        label=_("Muistiinpano"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Syy"), choices=CloseReason.choices)
    note = forms.CharField(label=_("Lisätieto"), required=False, max_length=300)


class ReassignForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Siirrä tiimille"), queryset=Team.objects.all())
