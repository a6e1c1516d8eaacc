"""Every test here stores its files in a fresh MEDIA_ROOT; ``example_attachment`` gives a concrete attachment model."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection


@pytest.fixture(scope="session")
def _example_attachment_table(django_db_setup: Any, django_db_blocker: Any) -> None:
    """The table of the test-only ``ExampleAttachment``, created once outside any transaction (SQLite needs that)."""
    from .attachments import ExampleAttachment

    with django_db_blocker.unblock(), connection.schema_editor() as editor:
        editor.create_model(ExampleAttachment)


@pytest.fixture
def example_attachment(_example_attachment_table: None, db: Any) -> type[Any]:
    from .attachments import ExampleAttachment

    return ExampleAttachment


@pytest.fixture
def stored(db: Any) -> Callable[..., Any]:
    """stored(name, data, by=None): a StoredFile made by the real service."""
    from forum.documents.services import store_file

    from . import samples

    def make(name: str = "Protokoll.pdf", data: bytes | None = None, by: Any = None) -> Any:
        return store_file(samples.upload(name, samples.pdf() if data is None else data), by=by)

    return make
