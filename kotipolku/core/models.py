"""Accounts, teams, landlord organisations and the append-only audit log."""

import secrets

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotipolku.core import crypto


class Role(models.TextChoices):
    WORKER = "worker", _("Työntekijä")
    LEAD = "lead", _("Tiiminvetäjä")
    EDITOR = "editor", _("Sisällöntuottaja")
    ADMIN = "admin", _("Ylläpitäjä")


class Team(models.Model):
    name = models.CharField(_("nimi"), max_length=120, unique=True)
    municipality = models.CharField(_("kunta"), max_length=80, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tiimi")
        verbose_name_plural = _("tiimit")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff member. The role says what kind of work; team memberships say whose data."""

    role = models.CharField(_("rooli"), max_length=16, choices=Role.choices, default=Role.WORKER)
    teams = models.ManyToManyField(Team, through="TeamMembership", related_name="members", blank=True)
    preferred_language = models.CharField(_("kieli"), max_length=2, default="fi")

    class Meta:
        verbose_name = _("käyttäjä")
        verbose_name_plural = _("käyttäjät")

    @property
    def is_admin_role(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser


class TeamMembership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    is_lead = models.BooleanField(_("tiimin vetäjä"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "team"], name="unique_team_membership")]
        verbose_name = _("tiimijäsenyys")
        verbose_name_plural = _("tiimijäsenyydet")

    def __str__(self) -> str:
        return f"{self.user} @ {self.team}"


class LandlordOrganisation(models.Model):
    """A landlord (e.g. a city housing company) that sends early-warning notices with an API token."""

    name = models.CharField(_("nimi"), max_length=200, unique=True)
    business_id = models.CharField(_("Y-tunnus"), max_length=9, blank=True)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    token_prefix = models.CharField(max_length=8, editable=False)
    is_active = models.BooleanField(_("aktiivinen"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("vuokranantaja")
        verbose_name_plural = _("vuokranantajat")

    def __str__(self) -> str:
        return self.name

    def set_token(self, token: str | None = None) -> str:
        """Store only the digest of a (new) token and return the token, to be shown once."""
        token = token or secrets.token_urlsafe(32)
        self.token_digest = crypto.token_digest(token)
        self.token_prefix = token[:8]
        return token

    @classmethod
    def for_token(cls, token: str) -> "LandlordOrganisation | None":
        if not token:
            return None
        return cls.objects.filter(token_digest=crypto.token_digest(token), is_active=True).first()


class AuditAction(models.TextChoices):
    READ = "read", _("luku")
    CREATE = "create", _("luonti")
    UPDATE = "update", _("muutos")
    DELETE = "delete", _("poisto")
    EXPORT = "export", _("vienti")
    REFUSED = "refused", _("estetty")


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("The audit log is append-only.")

    def delete(self):
        raise PermissionDenied("The audit log is append-only.")


class AuditEvent(models.Model):
    """Who did what to which personal data, when and from where. Append-only.

    Actors are stored as plain values, not foreign keys, so that deleting an account never has to
    touch the log. Database triggers (see migrations) refuse UPDATE, and DELETE on PostgreSQL.
    """

    time = models.DateTimeField(default=timezone.now, db_index=True)
    actor_type = models.CharField(max_length=16)  # user, landlord, anonymous, system
    actor_id = models.CharField(max_length=64, blank=True, db_index=True)
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=8, choices=AuditAction.choices, db_index=True)
    object_type = models.CharField(max_length=64, db_index=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    client_id = models.CharField(max_length=64, blank=True, db_index=True)
    request_id = models.CharField(max_length=36, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-time", "-id"]
        verbose_name = _("lokitapahtuma")
        verbose_name_plural = _("lokitapahtumat")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.time:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The audit log is append-only.")
