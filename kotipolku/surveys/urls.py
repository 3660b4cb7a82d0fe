from django.urls import path

from kotipolku.surveys import views

app_name = "surveys"
urlpatterns = [
    path("kysely/<slug:slug>/", views.answer, name="answer"),
    path("kysely/<slug:slug>/kiitos/", views.thanks, name="thanks"),
    path("staff/kyselyt/", views.campaigns, name="campaigns"),
    path("staff/kyselyt/<int:pk>/", views.campaign, name="campaign"),
    path("staff/kyselyt/<int:pk>/linkit/", views.campaign_links, name="campaign-links"),
    path("staff/kyselyt/<int:pk>/qr.svg", views.campaign_qr, name="campaign-qr"),
    path("staff/kyselyt/<int:pk>/tulokset.xlsx", views.campaign_export, name="campaign-export"),
    path("staff/kyselyt/yhteenveto/<slug:code>/", views.resident_summary, name="summary"),
    path("staff/verkosto/", views.network, name="network"),
    path("staff/verkosto/yhteyshenkilo/<int:pk>/vienti.json", views.contact_export, name="contact-export"),
    path("staff/verkosto/yhteyshenkilo/<int:pk>/poista/", views.contact_erase, name="contact-erase"),
]
