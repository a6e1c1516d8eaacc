"""Shared set-up and measurement for the benchmark scripts (not a test; prints figures)."""

from __future__ import annotations

import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup_django() -> None:
    """A throwaway SQLite database (or DATABASE_URL), migrated, with the Landkreis Lörrach loaded."""
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.test.utils import setup_test_environment

    setup_test_environment()
    # As Django's test runner does: keep one connection, so queries can be counted across requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    call_command("load_district", "08336", verbosity=0)


def count_queries(function: Callable[[], Any]) -> tuple[int, Any]:
    """(number of SQL queries ``function`` ran, its result)."""
    from django.db import connection

    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        result = function()
    return len(queries), result


def timings(function: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """Median and p95 in milliseconds of ``repeat`` calls of ``function``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, math.ceil(len(times) * 0.95) - 1)]


def measure_page(client: Any, url: str, label: str, *, repeat: int) -> None:
    """Print one page's line: SQL queries of one request, median and p95 time over ``repeat`` requests, size."""
    queries, response = count_queries(lambda: client.get(url))
    assert response.status_code == 200, (url, response.status_code)
    median, p95 = timings(lambda: client.get(url), repeat)
    print(f"{label:<45} {queries:>8} {median:>10.1f} {p95:>8.1f} {len(response.content) / 1024:>8.0f}")


def measure(pages: list[tuple[str, str]], *, repeat: int) -> None:
    """Print a table of ``measure_page`` lines for ``pages`` (url, label)."""
    from django.test import Client

    client = Client()
    print(f"{'Seite':<45} {'Abfragen':>8} {'Median ms':>10} {'p95 ms':>8} {'KB':>8}")
    for url, label in pages:
        measure_page(client, url, label, repeat=repeat)
