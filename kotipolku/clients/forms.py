"""Forms of the staff UI and the public feedback page. Short by design: a phone in the street."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotipolku.clients.models import (
    AgeGroup,
    AuthorityContact,
    ClosingReason,
    EncounterType,
    Gender,
    GoalStatus,
    HousingOutcome,
    HousingStatus,
    ReferralStatus,
    Topic,
)
from kotipolku.core.fields import HenkilotunnusFormField
from kotipolku.core.models import User
from kotipolku.core.privacy import ErasureReason

SCALE_CHOICES = [(i, str(i)) for i in range(1, 6)]
DATE = forms.DateInput(attrs={"type": "date"})


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: known fields by name, the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class EncounterForm(forms.Form):
    """The quick form: type, topics and a short note; the date defaults to today, the actor is present."""

    type = forms.ChoiceField(
        label=_("Tapaamisen tyyppi"),
        choices=EncounterType.choices,
        initial=EncounterType.OUTREACH,
        widget=forms.RadioSelect,
    )
    topics = forms.MultipleChoiceField(
        label=_("Aiheet"), choices=Topic.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label=_("Lyhyt muistiinpano"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Vain työn kannalta tarpeellinen. Älä kirjoita terveystietoja tarpeettomasti."),
    )
    experience_expert_present = forms.BooleanField(label=_("Kokemusasiantuntija mukana"), required=False)
    date = forms.DateField(label=_("Päivä"), initial=timezone.localdate, widget=DATE)
    authority_contacts = forms.MultipleChoiceField(
        label=_("Yhteydet viranomaisiin"),
        choices=AuthorityContact.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    colleagues = forms.ModelMultipleChoiceField(
        label=_("Muut paikalla olleet työntekijät"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, colleagues=None, **kwargs):
        super().__init__(*args, **kwargs)
        if colleagues is not None:
            self.fields["colleagues"].queryset = colleagues


def occurred_at_for(day: dt.date) -> dt.datetime:
    """Today's encounters get the current time; earlier days noon (the exact time is rarely known)."""
    now = timezone.localtime()
    if day == now.date():
        return now
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, 12, 0))


