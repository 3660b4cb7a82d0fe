"""The search and filter parameters of the list page and the API (one definition, two callers)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotipolku.services.codes import CategoryCode, LanguageCode, MunicipalityCode, TargetGroupCode
from kotipolku.services.models import LANGS

FLAG_CHOICES = [("", "—"), ("1", "1"), ("0", "0"), ("true", "true"), ("false", "false")]
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def _with_blank(choices, label):
    return [("", label), *choices]


MAX_PAGE_NUMBER = 100_000  # also caps the list page's ?page= (a number past 64 bits was a 500, P4)


class ServiceFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Hakusana"), required=False, max_length=200, widget=forms.TextInput(attrs={"type": "search"})
    )
    municipality = forms.ChoiceField(
        label=_("Kunta"), required=False, choices=_with_blank(MunicipalityCode.choices, _("Kaikki kunnat"))
    )
    category = forms.ChoiceField(
        label=_("Palvelu"), required=False, choices=_with_blank(CategoryCode.choices, _("Kaikki palvelut"))
    )
    target_group = forms.ChoiceField(
        label=_("Kohderyhmä"), required=False, choices=_with_blank(TargetGroupCode.choices, _("Kaikki kohderyhmät"))
    )
    language = forms.ChoiceField(
        label=_("Asiointikieli"), required=False, choices=_with_blank(LanguageCode.choices, _("Kaikki kielet"))
    )
    open_now = forms.BooleanField(label=_("Vain nyt avoinna olevat"), required=False)
    include_referral = forms.BooleanField(label=_("Näytä myös lähetettä vaativat palvelut"), required=False)

    def clean(self):
        data = super().clean()
        # Boolean query flags: only 1/0/true/false; "maybe" is an error, not "false".
        for name in ("open_now", "include_referral"):
            raw = self.data.get(name)
            if raw not in (None, "", "1", "0", "true", "false", "on"):
                self.add_error(name, _("Arvon pitää olla 1 tai 0."))
            else:
                data[name] = raw in ("1", "true", "on")
        return data


class ApiServiceFilterForm(ServiceFilterForm):
    lang = forms.ChoiceField(required=False, choices=[("", "")] + [(x, x) for x in LANGS])
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_NUMBER)
    page_size = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)


class ImportFileForm(forms.Form):
    """An HSDS JSON or CSV file for the editors' import page (read and checked here, imported by exchange.upload)."""

    file = forms.FileField(
        label=_("Tiedosto"),
        help_text=_("HSDS-muotoinen JSON-tiedosto (.json) tai CSV-tiedosto (.csv), UTF-8, enintään 2 Mt."),
    )

    def clean_file(self):
        from kotipolku.services.exchange.upload import MAX_UPLOAD_BYTES, decode, format_of

        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Tiedosto %(name)s on liian suuri (%(size)s kt); enimmäiskoko on %(max)s kt. Jaa se osiin.")
                % {"name": upload.name, "size": upload.size // 1024, "max": MAX_UPLOAD_BYTES // 1024}
            )
        fmt = format_of(upload.name)
        if fmt is None:
            raise forms.ValidationError(
                _("Tiedoston %(name)s pitää olla .json (HSDS) tai .csv.") % {"name": upload.name}
            )
        try:
            text = decode(upload.read())
        except ValueError as exc:
            raise forms.ValidationError(f"{upload.name}: {exc}") from None
        self.cleaned_data["text"], self.cleaned_data["format"] = text, fmt
        return upload
