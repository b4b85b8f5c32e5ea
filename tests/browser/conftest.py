"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

from urllib.parse import urlsplit

import pytest


@pytest.fixture
def seeded(settings, load_once):
    """The seed's real content, committed so the live server's thread sees it (loaded once
    per process, then restored: the root conftest's `load_once`)."""
    import io

    from route2020.demo.loader import load

    settings.PAGE_CACHE_ENABLED = False
    load_once("seed", lambda: load(io.StringIO(), seed_only=True))


@pytest.fixture
def page(browser, live_server, seeded):
    """A fresh page that records every host it sends a request to."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requested_hosts = set()
    page.on("request", lambda request: page.requested_hosts.add(urlsplit(request.url).netloc))
    yield page
    context.close()
