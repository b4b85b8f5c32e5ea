"""Load the demo content: the seed's real content, generated libraries and people.

Every step looks up what it would create first, so running it twice changes nothing.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.html import escape
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from route2020.core import roles
from route2020.core.models import ContentPage, HomePage, Organisation, Province, SiteSettings, User

from . import libraries, seed

DEMO_PASSWORD = "route2020-demo"


def rich_text(paragraphs):
    html = []
    for paragraph in paragraphs:
        if isinstance(paragraph, list):
            items = "".join(f"<li>{escape(item)}</li>" for item in paragraph)
            html.append(f"<ul>{items}</ul>")
        else:
            html.append(f"<p>{escape(paragraph)}</p>")
    return "".join(html)


def publish(page):
    page.save_revision().publish()
    return page


def child(parent, model, slug, **fields):
    """The live child page with this slug, created and published when missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    return publish(page)


def site_address():
    """Host and port of SITE_URL, so the sitemap and feeds link to where the site is served."""
    url = urlsplit(settings.SITE_URL)
    return url.hostname or "localhost", url.port or (443 if url.scheme == "https" else 80)


def tree_root():
    """Wagtail's root page; a database emptied by a test's flush gets it (and a locale) back."""
    root = Page.get_first_root_node()
    if root is None:
        ContentType.objects.clear_cache()  # a flush gave the content types new ids
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


def home_page():
    hostname, port = site_address()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    root = tree_root()
    home = HomePage(
        title=seed.HOME_TITLE,
        slug="route-2020",
        intro=seed.HOME_INTRO,
        body=[
            ("paragraph", f"<p>{escape(seed.HOME_TEXT)}</p>"),
            ("quote", {"text": seed.QUOTE[0], "attribution": seed.QUOTE[1]}),
        ],
    )
    root.add_child(instance=home)
    publish(home)
    old_root = site.root_page if site else None
    if site:
        site.root_page = home
        site.site_name = "Route 2020"
        site.save()
    else:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="Route 2020",
        )
    if old_root and old_root.pk != home.pk and not old_root.get_children().exists():
        old_root.delete()
    return home


def load_organisations():
    provinces = {province.code: province for province in Province.objects.all()}
    for name, kind, partner_type, municipality, code, lat, lon in seed.ORGANISATIONS:
        Organisation.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "partner_type": partner_type,
                "municipality": municipality,
                "province": provinces.get(code),
                "latitude": lat,
                "longitude": lon,
            },
        )
    for code, towns in libraries.TOWNS.items():
        for town, lat, lon in towns:
            Organisation.objects.get_or_create(
                name=f"Bibliotheek {town}",
                defaults={
                    "kind": Organisation.Kind.LIBRARY,
                    "municipality": town,
                    "province": provinces[code],
                    "latitude": lat,
                    "longitude": lon,
                },
            )


def person(email, first_name, last_name, role, organisation=None, **extra):
    from allauth.account.models import EmailAddress

    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            username=email.split("@")[0],
            email=email,
            password=DEMO_PASSWORD,
            first_name=first_name,
            last_name=last_name,
            organisation=organisation,
            **extra,
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def load_people():
    """One login per role, four regiogidsen and a dozen members; returns the printed logins."""
    zwolle = Organisation.objects.get(name="Stadkamer Zwolle")
    admin = person(
        "beheer@route2020.example",
        "Beheer",
        "Route 2020",
        roles.EDITOR,
        is_superuser=True,
        is_staff=True,
    )
    editor = person("redactie@route2020.example", "Rita", "Redactie", roles.EDITOR)
    member = person("lid@route2020.example", "Lotte", "Lid", roles.MEMBER, organisation=zwolle)
    guides = []
    for first_name, last_name, codes in libraries.GUIDES:
        slug = last_name.lower()
        guide = person(f"{slug}@route2020.example", first_name, last_name, roles.GUIDE)
        guide.provinces.set(Province.objects.filter(code__in=codes))
        guides.append(guide)
    generated = Organisation.objects.filter(
        kind=Organisation.Kind.LIBRARY, name__startswith="Bibliotheek "
    ).order_by("province__code", "name")[::6]
    for (first_name, last_name), organisation in zip(
        libraries.MEMBER_NAMES, generated, strict=False
    ):
        slug = f"{first_name}.{last_name}".lower().replace(" ", "")
        person(f"{slug}@route2020.example", first_name, last_name, roles.MEMBER, organisation)
    return [
        ("beheerder (alles)", admin),
        ("redactie", editor),
        ("regiogids (Overijssel, Flevoland, Gelderland)", guides[1]),
        ("lid (Stadkamer Zwolle)", member),
    ]


