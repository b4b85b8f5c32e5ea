"""Each engine is chosen by an environment variable; the defaults need nothing but Python."""

import runpy
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

VARIABLES = (
    "REDIS_URL",
    "SESSION_STORE",
    "TASK_BACKEND",
    "TASK_REDIS_URL",
    "SEARCH_BACKEND",
    "OPENSEARCH_URL",
    "OPENSEARCH_BACKEND",
    "DATABASE_REPLICA_URLS",
    "S3_BUCKET",
    "S3_ENDPOINT_URL",
    "S3_STATIC",
    "LOG_FORMAT",
)


def load(monkeypatch, module="route2020.settings.base", **environment):
    """The settings module as a fresh import would make it with this environment."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delitem(sys.modules, "route2020.settings.base", raising=False)
    return runpy.run_module(module)


def test_defaults_are_local_engines(monkeypatch):
    settings = load(monkeypatch)
    assert settings["CACHES"]["default"]["BACKEND"] == (
        "route2020.core.embedded_cache.EmbeddedCache"
    )
    # Read from the embedded cache, written through to the database.
    assert settings["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    assert settings["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert settings["WAGTAILSEARCH_BACKENDS"]["default"]["BACKEND"] == (
        "wagtail.search.backends.database"
    )
    assert settings["STORAGES"]["default"]["BACKEND"] == (
        "django.core.files.storage.FileSystemStorage"
    )
    assert list(settings["DATABASES"]) == ["default"]
    assert settings["DATABASE_ROUTERS"] == []


def test_redis_holds_the_cache_and_the_sessions(monkeypatch):
    settings = load(monkeypatch, REDIS_URL="redis://cache.internal:6379/1")
    assert settings["CACHES"]["default"]["BACKEND"] == (
        "django.core.cache.backends.redis.RedisCache"
    )
    assert settings["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/1"
    assert settings["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    only_redis = load(monkeypatch, REDIS_URL="redis://cache.internal:6379/1", SESSION_STORE="cache")
    assert only_redis["SESSION_ENGINE"] == "django.contrib.sessions.backends.cache"


def test_the_task_queue_on_rq(monkeypatch):
    settings = load(
        monkeypatch,
        TASK_BACKEND="rq",
        REDIS_URL="redis://cache.internal:6379/1",
        TASK_REDIS_URL="redis://queue.internal:6379/0",
    )
    assert settings["TASKS"]["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
    assert settings["RQ_QUEUES"]["default"]["URL"] == "redis://queue.internal:6379/0"
    assert "django_rq" in settings["INSTALLED_APPS"]
    with pytest.raises(ImproperlyConfigured):
        load(monkeypatch, TASK_BACKEND="rq")


def test_search_on_opensearch(monkeypatch):
    settings = load(
        monkeypatch,
        SEARCH_BACKEND="opensearch",
        OPENSEARCH_URL="https://zoek:geheim@search.internal:9200",
    )
    config = dict(settings["WAGTAILSEARCH_BACKENDS"]["default"])
    assert config["BACKEND"] == "wagtail.search.backends.opensearch3"
    assert config["URLS"] == ["https://zoek:geheim@search.internal:9200"]
    # Wagtail builds the client from this without contacting the server.
    backend = import_string(config.pop("BACKEND") + ".SearchBackend")(config)
    assert backend.index_prefix == "route2020_"
    assert backend.hosts[0]["host"] == "search.internal"
    assert backend.hosts[0]["use_ssl"] is True
    assert backend.settings["settings"]["analysis"]["analyzer"]["default"] == {"type": "dutch"}
    with pytest.raises(ImproperlyConfigured):
        load(monkeypatch, SEARCH_BACKEND="solr")


def test_read_replicas(monkeypatch):
    settings = load(
        monkeypatch,
        DATABASE_URL="postgres://route2020@primary.internal/route2020",
        DATABASE_REPLICA_URLS=(
            "postgres://route2020@replica-a.internal/route2020,"
            "postgres://route2020@replica-b.internal/route2020"
        ),
    )
    assert settings["DATABASE_REPLICAS"] == ["replica1", "replica2"]
    assert settings["DATABASES"]["replica2"]["HOST"] == "replica-b.internal"
    assert settings["DATABASES"]["replica1"]["TEST"] == {"MIRROR": "default"}
    assert settings["DATABASE_ROUTERS"] == ["route2020.operations.routers.ReplicaRouter"]
    assert "route2020.operations.middleware.PrimaryAfterWriteMiddleware" in settings["MIDDLEWARE"]


def test_uploads_and_static_files_on_object_storage(monkeypatch):
    settings = load(
        monkeypatch,
        S3_BUCKET="route2020-bestanden",
        S3_ENDPOINT_URL="https://s3.example.nl",
        S3_STATIC="1",
    )
    media = settings["STORAGES"]["default"]
    assert media["BACKEND"] == "storages.backends.s3.S3Storage"
    assert settings["STORAGES"]["staticfiles"]["BACKEND"] == (
        "storages.backends.s3.S3ManifestStaticStorage"
    )
    assert settings["WAGTAILDOCS_SERVE_METHOD"] == "serve_view"
    # django-storages builds its client lazily: no request is made here.
    storage = import_string(media["BACKEND"])(**media["OPTIONS"])
    url = storage.url("images/logo.png")
    assert url.startswith("https://s3.example.nl/route2020-bestanden/media/images/logo.png")
    assert "Signature" not in url
    local = load(monkeypatch)
    assert local["STORAGES"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
