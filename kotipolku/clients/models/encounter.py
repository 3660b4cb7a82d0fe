"""Encounters: one meeting, call or visit with a client, logged in seconds on a phone."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotipolku.clients.models.choices import AuthorityContact, EncounterType, Topic
from kotipolku.clients.models.client import Client
from kotipolku.core.access import TeamScope

# A clock a few minutes ahead on a phone must not block logging "now".
FUTURE_TOLERANCE_SECONDS = 300


def validate_codes(values, choices) -> None:
    """A JSON list field holding codes of one fixed list."""
    allowed = set(choices.values)
    if not isinstance(values, list) or any(v not in allowed for v in values):
        raise ValidationError(_("Tuntematon valinta."), code="invalid_choice")


class Encounter(models.Model):
    """A meeting with a client. Topics and authority contacts are lists of fixed codes."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="encounters")
    occurred_at = models.DateTimeField(_("aika"), default=timezone.now)
    type = models.CharField(_("tapaamisen tyyppi"), max_length=20, choices=EncounterType.choices)
    workers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="client_encounters", blank=True, verbose_name=_("työntekijät")
    )
    experience_expert_present = models.BooleanField(_("kokemusasiantuntija mukana"), default=False)
    topics = models.JSONField(_("aiheet"), default=list, blank=True)
    authority_contacts = models.JSONField(_("yhteydet viranomaisiin"), default=list, blank=True)
    note = models.TextField(_("lyhyt muistiinpano"), max_length=1000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    access_scope = TeamScope("client__teams")

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("tapaaminen")
        verbose_name_plural = _("tapaamiset")
        indexes = [models.Index(fields=["client", "-occurred_at"], name="encounter_client_time_idx")]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.occurred_at:%Y-%m-%d}"

    @property
    def audit_client_id(self) -> int:
        return self.client_id

    def clean(self) -> None:
        errors = {}
        if self.occurred_at and (self.occurred_at - timezone.now()).total_seconds() > FUTURE_TOLERANCE_SECONDS:
            errors["occurred_at"] = _("Tapaaminen ei voi olla tulevaisuudessa.")
        for name, choices in (("topics", Topic), ("authority_contacts", AuthorityContact)):
            try:
                validate_codes(getattr(self, name), choices)
            except ValidationError as exc:
                errors[name] = exc
        if errors:
            raise ValidationError(errors)

    def topic_labels(self) -> list[str]:
        return [str(Topic(t).label) for t in self.topics if t in Topic.values]

    def authority_contact_labels(self) -> list[str]:
        return [str(AuthorityContact(a).label) for a in self.authority_contacts if a in AuthorityContact.values]
