from django.urls import path

from kotipolku.services import views

app_name = "services"

urlpatterns = [
    path("palvelut/", views.service_list, name="list"),
    path("palvelut/tulosta/", views.service_print, name="print"),
    path("palvelut/<int:service_id>/", views.service_detail, name="detail"),
    path("staff/palvelut/tarkistettavat/", views.review_list, name="review"),
    path("staff/palvelut/tuonti/", views.import_file, name="import"),
    path("staff/palvelut/tuonti/vahvista/", views.import_confirm, name="import-confirm"),
    path("staff/palvelut/vienti/hsds/", views.export_hsds, name="export-hsds"),
]
