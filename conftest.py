"""Fixtures every app's tests share: a site with a home page, organisations and people."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache, so the page cache never leaks between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    """A published home page as the root of the default site (what a fresh install has)."""
    from route2020.core.tests.factories import make_home

    return make_home()


@pytest.fixture
def make_organisation(db):
    from route2020.core.tests.factories import make_organisation

    return make_organisation


@pytest.fixture
def make_user(db):
    from route2020.core.tests.factories import make_user

    return make_user


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright, one for the whole run; skips without it."""
    # Playwright's sync API runs an event loop; Django must allow ORM calls beside it.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = CHROMIUM if Path(CHROMIUM).exists() else None
    if executable is None and not shutil.which("chromium"):
        pytest.skip("Chromium ontbreekt: installeer Debian's pakket chromium")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
