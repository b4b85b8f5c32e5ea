"""Demo Reisflitsen: the sign-up page, a few subscribers, one sent issue and one draft.

The sent issue is marked as sent without mailing anyone, so loading the demo sends nothing.
"""

from datetime import datetime

from django.apps import apps
from django.utils import timezone
from wagtail.models import Page

from route2020.core.demo.load import child, home_page

from .models import Delivery, Dispatch, NewsletterIndexPage, NewsletterIssuePage, Subscriber

INTRO = (
    "De Reisflitsen brengen het nieuws van de ontwikkelagenda Route 2020: nieuwe "
    "praktijkvoorbeelden, bijeenkomsten en besluiten, een paar keer per jaar in uw mailbox."
)
SUBSCRIBERS = [
    ("anne.devries@route2020.example", "Anne de Vries", "Bibliotheek Ede", "confirmed"),
    ("bram.jansen@route2020.example", "Bram Jansen", "Stadkamer Zwolle", "confirmed"),
    ("carla.bakker@route2020.example", "Carla Bakker", "", "confirmed"),
    ("dirk.visser@route2020.example", "", "", "confirmed"),
    ("eva.smit@route2020.example", "Eva Smit", "", "pending"),
    ("frank.mulder@route2020.example", "", "", "unsubscribed"),
]


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
    for number, (email, name, organisation, status) in enumerate(SUBSCRIBERS):
        subscriber, created = Subscriber.objects.get_or_create(
            email=email,
            defaults={
                "name": name,
                "organisation": organisation,
                "status": status,
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
        intro="Het Nationaal Bibliotheekcongres, nieuwe praktijkvoorbeelden en wat er komt.",
        introduction="<p>Beste lezer, in deze Reisflits leest u wat er de afgelopen maanden "
        "gebeurde binnen Route 2020, en waar u elkaar binnenkort kunt ontmoeten.</p>",
        items=_items(),
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
