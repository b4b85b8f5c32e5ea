"""An editor finds and adds the practices a session presents, also in a session added with
"Sessie toevoegen", and saves them."""

import pytest
from django.db import connections

from route2020.core.tests.factories import PASSWORD
from route2020.events.models import EventPage

pytestmark = pytest.mark.browser


@pytest.fixture
def editor_page(browser, live_server, settings, make_user):
    settings.PAGE_CACHE_ENABLED = False
    editor = make_user(role="Redactie")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # /beheer/login/ leads to the site's one sign-in page (issue 11, finding 2).
    page.goto("/beheer/login/")
    page.fill("#id_login", editor.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.press("#id_password", "Enter")
    yield page
    context.close()
    connections.close_all()


def add_practice(page, prefix, query, title):
    page.fill(f"#id_{prefix}-practices", query)
    page.click(f"button:has-text('Toevoegen: {title}')")
    return page.locator(f"input[name='{prefix}-practices']:checked")


@pytest.mark.django_db(transaction=True)
def test_editor_searches_and_adds_practices(editor_page, make_event, make_practices):
    event = make_event(title="Deel je rijk", sessions=[("Parel", 1, 1, None)])
    taalhuis, voorlezen = make_practices("Taalhuis Assen", "Voorleesontbijt Ede")
    # A transactional test before this one (xdist mixes modules) flushed the tree and with it
    # the redactie's page permissions, which migrate would have set: set them again.
    from route2020.core.roles import ensure_roles

    ensure_roles()
    page = editor_page
    page.goto(f"/beheer/pages/{event.pk}/edit/#tab-programma")
    page.click("#id_sessions-ADD")
    added = add_practice(page, "sessions-1", "taal", "Taalhuis Assen")
    assert added.evaluate_all("inputs => inputs.map(input => input.value)") == [str(taalhuis.pk)]
    chosen = add_practice(page, "sessions-0", "voorlees", "Voorleesontbijt Ede")
    assert chosen.count() == 1
    page.click("#id_sessions-1-DELETE-button")
    with page.expect_navigation():
        page.click("button.action-save")
    # A draft: the chosen practices are in the latest revision.
    revision = EventPage.objects.get(pk=event.pk).get_latest_revision_as_object()
    (session,) = revision.sessions.all()
    assert [page.pk for page in session.practices.all()] == [voorlezen.pk]
