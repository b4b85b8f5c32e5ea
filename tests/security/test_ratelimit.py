"""Every public form is rate limited by route2020.core.ratelimit, with a Dutch 429 page.

Each row: a limit name, who sends (a visitor or a member) and the request. With the limit at
1, the first request is served as usual and the second gets the 429 page.
"""

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from route2020.core import ratelimit, roles
from route2020.core.pages import child
from route2020.core.tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home):
    from route2020.events.models import EventIndexPage, EventPage
    from route2020.newsletter.models import NewsletterIndexPage

    events = child(home, EventIndexPage, "bijeenkomsten", title="Bijeenkomsten")
    start = timezone.now() + timedelta(days=10)
    event = child(
        events,
        EventPage,
        "inspiratiedag",
        title="Inspiratiedag",
        start=start,
        end=start + timedelta(hours=4),
        venue_name="Cultura",
        venue_address="Molenstraat 45, Ede",
    )
    newsletter = child(home, NewsletterIndexPage, "reisflitsen", title="Reisflitsen")
    return {"event": event, "newsletter": newsletter, "home": home, **_november(home)}


def _november(home):
    from route2020.campaign.models import CampaignPage
    from route2020.questions import services as questions
    from route2020.questions.models import QuestionIndexPage
    from route2020.themes.models import ThemeIndexPage, ThemePage

    themes = child(home, ThemeIndexPage, "themas", title="Thema's")
    theme = child(themes, ThemePage, "leesbevordering", title="Leesbevordering", number=1)
    child(home, QuestionIndexPage, "vragen", title="Vragen")
    question = questions.question_ask(
        user=make_user(),
        title="Wie heeft een taalcafé met vrijwilligers opgezet?",
        body="We zoeken ervaring.",
        themes=[theme],
    )
    campaign = CampaignPage(title="De Bibliotheek maakt je rijker", slug="campagne")
    home.add_child(instance=campaign)
    campaign.save_revision().publish()
    return {"question": question, "campaign": campaign}


def member_client(role=roles.MEMBER):
    client = Client()
    provinces = ["PV23"] if role == roles.GUIDE else ()
    assert client.login(
        username=make_user(role=role, provinces=provinces).username, password=PASSWORD
    )
    return client


# name, signed in?, method, url (from the site fixture), data
FORMS = [
    ("newsletter-subscribe", False, "post", lambda s: s["newsletter"].url, {"email": "a@b.nl"}),
    ("tip", False, "post", lambda s: f"/tip/?pagina={s['home'].pk}", None),
    ("newsletter-preferences", False, "post", lambda s: "/reisflitsen/voorkeuren/x/", {}),
    ("event-registration", False, "post", lambda s: s["event"].url + "aanmelden/", {}),
    ("registration-change", False, "post", lambda s: "/bijeenkomsten/aanmelding/x/", {}),
    ("signup", False, "post", lambda s: "/account/signup/", {"email": "nieuw@example.org"}),
    ("search", False, "get", lambda s: "/zoeken/", {"q": "leesbevordering"}),
    ("cookie-choice", False, "post", lambda s: "/cookies/", {"keuze": "ja"}),
    ("profile", True, "post", lambda s: "/account/profiel/", {}),
    ("practice-write", True, "post", lambda s: "/praktijkvoorbeelden/nieuw/", {}),
    ("logbook", True, "post", lambda s: "/praktijkvoorbeelden/logboek/999999/", {}),
    ("adopt", True, "post", lambda s: "/praktijkvoorbeelden/overnemen/999999/", {}),
    ("question-ask", True, "post", lambda s: "/vragen/nieuw/", {}),
    ("question-answer", True, "post", lambda s: f"/vragen/{s['question'].pk}/antwoord/", {}),
    ("question-flag", True, "post", lambda s: f"/vragen/{s['question'].pk}/melden/", {}),
    ("campaign-signup", True, "post", lambda s: s["campaign"].url + "aanmelden/", {}),
    ("notification-preferences", True, "post", lambda s: "/account/berichten/", {}),
    ("guide-write", roles.GUIDE, "post", lambda s: "/regiogids/bezoeken/nieuw/", {}),
    ("guide-write", roles.GUIDE, "post", lambda s: "/regiogids/reisadvies/nieuw/", {}),
]
# Forms that answer past their limit in their own page, with the text typed kept.
OWN_PAGE = {"campaign-signup": "Wacht een paar minuten"}


