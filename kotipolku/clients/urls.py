"""HTML routes of client work (under the language prefix) and the public feedback page."""

from django.urls import path

from kotipolku.clients import views

app_name = "clients"

C = "staff/asiakkaat/<int:client_id>/"

urlpatterns = [
    path("staff/asiakkaat/", views.caseload, name="caseload"),
    path("staff/asiakkaat/uusi/", views.client_create, name="client-create"),
    path("staff/walk-in/", views.walk_in, name="walk-in"),
    path(C, views.detail, name="detail"),
    path(C + "tapaaminen/", views.encounter_create, name="encounter-create"),
    path(C + "muokkaa/", views.client_edit, name="client-edit"),
    path(C + "tunnista/", views.client_identify, name="client-identify"),
    path(C + "asuminen/", views.housing_add, name="housing-add"),
    path(C + "asuminen/<int:period_id>/paata/", views.housing_close, name="housing-close"),
    path(C + "tavoitteet/", views.goal_add, name="goal-add"),
    path(C + "tavoitteet/<int:goal_id>/tila/", views.goal_status, name="goal-status"),
    path(C + "ohjaukset/", views.referral_add, name="referral-add"),
    path(C + "ohjaukset/<int:referral_id>/tila/", views.referral_transition, name="referral-transition"),
    path(C + "paata/", views.client_close, name="client-close"),
    path(C + "avaa/", views.client_reopen, name="client-reopen"),
    path(C + "palaute/", views.feedback_add, name="feedback-add"),
    path(C + "palautelinkki/", views.feedback_link, name="feedback-link"),
    path(C + "tiedot/", views.export, name="export"),
    path(C + "tiedot.json", views.export_json, name="export-json"),
    path(C + "anonymisoi/", views.anonymise, name="anonymise"),
    path("palaute/<str:token>/", views.public_feedback, name="public-feedback"),
]
