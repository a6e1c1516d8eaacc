"""Benchmark: the overlap analysis at national scale; prints times and peak memory.

Usage: .venv/bin/python bench/bench_overlaps.py [--entries 200000] [--interests 400000] [--repeat 3]
Builds every German municipality with generated entries and interest marks (bench/national.py) into a throwaway
SQLite database (or DATABASE_URL), then times the matrix (all of Germany and one district), the ranking of
cooperation candidates, one candidate, and the overlap pages. Targets: analysis < 5 s and < 1 GB.
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from common import measure, setup_django
from national import build_national


def timed(label: str, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run ``work`` once for its time, then once more under tracemalloc for its peak of Python allocations."""
    start = time.perf_counter()
    result = work(*args, **kwargs)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    work(*args, **kwargs)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<55} {seconds:>8.2f} s {peak / 2**20:>9.1f} MB")
    return result


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--interests", type=int, default=400_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    setup_django()
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from forum.accounts.models import User
    from forum.overlaps import analysis

    start = time.perf_counter()
    timings = build_national(entries=args.entries, interests=args.interests)
    print(f"{connection.vendor}: national data in {time.perf_counter() - start:.0f} s {timings}")

    everyone = AnonymousUser()
    coordination, _created = User.objects.get_or_create(email="bench@example.org", defaults={"is_superuser": True})
    print(f"{'Analyse':<55} {'Zeit':>10} {'Spitze (tracemalloc, 2. Lauf)':>20}")
    users: list[tuple[str, Any]] = [("öffentlich", everyone), ("Koordination", coordination)]
    for who, user in users:
        timed(f"Matrix Deutschland, Themenfelder ({who})", analysis.overlap_matrix, user, district=None)
        timed(
            f"Matrix Deutschland, Unterthemen ({who})",
            analysis.overlap_matrix,
            user,
            district=None,
            level=analysis.TOPICS,
        )
        timed(f"Matrix Landkreis Lörrach ({who})", analysis.overlap_matrix, user, district="08336")
        ranking = timed(f"Kooperationskandidaten, Rangliste ({who})", analysis.rank_candidates, user)
        print(
            f"  {len(ranking.groups)} Kandidaten; erster: {ranking.groups[0].key} "
            f"({ranking.groups[0].organisation_count} Organisationen)"
        )
        # candidate_for loads every entry behind a candidate (the page shows them page by page): the last one.
        for position in (-1,):
            key = ranking.groups[position].key
            candidate = timed(f"candidate_for, letzter Kandidat ({who})", analysis.candidate_for, user, key)
            print(
                f"  {candidate.key}: {len(candidate.organisations)} Organisationen, {len(candidate.entries)} Einträge"
            )
    print(f"Höchster Speicher des Prozesses (ru_maxrss): {peak_rss_mb():.0f} MB")

    groups = analysis.rank_candidates(everyone).groups
    first = groups[0].key
    pair = next(group.key for group in groups if len(group.topic_ids) == 2)
    pages = [
        ("/schnittmengen/", "Schnittmengen (Lörrach, Felder)"),
        ("/schnittmengen/?ebene=themen", "Schnittmengen (Lörrach, Unterthemen)"),
        ("/schnittmengen/?kreis=alle", "Schnittmengen (Deutschland, Seite 1)"),
        ("/schnittmengen/?kreis=alle&page=100", "Schnittmengen (Deutschland, Seite 100)"),
        ("/schnittmengen/karte/?thema=e-akte-dokumentenmanagement", "Karte Lörrach, Thema E-Akte"),
        ("/schnittmengen/karte/?kreis=09184&thema=e-akte-dokumentenmanagement", "Karte Landkreis München"),
        ("/schnittmengen/themen/e-akte-dokumentenmanagement/?kreis=alle", "Thema E-Akte (Deutschland)"),
        ("/schnittmengen/kandidaten/", "Kooperationskandidaten"),
        (f"/schnittmengen/kandidaten/{first}/", "Erster Kandidat (ein Thema)"),
        (f"/schnittmengen/kandidaten/{pair}/", "Erstes Themenpaar"),
    ]
    print(f"Seiten, anonym, {args.repeat} Wiederholungen")
    measure(pages, repeat=args.repeat)
    print(f"Höchster Speicher des Prozesses (ru_maxrss): {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
