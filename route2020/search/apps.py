from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "route2020.search"
    label = "site_search"
    verbose_name = "Zoeken"
