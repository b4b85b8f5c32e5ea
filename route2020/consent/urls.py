from django.urls import path

from . import views

app_name = "consent"
urlpatterns = [path("cookies/", views.cookie_choice, name="cookie-choice")]
