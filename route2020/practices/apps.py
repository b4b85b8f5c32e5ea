from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "route2020.practices"
    label = "practices"
    verbose_name = "Praktijkvoorbeelden"
