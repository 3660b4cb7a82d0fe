from django.urls import path

from kotipolku.handbook import views

app_name = "handbook"


urlpatterns = [
    path("kasikirja/", views.index, name="index"),
    path("kasikirja/haku/", views.search, name="search"),
    path("kasikirja/<slug:slug>/", views.article, name="article"),
]
