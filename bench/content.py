"""Benchmark content: a registry of page types, each with a generator and its sample URLs.

An app that adds a public page type adds one `@page_type(...)` function here (events,
Reisflitsen and practices have; `bench/practices.py` compares practices at two scales), so
`bench/pages.py` generates and measures it without further changes; `cacheable=False` marks
a page the page cache never stores (none today: the event pages' and the Reisflitsen page's
CSRF forms get their token per request, route2020/core/csrf.py). Generators run in
registration order; one that needs a parent page finds it in `build.pages`, filled in by the
generators before it.

Thousands of pages through `Page.add_child()` take minutes (one tree lock, one revision and
several queries per page), so `bulk_create_pages()` writes treebeard paths itself and inserts
each table of the page's inheritance chain with one statement per batch.
"""

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

# Words from the development agenda, so search and text-heavy templates see realistic input.
WORDS = (
    "bibliotheek bibliotheken innovatie delen leesbevordering digitale vaardigheden "
    "geletterdheid collectie programmering samenwerking gemeente provincie netwerk "
    "ontwikkelagenda thema actieplan praktijkvoorbeeld proeftuin regiogids ervaring "
    "leden vereniging landelijk lokaal onderwijs school jeugd ouderen informatie "
    "participatie maatschappelijke ontmoeting debat educatie media wijsheid cultuur "
    "lezen schrijven taal laaggeletterdheid makerspace platform campagne rijker "
    "bijeenkomst sessie resultaat aanpak partners budget middelen uren evaluatie "
    "publiek bezoekers vrijwilligers medewerkers directeuren strategie toekomst "
    "experiment succes mislukking vraag antwoord kennis gedeeld samen sterker "
    "de het een van en in op met voor door naar bij over uit als aan om tot"
).split()

NEWS_YEARS = (2015, 2020)


def sentence(rng, words=14):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng, sentences=4):
    return " ".join(sentence(rng, rng.randint(9, 18)) for _ in range(sentences))


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def article_body(rng, *, sections=2, link_page_id=None):
    """Headings and rich-text paragraphs, with one internal page link as editors write them."""
    body = []
    for number in range(sections):
        body.append(block("heading", {"text": sentence(rng, 5)[:-1], "level": "h2"}))
        for _ in range(2):
            body.append(block("paragraph", f"<p>{paragraph(rng)}</p>"))
        if link_page_id and number == 0:
            body.append(
                block(
                    "paragraph",
                    f'<p>{sentence(rng, 8)} Lees meer bij <a linktype="page" '
                    f'id="{link_page_id}">het thema</a>.</p>',
                )
            )
    return body


@dataclass
class Build:
    """What the generators share: the scale, a seeded random source and the pages made so far."""

    scale: int
    rng: random.Random = field(default_factory=lambda: random.Random(2020))
    pages: dict = field(default_factory=dict)


@dataclass(frozen=True)
class PageType:
    name: str
    generate: Callable[[Build, int], None]
    sample_urls: Callable[[Build], list]
    measure: bool = True
    # False for a page the page cache never stores (a form with the visitor's own CSRF token
    # in the HTML; forms on cached pages use `{% cacheable_csrf_token %}` instead).
    cacheable: bool = True


PAGE_TYPES: dict[str, PageType] = {}


def page_type(name, *, sample_urls, measure=True, cacheable=True):
    """Register `generate(build, n)` for a page type; `sample_urls(build)` lists what to load."""

    def register(generate):
        PAGE_TYPES[name] = PageType(name, generate, sample_urls, measure, cacheable)
        return generate

    return register


def generate_all(scale, names=None):
    build = Build(scale=scale)
    timings = {}
    for page_type_ in PAGE_TYPES.values():
        if names is not None and page_type_.name not in names:
            continue
        started = datetime.now()
        with transaction.atomic():
            page_type_.generate(build, scale)
        timings[page_type_.name] = (datetime.now() - started).total_seconds()
    return build, timings


# --- the fast path for many pages ------------------------------------------------------------


