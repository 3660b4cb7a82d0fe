"""The bot's content (loaded from content/bot/ files, editable by editors) and its anonymous logs.

Logs hold no user, no IP and no session key: only the redacted question, what the bot answered and
the feedback, and they are purged after BOT_LOG_RETENTION_DAYS.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotipolku.core.themes import Theme

LANG_CHOICES = [("fi", "suomi"), ("sv", "svenska"), ("en", "English")]


class Answer(models.Model):
    """A curated answer with its example phrasings in fi/sv/en (from content/bot/answers/*.yaml)."""

    key = models.SlugField(_("tunniste"), max_length=120, unique=True)
    theme = models.CharField(_("teema"), max_length=40, choices=Theme.choices)
    handbook = models.JSONField(_("käsikirjan artikkelit"), default=list, blank=True)
    services = models.JSONField(_("palveluluokat"), default=list, blank=True)
    texts = models.JSONField(_("tekstit"), default=dict)  # lang → {"examples": [...], "answer": "..."}
    source_file = models.CharField(_("lähdetiedosto"), max_length=200, blank=True)
    is_active = models.BooleanField(_("käytössä"), default=True)
    updated_at = models.DateTimeField(_("päivitetty"), auto_now=True)

    class Meta:
        ordering = ["theme", "key"]
        verbose_name = _("botin vastaus")
        verbose_name_plural = _("botin vastaukset")

    def __str__(self):
        return self.key


class GuidancePath(models.Model):
    """A button-driven decision tree (from content/bot/paths/*.yaml)."""

    key = models.SlugField(_("tunniste"), max_length=120, unique=True)
    theme = models.CharField(_("teema"), max_length=40, choices=Theme.choices)
    title = models.JSONField(_("otsikko"), default=dict)
    start = models.CharField(_("aloitussolmu"), max_length=120)
    nodes = models.JSONField(_("solmut"), default=dict)
    source_file = models.CharField(_("lähdetiedosto"), max_length=200, blank=True)
    is_active = models.BooleanField(_("käytössä"), default=True)
    updated_at = models.DateTimeField(_("päivitetty"), auto_now=True)

    class Meta:
        ordering = ["theme", "key"]
        verbose_name = _("ohjauspolku")
        verbose_name_plural = _("ohjauspolut")

    def __str__(self):
        return self.key


class EditorExample(models.Model):
    """An example phrasing an editor added from the question log; the index includes it."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="editor_examples")
    lang = models.CharField(_("kieli"), max_length=2, choices=LANG_CHOICES)
    text = models.CharField(_("esimerkkimuotoilu"), max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(_("lisätty"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("toimittajan lisäämä esimerkki")
        verbose_name_plural = _("toimittajien lisäämät esimerkit")
        constraints = [models.UniqueConstraint(fields=["answer", "lang", "text"], name="bot_editor_example_unique")]

    def __str__(self):
        return self.text


class Exchange(models.Model):
    """One question and the bot's answer. Anonymous: no user, no IP; the question is redacted."""

    class Status(models.TextChoices):
        ANSWERED = "answered", _("vastattu")
        FALLBACK = "fallback", _("ei vastausta")
        EMERGENCY = "emergency", _("hätätilanne")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conversation = models.UUIDField(_("keskustelu"), db_index=True)
    created_at = models.DateTimeField(_("aika"), default=timezone.now, db_index=True)
    lang = models.CharField(_("kieli"), max_length=2, choices=LANG_CHOICES)
    question = models.TextField(_("kysymys (tunnistetiedot poistettu)"))
    status = models.CharField(_("tila"), max_length=12, choices=Status.choices)
    theme = models.CharField(_("teema"), max_length=40, choices=Theme.choices, blank=True)
    answer_key = models.CharField(_("vastaus"), max_length=120, blank=True)
    score = models.FloatField(_("varmuus"), default=0.0)
    helpful = models.BooleanField(_("hyödyllinen"), null=True, blank=True)
    feedback_at = models.DateTimeField(_("palaute annettu"), null=True, blank=True)
    reviewed = models.BooleanField(_("käsitelty"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("botin keskustelurivi")
        verbose_name_plural = _("botin keskustelurivit")
        indexes = [models.Index(fields=["status", "reviewed"], name="bot_exchange_queue")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.status}"
