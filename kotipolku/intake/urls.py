from django.urls import path

from kotipolku.intake import views

app_name = "intake"

urlpatterns = [
    path("yhteydenotto/", views.contact_request, name="contact-request"),
    path("yhteydenotto/kiitos/", views.contact_request_done, name="contact-request-done"),
    path("huoli-ilmoitus/", views.concern_report, name="concern-report"),
    path("huoli-ilmoitus/kiitos/", views.concern_report_done, name="concern-report-done"),
    path("staff/intake/", views.queue, name="queue"),
    path("staff/intake/huoli-ilmoitus/", views.staff_concern_report, name="staff-concern-report"),
    path("staff/intake/<int:item_id>/", views.item_detail, name="item"),
    path("staff/intake/<int:item_id>/claim/", views.item_claim, name="item-claim"),
    path("staff/intake/<int:item_id>/attempt/", views.item_attempt, name="item-attempt"),
    path("staff/intake/<int:item_id>/convert/", views.item_convert, name="item-convert"),
    path("staff/intake/<int:item_id>/close/", views.item_close, name="item-close"),
    path("staff/intake/<int:item_id>/reassign/", views.item_reassign, name="item-reassign"),
]