def bulk_create_pages(parent, pages, *, batch_size=500):
    """Append `pages` (unsaved instances of one specific page model) as live children of `parent`.

    Sets path, depth, url_path, locale and publication fields the way `add_child()` and
    `save_revision().publish()` would, without revisions or log entries (nothing public reads
    them). Returns the pages with their ids.
    """
    from wagtail.models import Page

    if not pages:
        return pages
    model = type(pages[0])
    parent = Page.objects.get(pk=parent.pk)
    last_child = parent.get_last_child()
    start = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
    now = timezone.now()
    for offset, page in enumerate(pages):
        page.path = Page._get_path(parent.path, parent.depth + 1, start + offset)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = parent.locale_id
        page.live = True
        page.has_unpublished_changes = False
        page.draft_title = page.title
        page.first_published_at = page.first_published_at or now
        page.last_published_at = page.last_published_at or page.first_published_at
        page.latest_revision_created_at = page.last_published_at

    chain = [*reversed(model._meta.get_parent_list()), model]  # Page first, the model last
    for start_at in range(0, len(pages), batch_size):
        batch = pages[start_at : start_at + batch_size]
        base_rows = [
            Page(**{f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields})
            for page in batch
        ]
        Page.objects.bulk_create(base_rows)
        for page, row in zip(batch, base_rows, strict=True):
            page.pk = page.id = row.pk
        for concrete in chain[1:]:
            for page in batch:
                for parent_model, link in concrete._meta.parents.items():
                    setattr(page, link.attname, getattr(page, parent_model._meta.pk.attname))
            fields = concrete._meta.local_concrete_fields
            concrete._base_manager._insert(batch, fields=fields, using=connection.alias)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    for page in pages:
        page._state.adding = False
        page._state.db = connection.alias
    return pages


def add_page(parent, page):
    """One page through Wagtail's own API: for the handful of index and singleton pages."""
    from wagtail.models import Page

    parent = Page.objects.get(pk=parent.pk)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def add_index(build, model, *, title, slug, sentences=1):
    """A section's index page below the home page, in the menu, with a short intro."""
    intro = paragraph(build.rng, sentences)
    page = model(title=title, slug=slug, intro=intro, show_in_menus=True)
    return add_page(build.pages["home"], page)


def index_pages():
    """Fill the search index for every page (saving only queues indexing tasks)."""
    from wagtail.models import get_page_models

    from route2020.search.indexing import index_in_bulk

    tables = set(connection.introspection.table_names())
    for model in get_page_models():
        if model._meta.db_table not in tables or not model.get_search_fields():
            continue  # a model still without its migration, in a working tree
        # Like `update_index`: only what the model indexes (a Reisflits once it is sent).
        index_in_bulk(model, model.get_indexed_objects().order_by("pk"))


# --- the page types --------------------------------------------------------------------------


def one(path):
    return lambda build: [path]


def public_path(build, page):
    """The path below the site root: url_path is "/route2020/nieuws/x/", the URL "/nieuws/x/"."""
    return page.url_path[len(build.pages["home"].url_path) - 1 :]


@page_type("home", sample_urls=one("/"))
def generate_home(build, n):
    from wagtail.models import Page, Site

    from route2020.core.models import HomePage, SiteSettings

    # Wagtail's migrations leave a default site on a "Welcome" page; the site moves to ours and
    # the welcome page stays (deleting it would touch every page table).
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    home = add_page(
        root,
        HomePage(
            title="Route 2020",
            slug="route2020",
            intro=paragraph(build.rng, 2),
            body=[block("paragraph", f"<p>{paragraph(build.rng)}</p>")],
        ),
    )
    site = Site.objects.create(
        hostname="127.0.0.1", port=80, root_page=home, is_default_site=True, site_name="Route 2020"
    )
    SiteSettings.objects.get_or_create(site=site)
    build.pages["home"] = home


@page_type("theme index", sample_urls=one("/themas/"))
def generate_theme_index(build, n):
    from route2020.themes.models import ThemeIndexPage, ThemePage

    index = add_index(build, ThemeIndexPage, title="Thema's", slug="themas", sentences=2)
    build.pages["theme index"] = index
    build.pages["themes"] = [
        add_page(
            index,
            ThemePage(
                title=f"Thema {number}: {sentence(build.rng, 3)[:-1]}",
                slug=f"thema-{number}",
                number=number,
                intro=paragraph(build.rng, 2),
                body=article_body(build.rng, sections=3),
            ),
        )
        for number in range(1, 6)
    ]


