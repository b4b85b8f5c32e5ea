from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "route2020.news"
    label = "news"
    verbose_name = "Nieuws"