def assert_dutch_429(response):
    assert response.status_code == 429
    html = response.content.decode()
    assert "Even geduld: te veel verzoeken" in html
    assert 'lang="nl"' in html and "Naar de startpagina" in html  # the site's layout
    assert int(response["Retry-After"]) > 0


@pytest.mark.parametrize(
    ("name", "signed_in", "method", "url", "data"),
    FORMS,
    ids=[row[0] for row in FORMS],
)
def test_each_form_answers_429_in_dutch_past_its_limit(
    site, settings, name, signed_in, method, url, data
):
    if name == "tip":
        pytest.skip("the tip form counts valid tips only: newsletter/tests/test_tip.py")
    settings.RATE_LIMITS = {name: "1/h"}
    # The same search twice would be answered from the page cache the second time, without
    # reaching the view: right (a cached page costs nothing), but not what is tested here.
    settings.PAGE_CACHE_ENABLED = False
    if signed_in:
        client = member_client(roles.MEMBER if signed_in is True else signed_in)
    else:
        client = Client(HTTP_SEC_FETCH_SITE="same-origin")
    first = getattr(client, method)(url(site), data)
    assert first.status_code != 429
    assert first.status_code < 500
    second = getattr(client, method)(url(site), data)
    if name in OWN_PAGE:
        assert second.status_code == 429 and int(second["Retry-After"]) > 0
        assert OWN_PAGE[name] in second.content.decode()
    else:
        assert_dutch_429(second)


def test_a_limit_is_per_person(site, settings):
    settings.RATE_LIMITS = {"search": "1/h"}
    Client(REMOTE_ADDR="10.0.0.1").get("/zoeken/", {"q": "lezen"})
    assert Client(REMOTE_ADDR="10.0.0.2").get("/zoeken/", {"q": "lezen"}).status_code == 200
    assert Client(REMOTE_ADDR="10.0.0.1").get("/zoeken/", {"q": "lezen"}).status_code == 429


def test_a_limit_can_be_switched_off(site, settings):
    settings.RATE_LIMITS = {"search": ""}
    for _ in range(3):
        assert Client().get("/zoeken/", {"q": "lezen"}).status_code == 200


def test_the_defaults_are_sensible():
    for name in ratelimit.DEFAULT_LIMITS:
        count, seconds = ratelimit.limit_for(name)
        assert count >= 3 and 60 <= seconds <= 86400, name
    with pytest.raises(KeyError):
        ratelimit.limit_for("geen-limiet")


def test_parse_rate():
    assert ratelimit.parse_rate("10/h") == (10, 3600)
    assert ratelimit.parse_rate("30/10m") == (30, 600)
    assert ratelimit.parse_rate("") is None


def test_two_workers_share_the_count(tmp_path):
    """Two cache clients on the same store, as two gunicorn workers have: the diskcache of the
    default settings (a SQLite file), each worker its own connection."""
    from diskcache import DjangoCache

    params = {"SHARDS": 2, "DATABASE_TIMEOUT": 0.25}
    worker_a = DjangoCache(str(tmp_path), params)
    worker_b = DjangoCache(str(tmp_path), params)
    assert worker_a is not worker_b
    counts = [
        ratelimit.over_limit("ratelimit:test:ip:1", 3, 60, using=worker)
        for worker in (worker_a, worker_b, worker_a, worker_b)
    ]
    assert counts == [False, False, False, True]
    worker_a.close()
    worker_b.close()


def test_a_cache_that_is_down_lets_the_form_through(site):
    class Broken:
        def add(self, *args, **kwargs):
            raise ConnectionError("cache down")

    assert ratelimit.over_limit("ratelimit:x", 1, 60, using=Broken()) is False


@override_settings(RATE_LIMITS={"search": "1/h"})
def test_the_429_page_is_never_cached(site):
    client = Client()
    client.get("/zoeken/", {"q": "lezen"})
    response = client.get("/zoeken/", {"q": "lezen"})
    assert response.status_code == 429 and "no-store" in response["Cache-Control"]
