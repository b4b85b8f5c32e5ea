"""Core's demo content: provinces, organisations, the home page, people with one login per
role, and the site's own content pages (about, accessibility).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group
from django.utils.html import escape
from django.utils.translation import gettext_noop
from wagtail.models import Site

from route2020.core import roles
from route2020.core.models import ContentPage, HomePage, Organisation, Province, SiteSettings, User
from route2020.core.pages import child, publish, tree_root
from route2020.core.statements import accessibility_statement

from .. import libraries, seed

SEED = True
MENU = {"over-route-2020": 70}

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


def site_address():
    """Host and port of SITE_URL, so the sitemap and feeds link to where the site is served."""
    url = urlsplit(settings.SITE_URL)
    return url.hostname or "localhost", url.port or (443 if url.scheme == "https" else 80)


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
    child(
        home,
        ContentPage,
        "over-route-2020",
        title="Over Route 2020",
        english_title="About Route 2020",
        show_in_menus=True,
        intro=seed.HOME_INTRO,
        body=[
            ("paragraph", rich_text([seed.HOME_TEXT] + seed.NEWS[4][3])),
            ("quote", {"text": seed.QUOTE[0], "attribution": seed.QUOTE[1]}),
        ],
    )
    # The footer's settings, made now rather than on the first request (saving them empties
    # the page cache, so that request's copy would be thrown away at once), with the office's
    # contact address that the footer and the accessibility statement show.
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if not site_settings.contact_email:
        site_settings.contact_email = settings.CONTACT_EMAIL
        # The model's default question says "u"; the site speaks to its readers with "je".
        site_settings.cookie_text = COOKIE_TEXT
        site_settings.save()
    child(
        home,
        ContentPage,
        "toegankelijkheid",
        title="Toegankelijkheidsverklaring",
        english_title="Accessibility statement",
        intro="Route 2020 wil dat iedereen deze website kan gebruiken.",
        body=accessibility_statement(
            organisation=site_settings.association_name,
            site_name="Route 2020",
            contact_email=site_settings.contact_email,
        ),
    )


# Marked for the catalogue: the banner shows its translation under /en/
# (route2020.core.context_processors.site_settings).
COOKIE_TEXT = gettext_noop(
    "Deze website gebruikt cookies om bij te houden hoe de site wordt gebruikt. Ga je "
    "daarmee akkoord?"
)


def load(stdout):
    roles.ensure_provinces()
    roles.ensure_roles()
    load_organisations()
    load_pages(home_page())
    return load_people()
