"""Full-text search of entries: the stemmed ``search_document`` and the database's own index over it.

SQLite: an FTS5 table with the entries as external content, kept in sync by triggers on exchange_entry.
Caution: a later migration that makes SQLite rebuild exchange_entry (most AlterField/RemoveField) drops
these triggers; test_search.test_the_sqlite_triggers_exist then fails, and the migration has to recreate them
(run ``create_index`` of this migration again). PostgreSQL: a GIN index on to_tsvector('simple', search_document).
"""

from typing import Any

from django.db import migrations, models

from forum.exchange import search_text

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE exchange_entry_fts USING fts5("
    "search_document, content='exchange_entry', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER exchange_entry_fts_insert AFTER INSERT ON exchange_entry BEGIN "
    "INSERT INTO exchange_entry_fts(rowid, search_document) VALUES (new.id, new.search_document); END",
    "CREATE TRIGGER exchange_entry_fts_delete AFTER DELETE ON exchange_entry BEGIN "
    "INSERT INTO exchange_entry_fts(exchange_entry_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); END",
    "CREATE TRIGGER exchange_entry_fts_update AFTER UPDATE OF search_document ON exchange_entry BEGIN "
    "INSERT INTO exchange_entry_fts(exchange_entry_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); "
    "INSERT INTO exchange_entry_fts(rowid, search_document) VALUES (new.id, new.search_document); END",
    "INSERT INTO exchange_entry_fts(exchange_entry_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS exchange_entry_fts_insert",
    "DROP TRIGGER IF EXISTS exchange_entry_fts_delete",
    "DROP TRIGGER IF EXISTS exchange_entry_fts_update",
    "DROP TABLE IF EXISTS exchange_entry_fts",
]
POSTGRES_CREATE = [
    "CREATE INDEX exchange_entry_search_gin ON exchange_entry "
    "USING gin (to_tsvector('simple'::regconfig, search_document))",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS exchange_entry_search_gin"]


def _run(schema_editor: Any, statements: dict[str, list[str]]) -> None:
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql, params=None)


def fill_documents(apps: Any, schema_editor: Any) -> None:
    Entry = apps.get_model("exchange", "Entry")
    for entry in Entry.objects.using(schema_editor.connection.alias).select_related("organisation").iterator():
        parts = [entry.description, entry.topic_names, entry.product_names, entry.vendor_names, entry.organisation.name]
        entry.search_document = search_text.document(title=entry.title, parts=parts)
        entry.save(update_fields=["search_document"])


def create_index(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE})


def drop_index(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0002_entry_list_names_examples"),
    ]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="search_document",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_documents, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
