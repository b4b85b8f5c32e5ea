"""What each person wants to hear about by mail, how often, and what they were told.

`Notification` is the table of notified items: one row per person, kind and item (unique),
so an item is never put before a person twice, and a digest sends only rows not sent yet.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    QUESTIONS = "vragen", _("Vragen in mijn thema's of waar mijn organisatie ervaring mee heeft")
    ANSWERS = "antwoorden", _("Antwoorden op vragen van mijn organisatie")
    MODERATION = "inzendingen", _("Inzendingen die ik mag beoordelen")
    EVENTS = "bijeenkomsten", _("Bijeenkomsten in mijn provincie")
    PRACTICES = "praktijkvoorbeelden", _("Nieuwe praktijkvoorbeelden in mijn thema's")


class Frequency(models.TextChoices):
    NEVER = "nooit", _("Geen mail")
    IMMEDIATE = "direct", _("Meteen")
    DAILY = "dagelijks", _("Eén keer per dag, samengevat")
    WEEKLY = "wekelijks", _("Eén keer per week, samengevat")


class Preference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.NEVER)

    class Meta:
        verbose_name = _("voorkeur voor berichten")
        verbose_name_plural = _("voorkeuren voor berichten")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notifications_one_per_kind")
        ]
        indexes = [models.Index(fields=["kind", "frequency"])]

    def __str__(self):
        return f"{self.user_id} {self.kind}: {self.frequency}"


class Interest(models.Model):
    """A theme a person follows ("mijn thema's")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="theme_interests"
    )
    theme = models.ForeignKey("themes.ThemePage", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "theme"], name="notifications_one_interest")
        ]

    def __str__(self):
        return f"{self.user_id}: {self.theme_id}"


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=100)
    title = models.CharField(max_length=300)
    path = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "key"], name="notifications_once_per_item"
            )
        ]
        indexes = [models.Index(fields=["user", "sent_at"])]

    def __str__(self):
        return self.title
