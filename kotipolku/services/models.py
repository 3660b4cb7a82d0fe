"""Service compass data: organisations, services, locations, weekly opening hours and date exceptions.

Texts are stored per language in `_fi`, `_sv`, `_en` fields (fi is required, the others fall back to fi).
Fixed code lists (codes.py) live in small code tables so filters are indexed joins and unknown codes
are refused by the database as well as by validation.
"""

import uuid
from datetime import time

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kotipolku.services.codes import CategoryCode, LanguageCode, MunicipalityCode, TargetGroupCode, municipality_name

LANGS = ("fi", "sv", "en")


def new_stable_id() -> str:
    return str(uuid.uuid4())


def current_lang() -> str:
    lang = (get_language() or "fi")[:2]
    return lang if lang in LANGS else "fi"


class Translated:
    """`obj.tr("name")` gives the text in the active language, falling back to Finnish."""

    def tr(self, field: str, lang: str | None = None) -> str:
        lang = lang or current_lang()
        return getattr(self, f"{field}_{lang}", "") or getattr(self, f"{field}_fi", "")


class Category(models.Model):
    code = models.CharField(_("koodi"), max_length=32, primary_key=True, choices=CategoryCode.choices)

    class Meta:
        verbose_name = _("palveluluokka")
        verbose_name_plural = _("palveluluokat")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(CategoryCode(self.code).label)


class TargetGroup(models.Model):
    code = models.CharField(_("koodi"), max_length=32, primary_key=True, choices=TargetGroupCode.choices)

    class Meta:
        verbose_name = _("kohderyhmä")
        verbose_name_plural = _("kohderyhmät")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(TargetGroupCode(self.code).label)


class Language(models.Model):
    code = models.CharField(_("koodi"), max_length=8, primary_key=True, choices=LanguageCode.choices)

    class Meta:
        verbose_name = _("asiointikieli")
        verbose_name_plural = _("asiointikielet")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(LanguageCode(self.code).label)


class Municipality(models.Model):
    code = models.CharField(_("kuntanumero"), max_length=3, primary_key=True, choices=MunicipalityCode.choices)

    class Meta:
        verbose_name = _("kunta")
        verbose_name_plural = _("kunnat")
        ordering = ["code"]

    def __str__(self) -> str:
        return municipality_name(self.code, current_lang())


class Organisation(Translated, models.Model):
    stable_id = models.CharField(_("pysyvä tunniste"), max_length=64, unique=True, default=new_stable_id)
    name_fi = models.CharField(_("nimi (suomi)"), max_length=200)
    name_sv = models.CharField(_("nimi (ruotsi)"), max_length=200, blank=True)
    name_en = models.CharField(_("nimi (englanti)"), max_length=200, blank=True)
    website = models.URLField(_("verkkosivu"), blank=True)

    class Meta:
        verbose_name = _("organisaatio")
        verbose_name_plural = _("organisaatiot")
        ordering = ["name_fi"]

    def __str__(self) -> str:
        return self.tr("name")


class Location(Translated, models.Model):
    stable_id = models.CharField(_("pysyvä tunniste"), max_length=64, unique=True, default=new_stable_id)
    name_fi = models.CharField(_("nimi (suomi)"), max_length=200, blank=True)
    name_sv = models.CharField(_("nimi (ruotsi)"), max_length=200, blank=True)
    name_en = models.CharField(_("nimi (englanti)"), max_length=200, blank=True)
    street_address = models.CharField(_("katuosoite"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postinumero"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", _("Postinumerossa on viisi numeroa."))],
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kunta"), on_delete=models.PROTECT, related_name="locations"
    )
    latitude = models.DecimalField(
        _("leveysaste"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(59), MaxValueValidator(71)],
    )
    longitude = models.DecimalField(
        _("pituusaste"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(19), MaxValueValidator(32)],
    )
    accessibility_fi = models.TextField(_("esteettömyys (suomi)"), blank=True)
    accessibility_sv = models.TextField(_("esteettömyys (ruotsi)"), blank=True)
    accessibility_en = models.TextField(_("esteettömyys (englanti)"), blank=True)

    class Meta:
        verbose_name = _("toimipiste")
        verbose_name_plural = _("toimipisteet")
        ordering = ["name_fi"]

    def __str__(self) -> str:
        return self.tr("name") or self.street_address or municipality_name(self.municipality_id)

    def clean(self):
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Anna sekä leveys- että pituusaste tai ei kumpaakaan."))


