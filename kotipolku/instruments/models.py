"""Instruments, their frozen published versions and the responses given on them.

A published version's definition is immutable, so every response can be re-scored and shown exactly
as it was given. Public self-assessment responses carry no identity at all.
"""

import hashlib
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotipolku.core.access import TeamScope
from kotipolku.instruments.engine.definition import Definition, canonical_json, load_dict

_PARSED: dict[str, Definition] = {}


class Kind(models.TextChoices):
    PUBLIC = "public", _("julkinen")
    PROFESSIONAL = "professional", _("ammattilaisen")
    SURVEY = "survey", _("kysely")


class Instrument(models.Model):
    """One questionnaire across its versions (its code is stable; texts follow the latest version)."""

    code = models.SlugField(_("tunnus"), max_length=63, unique=True)
    kind = models.CharField(_("laji"), max_length=20, choices=Kind.choices)
    title = models.JSONField(_("nimi"), default=dict)  # {"fi", "sv", "en"} of the latest version

    class Meta:
        ordering = ["code"]
        verbose_name = _("arviointiväline")
        verbose_name_plural = _("arviointivälineet")

    def __str__(self) -> str:
        return self.code


class ImmutableVersionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if self.filter(published=True).exists():
            raise ValidationError(_("Julkaistua versiota ei voi muuttaa. Tee uusi versio."))
        return super().update(**kwargs)

    def delete(self):
        if self.filter(published=True).exists():
            raise ValidationError(_("Julkaistua versiota ei voi poistaa."))
        return super().delete()


class InstrumentVersion(models.Model):
    """A frozen definition. Once published it can be neither changed nor deleted."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField(_("versio"))
    definition = models.JSONField(_("määrittely"))
    checksum = models.CharField(max_length=64, editable=False)
    published = models.BooleanField(_("julkaistu"), default=True)
    published_at = models.DateTimeField(_("julkaistu"), default=timezone.now)
    source_file = models.CharField(max_length=200, blank=True)

    objects = ImmutableVersionQuerySet.as_manager()

    class Meta:
        ordering = ["instrument__code", "-version"]
        constraints = [models.UniqueConstraint(fields=["instrument", "version"], name="instrument_version_unique")]
        verbose_name = _("välineen versio")
        verbose_name_plural = _("välineiden versiot")

    def __str__(self) -> str:
        return f"{self.instrument.code} v{self.version}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values("published", "checksum").first()
            if stored and stored["published"]:
                raise ValidationError(_("Julkaistua versiota ei voi muuttaa. Tee uusi versio."))
        self.checksum = self.checksum_of(self.definition)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.published:
            raise ValidationError(_("Julkaistua versiota ei voi poistaa."))
        return super().delete(*args, **kwargs)

    @staticmethod
    def checksum_of(definition: dict) -> str:
        return hashlib.sha256(canonical_json(definition).encode()).hexdigest()

    @cached_property
    def parsed(self) -> Definition:
        """The definition as engine dataclasses. Parsed once per process and checksum: a published
        version never changes, so the cache can never serve stale content."""
        key = self.checksum or self.checksum_of(self.definition)
        definition = _PARSED.get(key)
        if definition is None:
            definition = load_dict(self.definition, source=f"{self.instrument.code} v{self.version}", stored=True)
            _PARSED[key] = definition
        return definition


class InstrumentResponse(models.Model):
    """Answers given on one version, with the scores they got. Anonymous when client is empty."""

    version = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="responses")
    answers = models.JSONField(_("vastaukset"), default=dict)
    scores = models.JSONField(_("pisteet"), default=dict)
    band = models.CharField(_("tulosluokka"), max_length=63)
    emergency = models.BooleanField(_("hätätilanne"), default=False)
    created_at = models.DateTimeField(_("luotu"), default=timezone.now, db_index=True)
    client = models.ForeignKey(
        "clients.Client", null=True, blank=True, on_delete=models.PROTECT, related_name="instrument_responses"
    )
    filled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    access_scope = TeamScope("client__teams")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["version", "created_at"], name="instr_resp_version_created")]
        verbose_name = _("vastaus")
        verbose_name_plural = _("vastaukset")

    def __str__(self) -> str:
        return f"{self.version} #{self.pk}"

    @property
    def audit_client_id(self) -> int | None:
        return self.client_id

    @property
    def total(self) -> float:
        return self.scores.get("total", 0)
