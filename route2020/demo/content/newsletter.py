"""Demo Reisflitsen: the sign-up page, a few subscribers, one sent issue and one draft.

The sent issue is marked as sent without mailing anyone, so loading the demo sends nothing.
"""

from datetime import datetime

from django.apps import apps
from django.utils import timezone
from wagtail.models import Page

from route2020.core.pages import child
from route2020.newsletter.models import (
    Delivery,
    Dispatch,
    NewsletterIndexPage,
    NewsletterIssuePage,
    Subscriber,
)

from .core import home_page

MENU = {"reisflitsen": 50}
INTRO = (
    "De Reisflitsen brengen het nieuws van de ontwikkelagenda Route 2020: nieuwe "
    "praktijkvoorbeelden, bijeenkomsten en besluiten, een paar keer per jaar in je mailbox."
)
# (e-mail, name, organisation, status, language they signed up in)
SUBSCRIBERS = [
    ("anne.devries@route2020.example", "Anne de Vries", "Bibliotheek Arnhem", "confirmed", "nl"),
    ("bram.jansen@route2020.example", "Bram Jansen", "Stadkamer Zwolle", "confirmed", "nl"),
    ("carla.bakker@route2020.example", "Carla Bakker", "", "confirmed", "nl"),
    ("dirk.visser@route2020.example", "", "", "confirmed", "en"),
    ("emma.clarke@route2020.example", "Emma Clarke", "IFLA", "confirmed", "en"),
    ("eva.smit@route2020.example", "Eva Smit", "", "pending", "nl"),
    ("frank.mulder@route2020.example", "", "", "unsubscribed", "nl"),
]
# What the Reisflits of November 2017 brought: the news, parels and gathering of that month.
NOVEMBER_2017_NEWS = ["Delen maakt je rijker: 100% bibliotheken!", "Route 2020 gaat door"]
NOVEMBER_2017_EVENTS = ["delen-maakt-je-rijker-2017"]


def _live_pages(app_label, model_name, count):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return []
    return list(model.objects.live().public().order_by("-first_published_at")[:count])


def _items():
    items = [
        ("news", {"page": page, "note": ""}) for page in _live_pages("news", "NewsItemPage", 3)
    ]
    items += [
        ("practice", {"page": page, "note": ""})
        for page in _live_pages("practices", "PracticePage", 2)
    ]
    items += [
        ("event", {"page": page, "note": ""}) for page in _live_pages("events", "EventPage", 2)
    ]
    return items


def _pages(app_label, model_name, **lookup):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return []
    return list(model.objects.live().public().filter(**lookup).order_by("path"))


def november_2017_items():
    """The Reisflits of November 2017 lists what happened then, not the newest pages."""
    items = [
        ("news", {"page": page, "note": ""})
        for page in _pages("news", "NewsItemPage", title__in=NOVEMBER_2017_NEWS)
    ]
    items += [
        ("practice", {"page": page, "note": ""})
        for page in _pages("practices", "PracticePage", is_parel=True)[:3]
    ]
    items += [
        ("event", {"page": page, "note": ""})
        for page in _pages("events", "EventPage", slug__in=NOVEMBER_2017_EVENTS)
    ]
    return items


def load(stdout):
    home = home_page()
    index = child(
        home,
        NewsletterIndexPage,
        "reisflitsen",
        title="Reisflitsen",
        intro=INTRO,
        show_in_menus=True,
    )
    themes = list(
        Page.objects.live().filter(depth=home.depth + 2, url_path__contains="/themas/").specific()
    )
    for number, (email, name, organisation, status, language) in enumerate(SUBSCRIBERS):
        subscriber, created = Subscriber.objects.get_or_create(
            email=email,
            defaults={
                "name": name,
                "organisation": organisation,
                "status": status,
                "language": language,
                "confirmed_at": timezone.now() if status != "pending" else None,
                "unsubscribed_at": timezone.now() if status == "unsubscribed" else None,
            },
        )
        if created and themes and status == "confirmed":
            subscriber.themes.set(themes[number % len(themes) :][:2])

    sent = child(
        index,
        NewsletterIssuePage,
        "reisflits-november-2017",
        title="Reisflits november 2017",
        intro="Delen maakt je rijker in Ede, de acht parels en Route 2020 gaat door.",
        introduction="<p>Beste lezer, op 20 november deelden bibliotheken in Cultura in Ede acht "
        "parels en vijftien deel-je-rijk-sessies. In deze Reisflits lees je wat daar gebeurde, "
        "welke parels je kunt overnemen en hoe Route 2020 verdergaat.</p>",
        items=november_2017_items(),
    )
    started = timezone.make_aware(datetime(2017, 11, 24, 9, 0))
    dispatch, created = Dispatch.objects.get_or_create(
        issue=sent,
        defaults={
            "status": Dispatch.Status.SENT,
            "started_at": started,
            "finished_at": started,
            "heartbeat_at": started,
        },
    )
    if created:
        Delivery.objects.bulk_create(
            [
                Delivery(
                    issue=sent,
                    subscriber=subscriber,
                    status=Delivery.Status.SENT,
                    attempts=1,
                    sent_at=started,
                )
                for subscriber in Subscriber.objects.filter(status="confirmed")
            ],
            ignore_conflicts=True,
        )
    if not index.get_children().filter(slug="reisflits-voorjaar-2018").exists():
        draft = NewsletterIssuePage(
            title="Reisflits voorjaar 2018",
            slug="reisflits-voorjaar-2018",
            intro="Concept: vul aan en verstuur via Beheer → Reisflitsen.",
            items=_items()[:2],
            live=False,
        )
        index.add_child(instance=draft)
        draft.save_revision()
    stdout.write(
        f"Reisflitsen: {Subscriber.objects.count()} abonnees, "
        f"{NewsletterIssuePage.objects.sent().count()} verzonden Reisflits."
    )
