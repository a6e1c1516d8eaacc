"""Compute the text vectors of all entries whose vector is missing or outdated (after an import or a new model)."""

import time
from typing import Any

from django.core.management.base import BaseCommand

from forum.overlaps.similarity import rebuild_vectors


class Command(BaseCommand):
    help = "Compute the text vectors for “similar entries elsewhere” of entries that lack a current one."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch-size", type=int, default=64, help="Entries embedded and written at once.")

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        start = time.perf_counter()
        embedded, unchanged = rebuild_vectors(batch_size=batch_size)
        took = time.perf_counter() - start
        self.stdout.write(f"{embedded} vectors computed, {unchanged} unchanged ({took:.1f} s).")
