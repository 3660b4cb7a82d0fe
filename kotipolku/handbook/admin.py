"""Editors maintain handbook articles here; saving marks the article so a re-load keeps the edit."""

from django.contrib import admin

from kotipolku.handbook.models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "lang", "theme", "kind", "last_reviewed", "edited_in_admin")
    list_filter = ("lang", "theme", "kind", "edited_in_admin")
    search_fields = ("title", "slug", "summary")
    readonly_fields = ("source_file", "updated_at")

    def save_model(self, request, obj, form, change):
        obj.edited_in_admin = True
        super().save_model(request, obj, form, change)
