"""A little of everything the API shows, and some things it must never show."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

SECRET_EMAIL = "geheim-contact@bieb.example"


@pytest.fixture
def open_data(home, make_organisation, make_user):
    from route2020.core.pages import child
    from route2020.events.models import EventIndexPage, EventPage, Session
    from route2020.news.models import NewsIndexPage, NewsItemPage
    from route2020.newsletter.models import Dispatch, NewsletterIndexPage, NewsletterIssuePage
    from route2020.practices import services
    from route2020.practices.models import (
        LogbookEntry,
        PracticeIndexPage,
        PracticePage,
        PracticePartner,
        PracticeStep,
    )
    from route2020.themes.models import ThemeIndexPage, ThemePage

    theme_index = child(home, ThemeIndexPage, "themas", title="Thema's")
    themes = [
        child(theme_index, ThemePage, f"thema-{number}", title=f"Thema {number}", number=number)
        for number in (1, 2)
    ]
    library = make_organisation(name="Bibliotheek Zwolle", province_code="PV23")
    other = make_organisation(name="Bibliotheek Assen", province_code="PV22")
    practice_index = child(home, PracticeIndexPage, "praktijkvoorbeelden", title="Voorbeelden")

    def practice(slug, publish=True, **fields):
        page = PracticePage(
            title=fields.pop("title", slug.capitalize()),
            slug=slug,
            summary="Samen lezen in de bibliotheek.",
            status=fields.pop("status", "afgerond"),
            organisation=fields.pop("organisation", library),
            contact_name="Anna Geheim",
            contact_email=SECRET_EMAIL,
            contact_phone="06-12345678",
            live=publish,
            **fields,
        )
        page.themes = [themes[0]]
        page.steps = [PracticeStep(title="Scholen benaderen", description="Bel de directeur.")]
        page.partners = [PracticePartner(partner_type="onderwijs", name="De Vlinder")]
        practice_index.add_child(instance=page)
        if publish:
            page.save_revision().publish()
        return PracticePage.objects.get(pk=page.pk)

    taalcafe = practice("taalcafe", title="Taalcafé", what_did_not_work="Te weinig publiek.")
    pilot = practice("makerspace", kind="proeftuin", status="lopend", phase="uitvoering")
    LogbookEntry.objects.create(practice=pilot, text="De printer is er.")
    draft = practice("concept", publish=False, title="Nog geheim concept")
    services.adoption_create(
        practice=taalcafe, user=make_user(organisation=other), how_it_went="Goed gegaan."
    )

    event_index = child(home, EventIndexPage, "bijeenkomsten", title="Bijeenkomsten")
    start = timezone.now() + datetime.timedelta(days=10)
    event = EventPage(
        title="Deel je rijk",
        slug="deel-je-rijk",
        start=start,
        end=start + datetime.timedelta(hours=4),
        venue_name="Cultura",
        organiser=library,
    )
    event.sessions.add(
        Session(
            title="Parel: taalcafé",
            kind="parel",
            start=start,
            end=start + datetime.timedelta(hours=1),
        )
    )
    event_index.add_child(instance=event)
    event.save_revision().publish()
    session = event.sessions.get()
    session.practices.set([taalcafe, draft])
    session.save()

    news_index = child(home, NewsIndexPage, "nieuws", title="Nieuws")
    news = child(
        news_index,
        NewsItemPage,
        "route-2020-gaat-door",
        title="Route 2020 gaat door",
        date=datetime.date(2017, 11, 20),
    )

    newsletter_index = child(home, NewsletterIndexPage, "reisflitsen", title="Reisflitsen")
    sent = child(newsletter_index, NewsletterIssuePage, "reisflits-1", title="Reisflits 1")
    Dispatch.objects.create(issue=sent, status=Dispatch.Status.SENT, started_at=timezone.now())
    unsent = child(newsletter_index, NewsletterIssuePage, "reisflits-2", title="Nog niet verstuurd")
    return SimpleNamespace(
        themes=themes,
        library=library,
        practices=[taalcafe, pilot],
        draft=draft,
        event=event,
        news=news,
        issue=sent,
        unsent=unsent,
    )
