"""Surveys (enquêtes): the office builds a survey page with questions in /beheer/; members
(or anyone) answer it once; the results are counted in SQL and published when the office says.

What is stored, and why in four tables:

- `Participation`: *that* a person (or an organisation) has answered. Its partial unique
  constraints are what make "one submission per person / per organisation" hold, also for
  two submits at the same moment. It holds no answers and no time.
- `Submission` and its `Answer`s: what was answered. For an anonymous survey a submission
  has no person (and, unless the survey asks one answer per organisation, no organisation):
  only the province and the kind of organisation, for the result filters. Its id is random,
  so the order of submissions cannot be read from it.
- `Draft`: the answers a signed-in person saved to come back to; gone once they submit.

An answer is one row with typed columns (an option, a whole number, or a text), so counts,
percentages, means and rankings are one GROUP BY each (results.py).
"""

import uuid

from django.conf import settings
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from route2020.core.blocks import BodyBlock
from route2020.core.cache import scope_page
from route2020.core.models import BasePage
from route2020.core.pages import public

from .admin_forms import SurveyPageAdminForm

SURVEYS_PER_PAGE = 12
# Whole numbers outside this range do not fit the answer's integer column.
NUMBER_LIMIT = 1_000_000_000
NUMBER_VALIDATORS = [
    MinValueValidator(-NUMBER_LIMIT, _("Kies een getal tussen min en plus een miljard.")),
    MaxValueValidator(NUMBER_LIMIT, _("Kies een getal tussen min en plus een miljard.")),
]


def results_cache_scope(survey_id):
    """The page cache scope of a survey's results; every submission renews it."""
    return f"survey-results:{survey_id}"


class Audience(models.TextChoices):
    MEMBERS = "leden", _("Leden (ieder lid één keer)")
    ORGANISATIONS = "organisaties", _("Leden, één inzending per organisatie")
    ANYONE = "iedereen", _("Iedereen")


class SurveyIndexPage(BasePage):
    """/enquetes/: the open surveys, the closed ones and those with published results."""

    subpage_types = ["surveys.SurveyPage"]
    max_count = 1
    menu_label = _("Enquêtes")

    class Meta:
        verbose_name = _("enquêteoverzicht")

    # The tabs of the index, by their value in the address (?toon=...).
    SHOW = {
        "open": _("Open"),
        "uitslagen": _("Uitslagen"),
        "gesloten": _("Gesloten"),
    }

    def get_surveys(self):
        return public(SurveyPage.objects.child_of(self).live()).only(*SurveyPage.LIST_FIELDS)

    def get_surveys_page(self, show, number, now=None):
        now = now or timezone.now()
        surveys = self.get_surveys()
        if show == "uitslagen":
            surveys = surveys.filter(results_published_at__lte=now).order_by("-closes_at", "-pk")
        elif show == "gesloten":
            surveys = surveys.filter(closes_at__lte=now).order_by("-closes_at", "-pk")
        else:
            surveys = surveys.filter(closes_at__gt=now).order_by("closes_at", "pk")
        return Paginator(surveys, SURVEYS_PER_PAGE).get_page(number)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        show = request.GET.get("toon")
        show = show if show in self.SHOW else "open"
        context.update(
            show=show,
            tabs=[(value, label, value == show) for value, label in self.SHOW.items()],
            surveys_page=self.get_surveys_page(show, request.GET.get("pagina")),
            query_string=f"toon={show}",
            now=timezone.now(),
        )
        return context


