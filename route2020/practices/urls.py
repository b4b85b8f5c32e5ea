from django.urls import path

from . import views

app_name = "practices"
urlpatterns = [
    path("praktijkvoorbeelden/nieuw/", views.submission_start, name="submission-start"),
    path("praktijkvoorbeelden/export.csv", views.export_csv, name="export"),
    path(
        "praktijkvoorbeelden/inzending/<int:pk>/voorbeeld/",
        views.submission_preview,
        name="submission-preview",
    ),
    path(
        "praktijkvoorbeelden/inzending/<int:pk>/<slug:step>/",
        views.submission_step,
        name="submission-step",
    ),
    path("praktijkvoorbeelden/bewerken/<int:pk>/", views.practice_edit, name="practice-edit"),
    path("praktijkvoorbeelden/beoordelen/", views.review_queue, name="review-queue"),
    path("praktijkvoorbeelden/beoordelen/<int:pk>/", views.review, name="review"),
    path("praktijkvoorbeelden/overnemen/<int:pk>/", views.adopt, name="adopt"),
    path("praktijkvoorbeelden/logboek/<int:pk>/", views.logbook_add, name="logbook-add"),
    path("praktijkvoorbeelden/verspreiding/", views.spread_map, name="spread"),
]
