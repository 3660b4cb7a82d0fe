"""Closing a client's work with its outcome; reopening keeps every earlier closing as history."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotipolku.clients.models.choices import ClosingReason, HousingOutcome
from kotipolku.clients.models.client import Client
from kotipolku.core.access import TeamScope


class Closing(models.Model):
    """One closing of the client's work. `reopened_at` is set when the work starts again."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="closings")
    reason = models.CharField(_("päättymisen syy"), max_length=20, choices=ClosingReason.choices)
    housing_outcome = models.CharField(_("asumisen tulos"), max_length=20, choices=HousingOutcome.choices)
    services_secured = models.TextField(_("turvatut palvelut"), max_length=1000, blank=True)
    note = models.TextField(_("lisätieto"), max_length=1000, blank=True)
    closed_at = models.DateTimeField(_("päättynyt"), default=timezone.now, db_index=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reopened_at = models.DateTimeField(_("avattu uudelleen"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    access_scope = TeamScope("client__teams")

    class Meta:
        ordering = ["-closed_at", "-id"]
        verbose_name = _("asiakkuuden päättäminen")
        verbose_name_plural = _("asiakkuuksien päättämiset")

    def __str__(self) -> str:
        return f"{self.get_housing_outcome_display()} {self.closed_at:%Y-%m-%d}"

    @property
    def audit_client_id(self) -> int:
        return self.client_id
