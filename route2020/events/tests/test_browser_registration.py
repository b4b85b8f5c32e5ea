"""A visitor registers with the keyboard only; the event pages pass axe-core (WCAG 2.2 AA)."""

import pytest
from django.db import connections

from tests.browser.axe import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_page(browser, live_server, settings):
    settings.PAGE_CACHE_ENABLED = False
    context = browser.new_context(base_url=live_server.url)
    yield context.new_page()
    context.close()
    # ORM calls made while Playwright's loop runs get their own connection; close it, or
    # PostgreSQL refuses to drop the test database.
    connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_visitor_registers_with_keyboard_only(browser_page, make_event, mailoutbox):
    from route2020.events.models import Registration

    event = make_event(
        title="PleisterPlaatsOntmoeting Drenthe",
        capacity=20,
        sessions=[
            ("Taalhuis", 1, 1, 10),
            ("Makerspace", 1, 1, 10),
            ("Wat niet werkte", 3, 1, None),
        ],
    )
    page = browser_page
    page.goto("/bijeenkomsten/")
    assert axe_violations(page) == []
    page.goto(event.url)
    assert axe_violations(page) == []
    page.focus("#id_name")
    page.keyboard.type("Vera Bezoeker")
    page.keyboard.press("Tab")
    page.keyboard.type("vera@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Gemeente Assen")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # Taalhuis
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # Makerspace, at the same time
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "zijn tegelijk" in page.content()
    assert page.input_value("#id_name") == "Vera Bezoeker"
    assert axe_violations(page) == []
    page.uncheck("#id_sessions_1")
    page.focus("button[type=submit] >> text=Aanmelden")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "we hebben je een mail gestuurd" in page.content()
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.PENDING
    assert [session.title for session in registration.sessions.all()] == ["Taalhuis"]


@pytest.fixture
def cached_page(browser, live_server, settings):
    """Chromium with the page cache on, as an anonymous visitor meets the site."""
    settings.PAGE_CACHE_ENABLED = True
    context = browser.new_context(base_url=live_server.url)
    yield context.new_page()
    context.close()
    connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_visitor_registers_on_the_cached_event_page(cached_page, make_event, mailoutbox):
    """The page comes from the page cache without a token; the script fetches it."""
    from playwright.sync_api import expect

    from route2020.events.models import Registration

    event = make_event(title="Netwerkdag Overijssel", capacity=20)
    page = cached_page
    page.goto(event.url)
    response = page.goto(event.url)
    assert response.headers["x-page-cache"] == "hit"
    # Polled by Playwright's own matcher: the page's CSP forbids evaluating a string.
    expect(page.locator("input[data-csrf-token]")).not_to_have_value("", timeout=10_000)
    page.fill("#id_name", "Vera Bezoeker")
    page.fill("#id_email", "vera@example.org")
    with page.expect_navigation():
        page.click("button[type=submit] >> text=Aanmelden")
    assert "we hebben je een mail gestuurd" in page.content()
    assert Registration.objects.get().email == "vera@example.org"


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_form_asks_once_more(browser, live_server, settings, make_event):
    from route2020.events.models import Registration

    settings.PAGE_CACHE_ENABLED = True
    event = make_event(title="Netwerkdag Twente", capacity=20)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(event.url)
        assert page.goto(event.url).headers["x-page-cache"] == "hit"
        page.fill("#id_name", "Vera Bezoeker")
        page.fill("#id_email", "vera@example.org")
        with page.expect_navigation():
            page.click("button[type=submit] >> text=Aanmelden")
        assert "nog niet verstuurd" in page.content()
        assert page.input_value("#id_name") == "Vera Bezoeker"
        assert not Registration.objects.exists()
        with page.expect_navigation():
            page.click("button[type=submit] >> text=Aanmelden")
        assert "we hebben je een mail gestuurd" in page.content()
        assert Registration.objects.get().name == "Vera Bezoeker"
    finally:
        context.close()
        connections.close_all()
