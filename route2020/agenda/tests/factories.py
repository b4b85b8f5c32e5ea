"""Themes, plans and actions for tests (the decisions tests use them too)."""

import itertools
from datetime import date
from decimal import Decimal

from route2020.agenda.models import (
    ActionEvent,
    ActionPage,
    ActionPlanPage,
    ActionPractice,
    BudgetLine,
    Milestone,
    ProgressUpdate,
)
from route2020.core.models import Organisation
from route2020.core.pages import child
from route2020.themes.models import ThemeIndexPage, ThemePage

_numbers = itertools.count(1)

THEMES = [
    (1, "persoonlijke-ontwikkeling", "Persoonlijke ontwikkeling"),
    (5, "collectieve-marketing", "Collectieve marketing"),
]


def owner():
    organisation, _ = Organisation.objects.get_or_create(
        slug="vob", defaults={"name": "Vereniging van Openbare Bibliotheken", "kind": "partner"}
    )
    return organisation


def make_themes(home):
    index = child(home, ThemeIndexPage, "themas", title="Thema's", show_in_menus=True)
    themes = [
        child(index, ThemePage, slug, title=title, number=number, short_title=title)
        for number, slug, title in THEMES
    ]
    return index, themes


def make_plan(theme, *, starts_on=date(2016, 1, 1), ends_on=date(2020, 12, 31), **fields):
    number = next(_numbers)
    fields.setdefault("title", f"Actieplan {theme.title} {number}")
    fields.setdefault("slug", f"actieplan-{number}")
    updates = fields.pop("updates", [])
    plan = ActionPlanPage(starts_on=starts_on, ends_on=ends_on, **fields)
    plan.progress_updates = [ProgressUpdate(date=day, text=text) for day, text in updates]
    theme.add_child(instance=plan)
    plan.save_revision().publish()
    return ActionPlanPage.objects.get(pk=plan.pk)


def make_action(
    plan,
    *,
    status="lopend",
    milestones=(),
    budget=None,
    practices=(),
    events=(),
    publish=True,
    **fields,
):
    """milestones: (title, due, met); budget: {year: (allocated, spent)}."""
    number = next(_numbers)
    fields.setdefault("title", f"Actie {number}")
    fields.setdefault("slug", f"actie-{number}")
    if "owner_organisation" not in fields:
        fields["owner_organisation"] = owner()
    action = ActionPage(status=status, live=publish, **fields)
    action.milestones = [
        Milestone(title=title, due_on=due, met_on=met) for title, due, met in milestones
    ]
    action.budget_lines = [
        BudgetLine(year=year, allocated=Decimal(allocated), spent=Decimal(spent))
        for year, (allocated, spent) in sorted((budget or {}).items())
    ]
    action.practice_links = [ActionPractice(practice=practice) for practice in practices]
    action.event_links = [ActionEvent(event=event) for event in events]
    plan.add_child(instance=action)
    if publish:
        action.save_revision().publish()
    return ActionPage.objects.get(pk=action.pk)


def make_index_pages(home):
    """The listings a theme page links to, each with its own URL."""
    from route2020.decisions.models import DecisionIndexPage
    from route2020.events.models import EventIndexPage
    from route2020.news.models import NewsIndexPage
    from route2020.practices.models import PracticeIndexPage

    return {
        "practices": child(home, PracticeIndexPage, "praktijkvoorbeelden", title="Praktijk"),
        "events": child(home, EventIndexPage, "bijeenkomsten", title="Bijeenkomsten"),
        "news": child(home, NewsIndexPage, "nieuws", title="Nieuws"),
        "decisions": child(home, DecisionIndexPage, "besluiten", title="Besluiten"),
    }


