"""With read replicas, reads go to a replica and writes to the primary; a request that
writes, and the same browser just after, read from the primary."""

import contextvars

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from route2020.core.models import Organisation
from route2020.operations import routers
from route2020.operations.middleware import PRIMARY_COOKIE, PrimaryAfterWriteMiddleware


@pytest.fixture
def replicas(settings):
    settings.DATABASE_REPLICAS = ["replica1"]
    settings.DATABASE_ROUTERS = ["route2020.operations.routers.ReplicaRouter"]


def fresh(function):
    """In a context of its own, as a new request or task starts."""
    return contextvars.copy_context().run(function)


def test_reads_go_to_the_replica_and_writes_to_the_primary(replicas):
    def run():
        assert Organisation.objects.all().db == "replica1"
        assert Organisation.objects.select_for_update().db == "default"
        assert Organisation.objects.db_manager().get_queryset()._db is None
        assert routers.ReplicaRouter().db_for_write(Organisation) == "default"
        # Whatever this request or task reads after a write, it reads from the primary.
        assert Organisation.objects.all().db == "default"

    fresh(run)


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_go_to_the_primary(replicas):
    def run():
        with transaction.atomic():
            assert Organisation.objects.all().db == "default"
        assert Organisation.objects.all().db == "replica1"

    fresh(run)


@pytest.mark.django_db(transaction=True)
def test_a_saved_object_is_read_back_from_the_primary(replicas, settings):
    # The search index task a save queues would read from the replica, absent in tests.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    def run():
        assert Organisation.objects.all().db == "replica1"
        organisation = Organisation.objects.create(name="Bibliotheek Ede", slug="ede")
        assert Organisation.objects.filter(pk=organisation.pk).db == "default"
        assert Organisation.objects.get(pk=organisation.pk) == organisation

    fresh(run)


def test_migrations_run_on_the_primary_only():
    router = routers.ReplicaRouter()
    assert router.allow_migrate("default", "core")
    assert not router.allow_migrate("replica1", "core")


def test_a_post_and_the_browser_just_after_it_read_from_the_primary(replicas):
    seen = []

    def view(request):
        seen.append(Organisation.objects.all().db)
        return HttpResponse("ok")

    middleware = PrimaryAfterWriteMiddleware(view)
    factory = RequestFactory()
    fresh(lambda: middleware(factory.get("/")))
    response = fresh(lambda: middleware(factory.post("/aanmelden/")))
    cookie = response.cookies[PRIMARY_COOKIE]
    assert cookie["max-age"] == 10 and cookie["httponly"]
    pinned = factory.get("/bevestigd/")
    pinned.COOKIES[PRIMARY_COOKIE] = "1"
    fresh(lambda: middleware(pinned))
    assert seen == ["replica1", "default", "default"]


def test_a_task_run_inline_leaves_the_requests_reads_on_the_primary(replicas):
    def run():
        routers.ReplicaRouter().db_for_write(Organisation)
        routers.start_task()
        assert Organisation.objects.all().db == "replica1"  # the task starts afresh
        routers.finish_task()
        assert Organisation.objects.all().db == "default"

    fresh(run)
