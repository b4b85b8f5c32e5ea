"""Content loaded once per test process, given back to every later test as a copy of the tables.

Loading the seed or the demo saves hundreds of pages with their revisions and search entries:
10 to 40 seconds a test on a busy machine, and some fifty tests start from it (the browser
tests, the demo's own). The first test in a process runs the loader and keeps every table's
rows in memory; a later test gets the database in that state back in a fraction of a second
(emptied as Django's flush empties it, the kept rows written back in one transaction), with
the loader's return value. Rows only: the files the loader wrote stay where it wrote them
(MEDIA_ROOT per worker), and sequences are left as they are (they only move forward, so new
rows never take a kept row's id).
"""

import copy

from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction

_kept = {}


def load_once(key, load):
    """`load()`'s database and return value: loaded by the first test that asks for `key`,
    restored from the kept rows for the next ones."""
    key = (connection.vendor, connection.settings_dict["NAME"], key)
    if key in _kept:
        value, rows = _kept[key]
        with transaction.atomic():
            # The flush's own statements (on PostgreSQL the root conftest's DELETEs).
            connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), list(rows)))
            _restore(rows)
        ContentType.objects.clear_cache()
        return copy.deepcopy(value)
    value = load()
    _kept[key] = (copy.deepcopy(value), _copy())
    return value


def _tables():
    """The tables `flush` empties: every managed model's."""
    return sorted(
        connection.introspection.django_table_names(only_existing=True, include_views=False)
    )


def _copy():
    if connection.vendor == "postgresql":
        return _copy_postgresql()
    return _copy_sqlite()


def _restore(rows):
    if connection.vendor == "postgresql":
        _restore_postgresql(rows)
    else:
        _restore_sqlite(rows)


def _copy_postgresql():
    rows = {}
    with connection.cursor() as cursor:
        for table in _tables():
            with cursor.copy(f"COPY {connection.ops.quote_name(table)} TO STDOUT") as copy_out:
                rows[table] = b"".join(bytes(block) for block in copy_out)
    return rows


def _restore_postgresql(rows):
    # Foreign keys are deferred to the commit: the tables can be filled in any order.
    with connection.cursor() as cursor:
        for table, data in rows.items():
            if data:
                with cursor.copy(f"COPY {connection.ops.quote_name(table)} FROM STDIN") as copy_in:
                    copy_in.write(data)


def _copy_sqlite():
    rows = {}
    with connection.cursor() as cursor:
        for table in _tables():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"PRAGMA table_info({quoted})")
            info = cursor.fetchall()
            if not any(column[5] for column in info):
                # No primary key: the search's full-text table, which triggers on the index
                # entries' table fill and empty.
                continue
            columns = [connection.ops.quote_name(column[1]) for column in info]
            cursor.execute(f"SELECT {', '.join(columns)} FROM {quoted}")
            rows[table] = (columns, cursor.fetchall())
    return rows


def _restore_sqlite(rows):
    # Django makes SQLite's foreign keys deferrable too: checked at the commit.
    with connection.cursor() as cursor:
        for table, (columns, values) in rows.items():
            if values:
                marks = ", ".join("%s" for _column in columns)
                cursor.executemany(
                    f"INSERT INTO {connection.ops.quote_name(table)} "
                    f"({', '.join(columns)}) VALUES ({marks})",
                    values,
                )
