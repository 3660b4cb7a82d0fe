"""Model and form fields for personal data."""

from django import forms
from django.core import checks
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotipolku.core import crypto
from kotipolku.core.hetu import FORMAT_HELP, Henkilotunnus


class HenkilotunnusField(models.TextField):
    """Stores a henkilötunnus encrypted and keeps its keyed hash in `hash_field` for look-up.

    The Python value is a `Henkilotunnus`, which prints masked. Look up with
    ``Model.objects.filter(<hash_field>=lookup_hash(code))``; filtering on the encrypted column
    itself is refused because the ciphertext is not deterministic.
    """

    description = _("Henkilötunnus (salattu)")

    def __init__(self, *args, hash_field: str = "", **kwargs):
        self.hash_field = hash_field
        kwargs.setdefault("blank", True)
        kwargs.setdefault("null", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["hash_field"] = self.hash_field
        return name, path, args, kwargs

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        names = {f.name for f in self.model._meta.get_fields()}
        if not self.hash_field or self.hash_field not in names:
            errors.append(
                checks.Error(
                    f"HenkilotunnusField {self.name!r} needs hash_field naming a CharField(max_length=64) on the model.",
                    obj=self,
                    id="kotipolku.E001",
                )
            )
        return errors

    def to_python(self, value):
        if value in (None, ""):
            return None
        return Henkilotunnus.parse(value)

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return None
        return Henkilotunnus(crypto.decrypt(value))

    def get_prep_value(self, value):
        value = self.to_python(value)
        if value is None:
            return None
        return crypto.encrypt(value.reveal())

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            raise TypeError(
                f"{self.name} is encrypted: filter on {self.hash_field} with core.hetu.lookup_hash() instead."
            )
        return super().get_lookup(lookup_name)

    def pre_save(self, model_instance, add):
        value = self.to_python(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        setattr(model_instance, self.hash_field, value.lookup_hash if value else None)
        return value

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return value.masked if value else ""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": HenkilotunnusFormField, **kwargs})


class HenkilotunnusFormField(forms.CharField):
    """Accepts a code, validates it with a clear translated message and never echoes it back."""

    widget = forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "inputmode": "text"})

    def __init__(self, **kwargs):
        kwargs.pop("max_length", None)
        kwargs.setdefault("help_text", FORMAT_HELP)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "" if isinstance(value, Henkilotunnus) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return Henkilotunnus.parse(value)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "maxlength": "14"}
