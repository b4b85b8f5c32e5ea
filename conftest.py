"""Fixtures every app's tests share: a site with a home page, organisations and people."""

import pytest


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