class SurveyPage(RoutablePageMixin, BasePage):
    """One survey: its questions (inline, in order), who may answer, when, and the results."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("toelichting"))
    opens_at = models.DateTimeField(_("open vanaf"))
    closes_at = models.DateTimeField(_("sluit op"))
    audience = models.CharField(
        _("wie vult in"), max_length=20, choices=Audience.choices, default=Audience.MEMBERS
    )
    anonymous = models.BooleanField(
        _("anoniem"),
        default=True,
        help_text=_(
            "Anoniem: bij de antwoorden wordt niet bewaard wie ze gaf (bij één inzending per "
            "organisatie wel de organisatie). Kan niet meer veranderen zodra er antwoorden zijn."
        ),
    )
    results_published_at = models.DateTimeField(
        _("uitslag openbaar vanaf"),
        null=True,
        blank=True,
        help_text=_(
            "Leeg: alleen het bureau ziet de uitslag. Open antwoorden blijven altijd intern."
        ),
    )
    results_text = models.TextField(_("toelichting bij de uitslag"), blank=True, max_length=2000)

    LIST_FIELDS = (
        "title",
        "slug",
        "url_path",
        "path",
        "depth",
        "intro",
        "search_description",
        "opens_at",
        "closes_at",
        "audience",
        "anonymous",
        "results_published_at",
        "last_published_at",
        "latest_revision_created_at",
    )

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    question_panels = [InlinePanel("questions", label=_("Vraag"), min_num=1)]
    settings_panels_survey = [
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("audience"),
        FieldPanel("anonymous"),
        MultiFieldPanel(
            [FieldPanel("results_published_at"), FieldPanel("results_text")],
            heading=_("Uitslag"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Enquête")),
            ObjectList(question_panels, heading=_("Vragen")),
            ObjectList(settings_panels_survey, heading=_("Wie, wanneer, uitslag")),
            ObjectList(BasePage.promote_panels, heading=_("Vindbaarheid")),
            ObjectList(BasePage.settings_panels, heading=_("Instellingen")),
        ]
    )
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    parent_page_types = ["surveys.SurveyIndexPage"]
    subpage_types = []
    base_form_class = SurveyPageAdminForm

    class Meta:
        verbose_name = _("enquête")
        verbose_name_plural = _("enquêtes")
        indexes = [models.Index(fields=["closes_at"], name="surveys_survey_closes_idx")]

    # --- state ---------------------------------------------------------------------------------

    def state(self, now=None):
        """'not-yet', 'open' or 'closed'."""
        now = now or timezone.now()
        if now < self.opens_at:
            return "not-yet"
        if now >= self.closes_at:
            return "closed"
        return "open"

    @property
    def is_open(self):
        return self.state() == "open"

    def results_are_public(self, now=None):
        return self.results_published_at is not None and self.results_published_at <= (
            now or timezone.now()
        )

    @property
    def for_members(self):
        return self.audience in (Audience.MEMBERS, Audience.ORGANISATIONS)

    @property
    def per_organisation(self):
        return self.audience == Audience.ORGANISATIONS

    @property
    def card_meta(self):
        """'Nu open · 2 maart 2015 – 27 maart 2015 · Iedereen' on a card in a listing."""
        from django.utils.formats import date_format

        opens = date_format(timezone.localtime(self.opens_at), "j F Y")
        closes = date_format(timezone.localtime(self.closes_at), "j F Y")
        state = {"not-yet": _("Binnenkort"), "open": _("Nu open"), "closed": _("Gesloten")}
        return f"{state[self.state()]} · {opens} – {closes} · {self.get_audience_display()}"

    def get_questions(self):
        """The questions with their options, in order: two queries (one in a preview)."""
        questions = self.questions.all()
        if isinstance(questions, models.QuerySet):
            questions = questions.prefetch_related("options")
        return list(questions)

    @property
    def results_url(self):
        return self.url + self.reverse_subpage("results")

    # --- routes --------------------------------------------------------------------------------

    @path("", name="survey")
    def survey_route(self, request):
        from .views import survey

        return survey(request, self)

    @path("uitslag/", name="results")
    def results_route(self, request):
        from .views import results

        scope_page(request, results_cache_scope(self.pk))
        return results(request, self)


class Question(Orderable, ClusterableModel):
    class Kind(models.TextChoices):
        SINGLE = "een-keuze", _("Eén keuze")
        MULTIPLE = "meer-keuzes", _("Meer keuzes")
        SCALE = "schaal", _("Schaal 1–5")
        RANKING = "volgorde", _("Volgorde van de mogelijkheden")
        NUMBER = "getal", _("Getal")
        TEXT = "tekst", _("Open antwoord")

    WITH_OPTIONS = (Kind.SINGLE, Kind.MULTIPLE, Kind.RANKING)
    SCALE_VALUES = range(1, 6)

    survey = ParentalKey(SurveyPage, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("soort vraag"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("vraag"), max_length=300)
    help_text = models.CharField(
        _("uitleg"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld bij een schaal: 1 = helemaal oneens, 5 = helemaal eens."),
    )
    required = models.BooleanField(_("verplicht"), default=True)
    min_value = models.IntegerField(
        _("kleinste getal"),
        null=True,
        blank=True,
        help_text=_("Alleen bij een getal."),
        validators=NUMBER_VALIDATORS,
    )
    max_value = models.IntegerField(
        _("grootste getal"),
        null=True,
        blank=True,
        help_text=_("Alleen bij een getal."),
        validators=NUMBER_VALIDATORS,
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("text"),
        FieldPanel("help_text"),
        FieldPanel("required"),
        FieldRowPanel([FieldPanel("min_value"), FieldPanel("max_value")]),
        InlinePanel(
            "options",
            label=_("Mogelijkheid"),
            heading=_("Mogelijkheden"),
            help_text=_("Bij één keuze, meer keuzes en volgorde: minstens twee."),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")

    def __str__(self):
        return self.text

    @property
    def has_options(self):
        return self.kind in self.WITH_OPTIONS

    @property
    def lowest(self):
        return self.min_value if self.min_value is not None else -NUMBER_LIMIT

    @property
    def highest(self):
        return self.max_value if self.max_value is not None else NUMBER_LIMIT


class Option(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("mogelijkheid"), max_length=200)

    panels = [FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("keuzemogelijkheid")
        verbose_name_plural = _("keuzemogelijkheden")

    def __str__(self):
        return self.label


class Participation(models.Model):
    """That a person, or an organisation, has answered a survey: the database keeps it to one.

    Deliberately without a time and without a link to the submission, so that for an
    anonymous survey it tells who took part, never what they answered.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="survey_participations",
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="survey_participations",
    )
    # A visitor on a survey for anyone: the SHA-256 of the survey and the random token in
    # their browser's survey cookie (services.VISITOR_COOKIE), so one browser submits once.
    visitor = models.CharField(max_length=64, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "user"],
                condition=Q(user__isnull=False),
                name="surveys_one_submission_per_person",
            ),
            models.UniqueConstraint(
                fields=["survey", "organisation"],
                condition=Q(organisation__isnull=False),
                name="surveys_one_submission_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["survey", "visitor"],
                condition=Q(visitor__isnull=False),
                name="surveys_one_submission_per_visitor",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False, organisation__isnull=True, visitor__isnull=True)
                | Q(user__isnull=True, organisation__isnull=False, visitor__isnull=True)
                | Q(user__isnull=True, organisation__isnull=True, visitor__isnull=False),
                name="surveys_participation_person_organisation_or_visitor",
            ),
        ]

    def __str__(self):
        who = self.user or self.organisation or _("bezoeker")
        return f"{self.survey} – {who}"


