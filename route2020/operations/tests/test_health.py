"""/gezondheid/: the state of the database, the cache and the task queue, for a load balancer."""

import json
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone


def health(client, path="/gezondheid/", **extra):
    response = client.get(path, **extra)
    return response, json.loads(response.content)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/gezondheid/", "/health/"])
def test_everything_up_answers_200_with_each_state(client, path):
    response, body = health(client, path)
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "cache": "ok",
        "tasks": "ok",
    }
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Request-ID"]


@pytest.mark.django_db
def test_it_answers_a_load_balancer_asking_by_address_over_http(client, settings):
    """Before the host check and the HTTPS redirect: a balancer asks each server directly."""
    settings.ALLOWED_HOSTS = ["route2020.example.nl"]
    settings.SECURE_SSL_REDIRECT = True
    response, body = health(client, HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert body["status"] == "ok"


@pytest.mark.django_db
def test_it_is_never_stored_in_the_page_cache(client):
    health(client)
    response, _ = health(client)
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_a_database_that_cannot_be_reached_answers_503(client, monkeypatch):
    from route2020.operations import health as module

    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(module, "check_database", lambda alias: unreachable)
    response, body = health(client)
    assert response.status_code == 503
    assert body["status"] == "down"
    assert body["checks"]["database"]["status"] == "down"
    assert body["checks"]["cache"]["status"] == "ok"


@pytest.mark.django_db
def test_a_cache_that_cannot_be_reached_answers_503(client, monkeypatch):
    from django.core.cache import cache

    def refuse(*args, **kwargs):
        raise ConnectionError("Redis weg")

    monkeypatch.setattr(cache, "set", refuse)
    response, body = health(client)
    assert response.status_code == 503
    assert body["checks"]["cache"]["status"] == "down"


@pytest.mark.django_db
def test_waiting_tasks_without_a_live_worker_are_degraded_not_down(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    from route2020.practices.listing_cache import warm_listing

    result = warm_listing.enqueue(1)
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=10)
    )
    response, body = health(client)
    assert response.status_code == 200
    tasks = body["checks"]["tasks"]
    assert tasks["status"] == "degraded"
    assert (tasks["backend"], tasks["waiting"], tasks["workers"]) == ("database", 1, 0)
    assert tasks["oldest_waiting_seconds"] >= 600


@pytest.mark.django_db
def test_it_tells_no_names_addresses_or_secrets(client, settings):
    response, _ = health(client)
    text = response.content.decode()
    database = settings.DATABASES["default"]
    for secret in (database["NAME"], database.get("HOST"), database.get("PASSWORD")):
        if secret:
            assert str(secret) not in text
    assert settings.SECRET_KEY not in text


@pytest.mark.redis
@pytest.mark.django_db
def test_the_rq_queue_is_reported_from_redis(client, settings):
    from route2020.operations.tests.killing import REDIS_URL, redis_client

    redis = redis_client()
    if redis is None:
        pytest.skip(f"geen Redis op {REDIS_URL}")
    redis.flushdb()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    from route2020.practices.listing_cache import warm_listing

    warm_listing.enqueue(1)
    try:
        response, body = health(client)
    finally:
        redis.flushdb()
    assert response.status_code == 200
    tasks = body["checks"]["tasks"]
    assert (tasks["status"], tasks["backend"], tasks["waiting"], tasks["workers"]) == (
        "ok",
        "rq",
        1,
        0,
    )
    assert tasks["oldest_waiting_seconds"] is not None
