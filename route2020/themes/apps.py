from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "route2020.themes"
    label = "themes"
    verbose_name = "Thema's"