class Submission(models.Model):
    """One filled-in survey, final. Named surveys keep the person; anonymous ones do not."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="submissions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevuld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_submissions",
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_submissions",
    )
    # For the result filters, kept as they were when the answers were given.
    province = models.ForeignKey(
        "core.Province",
        verbose_name=_("provincie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation_kind = models.CharField(_("soort organisatie"), max_length=20, blank=True)
    partner_type = models.CharField(_("soort partner"), max_length=20, blank=True)
    # A date, not a moment: enough for the office, too coarse to match with anything else.
    submitted_on = models.DateField(_("ingevuld op"), default=timezone.localdate)

    class Meta:
        verbose_name = _("inzending")
        verbose_name_plural = _("inzendingen")
        indexes = [
            models.Index(fields=["survey", "province"], name="surveys_submission_prov_idx"),
            models.Index(
                fields=["survey", "organisation_kind", "partner_type"],
                name="surveys_submission_kind_idx",
            ),
        ]

    def __str__(self):
        return f"{self.survey} – {self.submitted_on}"


class Answer(models.Model):
    """One answer value: a chosen option (one row per option chosen; with its place for a
    ranking in `value`), a whole number (scale, number) or a text."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(
        Option, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    value = models.IntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "question", "option"],
                condition=Q(option__isnull=False),
                name="surveys_answer_option_once",
            ),
            models.UniqueConstraint(
                fields=["submission", "question"],
                condition=Q(option__isnull=True),
                name="surveys_answer_value_once",
            ),
            models.CheckConstraint(
                condition=Q(option__isnull=False) | Q(value__isnull=False) | ~Q(text=""),
                name="surveys_answer_not_empty",
            ),
        ]
        # One per kind of aggregate (results.py), each covering what it reads: options with
        # their places, values, and the people who ticked boxes.
        indexes = [
            models.Index(fields=["question", "option", "value"], name="surveys_answer_option_idx"),
            models.Index(fields=["question", "value"], name="surveys_answer_value_idx"),
            models.Index(fields=["question", "submission"], name="surveys_answer_person_idx"),
        ]

    def __str__(self):
        return f"{self.question}: {self.option or self.value or self.text}"


class Draft(models.Model):
    """Answers a signed-in person saved to finish later; deleted when they submit."""

    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="drafts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_drafts"
    )
    answers = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("concept")
        verbose_name_plural = _("concepten")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="surveys_one_draft_per_person")
        ]

    def __str__(self):
        return f"{self.survey} – {self.user}"
