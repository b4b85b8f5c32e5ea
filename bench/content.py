"""Benchmark content: a registry of page types, each with a generator and its sample URLs.

An app that adds a public page type adds one `@page_type(...)` function here (events,
practices and Reisflitsen will), so `bench/pages.py` generates and measures it without
further changes. Generators run in registration order; one that needs a parent page finds
it in `build.pages`, filled in by the generators before it.

Thousands of pages through `Page.add_child()` take minutes (one tree lock, one revision and
several queries per page), so `bulk_create_pages()` writes treebeard paths itself and inserts
each table of the page's inheritance chain with one statement per batch.
"""

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

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


PAGE_TYPES: dict[str, PageType] = {}


def page_type(name, *, sample_urls, measure=True):
    """Register `generate(build, n)` for a page type; `sample_urls(build)` lists what to load."""

    def register(generate):
        PAGE_TYPES[name] = PageType(name, generate, sample_urls, measure)
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


def index_pages():
    """Fill the search index for every page (saving only queues indexing tasks)."""
    from wagtail.models import get_page_models
    from wagtail.search.backends import get_search_backends

    tables = set(connection.introspection.table_names())
    for backend in get_search_backends(with_auto_update=True):
        for model in get_page_models():
            if model._meta.db_table not in tables or not model.get_search_fields():
                continue  # a model still without its migration, in a working tree
            queryset = model.objects.exact_type(model).order_by("pk")
            batch = []
            for page in queryset.iterator(chunk_size=500):
                batch.append(page)
                if len(batch) == 500:
                    backend.add_bulk(model, batch)
                    batch = []
            if batch:
                backend.add_bulk(model, batch)


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

    index = add_page(
        build.pages["home"],
        ThemeIndexPage(
            title="Thema's", slug="themas", intro=paragraph(build.rng, 2), show_in_menus=True
        ),
    )
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

    build.pages["news index"] = add_page(
        build.pages["home"],
        NewsIndexPage(
            title="Nieuws", slug="nieuws", intro=paragraph(build.rng, 1), show_in_menus=True
        ),
    )


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


@page_type(
    "search results",
    sample_urls=lambda build: ["/zoeken/?q=bibliotheek", "/zoeken/?q=leesbevordering+taal"],
)
def generate_search(build, n):
    """Search reads the index of every other page type: filled after all generators ran."""
