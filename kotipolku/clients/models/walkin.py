"""Walk-in housing counselling: a quick log per visit, anonymous or linked to a client."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotipolku.clients.models.choices import Topic
from kotipolku.clients.models.client import Client
from kotipolku.clients.models.encounter import FUTURE_TOLERANCE_SECONDS, validate_codes
from kotipolku.core.access import TeamScope
from kotipolku.core.models import Team


class WalkInVisit(models.Model):
    """One walk-in counselling visit. `client` is empty for anonymous visits."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.SET_NULL, null=True, blank=True, related_name="walk_ins")
    visited_at = models.DateTimeField(_("aika"), default=timezone.now, db_index=True)
    topics = models.JSONField(_("aiheet"), default=list, blank=True)
    advice_given = models.TextField(_("annettu neuvonta"), max_length=1000, blank=True)
    referred_to = models.CharField(_("ohjattu palveluun"), max_length=200, blank=True)
    feedback_score = models.PositiveSmallIntegerField(
        _("Palaute käynnistä (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    access_scope = TeamScope("team")

    class Meta:
        ordering = ["-visited_at", "-id"]
        verbose_name = _("walk-in-käynti")
        verbose_name_plural = _("walk-in-käynnit")

    def __str__(self) -> str:
        return f"{self.visited_at:%Y-%m-%d %H:%M}"

    @property
    def audit_client_id(self) -> int | None:
        return self.client_id

    def topic_labels(self) -> list[str]:
        return [str(Topic(t).label) for t in self.topics if t in Topic.values]

    def clean(self) -> None:
        if self.visited_at and (self.visited_at - timezone.now()).total_seconds() > FUTURE_TOLERANCE_SECONDS:
            raise ValidationError({"visited_at": _("Käynti ei voi olla tulevaisuudessa.")})
        try:
            validate_codes(self.topics, Topic)
        except ValidationError as exc:
            raise ValidationError({"topics": exc}) from None
