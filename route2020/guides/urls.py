from django.urls import path

from . import views

app_name = "guides"
urlpatterns = [
    path("regiogids/", views.visit_list, name="visit-list"),
    path("regiogids/bezoeken/nieuw/", views.visit_create, name="visit-create"),
    path("regiogids/bezoeken/<int:pk>/", views.visit_edit, name="visit-edit"),
    path(
        "regiogids/bezoeken/<int:pk>/praktijkvoorbeeld/",
        views.visit_submit_practice,
        name="visit-submit-practice",
    ),
    path("regiogids/reisadvies/nieuw/", views.advice_form, name="advice-create"),
    path("regiogids/reisadvies/<int:pk>/", views.advice_form, name="advice-edit"),
]
