"""Client feedback, given in person or anonymously through a one-time link."""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotipolku.clients.models.client import Client
from kotipolku.core.access import TeamScope
from kotipolku.core.models import Team

SCALE = [MinValueValidator(1), MaxValueValidator(5)]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class FeedbackLink(models.Model):
    """A one-time link for anonymous feedback. Only the token's hash is stored."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback_links")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    access_scope = TeamScope("team")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("palautelinkki")
        verbose_name_plural = _("palautelinkit")

    def __str__(self) -> str:
        return f"{self.team} {self.created_at:%Y-%m-%d}"

    @property
    def audit_client_id(self) -> int | None:
        return self.client_id

    @classmethod
    def new_token(cls) -> str:
        return secrets.token_urlsafe(24)

    @staticmethod
    def default_expiry() -> dt.datetime:
        days = getattr(settings, "CLIENT_FEEDBACK_LINK_DAYS", 14)
        return timezone.now() + dt.timedelta(days=days)

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()


class ClientFeedback(models.Model):
    """Feedback on the service. Anonymous feedback (via a link) names the team, never the client."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback")
    anonymous = models.BooleanField(_("nimetön"), default=False)
    trust_grown = models.PositiveSmallIntegerField(
        _("Luottamukseni palvelujärjestelmään on kasvanut"),
        validators=SCALE,
        help_text=_("1 = ei lainkaan, 5 = paljon"),
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("Tyytyväisyys palveluun"), validators=SCALE, null=True, blank=True, help_text=_("1 = huono, 5 = erinomainen")
    )
    free_text = models.TextField(_("Vapaa palaute"), max_length=2000, blank=True)
    given_at = models.DateTimeField(default=timezone.now, db_index=True)

    access_scope = TeamScope("team")

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = _("asiakaspalaute")
        verbose_name_plural = _("asiakaspalautteet")

    def __str__(self) -> str:
        return f"{self.trust_grown}/5 {self.given_at:%Y-%m-%d}"

    @property
    def audit_client_id(self) -> int | None:
        return self.client_id
