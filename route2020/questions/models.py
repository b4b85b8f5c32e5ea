"""Open questions (hulpvragen): "we want to start X: who has done it?".

A question is a Wagtail page under /vragen/, so site search, the sitemap, the page cache and
the CMS come with it; it is published at once when a member posts it (services.py). Answers,
flags and the suggestions made when it was posted are rows beside the page.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from route2020.core.models import BasePage

MAX_THEMES = 3
PER_PAGE = 20
RESERVED_SLUGS = {"nieuw", "antwoord", "melden"}


class QuestionIndexPage(BasePage):
    """/vragen/: open and solved questions, filtered by theme and state."""

    menu_label = _("Vragen")
    subpage_types = ["questions.QuestionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("overzicht vragen")

    def get_context(self, request, *args, **kwargs):
        from .listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context


class QuestionPage(BasePage):
    """One question of a library, with its answers and the practices it led to."""

    body = models.TextField(
        _("toelichting"),
        max_length=3000,
        help_text=_("Wat wil je starten, wat weet je al, wat zoek je?"),
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="questions",
    )
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gesteld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions_asked",
    )
    themes = ParentalManyToManyField(
        "themes.ThemePage", verbose_name=_("thema's"), related_name="questions", blank=True
    )
    solved_at = models.DateTimeField(_("opgelost op"), null=True, blank=True, db_index=True)
    led_to = ParentalManyToManyField(
        "practices.PracticePage",
        verbose_name=_("leidde tot"),
        related_name="questions_led_to",
        blank=True,
    )
    parent_page_types = ["questions.QuestionIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        FieldPanel("body"),
        FieldPanel("organisation"),
        FieldPanel("themes"),
        FieldPanel("solved_at"),
        FieldPanel("led_to"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.FilterField("solved_at"),
    ]

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")

    @property
    def is_solved(self):
        return self.solved_at is not None

    def serve(self, request, *args, **kwargs):
        from . import views

        return views.question(request, self)


class Answer(models.Model):
    """A member's answer, for their organisation; the asker may mark it helpful."""

    question = models.ForeignKey(
        QuestionPage, on_delete=models.CASCADE, related_name="answers", verbose_name=_("vraag")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="question_answers",
        verbose_name=_("auteur"),
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        related_name="question_answers",
        verbose_name=_("organisatie"),
    )
    text = models.TextField(_("antwoord"), max_length=5000)
    helpful = models.BooleanField(_("nuttig"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(_("verborgen op"), null=True, blank=True)
    hidden_reason = models.TextField(_("reden van verbergen"), blank=True, max_length=1000)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verborgen door"),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        indexes = [models.Index(fields=["question", "created_at"])]

    def __str__(self):
        return self.text[:60]

    @property
    def is_hidden(self):
        return self.hidden_at is not None


class Flag(models.Model):
    """ "Melden": someone signed in thinks a question or answer does not belong here."""

    question = models.ForeignKey(QuestionPage, on_delete=models.CASCADE, related_name="flags")
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="question_flags"
    )
    reason = models.TextField(_("waarom?"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    handled = models.BooleanField(_("afgehandeld"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "answer"],
                condition=models.Q(answer__isnull=False),
                name="questions_one_flag_per_answer",
            ),
            models.UniqueConstraint(
                fields=["user", "question"],
                condition=models.Q(answer__isnull=True),
                name="questions_one_flag_per_question",
            ),
        ]

    def __str__(self):
        return self.reason[:60]


class Suggestion(models.Model):
    """What the platform pointed to when the question was posted: a practice or an
    organisation with experience, best first. Kept, so the page shows what the asker saw
    and whom the platform told."""

    question = models.ForeignKey(QuestionPage, on_delete=models.CASCADE, related_name="suggestions")
    practice = models.ForeignKey(
        "practices.PracticePage", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    rank = models.PositiveSmallIntegerField()
    # why it was suggested, shown beside it
    text_match = models.BooleanField(default=False)
    shared_themes = models.PositiveSmallIntegerField(default=0)
    adoptions = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["rank"]

    def __str__(self):
        return f"{self.question_id}: {self.practice_id or self.organisation_id}"