@page_type(
    "theme page", sample_urls=lambda build: [public_path(build, t) for t in build.pages["themes"]]
)
def generate_themes(build, n):
    """Made by the theme index generator: there are always five themes."""


@page_type("news index", sample_urls=one("/nieuws/"))
def generate_news_index(build, n):
    from route2020.news.models import NewsIndexPage

    build.pages["news index"] = add_index(build, NewsIndexPage, title="Nieuws", slug="nieuws")


def sample_news(build):
    items = build.pages["news items"]
    step = max(1, len(items) // 20)
    return [public_path(build, item) for item in items[::step][:20]]


@page_type("news item", sample_urls=sample_news)
def generate_news_items(build, n):
    from route2020.news.models import NewsItemPage

    rng = build.rng
    first, last = (date(year, 1, 1) for year in NEWS_YEARS)
    span = (last - first).days
    themes = build.pages.get("themes") or [None]
    items = []
    for number in range(n):
        day = first + timedelta(days=rng.randrange(span))
        title = sentence(rng, rng.randint(4, 9))[:-1]
        published = timezone.make_aware(datetime.combine(day, datetime.min.time()))
        theme = rng.choice(themes)
        items.append(
            NewsItemPage(
                title=title,
                slug=f"{slugify(title)[:60]}-{number}",
                date=day,
                intro=paragraph(rng, 2),
                body=article_body(rng, link_page_id=theme.pk if theme else None),
                first_published_at=published,
            )
        )
    build.pages["news items"] = bulk_create_pages(build.pages["news index"], items)
    if themes != [None]:
        through = NewsItemPage.themes.through
        through.objects.bulk_create(
            (
                through(newsitempage_id=item.pk, themepage_id=rng.choice(themes).pk)
                for item in build.pages["news items"]
            ),
            batch_size=500,
        )


@page_type("content page", sample_urls=one("/over-route-2020/"))
def generate_content_page(build, n):
    from route2020.core.models import ContentPage

    body = article_body(build.rng, sections=4, link_page_id=build.pages["theme index"].pk)
    body.append(block("quote", {"text": sentence(build.rng, 20), "attribution": "Een directeur"}))
    build.pages["content page"] = add_page(
        build.pages["home"],
        ContentPage(
            title="Over Route 2020",
            slug="over-route-2020",
            intro=paragraph(build.rng, 2),
            body=body,
            show_in_menus=True,
        ),
    )


@page_type("group page", sample_urls=one("/klankbordgroep/"))
def generate_group_page(build, n):
    from route2020.core.models import Organisation
    from route2020.groups.models import GroupMember, GroupPage

    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Bibliotheek {sentence(build.rng, 2)[:-1]} {i}", slug=f"bieb-{i}")
        for i in range(12)
    )
    page = GroupPage(
        title="Klankbordgroep",
        slug="klankbordgroep",
        intro=paragraph(build.rng, 2),
        body=article_body(build.rng, sections=1),
        show_in_menus=True,
    )
    page.members = [
        GroupMember(
            name=f"Lid {i}",
            job_title="Directeur",
            organisation=organisation,
            group_role="voorzitter" if i == 0 else "",
        )
        for i, organisation in enumerate(organisations)
    ]
    build.pages["group page"] = add_page(build.pages["home"], page)


# --- events ---------------------------------------------------------------------------------

EVENT_FILTERS = (
    "",
    "?soort=deel-je-rijk",
    "?provincie={province}",
    "?thema=thema-2",
    "?soort=pleisterplaats&provincie={province}",
    "?wanneer=geweest",
    "?wanneer=geweest&pagina=3",
)


def sample_event_index(build):
    path = public_path(build, build.pages["event index"])
    return [path + query.format(province=build.pages["province slug"]) for query in EVENT_FILTERS]


@page_type("event index", sample_urls=sample_event_index)
def generate_event_index(build, n):
    from route2020.core.models import Province
    from route2020.events.models import EventIndexPage

    build.pages["event index"] = add_index(
        build, EventIndexPage, title="Bijeenkomsten", slug="bijeenkomsten"
    )
    build.pages["province slug"] = Province.objects.order_by("code").values_list("slug", flat=True)[
        3
    ]


