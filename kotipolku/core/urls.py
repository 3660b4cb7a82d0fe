from django.contrib.auth import views as auth_views
from django.urls import path

from kotipolku.core import mfa_views, views
from kotipolku.core.forms import LoginForm

urlpatterns = [
    path("", views.front, name="front"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/koodi/", mfa_views.verify, name="mfa-verify"),
    path("accounts/koodi/kayttoonotto/", mfa_views.setup, name="mfa-setup"),
    path("staff/", views.staff_home, name="staff-home"),
    path("staff/audit/", views.audit_log, name="audit-log"),
    path("staff/audit/export.csv", views.audit_export, name="audit-export"),
]
