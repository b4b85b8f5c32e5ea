from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "route2020.groups"
    label = "groups"
    verbose_name = "Groepen"
