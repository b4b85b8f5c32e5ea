"""The demo as a librarian reads it (issue 13.7, 13.8): parels credited to the library of the
place they are about, generated practices in grammatical Dutch with plausible audiences in
towns of their library's province, events each with their own text, amounts and periods in
full, pilots updated no earlier than their logbook, news without a doubled lead and with
links that go somewhere, and a Reisflits of November 2017 about November 2017."""

import io
import re

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from route2020.demo import generate_practices as generate
from route2020.demo.libraries import TOWNS
from route2020.demo.loader import load
from route2020.demo.parels import PARELS
from route2020.events.models import EventPage
from route2020.groups.models import GroupPage
from route2020.news.models import NewsItemPage
from route2020.newsletter.models import NewsletterIssuePage, Subscriber
from route2020.practices.models import LogbookEntry, PracticePage

pytestmark = pytest.mark.django_db

# Where each parel happens: the town of the library it is credited to.
PAREL_TOWNS = {
    "Taalhuis Zwolle: van loket naar netwerk": {"Zwolle"},
    "De Bibliotheek op school in heel Twente": {"Enschede", "Hengelo", "Almelo", "Oldenzaal"},
    "Kulturhus Borne: bibliotheek, muziekschool en welzijn onder één dak": {"Borne", "Hengelo"},
}


@pytest.fixture
def demo(home, load_once):
    return load_once("demo", lambda: load(io.StringIO()))


def test_the_demo_reads_as_a_librarian_expects(demo, client):
    parels = {page.title: page for page in PracticePage.objects.filter(is_parel=True)}
    assert set(parels) == {parel["title"] for parel in PARELS}
    for title, towns in PAREL_TOWNS.items():
        assert parels[title].organisation.municipality in towns, title
    for page in parels.values():
        assert page.end_date and page.end_date > page.start_date, page.title

    allowed = {name for name, _text, audiences, _counted in generate.ACTIVITIES if not audiences}
    allowed |= {
        f"{name} voor {audience}"
        for name, _text, audiences, _counted in generate.ACTIVITIES
        for audience in audiences
    }
    # The generator's own (a member's submission has its own title).
    generated = PracticePage.objects.filter(contact_email__startswith="contact").select_related(
        "organisation__province"
    )
    assert generated.count() >= 150
    for page in generated:
        activity, town = page.title.rsplit(" in ", 1)
        assert activity in allowed, page.title
        organisation = page.organisation
        assert town == organisation.municipality or town in {
            name for name, *_ in TOWNS[organisation.province.code]
        }, (page.title, organisation)
        assert not page.summary.startswith("In "), page.summary
        assert "{" not in page.summary and "voor peuters" not in page.title

    for pilot in PracticePage.objects.filter(kind="proeftuin"):
        last = LogbookEntry.objects.filter(practice=pilot).order_by("-date").first()
        if last:
            assert pilot.last_published_at.date() >= last.date, pilot.title

    events = list(EventPage.objects.all())
    bodies = [str(event.body) for event in events]
    intros = [event.intro for event in events]
    assert len(set(bodies)) == len(bodies)
    assert len(set(intros)) == len(intros)
    # An event of years ago has its report, not "Het verslag volgt."
    assert all(str(event.report) for event in events if event.start.year < 2020)

    intros = set(GroupPage.objects.values_list("intro", flat=True))
    assert len(intros) == GroupPage.objects.count() == 3

    for item in NewsItemPage.objects.all():
        assert not str(item.body).startswith(f"<p>{item.intro}"), item.title
    reis = client.get(NewsItemPage.objects.get(title="Ga mee op reis: eerste acties").url)
    assert re.search(r'href="/document(en|s)/\d+/ledenbrief[^"]*\.pdf"', reis.content.decode())
    verkenning = client.get(NewsItemPage.objects.get(title="Verkenning door regiogidsen").url)
    assert re.search(
        r'<a href="/[^"]+">Lees meer over de verkenning</a>', verkenning.content.decode()
    )

    issue = NewsletterIssuePage.objects.get(slug="reisflits-november-2017")
    events = [entry for entry in issue.entries if entry["kind"] == "event"]
    assert [entry["title"] for entry in events] == ["Delen maakt je rijker: 100% bibliotheken"]
    assert {entry["kind"] for entry in issue.entries} == {"news", "practice", "event"}
    assert "u " not in issue.introduction and " je " in issue.introduction
    assert set(Subscriber.objects.values_list("language", flat=True)) == {"nl", "en"}

    taalhuis = client.get(parels["Taalhuis Zwolle: van loket naar netwerk"].url)
    html = taalhuis.content.decode()
    assert "€\u00a060.000" in html
    assert "12 januari 2015 – 30 juni 2017" in html
    footer = client.get("/toegankelijkheid/").content.decode()
    assert settings.CONTACT_EMAIL in footer
    assert "onderaan de pagina" not in footer
    assert "Ga je daarmee akkoord?" in footer and "Gaat u" not in footer


@pytest.mark.parametrize(
    "language, amount, shown",
    [("nl", 1500, "€\u00a01.500"), ("en", 1500, "€\u00a01,500"), ("nl", 0, "€\u00a00")],
)
def test_amounts_have_a_thousands_separator(language, amount, shown):
    with translation.override(language):
        text = Template("{% load money %}{{ amount|euros }}").render(Context({"amount": amount}))
    assert text == shown
