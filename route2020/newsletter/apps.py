from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "route2020.newsletter"
    label = "newsletter"
    verbose_name = "Reisflitsen"
