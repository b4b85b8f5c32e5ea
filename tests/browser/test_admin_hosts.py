"""In Chromium, the CMS's pages (the list of users with their avatars included) send no request
to another host (issue 11, finding 7)."""

from urllib.parse import urlsplit

import pytest
from django.db import connections
from django.test import Client

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor_page(browser, live_server, seeded, make_user):
    editor = make_user(role="Redactie", is_superuser=True, email="redacteur@example.org")
    make_user(role="Redactie", email="collega@example.org", first_name="Cor", last_name="Collega")
    client = Client()
    client.force_login(editor)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    host = urlsplit(live_server.url).hostname
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "domain": host, "path": "/"}])
    page = context.new_page()
    page.requested_hosts = set()
    page.on("request", lambda request: page.requested_hosts.add(urlsplit(request.url).netloc))
    yield page
    context.close()
    connections.close_all()


def test_cms_pages_request_no_other_host(editor_page, live_server):
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page
    own = urlsplit(live_server.url).netloc
    for path in ("/beheer/", "/beheer/users/", f"/beheer/pages/{home.pk}/edit/", "/beheer/images/"):
        editor_page.goto(path)
        editor_page.wait_for_load_state("networkidle")
        assert editor_page.requested_hosts == {own}, path
    editor_page.goto("/beheer/users/")
    assert editor_page.get_by_text("Cor Collega").first.is_visible()
    avatar = editor_page.locator("img.avatar, .avatar img").first
    assert urlsplit(avatar.get_attribute("src")).netloc in ("", own)
