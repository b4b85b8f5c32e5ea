"""Fixtures every app's tests share: a site with a home page, organisations and people."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Marks the browser tests, and groups what must not run side by side.

    Under pytest-xdist (`--dist loadgroup`, see `make test`) each worker has its own test
    database and cache (route2020/settings/test.py). What the workers would share runs on one
    worker per group: the browser tests (one Chromium), and the tests that empty the Redis
    database the task workers and gunicorn use (`redis` marker, or the `task_queue` fixture).
    First among the hooks: xdist reads the groups in its own."""
    for item in items:
        if "tests/browser/" in item.path.as_posix():
            item.add_marker(pytest.mark.browser)
        if item.get_closest_marker("xdist_group"):
            continue
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))
        elif item.get_closest_marker("redis") or "task_queue" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group("redis"))
            # `make test` runs these in a second pytest call without xdist: the RQ worker-kill
            # tests time out under an xdist worker (the job is not taken from the queue) while
            # they pass in a plain process; the cause is not found yet.
            item.add_marker(pytest.mark.redis)


@pytest.fixture(autouse=True, scope="session")
def _flush_by_delete():
    """After every transactional test (browser tests, the parallel ones) Django empties the
    tables; on PostgreSQL with one TRUNCATE of all ~150 tables, which makes new files for each
    table and index: 1-4 s a test on a busy machine. Their few rows are deleted in a fraction
    of that, in any order: the foreign keys are deferred to the flush's commit."""
    from django.db import connection

    if connection.vendor != "postgresql":
        yield
        return
    operations = type(connection.ops)
    truncate = operations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if not tables or reset_sequences or allow_cascade:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        delete = style.SQL_KEYWORD("DELETE FROM")
        return ["SET CONSTRAINTS ALL DEFERRED;"] + [
            f"{delete} {style.SQL_FIELD(self.quote_name(table))};" for table in tables
        ]

    operations.sql_flush = sql_flush
    yield
    operations.sql_flush = truncate


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache, so the page cache never leaks between tests."""
    from django.core.cache import cache

    from route2020.core import cache as page_cache
    from route2020.core import fragments, signed_in
    from route2020.stats import buffer

    cache.clear()
    page_cache.forget_pages()
    fragments.clear()
    signed_in.clear()
    buffer.pending.discard()  # the statistics' counts this process has not drained yet
    yield
    cache.clear()
    page_cache.forget_pages()
    fragments.clear()
    signed_in.clear()
    buffer.pending.discard()


@pytest.fixture
def load_once(db):
    """`load_once(key, load)`: the database as `load()` leaves it, loaded by the first test of
    the process that asks for `key` and restored from a copy of its rows for the next ones
    (tests/snapshot.py). For content that takes seconds to load: the seed, the demo."""
    from tests.snapshot import load_once

    return load_once


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language: a request under /en/ leaves English
    active in the thread (LocaleMiddleware does not reset it), which would make the next
    test's `page.url` and rendering English."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def home(db):
    """A published home page as the root of the default site (what a fresh install has)."""
    from route2020.core.tests.factories import make_home

    return make_home()


@pytest.fixture
def without_workflow(db):
    """A site without the approval workflow, for tests of the office's screens that publish
    at once; with it, an editor's page goes live through approval (core/tests/test_roles.py)."""
    from wagtail.models import WorkflowPage

    WorkflowPage.objects.all().delete()


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
