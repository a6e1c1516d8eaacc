"""Benchmark: drafting the Sachverhalt and rendering a council paper as PDF and DOCX.

Usage: .venv/bin/python bench/bench_council.py [--repeat 20] [--entries 200000 --interests 400000]
Builds a throwaway SQLite database (or uses DATABASE_URL), loads the district, topics, strategy and all example data
(the seed paper 005/2022), optionally the national catalogue of bench/national.py (all 10,751 municipalities and
their entries, so the draft's counts run over a national table), then prints per step the SQL queries of one run and
the median and p95 time over ``--repeat`` runs: draft_facts, paper_pdf, paper_docx (as the public and as the
coordination).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from common import count_queries, setup_django, timings
from national import build_national


def timed(label: str, action: Callable[[], Any], repeat: int) -> None:
    queries, result = count_queries(action)
    median, p95 = timings(action, repeat)
    print(f"{label:<40} {queries:>8} {median:>10.1f} {p95:>8.1f} {len(result) / 1024:>8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--entries", type=int, default=0)
    parser.add_argument("--interests", type=int, default=0)
    args = parser.parse_args()

    setup_django()
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.db import connection

    from forum.accounts.models import User
    from forum.council.drafting import draft_facts
    from forum.council.models import Paper
    from forum.council.rendering import paper_docx, paper_pdf
    from forum.organisations.models import Role
    from forum.portal.demo import create_demo

    start = time.perf_counter()
    call_command("load_topics", verbosity=0)
    call_command("load_strategy", verbosity=0)
    if args.entries:
        build_national(entries=args.entries, interests=args.interests)
    create_demo(settings.FORUM_KREISSCHLUESSEL)
    print(f"{connection.vendor}: data loaded in {time.perf_counter() - start:.1f} s")

    paper = Paper.objects.get(year=2022, serial=5)
    coordination = User.objects.create_user("bench-koordination@example.org", "x", full_name="Koordination")
    Role.objects.create(user=coordination, kind=Role.Kind.COORDINATION)
    anonymous = AnonymousUser()
    paper_pdf(paper, anonymous)  # warm up: fonts, pango, the hyphenation patterns

    print(f"{'Schritt':<40} {'Abfragen':>8} {'Median ms':>10} {'p95 ms':>8} {'KB':>8}")
    for who, user in (("öffentlich", anonymous), ("Koordination", coordination)):
        timed(f"Entwurf (draft_facts), {who}", partial(draft_facts, paper, user), args.repeat)
        timed(f"PDF/A-2a + PDF/UA-1, {who}", partial(paper_pdf, paper, user), args.repeat)
        timed(f"DOCX, {who}", partial(paper_docx, paper, user), args.repeat)


if __name__ == "__main__":
    main()
