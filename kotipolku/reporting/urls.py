"""HTML routes of reporting (under the language prefix)."""

from django.urls import path

from kotipolku.reporting import views

app_name = "reporting"

R = "staff/raportit/"

urlpatterns = [
    path(R, views.dashboard, name="dashboard"),
    path(R + "kpi.<str:fmt>", views.dashboard_export, name="dashboard-export"),
    path(R + "kausiraportti/", views.period_report, name="period-report"),
    path(R + "tavoitteet/", views.targets, name="targets"),
    path(R + "asunnottomat/", views.by_name, name="by-name"),
    path(R + "asunnottomat.<str:fmt>", views.by_name_export, name="by-name-export"),
    path(R + "poikkileikkaus/", views.pit_view, name="pit"),
    path(R + "poikkileikkaus.<str:fmt>", views.pit_export, name="pit-export"),
    path(R + "virtaus/", views.flow, name="flow"),
    path(R + "havainnot/", views.observation_report, name="observations"),
    path(R + "havainnot.<str:fmt>", views.observation_export, name="observations-export"),
    path(R + "havainnot/uusi/", views.observation_create, name="observation-create"),
]
