"""The plan (goals) and referrals with a warm-handover status."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotipolku.clients.models.choices import REFERRAL_TRANSITIONS, GoalStatus, ReferralStatus
from kotipolku.clients.models.client import Client
from kotipolku.core.access import TeamScope


class Goal(models.Model):
    """A goal of the client's plan."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("tavoite"), max_length=300)
    status = models.CharField(_("tila"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN)
    target_date = models.DateField(_("tavoitepäivä"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    access_scope = TeamScope("client__teams")

    class Meta:
        ordering = ["status", "target_date", "id"]
        verbose_name = _("tavoite")
        verbose_name_plural = _("tavoitteet")

    def __str__(self) -> str:
        return self.text

    @property
    def audit_client_id(self) -> int:
        return self.client_id


class Referral(models.Model):
    """A referral to a service with a warm-handover status; each transition is time-stamped.

    The target is a service of the service compass (`service`) or free text (`target_text`). Status changes go through services.referral_transition,
    which allows only the moves in choices.REFERRAL_TRANSITIONS.
    """

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="referrals")
    service = models.ForeignKey(
        "services.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="client_referrals",
        verbose_name=_("palvelu"),
    )
    target_text = models.CharField(_("palvelu (vapaa teksti)"), max_length=200, blank=True)
    status = models.CharField(
        _("tila"), max_length=24, choices=ReferralStatus.choices, default=ReferralStatus.PLANNED, db_index=True
    )
    note = models.CharField(_("lisätieto"), max_length=300, blank=True)
    planned_at = models.DateTimeField(default=timezone.now)
    contacted_at = models.DateTimeField(null=True, blank=True)
    first_meeting_attended_at = models.DateTimeField(null=True, blank=True)
    handed_over_at = models.DateTimeField(null=True, blank=True)
    not_reached_at = models.DateTimeField(null=True, blank=True)
    next_step_on = models.DateField(_("seuraava tapaaminen / askel"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    access_scope = TeamScope("client__teams")

    class Meta:
        ordering = ["-planned_at", "-id"]
        verbose_name = _("ohjaus")
        verbose_name_plural = _("ohjaukset")
        indexes = [models.Index(fields=["client", "status"], name="referral_client_status_idx")]

    def __str__(self) -> str:
        return self.target_label

    @property
    def audit_client_id(self) -> int:
        return self.client_id

    @property
    def target_label(self) -> str:
        return str(self.service) if self.service_id else self.target_text

    @property
    def next_statuses(self) -> list[tuple[str, str]]:
        """The moves allowed from the current status, in path order, for buttons and forms."""
        allowed = REFERRAL_TRANSITIONS.get(self.status, frozenset())
        return [(value, label) for value, label in ReferralStatus.choices if value in allowed]

    @property
    def is_open(self) -> bool:
        return bool(REFERRAL_TRANSITIONS.get(self.status))

    def clean(self) -> None:
        if not self.target_text.strip() and self.service_id is None:
            raise ValidationError({"target_text": _("Valitse palvelu tai kirjoita, mihin ohjataan.")})


REFERRAL_TIMESTAMP_FIELD = {
    ReferralStatus.CONTACTED: "contacted_at",
    ReferralStatus.FIRST_MEETING_ATTENDED: "first_meeting_attended_at",
    ReferralStatus.HANDED_OVER: "handed_over_at",
    ReferralStatus.NOT_REACHED: "not_reached_at",
}