def sample_events(build):
    """Coming events open to everyone: their page has the programme and the registration form."""
    now = timezone.now()
    events = [
        event
        for event in build.pages["events"]
        if event.start > now and event.audience == "iedereen" and event.has_sessions
    ]
    return [public_path(build, event) for event in events]


@page_type("event page", sample_urls=sample_events)
def generate_events(build, n):
    """Over three years, two past events for each coming one; most with a programme of two to
    four sessions, a capacity and a few registrations, some of them for sessions."""
    from route2020.core.models import Organisation, Province
    from route2020.events.models import (
        AMSTERDAM,
        Audience,
        EventPage,
        EventType,
        Registration,
        Session,
    )

    rng = build.rng
    provinces = list(Province.objects.all())
    organisations = list(Organisation.objects.all()) or [None]
    themes = build.pages.get("themes") or []
    today = timezone.localdate()
    events = []
    for number in range(n):
        kind = rng.choice(EventType.values)
        day = today + timedelta(days=rng.randint(-730, 365) or 1)
        start = datetime.combine(day, time(rng.choice((10, 13, 19))), tzinfo=AMSTERDAM)
        online = kind == EventType.WEBINAR
        title = f"{EventType(kind).label}: {sentence(rng, rng.randint(3, 6))[:-1]}"
        event = EventPage(
            title=title,
            slug=f"{slugify(title)[:60]}-{number}",
            intro=paragraph(rng, 1),
            event_type=kind,
            start=start,
            end=start + timedelta(hours=1 if online else rng.randint(2, 6)),
            venue_name="" if online else f"Bibliotheek {rng.choice(WORDS).title()}",
            venue_address="" if online else f"Stationsplein {rng.randint(1, 99)}",
            online_url="https://example.org/webinar" if online else "",
            organiser=rng.choice(organisations),
            province=None if online or kind == EventType.NATIONAL else rng.choice(provinces),
            audience=Audience.MEMBERS if rng.random() < 0.2 else Audience.PUBLIC,
            capacity=rng.choice((None, 40, 80, 150)),
            body=article_body(rng, sections=1),
            report=article_body(rng, sections=1) if day < today else [],
            first_published_at=timezone.now() - timedelta(days=rng.randint(0, 90)),
        )
        event.has_sessions = not online
        events.append(event)
    bulk_create_pages(build.pages["event index"], events)
    build.pages["events"] = events

    through = EventPage.themes.through
    through.objects.bulk_create(
        through(eventpage_id=event.pk, themepage_id=theme.pk)
        for event in events
        for theme in rng.sample(themes, k=min(len(themes), rng.randint(1, 2)))
    )
    sessions = []
    for event in events:
        if not event.has_sessions:
            continue
        slot = (event.end - event.start) / 4
        for number in range(rng.randint(2, 4)):
            sessions.append(
                Session(
                    event_id=event.pk,
                    sort_order=number,
                    title=sentence(rng, rng.randint(3, 7))[:-1],
                    kind=rng.choice(Session.Kind.values),
                    start=event.start + number * slot,
                    end=event.start + (number + 1) * slot,
                    room=f"Zaal {number + 1}",
                    presenters=f"Bibliotheek {rng.choice(WORDS).title()}",
                    description=sentence(rng, 20),
                    capacity=rng.choice((None, 20, 30)),
                )
            )
    Session.objects.bulk_create(sessions, batch_size=500)
    sessions_of = {}
    for session in sessions:
        sessions_of.setdefault(session.event_id, []).append(session)

    registrations, chosen = [], []
    for event in events:
        for number in range(rng.randint(0, 8)):
            registrations.append(
                Registration(
                    event_id=event.pk,
                    name=f"Deelnemer {number}",
                    email=f"deelnemer{number}-{event.pk}@example.org",
                    organisation_name=f"Bibliotheek {rng.choice(WORDS).title()}",
                    status=rng.choice(
                        (Registration.Status.CONFIRMED,) * 6
                        + (Registration.Status.WAITLISTED, Registration.Status.CANCELLED)
                    ),
                )
            )
            options = sessions_of.get(event.pk, [])
            chosen.append(rng.sample(options, k=min(len(options), rng.randint(0, 2))))
    Registration.objects.bulk_create(registrations, batch_size=500)
    through = Registration.sessions.through
    through.objects.bulk_create(
        (
            through(registration_id=registration.pk, session_id=session.pk)
            for registration, picked in zip(registrations, chosen, strict=True)
            for session in picked
        ),
        batch_size=500,
    )


