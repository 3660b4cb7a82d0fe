from django.urls import path

from kotipolku.bot import views

app_name = "bot"

urlpatterns = [
    path("botti/", views.chat, name="chat"),
    path("botti/palaute/", views.feedback, name="feedback"),
    path("botti/polku/<slug:key>/", views.path, name="path"),
    path("staff/botti/", views.staff_queue, name="staff-queue"),
    path("staff/botti/<uuid:public_id>/esimerkki/", views.staff_add_example, name="staff-add-example"),
    path("staff/botti/<uuid:public_id>/kasitelty/", views.staff_mark_reviewed, name="staff-mark-reviewed"),
]
