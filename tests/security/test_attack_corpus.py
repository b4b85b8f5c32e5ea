"""The attack corpus (payloads.py) through every text field of every public and member form.

FORMS is the one table: a form, who sends it, its URL, valid data around the payload, its
free-text fields (the payload is stored and shown) and its other fields (an e-mail address, a
date: the payload only has to be refused). Every payload goes into every field; no answer is
a 500. Then every page that shows a value is fetched: no payload with markup comes back
unescaped; and all those pages are opened in Chromium, where no dialog, no console error and
no navigation may happen.

A new form: one row in FORMS (and its pages in `shows`).
"""

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.test import Client

from route2020.core import ratelimit
from route2020.core.tests.factories import make_organisation, make_user

from . import world as worlds
from .payloads import PAYLOADS


@dataclass
class Form:
    name: str
    url: object  # (world, context) → URL
    base: object  # (world, context) → valid data
    text: list  # free-text fields: stored and shown
    other: list = field(default_factory=list)  # constrained fields: refused, never a 500
    sender: str = "visitor"  # "visitor", "member" (a member of its own per payload), "lid-a"
    method: str = "post"
    shows: object = None  # (world, context) → [(sender, URL)] where the value is shown


def registration_page(w, c):
    from route2020.events.models import Registration

    registration = Registration.objects.filter(email=f"p{c['i']}@example.org").first()
    return [("visitor", registration.get_personal_url())] if registration else []


def preferences_page(w, c):
    from route2020.newsletter import links

    url = links.personal_url(c["subscriber"], links.PREFERENCES)
    return [("visitor", urlsplit(url).path)]


FORMS = [
    Form(
        "event registration",
        url=lambda w, c: w.event.url + "aanmelden/",
        base=lambda w, c: {"name": "Vera", "email": f"p{c['i']}@example.org"},
        text=["name", "organisation_name"],
        other=["email"],
        shows=registration_page,
    ),
    Form(
        "Reisflitsen sign-up",
        url=lambda w, c: w.newsletter.url,
        base=lambda w, c: {"email": f"r{c['i']}@example.org", "name": "Vera"},
        text=["name", "organisation"],
        other=["email"],
        shows=lambda w, c: [("redactie", "/beheer/reisflitsen_abonnees/")],
    ),
    Form(
        "Reisflitsen preferences",
        url=lambda w, c: preferences_page(w, c)[0][1],
        base=lambda w, c: {"name": "Vera"},
        text=["name", "organisation"],
        shows=preferences_page,
    ),
    Form(
        "tip a friend",
        url=lambda w, c: f"/tip/?pagina={w.published.pk}",
        base=lambda w, c: {"recipient": "vriend@example.org", "sender_name": "Vera"},
        text=["sender_name", "note", "website", "started"],
        other=["recipient"],
    ),
    Form(
        "sign-up",
        url=lambda w, c: "/account/signup/",
        base=lambda w, c: {
            "email": f"s{c['i']}@example.org",
            "first_name": "Vera",
            "last_name": "Visser",
            "password1": "een lang wachtwoord 2020",
            "password2": "een lang wachtwoord 2020",
        },
        text=["first_name", "last_name"],
        other=["email", "password1", "organisation"],
    ),
    Form(
        "search",
        method="get",
        url=lambda w, c: "/zoeken/",
        base=lambda w, c: {},
        text=["q"],
        shows=lambda w, c: [("visitor", "/zoeken/?" + c["query"])],
    ),
    Form(
        "practice submission",
        sender="member",
        url=lambda w, c: f"/praktijkvoorbeelden/inzending/{c['draft'].pk}/basis/",
        base=lambda w, c: {
            "title": "Voorleesontbijt",
            "summary": "Samen lezen.",
            "kind": "praktijkvoorbeeld",
            "status": "lopend",
            "phase": "uitvoering",
            "themes": [w.theme.pk],
        },
        text=["title", "summary"],
        other=["start_date", "kind"],
        shows=lambda w, c: [
            ("member", f"/praktijkvoorbeelden/inzending/{c['draft'].pk}/basis/"),
            ("member", f"/praktijkvoorbeelden/inzending/{c['draft'].pk}/voorbeeld/"),
        ],
    ),
    Form(
        "we do it too (adoption)",
        sender="member",
        url=lambda w, c: f"/praktijkvoorbeelden/overnemen/{w.published.pk}/",
        base=lambda w, c: {},
        text=["how_it_went"],
        shows=lambda w, c: [("visitor", w.published.url)],
    ),
    Form(
        "pilot logbook",
        sender="lid-a",
        url=lambda w, c: f"/praktijkvoorbeelden/logboek/{w.pilot.pk}/",
        base=lambda w, c: {"date": date.today().isoformat()},
        text=["text"],
        other=["date"],
        shows=lambda w, c: [("visitor", w.pilot.url)],
    ),
    Form(
        "survey answer (draft)",
        sender="member",
        url=lambda w, c: w.survey.url,
        base=lambda w, c: {"actie": "concept"},
        text=["vraag-{question}"],
        shows=lambda w, c: [("member", w.survey.url)],
    ),
    Form(
        "cookie choice",
        url=lambda w, c: "/cookies/",
        base=lambda w, c: {"keuze": "ja"},
        text=["next"],
        other=["keuze"],
    ),
    Form(
        "profile",
        sender="member",
        url=lambda w, c: "/account/profiel/",
        base=lambda w, c: {
            "first_name": "Mila",
            "last_name": "Lid",
            "language": "nl",
            "organisation": c["member"].organisation_id,
        },
        text=["first_name", "last_name", "job_title"],
        other=["language", "organisation"],
        shows=lambda w, c: [("member", "/account/profiel/")],
    ),
]


def questions_of(w, c):
    from route2020.questions.models import QuestionPage

    asked = QuestionPage.objects.filter(asker=c["member"]).order_by("-pk").first()
    return [("visitor", asked.url), ("visitor", "/vragen/")] if asked else [("visitor", "/vragen/")]


def latest_visit(w, c):
    from route2020.guides.models import Visit

    visit = Visit.objects.filter(guide=w.people["gids-in"]).order_by("-pk").first()
    pages = [("gids-in", "/regiogids/")]
    return pages + ([("gids-in", f"/regiogids/bezoeken/{visit.pk}/")] if visit else [])


def latest_advice(w, c):
    from route2020.guides.models import ReisadviesPage

    advice = (
        ReisadviesPage.objects.filter(author=w.people["gids-in"], live=False)
        .order_by("-pk")
        .first()
    )
    pages = [("gids-in", "/regiogids/")]
    return pages + ([("gids-in", f"/regiogids/reisadvies/{advice.pk}/")] if advice else [])


def advice_data(w, c):
    return {
        "title": "Reisadvies Utrecht",
        "intro": "Wat we zagen.",
        "date": "2016-07-14",
        "provinces": [w.org_a.province_id],
        "aanbeveling-TOTAL_FORMS": "1",
        "aanbeveling-INITIAL_FORMS": "0",
        "aanbeveling-MIN_NUM_FORMS": "1",
        "aanbeveling-MAX_NUM_FORMS": "60",
        "aanbeveling-0-heading": "Werk samen met ondernemers",
        "aanbeveling-0-text": "Start met een spreekuur.",
        "aanbeveling-0-pilots": "Spreekuur met de KvK",
    }


FORMS += [
    Form(
        "ask a question",
        sender="member",
        url=lambda w, c: "/vragen/nieuw/",
        base=lambda w, c: {
            "title": f"Wie heeft een taalcafé opgezet ({c['i']})?",
            "body": "We zoeken ervaring.",
            "themes": [w.theme.pk],
        },
        text=["title", "body"],
        other=["themes"],
        shows=questions_of,
    ),
    Form(
        "answer a question",
        sender="member",
        url=lambda w, c: f"/vragen/{w.question.pk}/antwoord/",
        base=lambda w, c: {"text": "Wij doen het al jaren."},
        text=["text"],
        shows=lambda w, c: [("visitor", w.question.url)],
    ),
    Form(
        "flag a question",
        sender="member",
        url=lambda w, c: f"/vragen/{w.question.pk}/melden/",
        base=lambda w, c: {"reason": "Reclame."},
        text=["reason"],
    ),
    Form(
        "campaign sign-up",
        sender="member",
        url=lambda w, c: w.campaign.url + "aanmelden/",
        base=lambda w, c: {"period": w.period.pk, "activity": "Posters bij de balie."},
        text=["activity"],
        other=["period"],
        shows=lambda w, c: [("visitor", w.campaign.url), ("visitor", w.period.url)],
    ),
    Form(
        "regiogids visit",
        sender="gids-in",
        url=lambda w, c: "/regiogids/bezoeken/nieuw/",
        base=lambda w, c: {
            "organisation": w.org_a.pk,
            "visited_on": "2016-05-03",
            "findings": "Starters geven workshops.",
        },
        text=["findings"],
        other=["organisation", "visited_on"],
        shows=latest_visit,
    ),
    Form(
        "Reisadvies draft",
        sender="gids-in",
        url=lambda w, c: "/regiogids/reisadvies/nieuw/",
        base=advice_data,
        text=[
            "title",
            "intro",
            "aanbeveling-0-heading",
            "aanbeveling-0-text",
            "aanbeveling-0-pilots",
        ],
        other=["date", "provinces", "aanbeveling-TOTAL_FORMS"],
        shows=latest_advice,
    ),
    Form(
        "mail choices",
        sender="member",
        url=lambda w, c: "/account/berichten/",
        base=lambda w, c: {f"kind_{kind}": "nooit" for kind in NOTIFICATION_KINDS},
        text=[],
        other=["kind_vragen", "themes"],
    ),
]
NOTIFICATION_KINDS = ("vragen", "antwoorden", "inzendingen", "bijeenkomsten", "praktijkvoorbeelden")


def markup(payload):
    return any(sign in payload for sign in "<>\"'") or "javascript:" in payload.lower()


@pytest.fixture
def world(settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = False
    settings.RATE_LIMITS = dict.fromkeys(ratelimit.DEFAULT_LIMITS, "")
    settings.MEDIA_ROOT = tmp_path / "media"
    return worlds.build()


def contexts(w):
    """Per payload: its own member of an organisation of its own, draft and subscriber."""
    from route2020.newsletter.models import Subscriber
    from route2020.practices.models import Submission

    question = w.survey.get_questions()[0].pk
    for i, payload in enumerate(PAYLOADS):
        organisation = make_organisation(f"Bibliotheek {i}", province_code="PV26")
        member = make_user(organisation=organisation)
        yield {
            "i": i,
            "payload": payload,
            "question": question,
            "member": member,
            "draft": Submission.objects.create(
                author=member, organisation=organisation, province_id=organisation.province_id
            ),
            "subscriber": Subscriber.objects.create(
                email=f"abonnee{i}@example.org", status=Subscriber.Status.CONFIRMED
            ),
        }


def client_for(w, sender, c):
    client = Client(HTTP_SEC_FETCH_SITE="same-origin")
    if sender == "member":
        client.force_login(c["member"])
    elif sender != "visitor":
        client.force_login(w.people[sender])
    return client


def send_corpus(w):
    """Every payload into every field of every form. Returns the pages that show a payload
    with markup: (who, URL) → (a client signed in as who, [payloads])."""
    from urllib.parse import urlencode

    failures, pages = [], {}
    for c in contexts(w):
        payload = c["payload"]
        for form in FORMS:
            client = client_for(w, form.sender, c)
            text = [name.format(question=c["question"]) for name in form.text]
            for fields in (text, form.other):
                if not fields:
                    continue
                data = {**form.base(w, c), **dict.fromkeys(fields, payload)}
                url = form.url(w, c)
                if form.method == "get":
                    c["query"] = urlencode(data)
                response = getattr(client, form.method)(url, data)
                if response.status_code >= 500:
                    failures.append(f"{form.name}, {fields}, payload {c['i']}: 500")
            if form.shows and markup(payload):
                for sender, url in form.shows(w, c):
                    who = f"member {c['i']}" if sender == "member" else sender
                    viewer = client if sender == form.sender else client_for(w, sender, c)
                    pages.setdefault((who, url), (viewer, []))[1].append(payload)
    assert not failures, "\n".join(failures)
    return pages


TAGS = ("<script", "<img", "<svg", "<iframe", "<details", "<body", "<input", "<meta", "<base")


def unescaped(html, payload):
    """The payload's markup as it was sent (an escaped copy is harmless)."""
    for tag in TAGS:
        at = payload.lower().find(tag)
        if at >= 0 and payload[at : at + 24] in html:
            return True
    if any(breakout in payload and breakout in html for breakout in BREAKOUTS):
        return True
    return bool(re.search(r"(href|src|action)\s*=\s*[\"']?\s*javascript:", html, re.I))


BREAKOUTS = ('" onmouseover="alert(13)', "' autofocus onfocus='alert(14)")


@pytest.mark.django_db(transaction=True)
def test_no_payload_gives_a_500_or_runs_in_chromium(world, browser, live_server):
    pages = send_corpus(world)
    assert len(pages) >= 100
    wrong = []
    for (who, url), (client, payloads) in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (url, who, response.status_code)
        html = response.content.decode()
        wrong += [
            f"{url} as {who} shows {p[:40]!r} unescaped" for p in payloads if unescaped(html, p)
        ]
    assert not wrong, "\n".join(wrong)

    # The same pages in Chromium, in one browser context; the session cookie is swapped.
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    happened, navigations = [], []
    page.on(
        "dialog", lambda dialog: (happened.append(f"dialog {dialog.message}"), dialog.dismiss())
    )
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and "Failed to load resource" not in message.text
            and happened.append(f"console: {message.text[:160]}")
        ),
    )
    page.on(
        "framenavigated", lambda frame: frame == page.main_frame and navigations.append(frame.url)
    )
    context.route(
        lambda url: not url.startswith(live_server.url),
        lambda route: (happened.append(f"request to {route.request.url[:80]}"), route.abort()),
    )
    host = live_server.url.split("//")[1].split(":")[0]
    seen = []
    for (who, url), (client, _payloads) in pages.items():
        context.clear_cookies()
        cookie = client.cookies.get("sessionid")
        if cookie is not None:
            context.add_cookies(
                [{"name": "sessionid", "value": cookie.value, "domain": host, "path": "/"}]
            )
        navigations.clear()
        page.goto(url, wait_until="load")
        if len(navigations) != 1:
            happened.append(f"navigated: {navigations}")
        seen += [f"{url} as {who}: {entry}" for entry in happened]
        happened.clear()
    context.close()
    assert not seen, "\n".join(seen)
