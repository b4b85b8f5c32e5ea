"""The privacy statement in Chromium: axe finds nothing, and it asks no other host."""

from urllib.parse import urlsplit

import pytest

from .axe import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_privacy_statement_is_accessible(page, live_server):
    from route2020.consent.statement import load_privacy_statement
    from route2020.demo.content.core import home_page

    load_privacy_statement(home_page())
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto("/privacy/")
        assert page.locator("h1").inner_text() == "Privacyverklaring"
        assert axe_violations(page) == []
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
    assert page.requested_hosts == {urlsplit(live_server.url).netloc}