# --- Reisflitsen ----------------------------------------------------------------------------


@page_type(
    "Reisflits index",
    sample_urls=lambda build: [
        public_path(build, build.pages["newsletter index"]) + query
        for query in ("", "?pagina=2", "?pagina=5")
    ],
)
def generate_newsletter_index(build, n):
    from route2020.newsletter.models import NewsletterIndexPage

    build.pages["newsletter index"] = add_index(
        build, NewsletterIndexPage, title="Reisflitsen", slug="reisflitsen"
    )


def sample_issues(build):
    return [public_path(build, issue) for issue in build.pages["issues"] if issue.sent]


@page_type("Reisflits", sample_urls=sample_issues)
def generate_issues(build, n):
    """Sent Reisflitsen with three news items and one or two events each; one in twenty is
    scheduled or not yet sent (offline: not in the archive, not in the sample)."""
    from route2020.newsletter.models import Dispatch, NewsletterIssuePage

    rng = build.rng
    news = build.pages.get("news items") or []
    events = build.pages.get("events") or []
    first = timezone.make_aware(datetime(NEWS_YEARS[0], 1, 1))
    span = (timezone.now() - first).total_seconds()
    issues = []
    for number in range(n):
        sent = first + timedelta(seconds=span * (number + rng.random()) / n)
        items = [
            block("news", {"page": item.pk, "note": ""})
            for item in rng.sample(news, k=min(3, len(news)))
        ]
        items += [
            block("event", {"page": event.pk, "note": sentence(rng, 10)})
            for event in rng.sample(events, k=min(len(events), rng.randint(1, 2)))
        ]
        issue = NewsletterIssuePage(
            title=f"Reisflits {number + 1}: {sentence(rng, 4)[:-1]}",
            slug=f"reisflits-{number + 1}",
            intro=paragraph(rng, 1),
            introduction=f"<p>{paragraph(rng, 2)}</p>",
            items=items,
            first_published_at=sent,
        )
        issue.sent = rng.random() >= 0.05
        issue.sent_at = sent
        issues.append(issue)
    bulk_create_pages(build.pages["newsletter index"], issues)
    Dispatch.objects.bulk_create(
        (
            Dispatch(
                issue_id=issue.pk,
                status=Dispatch.Status.SENT,
                send_at=issue.sent_at,
                started_at=issue.sent_at,
                finished_at=issue.sent_at + timedelta(minutes=20),
            )
            if issue.sent
            else Dispatch(
                issue_id=issue.pk,
                status=Dispatch.Status.SCHEDULED,
                send_at=timezone.now() + timedelta(days=7),
            )
            for issue in issues
            if issue.sent or issue.pk % 2
        ),
        batch_size=500,
    )
    build.pages["issues"] = issues


# --- action plans and decisions --------------------------------------------------------------

ACTION_STATUSES = ("gepland", "lopend", "afgerond", "afgerond", "vervallen")
PLAN_YEARS = (2016, 2020)


