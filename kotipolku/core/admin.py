"""Admin for accounts, teams, landlords and (read-only) the audit log.

Personal data of clients is never registered here: the admin does not apply the object rule.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from kotipolku.core.models import AuditEvent, LandlordOrganisation, Team, TeamMembership, User


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 0


@admin.register(User)
class KotipolkuUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active", "teams")
    fieldsets = (*UserAdmin.fieldsets, ("Kotipolku", {"fields": ("role", "preferred_language")}))
    inlines = [TeamMembershipInline]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality")


@admin.register(LandlordOrganisation)
class LandlordOrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "business_id", "token_prefix", "is_active")
    readonly_fields = ("token_prefix", "created_at")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("time", "actor_label", "action", "object_type", "object_id", "client_id")
    list_filter = ("action", "object_type")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser
