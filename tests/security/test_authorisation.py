"""Authorisation matrix: every URL pattern of the URL conf, every role, one expected answer.

The patterns are read from `get_resolver()`, so a new view is found without anyone listing
it: a pattern that is not in the table below fails the test with its route in the message.
Adding a view = adding one line to ROUTES (or to PAGES for a page type served by Wagtail).

A row: route → (URL built from the world, expected answers per role). The answers are seven
codes, one per role in the order of ROLES (bezoeker, lid-a, lid-b, gids-in, gids-uit,
redactie, beheerder):

    200 403 404 405 400 — that status
    in  — 302 to the sign-in page
    302 — a redirect elsewhere
    -   — not requested for this role

The CMS (`beheer/`, some 260 patterns of Wagtail) and allauth's pages are families: every
pattern of the CMS must send a visitor to sign-in and must not open for a member (ADMIN), and
a few rows below check what staff see. Run with R2020_RECORD=1 to print the answers observed
now (to fill in a new row; never copy them blindly).
"""

import os
import re
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from . import world as worlds

pytestmark = pytest.mark.django_db

ROLES = worlds.ROLES
ALL_200 = "200 200 200 200 200 200 200"
NONE = "404 404 404 404 404 404 404"
MEMBER_PAGE = "in 200 200 200 200 200 200"  # any signed-in person
STAFF_ONLY = "in 403 403 200 200 200 200"

NOTIFICATION_CHOICES = {
    f"kind_{kind}": "nooit"
    for kind in ("vragen", "antwoorden", "inzendingen", "bijeenkomsten", "praktijkvoorbeelden")
}

# route (as the URL conf spells it) → (URL from the world `w`, answers)
ROUTES = {
    # --- not language-prefixed
    "beheer/login/": (lambda w: "/beheer/login/", "in in in in in in in"),
    "documenten/^(\\d+)/(.*)$": (
        lambda w: f"/documenten/{w.document.pk}/{w.document.filename}",
        ALL_200,
    ),
    "documenten/authenticate_with_password/<int:restriction_id>/": (
        lambda w: "/documenten/authenticate_with_password/999999/",
        NONE,
    ),
    "sitemap.xml": (lambda w: "/sitemap.xml", ALL_200),
    "robots.txt": (lambda w: "/robots.txt", ALL_200),
    # The CSRF token of a form on a cached page, for everyone (route2020.core.csrf).
    "csrf/": (lambda w: "/csrf/", ALL_200),
    ".well-known/security.txt": (lambda w: "/.well-known/security.txt", ALL_200),
    "i18n/setlang/": (lambda w: "/i18n/setlang/", "302 302 302 302 302 302 302"),
    # Wagtail's deliberate error page ("failwhale") raises for staff; nobody else reaches it.
    "beheer/failwhale/": (lambda w: "/beheer/failwhale/", "in in in - - - -"),
    # The CMS's icons and translations are static, for everyone; its own password reset is
    # switched off (the one sign-in path is /account/).
    "beheer/sprite/": (lambda w: "/beheer/sprite/", ALL_200),
    "beheer/jsi18n/": (lambda w: "/beheer/jsi18n/", ALL_200),
    "beheer/password_reset/": (lambda w: "/beheer/password_reset/", NONE),
    "beheer/password_reset/done/": (lambda w: "/beheer/password_reset/done/", NONE),
    "beheer/password_reset/confirm/<uidb64>/<token>/": (
        lambda w: "/beheer/password_reset/confirm/x/y/",
        NONE,
    ),
    "beheer/password_reset/complete/": (lambda w: "/beheer/password_reset/complete/", NONE),
    # --- the public read API
    "api/v1/": (lambda w: "/api/v1/", ALL_200),
    "api/v1/openapi.json": (lambda w: "/api/v1/openapi.json", ALL_200),
    "api/v1/docs/": (lambda w: "/api/v1/docs/", ALL_200),
    "api/v1/organisations/": (lambda w: "/api/v1/organisations/", ALL_200),
    "api/v1/organisations/<id>/": (lambda w: f"/api/v1/organisations/{w.org_a.pk}/", ALL_200),
    "api/v1/provinces/": (lambda w: "/api/v1/provinces/", ALL_200),
    "api/v1/news/": (lambda w: "/api/v1/news/", ALL_200),
    "api/v1/news/<id>/": (lambda w: "/api/v1/news/999999/", "404 404 404 404 404 404 404"),
    "api/v1/themes/": (lambda w: "/api/v1/themes/", ALL_200),
    "api/v1/themes/<id>/": (lambda w: f"/api/v1/themes/{w.theme.pk}/", ALL_200),
    "api/v1/practices/": (lambda w: "/api/v1/practices/", ALL_200),
    "api/v1/practices/<id>/": (lambda w: f"/api/v1/practices/{w.published.pk}/", ALL_200),
    "api/v1/events/": (lambda w: "/api/v1/events/", ALL_200),
    "api/v1/events/<id>/": (lambda w: f"/api/v1/events/{w.event.pk}/", ALL_200),
    "api/v1/newsletters/": (lambda w: "/api/v1/newsletters/", ALL_200),
    "api/v1/newsletters/<id>/": (
        lambda w: "/api/v1/newsletters/999999/",
        NONE,
    ),
    # --- the account (our own views; allauth's are the ACCOUNT family below)
    "account/profiel/": (lambda w: "/account/profiel/", MEMBER_PAGE),
    "account/gegevens/": (lambda w: "/account/gegevens/", MEMBER_PAGE),
    "account/verwijderen/": (lambda w: "/account/verwijderen/", MEMBER_PAGE),
    "account/lidmaatschappen/": (lambda w: "/account/lidmaatschappen/", STAFF_ONLY),
    "account/lidmaatschappen/<int:pk>/": (
        lambda w: f"/account/lidmaatschappen/{w.membership.pk}/",
        "in 403 403 200 404 200 200",
    ),
    # --- sections
    "nieuws/feed/": (lambda w: "/nieuws/feed/", ALL_200),
    "zoeken/": (lambda w: "/zoeken/?q=lezen", ALL_200),
    "praktijkvoorbeelden/nieuw/": (
        lambda w: "/praktijkvoorbeelden/nieuw/",
        "in 200 200 403 403 403 403",
    ),
    "praktijkvoorbeelden/export.csv": (lambda w: "/praktijkvoorbeelden/export.csv", ALL_200),
    "praktijkvoorbeelden/inzending/<int:pk>/voorbeeld/": (
        lambda w: f"/praktijkvoorbeelden/inzending/{w.draft.pk}/voorbeeld/",
        "in 200 404 404 404 200 200",
    ),
    "praktijkvoorbeelden/inzending/<int:pk>/<slug:step>/": (
        lambda w: f"/praktijkvoorbeelden/inzending/{w.draft.pk}/basis/",
        "in 200 404 404 404 200 200",
    ),
    "praktijkvoorbeelden/bewerken/<int:pk>/": (
        lambda w: ("post", f"/praktijkvoorbeelden/bewerken/{w.published.pk}/"),
        "in 302 403 403 403 302 302",
    ),
    "praktijkvoorbeelden/beoordelen/": (
        lambda w: "/praktijkvoorbeelden/beoordelen/",
        STAFF_ONLY,
    ),
    "praktijkvoorbeelden/beoordelen/<int:pk>/": (
        lambda w: f"/praktijkvoorbeelden/beoordelen/{w.submitted.pk}/",
        "in 403 403 200 403 200 200",
    ),
    "praktijkvoorbeelden/overnemen/<int:pk>/": (
        lambda w: (
            "post",
            f"/praktijkvoorbeelden/overnemen/{w.published.pk}/",
            {"how_it_went": "Goed overgenomen."},
        ),
        "in 403 302 403 403 403 403",
    ),
    "praktijkvoorbeelden/logboek/<int:pk>/": (
        lambda w: (
            "post",
            f"/praktijkvoorbeelden/logboek/{w.pilot.pk}/",
            {"date": date.today().isoformat(), "text": "Week 1"},
        ),
        "in 302 403 403 403 403 403",
    ),
    "praktijkvoorbeelden/verspreiding/": (lambda w: "/praktijkvoorbeelden/verspreiding/", ALL_200),
    "bijeenkomsten/feed.ics": (lambda w: "/bijeenkomsten/feed.ics", ALL_200),
    "bijeenkomsten/export.csv": (lambda w: "/bijeenkomsten/export.csv", ALL_200),
    "bijeenkomsten/<slug:slug>/agenda.ics": (
        lambda w: f"/bijeenkomsten/{w.event.slug}/agenda.ics",
        ALL_200,
    ),
    # Personal links from mails: whoever holds the link (a capability), whatever the role.
    "bijeenkomsten/aanmelding/<str:signed>/": (
        lambda w: f"/bijeenkomsten/aanmelding/{w.registration_token}/",
        ALL_200,
    ),
    "bijeenkomsten/aanmelding/<str:signed>/bevestigen/": (
        lambda w: f"/bijeenkomsten/aanmelding/{w.registration_token}/bevestigen/",
        ALL_200,
    ),
    "bijeenkomsten/aanmelding/<str:signed>/afmelden/": (
        lambda w: "/bijeenkomsten/aanmelding/vervalst/afmelden/",
        "405 405 405 405 405 405 405",
    ),
    "reisflitsen/feed/": (lambda w: "/reisflitsen/feed/", ALL_200),
    "reisflitsen/aangemeld/": (lambda w: "/reisflitsen/aangemeld/", ALL_200),
    "reisflitsen/bevestigen/<str:token>/": (
        lambda w: "/reisflitsen/bevestigen/vervalst/",
        NONE,
    ),
    "reisflitsen/voorkeuren/<str:token>/": (
        lambda w: f"/reisflitsen/voorkeuren/{w.preferences_token}/",
        ALL_200,
    ),
    "reisflitsen/afmelden/<str:token>/": (
        lambda w: "/reisflitsen/afmelden/vervalst/",
        NONE,
    ),
    "tip/": (lambda w: f"/tip/?pagina={w.published.pk}", ALL_200),
    "cookies/": (lambda w: "/cookies/", "405 405 405 405 405 405 405"),
    # --- questions: asking for a confirmed member, answering for a confirmed member of another
    # organisation than the asker's (lid-a asks); marking helpful and solved for the asking
    # organisation only; hiding for the office and the regiogids of the
    # asker's province; flagging for anyone signed in.
    "vragen/nieuw/": (lambda w: "/vragen/nieuw/", "in 200 200 403 403 403 403"),
    "vragen/<int:pk>/antwoord/": (
        lambda w: (
            "post",
            f"/vragen/{w.question.pk}/antwoord/",
            {"text": "Wij hebben dat ook gedaan, met de wijkteams."},
        ),
        "in 403 302 403 403 403 403",
    ),
    "vragen/antwoord/<int:pk>/nuttig/": (
        lambda w: ("post", f"/vragen/antwoord/{w.answer.pk}/nuttig/"),
        "in 302 403 403 403 403 403",
    ),
    "vragen/antwoord/<int:pk>/verbergen/": (
        lambda w: f"/vragen/antwoord/{w.answer.pk}/verbergen/",
        "in 403 403 200 403 200 200",
    ),
    "vragen/<int:pk>/melden/": (lambda w: f"/vragen/{w.question.pk}/melden/", MEMBER_PAGE),
    "vragen/<int:pk>/melden/<int:answer_pk>/": (
        lambda w: f"/vragen/{w.question.pk}/melden/{w.answer.pk}/",
        MEMBER_PAGE,
    ),
    "vragen/<int:pk>/opgelost/": (
        lambda w: ("post", f"/vragen/{w.question_to_solve.pk}/opgelost/"),
        "in 302 403 403 403 403 403",
    ),
    # --- the regiogids's own pages: a guide's own visits and drafts, none of another's
    "regiogids/": (lambda w: "/regiogids/", "in 403 403 200 200 403 403"),
    "regiogids/bezoeken/nieuw/": (
        lambda w: "/regiogids/bezoeken/nieuw/",
        "in 403 403 200 200 403 403",
    ),
    "regiogids/bezoeken/<int:pk>/": (
        lambda w: f"/regiogids/bezoeken/{w.visit.pk}/",
        "in 403 403 200 404 403 403",
    ),
    "regiogids/bezoeken/<int:pk>/praktijkvoorbeeld/": (
        lambda w: ("post", f"/regiogids/bezoeken/{w.visit.pk}/praktijkvoorbeeld/"),
        "in 403 403 302 404 403 403",
    ),
    "regiogids/reisadvies/nieuw/": (
        lambda w: "/regiogids/reisadvies/nieuw/",
        "in 403 403 200 200 403 403",
    ),
    "regiogids/reisadvies/<int:pk>/": (
        lambda w: f"/regiogids/reisadvies/{w.advice_draft.pk}/",
        "in 403 403 200 404 403 403",
    ),
    # --- mail choices (a section of the profile posts here) and the one-click unsubscribe
    "account/berichten/": (
        lambda w: ("post", "/account/berichten/", NOTIFICATION_CHOICES),
        "in 302 302 302 302 302 302",
    ),
    "berichten/afmelden/<str:token>/": (
        lambda w: f"/berichten/afmelden/{w.unsubscribe_token}/",
        ALL_200,
    ),
    # --- Wagtail's page privacy forms (a restriction that does not exist)
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": (
        lambda w: f"/_util/authenticate_with_password/999999/{w.home.pk}/",
        NONE,
    ),
    "_util/login/": (lambda w: "/_util/login/", ALL_200),
}

# Pages served by Wagtail (the pattern `wagtail_serve`): a page of each kind that matters.
PAGES = {
    "home": (lambda w: "/", ALL_200),
    "published practice": (lambda w: w.published.url, ALL_200),
    "event": (lambda w: w.event.url, ALL_200),
    "event registration (GET goes back)": (
        lambda w: w.event.url + "aanmelden/",
        "302 302 302 302 302 302 302",
    ),
    "page for signed-in people": (lambda w: w.private.url, MEMBER_PAGE),
    "unpublished page": (lambda w: "/nog-niet-klaar/", "404 404 404 404 404 404 404"),
    "surveys index": (lambda w: w.surveys.url, ALL_200),
    "question": (lambda w: w.question.url, ALL_200),
    "questions index": (lambda w: "/vragen/", ALL_200),
    # A question page takes no POST (the forms post to their own routes).
    "question (POST)": (
        lambda w: ("post", w.question.url, {"text": "x"}),
        "405 405 405 405 405 405 405",
    ),
    "campaign": (lambda w: w.campaign.url, ALL_200),
    "campaign period": (lambda w: w.period.url, ALL_200),
    # Signing up is for a confirmed member, for their own organisation.
    "campaign sign-up": (
        lambda w: w.campaign.url + "aanmelden/",
        "in 200 200 403 403 403 403",
    ),
    "published Reisadvies": (lambda w: w.advice.url, ALL_200),
    "Reisadvies PDF": (lambda w: w.advice.pdf_url, "200 200 - - - - -"),
    "draft Reisadvies (not live)": (
        lambda w: "/reisadvies/concept-utrecht/",
        NONE,
    ),
    "group page": (lambda w: w.group.url, ALL_200),
    # A members-only group document: confirmed members, the regiogidsen and the office (the
    # rule of groups/services.py); a visitor is sent to sign in and gets no file.
    "group document for members": (
        lambda w: w.members_only_document.url,
        "in 200 200 200 200 200 200",
    ),
    "group document for everyone": (lambda w: w.group_document.url, ALL_200),
}
WAGTAIL_SERVE = "^((?:[\\w\\-]+/)*)$"

# Families of patterns that belong to a library: (route prefix, answers for every pattern).
FAMILIES = {
    # Wagtail's CMS: sign-in for a visitor, never a page for a member (to sign-in or away).
    "beheer/": "in in in - - - -",
}
# allauth's own pages (sign-in, sign-up, password reset, e-mail, two-step sign-in): these
# routes need no check of ours; anything else under account/ must be in ROUTES.
ALLAUTH_NAMES_PREFIXES = ("account_", "mfa_", "socialaccount_", "usersessions_")

# A few pages of the CMS, for staff.
ADMIN_ROWS = {
    "dashboard": (lambda w: "/beheer/", "in in in 200 200 200 200"),
    # a regiogids is sent back to the dashboard
    "reisflitsen index (redactie only)": (
        lambda w: "/beheer/reisflitsen/",
        "in in in 302 302 200 200",
    ),
    "page explorer": (lambda w: f"/beheer/pages/{w.home.pk}/", "in in in 302 302 200 200"),
    "documents": (lambda w: "/beheer/documents/", "in in in 302 302 200 200"),
    "images": (lambda w: "/beheer/images/", "in in in 302 302 200 200"),
    # Flags on questions (their reasons name people), the guides' visits and the campaign's
    # sign-ups are the office's; a regiogids hides answers on the site, not here.
    "question flags": (lambda w: "/beheer/vragen_meldingen/", "in in in 302 302 200 200"),
    "guides' visits": (lambda w: "/beheer/snippets/guides/visit/", "in in in 302 302 200 200"),
    "a guide's visit": (
        lambda w: f"/beheer/snippets/guides/visit/edit/{w.visit.pk}/",
        "in in in 302 302 200 200",
    ),
    "campaign sign-ups": (
        lambda w: "/beheer/snippets/campaign/campaignsignup/",
        "in in in 302 302 200 200",
    ),
}


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


SAMPLES = {"int": "999999", "str": "x", "slug": "x", "path": "x", "uuid": "0" * 32}


def sample_url(route):
    """A URL matching `route` with made-up arguments (for a family's check)."""
    if "^" in route or "(?" in route or "\\" in route:
        body = re.sub(r"\^|\$", "", route)
        body = re.sub(r"\(\?P<\w+>[^)]*\)|\([^)]*\)", "1", body)
        return "/" + body.replace("\\", "")
    return "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLES.get(m.group(1) or "str", "x"), route)


def answer(response):
    if response.status_code == 302:
        location = urlsplit(response["Location"]).path
        return "in" if location.rstrip("/").endswith("login") else "302"
    return str(response.status_code)


def request(client, target):
    """`target` is a URL (GET) or (method, URL[, data])."""
    method, url, *data = target if isinstance(target, tuple) else ("get", target)
    return getattr(client, method)(url, *data)


@pytest.fixture
def world(settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.RATE_LIMITS = {name: "" for name in ("search", "practice-write", "adopt", "logbook")}
    return worlds.build()


def check(world, table, label_prefix=""):
    record = os.environ.get("R2020_RECORD")
    clients = {role: world.client(role) for role in ROLES}
    wrong = []
    for label, (target, expected) in table.items():
        expected = expected.split()
        assert len(expected) == len(ROLES), label
        built = target(world)
        seen = []
        for role, want in zip(ROLES, expected, strict=True):
            if want == "-":
                seen.append("-")
                continue
            response = request(clients[role], built)
            got = answer(response)
            seen.append(got if got != "302" or not record else f"302→{response['Location']}")
            if got != want:
                wrong.append(f"{label_prefix}{label} as {role}: expected {want}, got {got}")
        if record:
            print(f"{label!r}: {' '.join(seen)!r}")
    assert not wrong, "\n".join(wrong)


def test_every_url_pattern_is_in_the_table():
    missing = []
    for route, pattern in walk(get_resolver().url_patterns):
        if route in ROUTES or route == WAGTAIL_SERVE:
            continue
        if any(route.startswith(prefix) for prefix in FAMILIES):
            continue
        if route.startswith("account/") and (pattern.name or "").startswith(ALLAUTH_NAMES_PREFIXES):
            continue
        if route == "account/signup/" and pattern.name is None:
            continue  # the rate-limited sign-up in front of allauth's (route2020/urls.py)
        missing.append(route)
    assert not missing, (
        "URL patterns without a row in tests/security/test_authorisation.py ROUTES "
        "(say who may see them): " + ", ".join(missing)
    )


def test_no_row_names_a_pattern_that_is_gone():
    routes = {route for route, _ in walk(get_resolver().url_patterns)}
    assert not set(ROUTES) - routes


def test_our_views_answer_each_role_as_the_table_says(world):
    check(world, ROUTES)


def test_pages_answer_each_role_as_the_table_says(world):
    check(world, PAGES, "page ")


def test_the_cms_answers_staff_as_the_table_says(world):
    check(world, ADMIN_ROWS, "CMS ")


def test_every_cms_pattern_sends_visitors_to_sign_in_and_keeps_members_out(world):
    table = {}
    for route, _ in walk(get_resolver().url_patterns):
        for prefix, expected in FAMILIES.items():
            if route.startswith(prefix) and route not in ROUTES:
                table[route] = (lambda w, route=route: sample_url(route), expected)
    assert len(table) > 100
    check(world, table)


def test_allauth_pages_never_fail(world):
    """allauth's pages with made-up arguments: no 500 for anyone."""
    clients = {role: world.client(role) for role in ROLES}
    for route, pattern in walk(get_resolver().url_patterns):
        if route.startswith("account/") and (pattern.name or "").startswith(ALLAUTH_NAMES_PREFIXES):
            for role in ROLES:
                response = clients[role].get(sample_url(route))
                assert response.status_code < 500, (route, role)


def test_a_hidden_answer_is_shown_only_to_its_author_and_who_may_hide_it(world):
    """Not a status but content: the matrix's question page is 200 for everyone, so what it
    shows of a hidden answer is checked here."""
    from route2020.questions import services

    services.answer_hide(
        answer=world.answer, user=world.people["redactie"], reason="Dit is reclame."
    )
    shown = {
        role: world.answer.text in world.client(role).get(world.question.url).content.decode()
        for role in ROLES
    }
    assert shown == {
        "bezoeker": False,
        "lid-a": False,
        "lid-b": True,  # its author, with the reason
        "gids-in": True,
        "gids-uit": False,
        "redactie": True,
        "beheerder": True,
    }
