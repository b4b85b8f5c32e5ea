"""The production settings start under gunicorn against PostgreSQL and Redis, serve pages
with the security headers, and two app servers on one database never overbook an event."""

import json
import re
import threading
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.utils import timezone

from route2020.operations.tests.servers import Gunicorn, production_environment, request

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def site(home, make_organisation):
    from route2020.practices.models import PracticeIndexPage, PracticePage

    index = PracticeIndexPage(title="Praktijkvoorbeelden", slug="praktijkvoorbeelden")
    home.add_child(instance=index)
    index.save_revision().publish()
    practice = PracticePage(
        title="Voorleesontbijt",
        slug="voorleesontbijt",
        summary="Ouders en peuters ontbijten in de bibliotheek en lezen samen voor.",
        status="afgerond",
        kind="praktijkvoorbeeld",
        organisation=make_organisation(),
    )
    index.add_child(instance=practice)
    practice.save_revision().publish()
    return practice


def security_headers_hold(headers):
    """The headers every page has. The set grows as the platform is hardened: a header that
    another part adds (a Content-Security-Policy) is checked as soon as it is sent."""
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"])
    policy = headers.get("Content-Security-Policy")
    if policy is not None:
        script_src = re.search(r"script-src([^;]*)", policy)
        sources = script_src.group(1) if script_src else policy
        assert "'unsafe-inline'" not in sources
        assert "'unsafe-eval'" not in sources


def test_production_serves_pages_with_the_security_headers(site, tmp_path):
    env = production_environment(tmp_path)
    # (path, what the body holds); /api/v1/ is checked once it exists.
    pages = [
        ("/", "Route 2020"),
        (site.url, "Voorleesontbijt"),
        ("/praktijkvoorbeelden/", "Voorleesontbijt"),
    ]
    optional = ["/api/v1/"]
    with Gunicorn(env, tmp_path / "gunicorn.log") as server:
        for path, text in pages:
            status, headers, body = request(server.port, "GET", path)
            assert status == 200, (path, body[:500])
            assert text in body.decode()
            security_headers_hold(headers)
        for path in optional:
            status, headers, body = request(server.port, "GET", path)
            if status != 404:
                assert status == 200, (path, body[:500])
                security_headers_hold(headers)

        status, headers, body = request(server.port, "GET", "/gezondheid/")
        assert status == 200
        health = json.loads(body)
        assert health["status"] == "ok"
        assert health["checks"]["cache"]["status"] == "ok"  # Redis
        assert "no-store" in headers["Cache-Control"]

        # Plain HTTP (no proxy header) is sent to HTTPS.
        status, headers, _ = request(server.port, "GET", "/", headers={"X-Forwarded-Proto": ""})
        assert status == 301 and headers["Location"].startswith("https://route2020.test/")
        # A second anonymous view comes from the page cache in Redis.
        assert request(server.port, "GET", "/")[1]["X-Page-Cache"] == "hit"
    log = server.log()
    assert "Traceback" not in log
    access = [json.loads(line) for line in log.splitlines() if '"gunicorn.access"' in line]
    assert access and all(entry["request_id"] for entry in access)


CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def post_form(port, path):
    """GET the form for its CSRF token and cookie, then POST it, as a browser does."""
    status, headers, body = request(port, "GET", path)
    assert status == 200, (status, body[:300])
    token = CSRF.search(body).group(1).decode()
    cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    return request(
        port,
        "POST",
        path,
        body=urlencode({"csrfmiddlewaretoken": token}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            "Referer": f"https://route2020.test{path}",
        },
    )[0]


def test_two_app_servers_confirming_at_once_never_overbook(home, tmp_path, settings):
    """Visitors confirm their registration through two app servers at the same moment:
    exactly `capacity` get a place, the rest the waitlist."""
    from route2020.events.models import EventIndexPage, EventPage, Registration

    index = EventIndexPage(title="Bijeenkomsten", slug="bijeenkomsten")
    home.add_child(instance=index)
    index.save_revision().publish()
    start = timezone.now() + timedelta(days=7)
    event = EventPage(
        title="Deel je rijk",
        slug="deel-je-rijk",
        start=start,
        end=start + timedelta(hours=3),
        venue_name="Cultura",
        capacity=5,
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    registrations = [
        Registration.objects.create(
            event=event,
            name=f"Bezoeker {number}",
            email=f"bezoeker{number}@bieb.example",
            status=Registration.Status.PENDING,
        )
        for number in range(24)
    ]
    env = production_environment(tmp_path)
    settings.SECRET_KEY = env["SECRET_KEY"]  # the personal links are signed with it
    with (
        Gunicorn(env, tmp_path / "a.log") as first,
        Gunicorn(env, tmp_path / "b.log") as second,
    ):
        ports = [first.port, second.port]
        answers = []
        barrier = threading.Barrier(len(registrations))

        def confirm(number, registration):
            path = registration.get_personal_url() + "bevestigen/"
            barrier.wait(timeout=60)
            answers.append(post_form(ports[number % 2], path))

        threads = [threading.Thread(target=confirm, args=pair) for pair in enumerate(registrations)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    assert answers == [302] * len(registrations)
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(Registration.Status.CONFIRMED) == 5
    assert statuses.count(Registration.Status.WAITLISTED) == 19
