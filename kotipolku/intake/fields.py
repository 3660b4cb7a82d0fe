"""A small encrypted text field for contact details and addresses (Fernet, keys of core.crypto)."""

from django.db import models

from kotipolku.core import crypto


class EncryptedTextField(models.TextField):
    """Stores text encrypted; empty values stay empty. Not searchable: filter on other fields."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        if not value:
            return ""
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return ""
        return crypto.encrypt(str(value))

    def get_lookup(self, lookup_name):
        if lookup_name not in ("isnull", "exact"):
            raise TypeError(f"{self.name} is encrypted and cannot be searched with {lookup_name}.")
        return super().get_lookup(lookup_name)