class ClientCreateForm(forms.Form):
    """An outreach contact needs only a nickname; identity can be added now or later."""

    nickname = forms.CharField(label=_("Kutsumanimi"), max_length=80)
    age_group = forms.ChoiceField(label=_("Ikäryhmä (arvio)"), choices=[("", "–"), *AgeGroup.choices], required=False)
    gender = forms.ChoiceField(label=_("Sukupuoli"), choices=[("", "–"), *Gender.choices], required=False)
    languages = forms.CharField(label=_("Kielet"), max_length=120, required=False)
    usual_place = forms.CharField(label=_("Missä yleensä tavataan"), max_length=120, required=False)
    team = forms.ModelChoiceField(label=_("Tiimi"), queryset=None, empty_label=None)
    henkilotunnus = HenkilotunnusFormField(label=_("Henkilötunnus (jos tiedossa)"), required=False)
    first_name = forms.CharField(label=_("Etunimi"), max_length=80, required=False)
    last_name = forms.CharField(label=_("Sukunimi"), max_length=80, required=False)

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class ClientEditForm(forms.Form):
    nickname = forms.CharField(label=_("Kutsumanimi"), max_length=80, required=False)
    first_name = forms.CharField(label=_("Etunimi"), max_length=80, required=False)
    last_name = forms.CharField(label=_("Sukunimi"), max_length=80, required=False)
    age_group = forms.ChoiceField(label=_("Ikäryhmä (arvio)"), choices=[("", "–"), *AgeGroup.choices], required=False)
    gender = forms.ChoiceField(label=_("Sukupuoli"), choices=[("", "–"), *Gender.choices], required=False)
    languages = forms.CharField(label=_("Kielet"), max_length=120, required=False)
    usual_place = forms.CharField(label=_("Missä yleensä tavataan"), max_length=120, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class IdentifyForm(forms.Form):
    henkilotunnus = HenkilotunnusFormField(label=_("Henkilötunnus"))
    first_name = forms.CharField(label=_("Etunimi"), max_length=80, required=False)
    last_name = forms.CharField(label=_("Sukunimi"), max_length=80, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class HousingPeriodForm(forms.Form):
    status = forms.ChoiceField(label=_("Asumistilanne"), choices=HousingStatus.choices)
    start_date = forms.DateField(label=_("Alkaen"), initial=timezone.localdate, widget=DATE)
    end_date = forms.DateField(
        label=_("Päättyen"), required=False, widget=DATE, help_text=_("Jätä tyhjäksi, jos tilanne jatkuu.")
    )
    note = forms.CharField(label=_("Lisätieto"), max_length=200, required=False)


class HousingCloseForm(forms.Form):
    end_date = forms.DateField(label=_("Päättymispäivä"), initial=timezone.localdate, widget=DATE)


class GoalForm(forms.Form):
    text = forms.CharField(label=_("Tavoite"), max_length=300)
    target_date = forms.DateField(label=_("Tavoitepäivä"), required=False, widget=DATE)


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Tila"), choices=GoalStatus.choices)


class ReferralForm(forms.Form):
    service = forms.ModelChoiceField(
        label=_("Palvelu palvelukompassista"), queryset=None, required=False, empty_label="–"
    )
    target_text = forms.CharField(
        label=_("tai kirjoita palvelu"),
        max_length=200,
        required=False,
        help_text=_("Esim. päihdepalvelut, Kela, vuokranantaja."),
    )
    next_step_on = forms.DateField(label=_("Seuraava tapaaminen tai askel"), required=False, widget=DATE)
    note = forms.CharField(label=_("Lisätieto"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from kotipolku.services.models import Service

        self.fields["service"].queryset = Service.objects.filter(is_active=True).order_by("name_fi")

    def clean(self):
        data = super().clean()
        if not data.get("service") and not (data.get("target_text") or "").strip():
            raise ValidationError(_("Valitse palvelu tai kirjoita, mihin ohjataan."))
        return data


class ReferralTransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Uusi tila"), choices=ReferralStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ClosingForm(forms.Form):
    reason = forms.ChoiceField(label=_("Päättymisen syy"), choices=ClosingReason.choices)
    housing_outcome = forms.ChoiceField(
        label=_("Asumisen tulos"), choices=HousingOutcome.choices, widget=forms.RadioSelect
    )
    services_secured = forms.CharField(
        label=_("Turvatut palvelut"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mihin palveluihin asiakas siirtyi tai pääsi."),
    )
    note = forms.CharField(
        label=_("Lisätieto"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class FeedbackForm(forms.Form):
    trust_grown = forms.TypedChoiceField(
        label=_("Luottamukseni palvelujärjestelmään on kasvanut"),
        help_text=_("1 = täysin eri mieltä, 5 = täysin samaa mieltä"),
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    satisfaction = forms.TypedChoiceField(
        label=_("Kuinka tyytyväinen olet saamaasi apuun?"),
        help_text=_("1 = en lainkaan, 5 = erittäin tyytyväinen"),
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        required=False,
        empty_value=None,
    )
    free_text = forms.CharField(
        label=_("Mitä muuta haluat sanoa?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Älä kirjoita nimeäsi, puhelinnumeroasi tai osoitettasi."),
    )


class WalkInForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Tiimi"), queryset=None, empty_label=None)
    topics = forms.MultipleChoiceField(
        label=_("Aiheet"), choices=Topic.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    advice_given = forms.CharField(
        label=_("Annettu neuvonta"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    referred_to = forms.CharField(label=_("Ohjattu palveluun"), max_length=200, required=False)
    feedback_score = forms.TypedChoiceField(
        label=_("Kävijän palaute (1–5)"),
        choices=SCALE_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    client = forms.IntegerField(
        label=_("Asiakasnumero (jos asiakas)"),
        required=False,
        min_value=1,
        help_text=_("Jätä tyhjäksi nimettömälle käynnille."),
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class AnonymiseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Peruste"), choices=ErasureReason.choices)  # no free text in the audit trail
    confirm = forms.BooleanField(label=_("Ymmärrän, että tunnistetiedot ja tekstit poistetaan pysyvästi."))


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
