"""The backup of docs/deploy.md restores: pg_dump, a new database, pg_restore, and the site's
practices are all there (and Django finds every migration applied)."""

import os
import shutil
import subprocess
import sys
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

from route2020.operations.tests.servers import BASE_DIR, postgres_url

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def run(*command, env=None):
    return subprocess.run(command, check=True, capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture
def restored_name():
    name = f"route2020_restore_{uuid.uuid4().hex[:8]}"
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_dump_restores_into_a_new_database_with_the_same_practices(
    home, make_organisation, tmp_path, restored_name
):
    if not shutil.which("pg_dump"):
        pytest.skip("pg_dump ontbreekt")
    from route2020.practices.models import PracticeIndexPage, PracticePage

    index = PracticeIndexPage(title="Praktijkvoorbeelden", slug="praktijkvoorbeelden")
    home.add_child(instance=index)
    organisation = make_organisation(name="Bibliotheek Ede")
    for number in range(3):
        index.add_child(
            instance=PracticePage(
                title=f"Taalcafé {number}",
                slug=f"taalcafe-{number}",
                summary="Nieuwkomers oefenen Nederlands met vrijwilligers.",
                status="lopend",
                organisation=organisation,
            )
        )
    expected = sorted(PracticePage.objects.values_list("title", "organisation__name"))

    source = postgres_url()
    dump = tmp_path / "route2020.dump"
    # As docs/deploy.md does it: custom format, then a new database, then pg_restore.
    run("pg_dump", "--format=custom", f"--file={dump}", source)
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{restored_name}"')
    target = urlunsplit(urlsplit(source)._replace(path=f"/{restored_name}"))
    run("pg_restore", "--no-owner", "--exit-on-error", f"--dbname={target}", str(dump))

    import psycopg

    with psycopg.connect(target) as restored:
        rows = restored.execute(
            "SELECT page.title, organisation.name FROM practices_practicepage AS practice "
            "JOIN wagtailcore_page AS page ON page.id = practice.page_ptr_id "
            "JOIN core_organisation AS organisation ON organisation.id = practice.organisation_id"
        ).fetchall()
    assert sorted(rows) == expected
    # Django sees a complete schema: no migration left to apply.
    env = {**os.environ, "DATABASE_URL": target}
    run(sys.executable, str(BASE_DIR / "manage.py"), "migrate", "--check", env=env)