def make_practice(index, theme, *, kind="praktijkvoorbeeld", is_parel=False, title=None):
    from route2020.practices.models import PracticePage

    number = next(_numbers)
    practice = PracticePage(
        title=title or f"Voorleesontbijt {number}",
        slug=f"praktijk-{number}",
        summary="Ouders en peuters ontbijten in de bibliotheek en lezen samen voor.",
        status="afgerond",
        kind=kind,
        is_parel=is_parel,
        organisation=owner(),
    )
    practice.themes = [theme]
    index.add_child(instance=practice)
    practice.save_revision().publish()
    return PracticePage.objects.get(pk=practice.pk)


def make_event(index, theme, *, days=30, title=None):
    from datetime import timedelta

    from django.utils import timezone

    from route2020.events.models import EventPage

    number = next(_numbers)
    start = timezone.now() + timedelta(days=days)
    event = EventPage(
        title=title or f"Deel-je-rijk-sessie {number}",
        slug=f"bijeenkomst-{number}",
        start=start,
        end=start + timedelta(hours=3),
    )
    event.themes = [theme]
    index.add_child(instance=event)
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def make_news(index, theme, *, title=None):
    from route2020.news.models import NewsItemPage

    number = next(_numbers)
    item = NewsItemPage(
        title=title or f"Bericht {number}", slug=f"bericht-{number}", date=date(2017, 11, 20)
    )
    item.themes = [theme]
    index.add_child(instance=item)
    item.save_revision().publish()
    return item


def make_decision(index, *, themes=(), plans=(), **fields):
    from route2020.decisions.models import DecisionPage

    number = next(_numbers)
    fields.setdefault("title", f"Besluit {number}")
    fields.setdefault("slug", f"besluit-{number}")
    fields.setdefault("decided_by", "alv")
    fields.setdefault("decided_on", date(2015, 12, 10))
    fields.setdefault("decision", "<p>De ledenvergadering stelt de begroting vast.</p>")
    decision = DecisionPage(**fields)
    decision.themes = list(themes)
    decision.plans = list(plans)
    index.add_child(instance=decision)
    decision.save_revision().publish()
    return DecisionPage.objects.get(pk=decision.pk)


STATUSES = ("lopend", "afgerond", "gepland")


def make_theme_world(home, theme, count):
    """A theme with one plan of `count` actions and `count` decisions, plus practices, events
    and news of the theme: what a theme page, a plan page and /besluiten/ show."""
    indexes = make_index_pages(home)
    practice = make_practice(indexes["practices"], theme, title="Voorleesontbijt Zwolle")
    make_practice(indexes["practices"], theme)
    make_practice(indexes["practices"], theme, kind="proeftuin", title="Makerspace Eindhoven")
    make_practice(indexes["practices"], theme, is_parel=True, title="Taalhuis Zwolle")
    event = make_event(indexes["events"], theme, title="PleisterPlaatsOntmoeting Zwolle")
    make_event(indexes["events"], theme, days=-30)
    make_news(indexes["news"], theme)
    make_news(indexes["news"], theme)
    plan = make_plan(
        theme,
        title="Actieplan Collectieve marketing 2016–2020",
        slug="actieplan-2016-2020",
        updates=[(date(2016, 4, 11), "De eerste vier acties zijn gestart.")],
    )
    for number in range(count):
        make_action(
            plan,
            title=f"Actie {number + 1}",
            slug=f"actie-{number + 1}",
            status=STATUSES[number % len(STATUSES)],
            milestones=[
                ("Op tijd", date(2016, 6, 1), date(2016, 5, 20)),
                ("Te laat", date(2016, 9, 1), date(2016, 10, 1)),
                ("Over tijd", date(2017, 3, 1), None),
            ],
            budget={2016: (10000, 9000), 2017: (20000, 21000)},
            practices=[practice],
            events=[event],
        )
    decisions = [
        make_decision(
            indexes["decisions"],
            title=f"Besluit {number + 1}",
            slug=f"besluit-{number + 1}",
            themes=[theme],
            plans=[plan],
            decided_on=date(2015, 12, 10),
            budget_year=2016,
            budget_amount=Decimal(10000 * count),
        )
        for number in range(count)
    ]
    return plan, indexes, decisions
