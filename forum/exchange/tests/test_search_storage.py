"""What makes search and the catalogue fast at national scale: the stored, GIN-indexed tsvector on PostgreSQL
(migration 0004), and the indexes the catalogue list reads."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from forum.exchange.models import Entry

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")


def _indexes(table: str = Entry._meta.db_table) -> dict[str, Any]:
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, table)


def test_the_catalogue_indexes_exist():
    topics = _indexes(Entry.topics.through._meta.db_table)
    assert topics["exchange_entry_topics_topic_entry_idx"]["columns"] == ["topic_id", "entry_id"]
    indexes = _indexes()
    columns = ["modified", "id", "visibility", "is_draft", "organisation_id", "kind", "phase", "exemplary"]
    assert indexes["exchange_entry_recent_idx"]["columns"] == columns


@postgres_only
def test_the_vector_is_stored_and_follows_the_document(entry_factory):
    entry = entry_factory(title="Digitale Bauakte", description="Im Bauamt.")

    def vector() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT search_vector::text FROM exchange_entry WHERE id = %s", [entry.pk])
            return cursor.fetchone()[0]

    assert "'bauakt'" in vector()
    entry.title = "Elektronische Schulverwaltung"
    entry.save()
    assert "'bauakt'" not in vector() and "'schulverwalt'" in vector()


@postgres_only
def test_only_the_stored_vector_is_indexed():
    """The expression index of 0003 is gone: the search reads the column, and one index is enough."""
    indexes = _indexes()
    assert "exchange_entry_search_gin" not in indexes
    assert indexes["exchange_entry_search_vector_gin"]["type"] == "gin"
    assert indexes["exchange_entry_search_vector_gin"]["columns"] == ["search_vector"]
