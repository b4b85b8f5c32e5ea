from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "route2020.events"
    label = "events"
    verbose_name = "Bijeenkomsten"