class Service(Translated, models.Model):
    stable_id = models.CharField(_("pysyvä tunniste"), max_length=64, unique=True, default=new_stable_id)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisaatio"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services",
    )
    location = models.ForeignKey(
        Location, verbose_name=_("toimipiste"), on_delete=models.PROTECT, null=True, blank=True, related_name="services"
    )
    name_fi = models.CharField(_("nimi (suomi)"), max_length=200)
    name_sv = models.CharField(_("nimi (ruotsi)"), max_length=200, blank=True)
    name_en = models.CharField(_("nimi (englanti)"), max_length=200, blank=True)
    description_fi = models.TextField(_("kuvaus (suomi)"), blank=True)
    description_sv = models.TextField(_("kuvaus (ruotsi)"), blank=True)
    description_en = models.TextField(_("kuvaus (englanti)"), blank=True)
    categories = models.ManyToManyField(Category, verbose_name=_("palveluluokat"), related_name="services")
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("kohderyhmät"), related_name="services", blank=True
    )
    languages = models.ManyToManyField(Language, verbose_name=_("asiointikielet"), related_name="services", blank=True)
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("palvelualue (kunnat)"),
        related_name="services",
        help_text=_("Kunnat, joiden asukkaita palvelu palvelee."),
    )
    requires_referral = models.BooleanField(
        _("vaatii lähetteen tai asiakkuuden"),
        default=False,
        help_text=_("Oletus: avoin kaikille ilman lähetettä."),
    )
    eligibility_fi = models.TextField(_("kenelle (suomi)"), blank=True)
    eligibility_sv = models.TextField(_("kenelle (ruotsi)"), blank=True)
    eligibility_en = models.TextField(_("kenelle (englanti)"), blank=True)
    cost_fi = models.CharField(_("hinta (suomi)"), max_length=200, blank=True)
    cost_sv = models.CharField(_("hinta (ruotsi)"), max_length=200, blank=True)
    cost_en = models.CharField(_("hinta (englanti)"), max_length=200, blank=True)
    accessibility_fi = models.TextField(_("esteettömyys (suomi)"), blank=True)
    accessibility_sv = models.TextField(_("esteettömyys (ruotsi)"), blank=True)
    accessibility_en = models.TextField(_("esteettömyys (englanti)"), blank=True)
    phone = models.CharField(_("puhelin"), max_length=40, blank=True)
    email = models.EmailField(_("sähköposti"), blank=True)
    website = models.URLField(_("verkkosivu"), blank=True)
    open_on_holidays = models.BooleanField(
        _("avoinna myös arkipyhinä"),
        default=False,
        help_text=_("Muuten palvelu on suljettu arkipyhinä, ellei päivälle ole poikkeusaukioloa."),
    )
    hours_note_fi = models.CharField(_("aukiolon lisätieto (suomi)"), max_length=300, blank=True)
    hours_note_sv = models.CharField(_("aukiolon lisätieto (ruotsi)"), max_length=300, blank=True)
    hours_note_en = models.CharField(_("aukiolon lisätieto (englanti)"), max_length=300, blank=True)
    last_verified = models.DateField(_("tarkistettu viimeksi"), null=True, blank=True)
    source_url = models.URLField(_("lähde"), blank=True)
    is_example = models.BooleanField(
        _("esimerkki"), default=False, help_text=_("Keksitty esittelypalvelu, ei todellinen palvelu.")
    )
    is_active = models.BooleanField(_("julkaistu"), default=True)
    updated_at = models.DateTimeField(_("muokattu"), auto_now=True)

    class Meta:
        verbose_name = _("palvelu")
        verbose_name_plural = _("palvelut")
        ordering = ["name_fi", "id"]
        indexes = [
            models.Index(fields=["is_active", "name_fi"], name="services_active_name_idx"),
            # the list order (examples last, then by name): a page of an unfiltered list walks this index
            models.Index(fields=["is_example", "name_fi", "id"], name="services_list_order_idx"),
        ]

    def __str__(self) -> str:
        return self.tr("name")

    def get_absolute_url(self) -> str:
        return reverse("services:detail", args=[self.pk])

    def codes(self, name: str) -> list[str]:
        """The codes of a relation ("categories", …): from `display_codes` (set by
        selectors.with_display_data) without a query, else from the database."""
        loaded = getattr(self, "display_codes", None)
        if loaded is not None:
            return loaded[name]
        return sorted(o.code for o in getattr(self, name).all())

    def _code_objects(self, name: str, model: type[models.Model]) -> list:
        return [model(code=c) for c in self.codes(name)]

    @property
    def category_list(self) -> list[Category]:
        return self._code_objects("categories", Category)

    @property
    def target_group_list(self) -> list[TargetGroup]:
        return self._code_objects("target_groups", TargetGroup)

    @property
    def language_list(self) -> list[Language]:
        return self._code_objects("languages", Language)

    @property
    def municipality_list(self) -> list[Municipality]:
        return self._code_objects("municipalities", Municipality)


