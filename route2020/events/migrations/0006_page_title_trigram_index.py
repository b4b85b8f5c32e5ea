"""A trigram index on the page title for the practice chooser of a session.

The chooser (`admin_views.practice_search`) asks for published practices whose title
contains what the editor typed: `UPPER(title) LIKE UPPER('%...%')` (Django's `icontains`).
No B-tree serves a match in the middle of a word, so at 100,000 practices every keystroke
read the whole page table. pg_trgm's GIN index serves exactly that expression. PostgreSQL
only (pg_trgm is a trusted extension: the database's owner may create it); other databases
skip it.
"""

from django.db import migrations

INDEX_NAME = "page_title_upper_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailcore", "Page")._meta.db_table
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON "{table}" '
        'USING gin ((UPPER("title"::text)) gin_trgm_ops)'
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_date_order_constraints"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
