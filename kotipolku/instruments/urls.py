"""URLs of the instruments module (mounted under the language prefix)."""

from django.urls import path

from kotipolku.instruments import views

app_name = "instruments"

urlpatterns = [
    path("itsearvio/", views.self_assessment, name="self-assessment"),
    path("itsearvio/tulos/<str:token>/", views.self_assessment_result, name="self-assessment-result"),
    path("staff/arviointi/", views.staff_index, name="staff-index"),
    path("staff/arviointi/tilastot/", views.staff_stats, name="staff-stats"),
    path("staff/arviointi/asiakas/<int:client_id>/", views.staff_client, name="staff-client"),
    path("staff/arviointi/asiakas/<int:client_id>/<slug:code>/", views.staff_fill, name="staff-fill"),
    path("staff/arviointi/vastaus/<int:response_id>/", views.staff_response, name="staff-response"),
    path("staff/arviointi/vastaus/<int:response_id>/tuloste/", views.staff_print, name="staff-print"),
]