def sample_pages(key):
    def sample(build):
        pages = build.pages[key]
        step = max(1, len(pages) // 20)
        return [public_path(build, page) for page in pages[::step][:20]]

    return sample


@page_type("action plan", sample_urls=sample_pages("plans"))
def generate_plans(build, n):
    """`n` actions over n/20 plans (at least one per theme), each action with three
    milestones (one met late, one open), a budget line per year and an event of its theme."""
    from route2020.agenda.models import (
        ActionEvent,
        ActionPage,
        ActionPlanPage,
        BudgetLine,
        Milestone,
        ProgressUpdate,
    )
    from route2020.core.models import Organisation

    rng = build.rng
    themes = build.pages["themes"]
    organisations = list(Organisation.objects.all()[:50])
    events = build.pages.get("events") or []
    plan_count = max(len(themes), n // 20)
    plans = []
    for theme_number, theme in enumerate(themes):
        own = [
            ActionPlanPage(
                title=f"Actieplan {theme.title} {number + 1}",
                slug=f"actieplan-{number + 1}",
                intro=paragraph(rng, 1),
                starts_on=date(PLAN_YEARS[0], 1, 1),
                ends_on=date(PLAN_YEARS[1], 12, 31),
                goals=[
                    block(
                        "goal", {"title": sentence(rng, 5)[:-1], "description": "", "indicator": ""}
                    )
                    for _ in range(3)
                ],
                body=article_body(rng, sections=1),
            )
            for number in range(theme_number, plan_count, len(themes))
        ]
        plans += bulk_create_pages(theme, own)
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(plan_id=plan.pk, date=date(2016 + k, 4, 1), text=sentence(rng, 20))
        for plan in plans
        for k in range(3)
    )
    actions = []
    for number in range(n):
        plan = plans[number % len(plans)]
        status = rng.choice(ACTION_STATUSES)
        title = sentence(rng, rng.randint(3, 7))[:-1]
        action = ActionPage(
            title=title,
            slug=f"{slugify(title)[:50]}-{number}",
            intro=paragraph(rng, 1),
            status=status,
            status_note=sentence(rng, 12) if status == "vervallen" else "",
            owner_organisation=rng.choice(organisations) if organisations else None,
            body=article_body(rng, sections=1),
        )
        action.plan_index = plans.index(plan)
        actions.append(action)
    for index, plan in enumerate(plans):
        bulk_create_pages(plan, [a for a in actions if a.plan_index == index])
    Milestone.objects.bulk_create(
        (
            Milestone(
                action_id=action.pk,
                sort_order=k,
                title=sentence(rng, 4)[:-1],
                due_on=date(2016 + k, 6, 1),
                met_on=(date(2016 + k, 5, 20), date(2016 + k, 9, 1), None)[k],
            )
            for action in actions
            for k in range(3)
        ),
        batch_size=500,
    )
    BudgetLine.objects.bulk_create(
        (
            BudgetLine(
                action_id=action.pk,
                sort_order=year,
                year=year,
                allocated=rng.randint(5, 50) * 1000,
                spent=rng.randint(0, 55) * 1000,
            )
            for action in actions
            for year in range(PLAN_YEARS[0], PLAN_YEARS[1] + 1)
        ),
        batch_size=500,
    )
    if events:
        ActionEvent.objects.bulk_create(
            (
                ActionEvent(action_id=action.pk, event_id=rng.choice(events).pk)
                for action in actions
            ),
            batch_size=500,
        )
    build.pages["plans"] = plans
    build.pages["actions"] = actions


@page_type("action page", sample_urls=sample_pages("actions"))
def generate_actions(build, n):
    """Made by the action plan generator."""


DECISION_FILTERS = ("", "?orgaan=alv", "?jaar=2017", "?thema=thema-2", "?orgaan=bestuur&pagina=3")


@page_type(
    "decision index",
    sample_urls=lambda build: [
        public_path(build, build.pages["decision index"]) + query for query in DECISION_FILTERS
    ],
)
def generate_decision_index(build, n):
    from route2020.decisions.models import DecisionIndexPage

    build.pages["decision index"] = add_index(
        build, DecisionIndexPage, title="Besluiten", slug="besluiten"
    )


@page_type("decision page", sample_urls=sample_pages("decisions"))
def generate_decisions(build, n):
    """ALV and board decisions over 2015-2020, each about one or two themes and their plans;
    one in ten sets a budget year."""
    from route2020.decisions.models import DecisionPage

    rng = build.rng
    themes = build.pages["themes"]
    plans = build.pages.get("plans") or []
    first = date(2015, 1, 1)
    decisions = []
    for number in range(n):
        title = sentence(rng, rng.randint(4, 8))[:-1]
        day = first + timedelta(days=rng.randrange(6 * 365))
        budget = number % 10 == 0
        decisions.append(
            DecisionPage(
                title=title,
                slug=f"{slugify(title)[:60]}-{number}",
                intro=paragraph(rng, 1),
                decided_by=rng.choice(("alv", "bestuur")),
                decided_on=day,
                decision=f"<p>{paragraph(rng, 2)}</p>",
                body=article_body(rng, sections=1),
                budget_year=day.year + 1 if budget else None,
                budget_amount=rng.randint(400, 900) * 1000 if budget else None,
            )
        )
    bulk_create_pages(build.pages["decision index"], decisions)
    theme_links = DecisionPage.themes.through
    chosen = {d.pk: rng.sample(themes, k=rng.randint(1, 2)) for d in decisions}
    theme_links.objects.bulk_create(
        (
            theme_links(decisionpage_id=d.pk, themepage_id=theme.pk)
            for d in decisions
            for theme in chosen[d.pk]
        ),
        batch_size=500,
    )
    plan_links = DecisionPage.plans.through
    plan_links.objects.bulk_create(
        (
            plan_links(decisionpage_id=d.pk, actionplanpage_id=plan.pk)
            for d in decisions
            for plan in plans
            if any(plan.path.startswith(theme.path) for theme in chosen[d.pk])
            and rng.random() < 0.5
        ),
        batch_size=500,
    )
    build.pages["decisions"] = decisions


# --- the regional guides' Reisadvies ----------------------------------------------------------

REISADVIES_RECOMMENDATIONS = 10
REISADVIES_VISITS = 20


@page_type(
    "Reisadvies index",
    sample_urls=lambda build: [
        public_path(build, build.pages["reisadvies index"]) + query for query in ("", "?pagina=3")
    ],
)
def generate_reisadvies_index(build, n):
    from route2020.guides.models import ReisadviesIndexPage

    build.pages["reisadvies index"] = add_index(
        build, ReisadviesIndexPage, title="Reisadvies", slug="reisadvies"
    )


@page_type("Reisadvies", sample_urls=sample_pages("reisadviezen"))
def generate_reisadviezen(build, n):
    """Advices of ten recommendations with two pilots each, each resting on twenty of the
    guides' visits to the organisations made before (the practices are made after them)."""
    from route2020.core.models import Organisation
    from route2020.guides.models import ReisadviesPage, Visit

    rng = build.rng
    organisations = list(Organisation.objects.all()[:200])
    visits = Visit.objects.bulk_create(
        Visit(
            organisation=rng.choice(organisations),
            visited_on=date(2016, 4, 1) + timedelta(days=rng.randrange(90)),
            findings=paragraph(rng, 3),
        )
        for _ in range(n)
    )
    advices = []
    for number in range(n):
        title = sentence(rng, rng.randint(4, 8))[:-1]
        stream = [
            (
                "recommendation",
                {
                    "heading": sentence(rng, 6)[:-1],
                    "text": paragraph(rng, 3),
                    "practices": [],
                    "pilots": [sentence(rng, 5)[:-1], sentence(rng, 5)[:-1]],
                },
            )
            for _ in range(REISADVIES_RECOMMENDATIONS)
        ]
        advices.append(
            ReisadviesPage(
                title=title,
                slug=f"{slugify(title)[:60]}-{number}",
                intro=paragraph(rng, 1),
                date=date(2016, 7, 1) + timedelta(days=number % 1500),
                recommendations=stream,
            )
        )
    bulk_create_pages(build.pages["reisadvies index"], advices)
    links = ReisadviesPage.visits.through
    links.objects.bulk_create(
        (
            links(reisadviespage_id=advice.pk, visit_id=visit.pk)
            for advice in advices
            for visit in rng.sample(visits, min(REISADVIES_VISITS, len(visits)))
        ),
        batch_size=1000,
    )
    build.pages["reisadviezen"] = advices


# --- the campaign ------------------------------------------------------------------------------


@page_type(
    "campaign page",
    sample_urls=lambda build: [
        public_path(build, build.pages["campaign"]),
        public_path(build, build.pages["campaign"]) + "?pagina=3",
    ],
)
def generate_campaign(build, n):
    """The campaign with three periods and `n` libraries taking part, each in one period."""
    from datetime import date

    from route2020.campaign.models import CampaignPage, CampaignPeriodPage, CampaignSignup
    from route2020.core.models import Organisation, Province

    rng = build.rng
    campaign = add_page(
        build.pages["home"],
        CampaignPage(
            title="Campagne",
            slug="campagne",
            intro=paragraph(rng, 2),
            body=article_body(rng, sections=1),
            show_in_menus=True,
        ),
    )
    periods = [
        add_page(
            campaign,
            CampaignPeriodPage(
                title=title,
                slug=title.lower(),
                starts_on=date(2017, month, 1),
                ends_on=date(2017, month + 1, 28),
                target_group=sentence(rng, 4),
                message=paragraph(rng, 1),
                media_budget=rng.randint(50, 150) * 1000,
            ),
        )
        for title, month in (("Glansrijk", 5), ("Fantasierijk", 9), ("Initiatiefrijk", 11))
    ]
    provinces = list(Province.objects.all()) or [None]
    libraries = Organisation.objects.bulk_create(
        Organisation(
            name=f"Bibliotheek campagne {i}",
            slug=f"bieb-campagne-{i}",
            province=provinces[i % len(provinces)],
            latitude=50.8 + rng.random() * 2.5,
            longitude=3.5 + rng.random() * 3.3,
        )
        for i in range(n)
    )
    CampaignSignup.objects.bulk_create(
        CampaignSignup(period=periods[i % 3], organisation=library, activity=paragraph(rng, 1))
        for i, library in enumerate(libraries)
    )
    build.pages["campaign"] = campaign


# --- practices ----------------------------------------------------------------------------------

PRACTICE_FILTERS = (
    "",
    "?pagina=2",
    "?sort=meest-overgenomen",
    "?thema=thema-2",
    "?provincie={province}&soort=proeftuin",
    "?status=lopend&bewijsniveau=beschreven",
    "?mislukt=1&pagina=2",
    "?q=vrijwilligers",
    "?q=taalcaf%C3%A9&provincie={province}",
)
PRACTICE_LIBRARIES = 300


def sample_practice_index(build):
    path = public_path(build, build.pages["practice index"])
    province = build.pages["practice province slug"]
    return [path + query.format(province=province) for query in PRACTICE_FILTERS]


@page_type("practices listing", sample_urls=sample_practice_index)
def generate_practice_index(build, n):
    from route2020.practices.models import PracticeIndexPage

    build.pages["practice index"] = add_index(
        build, PracticeIndexPage, title="Praktijkvoorbeelden", slug="praktijkvoorbeelden"
    )


@page_type("practice page", sample_urls=sample_pages("practices"))
def generate_practices(build, n):
    """`n` practices of libraries in the twelve provinces (as bench/practices.py makes them),
    with their themes, partners and steps; one in twenty adopted by another library."""
    from bench.practices import create_libraries
    from route2020.core.models import Province
    from route2020.demo.generate_practices import create_practices
    from route2020.practices.models import Adoption, PracticePage

    rng = build.rng
    provinces = list(Province.objects.order_by("code"))
    count = min(PRACTICE_LIBRARIES, max(len(provinces), n // 3))
    libraries = create_libraries(
        provinces, count, rng, name="Bibliotheek praktijk", slug="bieb-praktijk"
    )
    index = build.pages["practice index"]
    create_practices(index, n, themes=build.pages["themes"], organisations=libraries, rng=rng)
    practices = list(PracticePage.objects.child_of(index).order_by("path"))
    adoptions = [
        Adoption(practice_id=practice.pk, organisation=adopter, how_it_went=sentence(rng, 12))
        for practice in rng.sample(practices, len(practices) // 20)
        for adopter in [rng.choice(libraries)]
        if adopter.pk != practice.organisation_id
    ]
    Adoption.objects.bulk_create(adoptions, batch_size=500)
    PracticePage.objects.filter(pk__in=[a.practice_id for a in adoptions]).update(adoption_count=1)
    build.pages["practices"] = practices
    build.pages["practice province slug"] = provinces[3].slug  # libraries in every province


@page_type(
    "search results",
    sample_urls=lambda build: ["/zoeken/?q=bibliotheek", "/zoeken/?q=leesbevordering+taal"],
)
def generate_search(build, n):
    """Search reads the index of every other page type: filled after all generators ran."""


@page_type("sitemap", sample_urls=one("/sitemap.xml"))
def generate_sitemap(build, n):
    """Lists every page the generators before it made (route2020/core/sitemaps.py)."""
