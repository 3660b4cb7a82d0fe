"""Editors maintain handbook articles here; saving marks the article so a re-load keeps the edit.

Django's per-model permissions are not used in Kotipolku; the CONTENT area of core.access decides
(editors and admins), like everywhere else.
"""

from django.contrib import admin

from kotipolku.core.access import Area, in_area
from kotipolku.handbook.models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "lang", "theme", "kind", "last_reviewed", "edited_in_admin")
    list_filter = ("lang", "theme", "kind", "edited_in_admin")
    search_fields = ("title", "slug", "summary")
    readonly_fields = ("edited_in_admin", "source_file", "updated_at")

    def _content_editor(self, request) -> bool:
        return request.user.is_active and in_area(request.user, Area.CONTENT)

    def has_module_permission(self, request):
        return self._content_editor(request)

    def has_view_permission(self, request, obj=None):
        return self._content_editor(request)

    def has_add_permission(self, request):
        return self._content_editor(request)

    def has_change_permission(self, request, obj=None):
        return self._content_editor(request)

    def has_delete_permission(self, request, obj=None):
        return self._content_editor(request)

    def save_model(self, request, obj, form, change):
        obj.edited_in_admin = True
        super().save_model(request, obj, form, change)