class OpeningPeriod(models.Model):
    """One weekly opening period. `overnight` marks a period that ends on the next day (20:00–08:00);
    a period closing at 00:00 ends at midnight; 00:00–00:00 overnight is a full day."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("maanantai")
        TUESDAY = 1, _("tiistai")
        WEDNESDAY = 2, _("keskiviikko")
        THURSDAY = 3, _("torstai")
        FRIDAY = 4, _("perjantai")
        SATURDAY = 5, _("lauantai")
        SUNDAY = 6, _("sunnuntai")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="periods")
    weekday = models.PositiveSmallIntegerField(_("viikonpäivä"), choices=Weekday.choices)
    opens = models.TimeField(_("avautuu"))
    closes = models.TimeField(_("sulkeutuu"))
    overnight = models.BooleanField(_("jatkuu seuraavaan päivään"), default=False)

    class Meta:
        verbose_name = _("aukioloaika")
        verbose_name_plural = _("aukioloajat")
        ordering = ["weekday", "opens"]
        indexes = [models.Index(fields=["service", "weekday"], name="services_period_day_idx")]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        validate_period(self.opens, self.closes, self.overnight)


class OpeningException(Translated, models.Model):
    """Hours of one date that replace the weekly hours: closed all day, or special period(s)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("päivä"))
    closed = models.BooleanField(_("suljettu koko päivän"), default=False)
    opens = models.TimeField(_("avautuu"), null=True, blank=True)
    closes = models.TimeField(_("sulkeutuu"), null=True, blank=True)
    overnight = models.BooleanField(_("jatkuu seuraavaan päivään"), default=False)
    note_fi = models.CharField(_("selite (suomi)"), max_length=200, blank=True)
    note_sv = models.CharField(_("selite (ruotsi)"), max_length=200, blank=True)
    note_en = models.CharField(_("selite (englanti)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("poikkeusaukiolo")
        verbose_name_plural = _("poikkeusaukiolot")
        ordering = ["date", "opens"]
        indexes = [models.Index(fields=["date"], name="services_exception_date_idx")]

    def __str__(self) -> str:
        if self.closed:
            return f"{self.date:%d.%m.%Y} –"
        return f"{self.date:%d.%m.%Y} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        if self.closed:
            if self.opens or self.closes:
                raise ValidationError(_("Suljetulle päivälle ei anneta kellonaikoja."))
            return
        if self.opens is None or self.closes is None:
            raise ValidationError(_("Anna avautumis- ja sulkemisaika tai merkitse päivä suljetuksi."))
        validate_period(self.opens, self.closes, self.overnight)


class SearchTerm(models.Model):
    """Precomputed search terms of a service (lemmas, compound parts), so a search is an indexed look-up."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="search_terms")
    term = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term", "service"], name="services_searchterm_unique")]

    def __str__(self) -> str:
        return self.term


class OpenInterval(models.Model):
    """One opening of a service as a UTC interval, computed by hours.py (open_index.py) for every day of
    the HoursWindow, so "open now" is an indexed range look-up that honours exceptions, holidays and DST."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+", db_index=False)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["service", "starts_at"], name="services_interval_svc_idx"),
            models.Index(fields=["starts_at", "ends_at", "service"], name="services_interval_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.service_id}: {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%Y-%m-%d %H:%M} UTC"


class HoursWindow(models.Model):
    """The days (Helsinki dates) for which OpenInterval rows exist for every service (one row)."""

    first_day = models.DateField()
    last_day = models.DateField()

    def __str__(self) -> str:
        return f"{self.first_day}–{self.last_day}"


MIDNIGHT = time(0, 0)


def validate_period(opens: time, closes: time, overnight: bool) -> None:
    """End before start is valid only as an explicit overnight period; 00:00 as the end means midnight."""
    if opens is None or closes is None:
        return
    if overnight:
        if closes > opens and closes != MIDNIGHT:
            raise ValidationError(
                _("Yön yli jatkuvan ajan sulkemisajan pitää olla ennen avautumisaikaa (esim. 20.00–8.00).")
            )
    elif closes <= opens and closes != MIDNIGHT:
        raise ValidationError(
            _("Sulkemisaika on ennen avautumisaikaa. Jos aika jatkuu yön yli, merkitse se yön yli jatkuvaksi.")
        )
    elif closes == opens:
        raise ValidationError(_("Avautumis- ja sulkemisaika eivät voi olla samat."))
