"""PostgreSQL: a stored, GIN-indexed tsvector of ``search_document`` (SQLite keeps its FTS5 table of 0003).

Only on PostgreSQL, so no model field: ``exchange_entry.search_vector`` is a generated column the search
reads with raw SQL (see exchange/search.py). Both databases: indexes for the catalogue list and its topic
filter at national scale (bench/bench_catalogue.py).
"""

from typing import Any

from django.db import migrations, models

POSTGRES_CREATE = [
    "DROP INDEX IF EXISTS exchange_entry_search_gin",  # of 0003, over an expression computed on every read
    "ALTER TABLE exchange_entry ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_document)) STORED",
    "CREATE INDEX exchange_entry_search_vector_gin ON exchange_entry USING gin (search_vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS exchange_entry_search_vector_gin",
    "ALTER TABLE exchange_entry DROP COLUMN IF EXISTS search_vector",
    "CREATE INDEX exchange_entry_search_gin ON exchange_entry "
    "USING gin (to_tsvector('simple'::regconfig, search_document))",
]


def _run(schema_editor: Any, statements: list[str]) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for sql in statements:
            schema_editor.execute(sql, params=None)


def create_vector(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, POSTGRES_CREATE)


def drop_vector(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0003_entry_search"),
    ]

    operations = [
        migrations.RunPython(create_vector, drop_vector),
        # The entries of a topic (the catalogue's topic filter) from the index alone, on both databases.
        migrations.RunSQL(
            "CREATE INDEX exchange_entry_topics_topic_entry_idx ON exchange_entry_topics (topic_id, entry_id)",
            "DROP INDEX IF EXISTS exchange_entry_topics_topic_entry_idx",
        ),
        migrations.AddIndex(
            model_name="entry",
            index=models.Index(
                fields=["-modified", "-id", "visibility", "is_draft", "organisation", "kind", "phase", "exemplary"],
                name="exchange_entry_recent_idx",
            ),
        ),
    ]