def load_pages(home):
    from route2020.groups.models import GroupMember, GroupPage
    from route2020.news.models import NewsIndexPage, NewsItemPage
    from route2020.themes.models import ThemeIndexPage, ThemePage

    news_index = child(
        home,
        NewsIndexPage,
        "nieuws",
        title="Nieuws",
        show_in_menus=True,
        intro="Het nieuws van Route 2020, de ontwikkelagenda van de openbare bibliotheken.",
    )
    for title, day, precision, paragraphs in seed.NEWS:
        if not NewsItemPage.objects.filter(title=title).exists():
            first = paragraphs[0] if isinstance(paragraphs[0], str) else ""
            item = NewsItemPage(
                title=title,
                date=day,
                date_precision=precision,
                intro=first[:600],
                body=[("paragraph", rich_text(paragraphs))],
            )
            news_index.add_child(instance=item)
            publish(item)

    themes_index = child(
        home,
        ThemeIndexPage,
        "themas",
        title="Thema's",
        show_in_menus=True,
        intro="Op basis van een enquête onder de leden in maart 2015 koos de ledenvergadering "
        "vijf thema's voor het branche ontwikkelplan Route 2020.",
    )
    for number, slug, title, short_title in seed.THEMES:
        child(
            themes_index,
            ThemePage,
            slug,
            title=title[:1].upper() + title[1:],
            number=number,
            short_title=short_title,
        )

    about = child(
        home,
        ContentPage,
        "over-route-2020",
        title="Over Route 2020",
        show_in_menus=True,
        intro=seed.HOME_INTRO,
        body=[
            ("paragraph", rich_text([seed.HOME_TEXT] + seed.NEWS[4][3])),
            ("quote", {"text": seed.QUOTE[0], "attribution": seed.QUOTE[1]}),
        ],
    )
    organisations = {organisation.name: organisation for organisation in Organisation.objects.all()}
    for slug, title, intro, members in seed.GROUPS:
        if about.get_children().filter(slug=slug).exists():
            continue
        group = GroupPage(title=title, slug=slug, intro=intro)
        for name, job_title, organisation_name, group_role in members:
            group.members.add(
                GroupMember(
                    name=name,
                    job_title=job_title,
                    organisation=organisations.get(organisation_name),
                    group_role=group_role,
                )
            )
        about.add_child(instance=group)
        publish(group)

    campaign = seed.NEWS[9]
    child(
        home,
        ContentPage,
        "campagne",
        title="Campagne",
        seo_title="Campagne de Bibliotheek maakt je rijker",
        show_in_menus=True,
        intro=campaign[3][0],
        body=[("paragraph", rich_text(campaign[3][1:]))],
    )
    child(
        home,
        ContentPage,
        "toegankelijkheid",
        title="Toegankelijkheidsverklaring",
        intro="Route 2020 wil dat iedereen deze website kan gebruiken.",
        body=[("paragraph", rich_text(ACCESSIBILITY))],
    )
    privacy = child(
        home,
        ContentPage,
        "privacy",
        title="Privacyverklaring",
        intro="Route 2020 bewaart zo weinig mogelijk over je, en niets zonder reden.",
        body=[("paragraph", rich_text(PRIVACY))],
    )
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if settings.privacy_page_id is None:
        settings.privacy_page = privacy
        settings.save()


ACCESSIBILITY = [
    "Deze website streeft naar toegankelijkheid volgens de Web Content Accessibility "
    "Guidelines (WCAG) 2.2 op niveau AA. Elke pagina is met alleen het toetsenbord te "
    "bedienen, werkt met schermlezers en is te printen.",
    "We testen elke wijziging automatisch met axe-core en met de hand met het toetsenbord.",
    "Loop je toch tegen een probleem aan? Laat het ons weten via het contactadres onderaan de "
    "pagina; we antwoorden binnen vijf werkdagen.",
]
PRIVACY = [
    "Deze website doet geen verzoeken aan andere partijen: lettertypen, afbeeldingen en scripts "
    "komen van deze website zelf.",
    "Statistiekcookies plaatsen we alleen als je daar ‘Ja’ op zegt.",
    "Met een account bewaren we je naam, e-mailadres en organisatie. Op je profielpagina kun "
    "je al je gegevens downloaden en je account verwijderen.",
]


@transaction.atomic
def load_seed():
    roles.ensure_provinces()
    roles.ensure_roles()
    load_organisations()
    home = home_page()
    load_pages(home)
    return load_people()


MENU_ORDER = [
    "praktijkvoorbeelden",
    "bijeenkomsten",
    "nieuws",
    "themas",
    "reisflitsen",
    "campagne",
    "over-route-2020",
]


def order_menu():
    """Put the sections in the order a library's staff member looks for them."""
    home = home_page()
    children = {page.slug: page for page in home.get_children()}
    wanted = [children[slug] for slug in MENU_ORDER if slug in children]
    current = [page for page in home.get_children() if page.slug in MENU_ORDER]
    if [page.pk for page in current] == [page.pk for page in wanted]:
        return
    for page in reversed(wanted):
        page.refresh_from_db()
        page.move(home, pos="first-child")
