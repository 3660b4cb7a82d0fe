from django import forms
from django.utils.translation import gettext_lazy as _

from kotipolku.core.models import LandlordOrganisation
from kotipolku.instruments.engine import text_in
from kotipolku.surveys.models import MeetingKind, NetworkContact, NetworkMeeting, NetworkOrganisation
from kotipolku.surveys.selectors import survey_versions

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CampaignForm(forms.Form):
    version = forms.TypedChoiceField(label=_("Kysely"), coerce=int)
    title = forms.CharField(label=_("Kierroksen nimi"), max_length=200)
    opens_at = forms.DateTimeField(label=_("Avautuu"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Sulkeutuu"), widget=DATETIME)
    one_time_links = forms.BooleanField(label=_("Vain kertakäyttöiset linkit"), required=False)
    meeting = forms.ModelChoiceField(label=_("Tapaaminen"), queryset=NetworkMeeting.objects.all(), required=False)
    landlord = forms.ModelChoiceField(
        label=_("Vuokrataloyhtiö (asukaskysely)"), queryset=LandlordOrganisation.objects.all(), required=False
    )

    def __init__(self, *args, lang: str = "fi", **kwargs):
        super().__init__(*args, **kwargs)
        self.versions = {v.pk: v for v in survey_versions()}
        self.fields["version"].choices = [
            (pk, f"{text_in(v.parsed.title, lang)} (v{v.version})") for pk, v in self.versions.items()
        ]

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("Sulkeutumisajan pitää olla avautumisen jälkeen."))
        return data


class LinksForm(forms.Form):
    count = forms.IntegerField(label=_("Montako linkkiä"), min_value=1, max_value=500, initial=20)


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = NetworkOrganisation
        fields = ["name", "kind", "municipality", "joined_on"]
        widgets = {"joined_on": forms.DateInput(attrs={"type": "date"})}


class ContactForm(forms.ModelForm):
    class Meta:
        model = NetworkContact
        fields = ["organisation", "name", "title", "email", "phone", "consent_to_contact"]


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Päivämäärä"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Laji"), choices=MeetingKind.choices)
    theme = forms.CharField(label=_("Teema"), max_length=200)
    participant_count = forms.IntegerField(label=_("Osallistujia"), min_value=0, max_value=10000)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Mukana olleet organisaatiot"),
        queryset=NetworkOrganisation.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Vuosi"), min_value=2000, max_value=2100)
    landlord = forms.ModelChoiceField(
        label=_("Vuokrataloyhtiö"), queryset=LandlordOrganisation.objects.all(), required=False
    )
