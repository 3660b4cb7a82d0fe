"""Admin for editors: services with their hours and exceptions, organisations and locations.

Service compass data is public content, not personal data, so it may be edited here. Saving
re-validates the hours (no overlaps) and rebuilds the search terms.
"""

from datetime import timedelta

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from kotipolku.services import hours, open_index
from kotipolku.services.models import Location, OpeningException, OpeningPeriod, Organisation, Service
from kotipolku.services.selectors import review_max_age
from kotipolku.services.services import service_reindex


class PeriodFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        rows = [
            (f.cleaned_data["weekday"], f.cleaned_data["opens"], f.cleaned_data["closes"])
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("opens")
        ]
        if hours.weekly_overlaps(rows):
            raise ValidationError(_("Aukioloajat menevät päällekkäin."))


class OpeningPeriodInline(admin.TabularInline):
    model = OpeningPeriod
    formset = PeriodFormSet
    extra = 0


class OpeningExceptionInline(admin.TabularInline):
    model = OpeningException
    extra = 0


class ReviewFilter(admin.SimpleListFilter):
    title = _("tarkistus")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", _("tarkistettava"))]

    def queryset(self, request, queryset):
        if self.value() == "due":
            limit = hours.local().date() - timedelta(days=review_max_age())
            return queryset.filter(last_verified__isnull=True) | queryset.filter(last_verified__lt=limit)
        return queryset


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("name_fi", "organisation", "is_example", "is_active", "last_verified")
    list_filter = (ReviewFilter, "is_example", "is_active", "categories", "municipalities")
    search_fields = ("name_fi", "name_sv", "name_en", "stable_id")
    filter_horizontal = ("categories", "target_groups", "languages", "municipalities")
    inlines = [OpeningPeriodInline, OpeningExceptionInline]
    readonly_fields = ("updated_at",)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        service_reindex(form.instance)
        open_index.rebuild([form.instance.pk])


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name_fi", "stable_id", "website")
    search_fields = ("name_fi", "stable_id")


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ("__str__", "street_address", "municipality")
    list_filter = ("municipality",)
    search_fields = ("name_fi", "street_address", "stable_id")
