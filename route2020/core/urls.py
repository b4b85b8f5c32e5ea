from django.urls import path

from . import views

urlpatterns = [
    path("account/profiel/", views.profile, name="profile"),
    path("account/gegevens/", views.data_export, name="data-export"),
    path("account/verwijderen/", views.account_delete, name="account-delete"),
    path("account/lidmaatschappen/", views.membership_queue, name="membership-queue"),
    path("account/lidmaatschappen/<int:pk>/", views.membership_decide, name="membership-decide"),
]
