"""Action plans (actieplannen) and their actions, milestones, budget lines and progress updates.

An action plan is a page below its theme; its actions are pages below the plan. An action
keeps its own milestones and budget lines as inline objects, so the office edits one action
in one form, with its own revisions ("who set it to vervallen, and when"), and no inline
has to point at a sibling inline that may not be saved yet (Wagtail cannot nest inline
panels reliably). See docs/agenda.md.

What the public site, search and the API may show is listed per model in `PUBLIC_FIELDS`;
`internal_note` fields are for the office and never leave /beheer/.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from route2020.core.blocks import BodyBlock
from route2020.core.charts import display
from route2020.core.models import BasePage

from .forms import ActionForm, ActionPlanForm

FIRST_YEAR, LAST_YEAR = 2000, 2100
NEGATIVE_AMOUNT = _("Een bedrag kan niet negatief zijn.")
INTERNAL_NOTE_HELP = _(
    "Alleen voor het bureau: komt niet op de website, in de zoekfunctie of de API."
)


class Status(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    RUNNING = "lopend", _("Lopend")
    DONE = "afgerond", _("Afgerond")
    DROPPED = "vervallen", _("Vervallen")


class MilestoneState(models.TextChoices):
    """Where a milestone stands today; not stored, because it changes as the days pass."""

    ON_TIME = "op-tijd", _("Op tijd gehaald")
    LATE = "te-laat-gehaald", _("Te laat gehaald")
    OVERDUE = "over-tijd", _("Over tijd, nog open")
    OPEN = "open", _("Nog niet aan de beurt")
    # An open milestone of a dropped action will never be met: it is neither late nor due.
    DROPPED = "vervallen", _("Vervallen met de actie")


def milestone_state_filters(today):
    """The five states as filters on Milestone rows, for counting them in the database."""
    dropped = Q(action__status=Status.DROPPED)
    return {
        MilestoneState.ON_TIME: Q(met_on__isnull=False, met_on__lte=F("due_on")),
        MilestoneState.LATE: Q(met_on__isnull=False, met_on__gt=F("due_on")),
        MilestoneState.OVERDUE: Q(met_on__isnull=True, due_on__lt=today) & ~dropped,
        MilestoneState.OPEN: Q(met_on__isnull=True, due_on__gte=today) & ~dropped,
        MilestoneState.DROPPED: Q(met_on__isnull=True) & dropped,
    }


class GoalBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Doel"), max_length=200)
    description = blocks.TextBlock(label=_("Toelichting"), required=False, max_length=1000)
    indicator = blocks.CharBlock(
        label=_("Waaraan zie je dat het gehaald is?"), required=False, max_length=300
    )

    class Meta:
        icon = "tick"
        label = _("Doel")


class ActionPlanPage(BasePage):
    """A multi-year plan for one theme, e.g. "Collectieve marketing 2016–2020"."""

    starts_on = models.DateField(_("begint op"), help_text=_("Bijvoorbeeld 1 januari 2016."))
    ends_on = models.DateField(_("eindigt op"), help_text=_("Bijvoorbeeld 31 december 2020."))
    goals = StreamField([("goal", GoalBlock())], blank=True, verbose_name=_("doelen"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("toelichting"))
    internal_note = models.TextField(
        _("notitie voor het bureau"), blank=True, max_length=3000, help_text=INTERNAL_NOTE_HELP
    )

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("Looptijd")),
        FieldPanel("goals"),
        FieldPanel("body"),
        InlinePanel(
            "progress_updates",
            label=_("voortgangsbericht"),
            heading=_("Voortgang"),
            help_text=_("Gedateerde berichten over hoe het plan ervoor staat, nieuwste eerst."),
        ),
        FieldPanel("internal_note"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("goals"),
        index.SearchField("body"),
        index.RelatedFields("progress_updates", [index.SearchField("text")]),
    ]
    parent_page_types = ["themes.ThemePage"]
    subpage_types = ["agenda.ActionPage"]
    base_form_class = ActionPlanForm

    PUBLIC_FIELDS = ("title", "slug", "intro", "starts_on", "ends_on", "goals", "body")

    class Meta:
        verbose_name = _("actieplan")
        verbose_name_plural = _("actieplannen")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="action_plan_ends_after_it_starts",
                violation_error_message=_("Het plan kan niet eindigen voordat het begint."),
            )
        ]

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Het plan kan niet eindigen voordat het begint.")})

    @property
    def period(self):
        """'2016–2020', or '2016' for a plan within one year."""
        if not (self.starts_on and self.ends_on):
            return ""
        if self.starts_on.year == self.ends_on.year:
            return str(self.starts_on.year)
        return f"{self.starts_on.year}–{self.ends_on.year}"

    @property
    def years(self):
        return list(range(self.starts_on.year, self.ends_on.year + 1))

    def get_context(self, request, *args, **kwargs):
        from .progress import plan_details

        context = super().get_context(request, *args, **kwargs)
        # Lazy: read only when the page's cached fragment is made.
        context["plan"] = SimpleLazyObject(lambda: plan_details(self))
        context["today"] = timezone.localdate().isoformat()
        return context


class ProgressUpdate(Orderable):
    """A dated note on how the plan is doing ("April 2016: the first four actions started")."""

    plan = ParentalKey(ActionPlanPage, on_delete=models.CASCADE, related_name="progress_updates")
    date = models.DateField(_("datum"))
    text = models.TextField(_("voortgang"), max_length=3000)

    panels = [FieldPanel("date"), FieldPanel("text")]

    PUBLIC_FIELDS = ("date", "text")

    class Meta(Orderable.Meta):
        verbose_name = _("voortgangsbericht")
        verbose_name_plural = _("voortgangsberichten")


class ActionPage(BasePage):
    """One action of a plan: who owns it, where it stands, its milestones and its money."""

    owner_organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("trekker"),
        help_text=_("De organisatie die de actie uitvoert."),
        on_delete=models.SET_NULL,
        null=True,
        related_name="actions",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    status_note = models.TextField(
        _("toelichting op de status"),
        blank=True,
        max_length=1000,
        help_text=_("Verplicht bij een vervallen actie: waarom vervalt zij?"),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("beschrijving"))
    internal_note = models.TextField(
        _("notitie voor het bureau"), blank=True, max_length=3000, help_text=INTERNAL_NOTE_HELP
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("owner_organisation"), FieldPanel("status"), FieldPanel("status_note")],
            heading=_("Trekker en status"),
        ),
        FieldPanel("body"),
        InlinePanel(
            "milestones",
            label=_("mijlpaal"),
            heading=_("Mijlpalen"),
            help_text=_("Vul ‘gehaald op’ in zodra de mijlpaal is bereikt."),
        ),
        InlinePanel(
            "budget_lines",
            label=_("budgetregel"),
            heading=_("Budget per jaar"),
            help_text=_(
                "Eén regel per jaar: het toegekende en het bestede bedrag in euro. Meer besteden "
                "dan toegekend mag, maar je krijgt een waarschuwing en de website toont het."
            ),
        ),
        MultipleChooserPanel(
            "practice_links",
            chooser_field_name="practice",
            label=_("praktijkvoorbeeld of proeftuin"),
            heading=_("Praktijkvoorbeelden en proeftuinen"),
        ),
        MultipleChooserPanel(
            "event_links",
            chooser_field_name="event",
            label=_("bijeenkomst"),
            heading=_("Bijeenkomsten"),
        ),
        FieldPanel("internal_note"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("status_note"),
        index.FilterField("status"),
    ]
    parent_page_types = ["agenda.ActionPlanPage"]
    subpage_types = []
    base_form_class = ActionForm

    PUBLIC_FIELDS = (
        "title",
        "slug",
        "intro",
        "owner_organisation",
        "status",
        "status_note",
        "body",
    )

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        indexes = [models.Index(fields=["status"], name="action_status_idx")]

    def clean(self):
        super().clean()
        if self.status == Status.DROPPED and not self.status_note.strip():
            raise ValidationError({"status_note": _("Schrijf op waarom deze actie is vervallen.")})
        # The admin form puts these messages beside the fields; anything else that saves an
        # action (a script, a publish of an older revision after a move) is checked here.
        if getattr(self, "plan_checked", False) or self.pk is None or not self.path:
            return
        plan = self.plan
        if plan is not None:
            errors = self.plan_errors(plan)
            if errors:
                raise ValidationError(errors)

    def plan_errors(self, plan, milestones=None, budget_lines=None):
        """What of this action does not fit `plan`'s period: milestones met before the plan
        began, budget years outside it. Empty when it fits (e.g. before moving it there)."""
        from .forms import day

        milestones = self.milestones.all() if milestones is None else milestones
        budget_lines = self.budget_lines.all() if budget_lines is None else budget_lines
        errors = []
        for milestone in milestones:
            if milestone.met_on and milestone.met_on < plan.starts_on:
                errors.append(
                    _(
                        "Mijlpaal ‘%(title)s’ is gehaald op %(met)s, vóór het begin van "
                        "‘%(plan)s’ (%(start)s)."
                    )
                    % {
                        "title": milestone.title,
                        "met": day(milestone.met_on),
                        "plan": plan.title,
                        "start": day(plan.starts_on),
                    }
                )
        for line in budget_lines:
            if line.year is not None and line.year not in plan.years:
                errors.append(
                    _(
                        "Er staat budget in %(year)s, buiten de looptijd van ‘%(plan)s’ "
                        "(%(period)s)."
                    )
                    % {"year": line.year, "plan": plan.title, "period": plan.period}
                )
        return errors

    @cached_property
    def plan(self):
        return ActionPlanPage.objects.filter(path=self.path[: -self.steplen]).first()

    def get_context(self, request, *args, **kwargs):
        from .progress import action_details

        context = super().get_context(request, *args, **kwargs)
        # Lazy: read only when the page's cached fragment is made.
        context["action"] = SimpleLazyObject(lambda: action_details(self))
        context["today"] = timezone.localdate().isoformat()
        return context


class Milestone(Orderable):
    action = ParentalKey(ActionPage, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("mijlpaal"), max_length=200)
    due_on = models.DateField(_("gepland op"))
    met_on = models.DateField(
        _("gehaald op"), null=True, blank=True, help_text=_("Leeg: nog niet gehaald.")
    )

    panels = [FieldRowPanel([FieldPanel("title"), FieldPanel("due_on"), FieldPanel("met_on")])]

    PUBLIC_FIELDS = ("title", "due_on", "met_on")

    class Meta(Orderable.Meta):
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")

    def state(self, today=None, *, action_status=None):
        """Where the milestone stands; `action_status` saves reading the action."""
        today = today or timezone.localdate()
        if self.met_on:
            return MilestoneState.ON_TIME if self.met_on <= self.due_on else MilestoneState.LATE
        if (action_status or self.action.status) == Status.DROPPED:
            return MilestoneState.DROPPED
        return MilestoneState.OVERDUE if self.due_on < today else MilestoneState.OPEN

    @property
    def state_label(self):
        return MilestoneState(self.state()).label


class YearField(models.PositiveSmallIntegerField):
    """A budget year; left empty, the office reads what is missing, not "required field"."""

    def formfield(self, **kwargs):
        messages = {"required": _("Vul het jaar in waar deze bedragen bij horen.")}
        return super().formfield(**{"error_messages": messages, **kwargs})


class BudgetLine(Orderable):
    """Allocated and spent in one year for one action, in euros."""

    action = ParentalKey(ActionPage, on_delete=models.CASCADE, related_name="budget_lines")
    year = YearField(
        _("jaar"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    allocated = models.DecimalField(
        _("toegekend (€)"),
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0, message=NEGATIVE_AMOUNT)],
    )
    spent = models.DecimalField(
        _("besteed (€)"),
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0, message=NEGATIVE_AMOUNT)],
    )

    panels = [FieldRowPanel([FieldPanel("year"), FieldPanel("allocated"), FieldPanel("spent")])]

    PUBLIC_FIELDS = ("year", "allocated", "spent")

    class Meta(Orderable.Meta):
        verbose_name = _("budgetregel")
        verbose_name_plural = _("budgetregels")
        constraints = [
            models.CheckConstraint(
                condition=Q(allocated__gte=0),
                name="budget_line_allocated_not_negative",
                violation_error_message=NEGATIVE_AMOUNT,
            ),
            models.CheckConstraint(
                condition=Q(spent__gte=0),
                name="budget_line_spent_not_negative",
                violation_error_message=NEGATIVE_AMOUNT,
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="budget_line_year_in_range",
            ),
        ]

    @property
    def overspent(self):
        return (self.spent or 0) > (self.allocated or 0)

    @property
    def allocated_display(self):
        return display(self.allocated or 0, "€")

    @property
    def spent_display(self):
        return display(self.spent or 0, "€")


class ActionPractice(Orderable):
    """A practice or pilot that is part of an action (chosen in /beheer/ with the page chooser)."""

    action = ParentalKey(ActionPage, on_delete=models.CASCADE, related_name="practice_links")
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("praktijkvoorbeeld"),
        on_delete=models.CASCADE,
        related_name="action_links",
    )

    panels = [FieldPanel("practice")]

    class Meta(Orderable.Meta):
        verbose_name = _("praktijkvoorbeeld bij een actie")
        verbose_name_plural = _("praktijkvoorbeelden bij een actie")


class ActionEvent(Orderable):
    """An event held for an action (a sharing session, a regional meetup)."""

    action = ParentalKey(ActionPage, on_delete=models.CASCADE, related_name="event_links")
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        related_name="action_links",
    )

    panels = [FieldPanel("event")]

    class Meta(Orderable.Meta):
        verbose_name = _("bijeenkomst bij een actie")
        verbose_name_plural = _("bijeenkomsten bij een actie")
