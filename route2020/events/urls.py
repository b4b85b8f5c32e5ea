from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("bijeenkomsten/feed.ics", views.feed, name="feed"),
    path("bijeenkomsten/export.csv", views.export_csv, name="export"),
    path("bijeenkomsten/<slug:slug>/agenda.ics", views.agenda, name="agenda"),
    path(
        "bijeenkomsten/aanmelding/<str:signed>/",
        views.registration_detail,
        name="registration",
    ),
    path(
        "bijeenkomsten/aanmelding/<str:signed>/bevestigen/",
        views.registration_confirm,
        name="registration-confirm",
    ),
    path(
        "bijeenkomsten/aanmelding/<str:signed>/afmelden/",
        views.registration_cancel,
        name="registration-cancel",
    ),
]
