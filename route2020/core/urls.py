from django.urls import path

from . import views

urlpatterns = [
    path("account/profiel/", views.profile, name="profile"),
    path("account/gegevens/", views.data_export, name="data-export"),
    path("account/verwijderen/", views.account_delete, name="account-delete"),
    path("cookies/", views.cookie_choice, name="cookie-choice"),
]
