"""Handbook content: plain-language articles and checklists in the 12 housing themes, per language.

The reviewed source of truth is `content/handbook/<lang>/<slug>.md`; rows here are loaded from those
files (`manage.py load_handbook`) and may then be edited by editors in the Django admin.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kotipolku.core.themes import Theme


class ArticleKind(models.TextChoices):
    ARTICLE = "article", _("Artikkeli")
    CHECKLIST = "checklist", _("Muistilista")


class Article(models.Model):
    slug = models.SlugField(_("tunniste"), max_length=80)
    lang = models.CharField(_("kieli"), max_length=5, choices=settings.LANGUAGES)
    theme = models.CharField(_("teema"), max_length=32, choices=Theme.choices, db_index=True)
    kind = models.CharField(_("tyyppi"), max_length=16, choices=ArticleKind.choices, default=ArticleKind.ARTICLE)
    title = models.CharField(_("otsikko"), max_length=200)
    summary = models.TextField(_("tiivistelmä"), max_length=600)
    body = models.TextField(_("teksti (Markdown)"))
    sources = models.JSONField(_("lähteet"), default=list, help_text=_('Lista: [{"title": "…", "url": "https://…"}]'))
    service_categories = models.JSONField(
        _("palvelukategoriat"),
        default=list,
        blank=True,
        help_text=_("Palvelukompassin kategoriat, joihin linkitetään."),
    )
    last_reviewed = models.DateField(_("tarkistettu"))
    # Lemmas and word forms of title, summary and body (simplemma), space-separated; filled on save.
    search_terms = models.TextField(_("hakusanat"), blank=True, editable=False)
    source_file = models.CharField(_("lähdetiedosto"), max_length=300, blank=True, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    # Set when an editor saves the article in the admin: a re-load then leaves it alone (unless --force).
    edited_in_admin = models.BooleanField(_("muokattu ylläpidossa"), default=False)
    updated_at = models.DateTimeField(_("päivitetty"), auto_now=True)

    class Meta:
        verbose_name = _("artikkeli")
        verbose_name_plural = _("artikkelit")
        ordering = ("theme", "kind", "title")
        constraints = [models.UniqueConstraint(fields=("slug", "lang"), name="handbook_article_slug_lang_unique")]
        indexes = [models.Index(fields=("lang", "theme"), name="handbook_lang_theme_idx")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        from kotipolku.handbook.search import index_terms

        self.search_terms = index_terms(" ".join((self.title, self.summary, self.body)), lang=self.lang)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        with translation.override(self.lang):
            return reverse("handbook:article", kwargs={"slug": self.slug})

    def clean(self):
        """Admin edits get the same checks as content files: sources become links, so http(s) only."""
        from kotipolku.handbook.validators import category_problems, source_problems

        errors = {}
        if source_problems(self.sources):
            errors["sources"] = _("Jokaisella lähteellä pitää olla otsikko (title) ja http(s)-osoite (url).")
        if category_problems(self.service_categories):
            errors["service_categories"] = _("Tuntematon palvelukategoria.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_checklist(self) -> bool:
        return self.kind == ArticleKind.CHECKLIST
