from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("account/berichten/", views.preferences, name="preferences"),
    path("berichten/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
