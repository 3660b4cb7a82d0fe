"""Housing status history: periods of one living situation, no overlaps, open end = ongoing."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotipolku.clients.models.choices import HOMELESS_STATUSES, HousingStatus
from kotipolku.clients.models.client import Client
from kotipolku.core.access import TeamScope


class HousingPeriod(models.Model):
    """One living situation from start_date to end_date (inclusive; None = still ongoing)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="housing_periods")
    status = models.CharField(_("asumistilanne"), max_length=24, choices=HousingStatus.choices)
    start_date = models.DateField(_("alkaen"))
    end_date = models.DateField(_("päättyen"), null=True, blank=True)
    note = models.CharField(_("lisätieto"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    access_scope = TeamScope("client__teams")

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("asumisjakso")
        verbose_name_plural = _("asumisjaksot")
        indexes = [models.Index(fields=["client", "start_date"], name="housing_client_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="housing_end_not_before_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.start_date}–{self.end_date or ''}"

    @property
    def audit_client_id(self) -> int:
        return self.client_id

    @property
    def is_homeless(self) -> bool:
        return self.status in HOMELESS_STATUSES

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Päättymispäivä ei voi olla ennen alkamispäivää.")})
        if self.start_date and self.start_date > timezone.localdate():
            raise ValidationError({"start_date": _("Asumisjakso ei voi alkaa tulevaisuudessa.")})
        if self.client_id and self.start_date:
            self._check_overlap()

    def _check_overlap(self) -> None:
        """Periods are inclusive: a new period may start the day after the previous one ends."""
        others = HousingPeriod.objects.filter(client_id=self.client_id).exclude(pk=self.pk)
        overlap = others.filter(Q(end_date__isnull=True) | Q(end_date__gte=self.start_date))
        if self.end_date is not None:
            overlap = overlap.filter(start_date__lte=self.end_date)
        if overlap.exists():
            raise ValidationError(
                _("Asumisjakso menee päällekkäin aiemman jakson kanssa. Päätä aiempi jakso ensin tai korjaa päivät.")
            )
