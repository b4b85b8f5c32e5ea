from django.urls import path

from . import views

app_name = "questions"
urlpatterns = [
    path("vragen/nieuw/", views.ask, name="ask"),
    path("vragen/<int:pk>/antwoord/", views.answer, name="answer"),
    path("vragen/<int:pk>/opgelost/", views.solve, name="solve"),
    path("vragen/<int:pk>/melden/", views.flag, name="flag"),
    path("vragen/<int:pk>/melden/<int:answer_pk>/", views.flag, name="flag-answer"),
    path("vragen/antwoord/<int:pk>/nuttig/", views.helpful, name="helpful"),
    path("vragen/antwoord/<int:pk>/verbergen/", views.hide, name="hide"),
]
