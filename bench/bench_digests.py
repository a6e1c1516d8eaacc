"""Benchmark: the e-mail digests at national scale; prints figures, not a test.

Usage: .venv/bin/python bench/bench_digests.py [--entries 200000] [--interests 400000] [--readers 2000]
       DATABASE_URL=postgres://… .venv/bin/python bench/bench_digests.py   (PostgreSQL)
Builds the national data set (bench/national.py), moves every entry a month into the past, then lets a day
happen: 2,000 entries change, 500 are new, 3,000 comments and the interest marks of the last day. ``--readers``
members (spread over the municipalities) each follow 2 topics (one of the five most common), 2 municipalities and
5 entries, with a daily digest due. Times: finding who is due, one person's digest (queries, median, p95, the
largest), and the whole run of ``send_digest_now`` for everyone (mails go to the in-memory backend).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import timedelta
from functools import partial
from typing import Any

from common import count_queries, setup_django
from national import build_national


def _percentiles(times: list[float]) -> tuple[float, float, float]:
    times = sorted(times)
    return statistics.median(times), times[max(int(len(times) * 0.95) - 1, 0)], times[-1]


def _digest_of(user: Any, since: Any, until: Any) -> Any:
    from forum.exchange.digests import build_digest, render_digest

    return render_digest(user, build_digest(user, since=since, until=until))


def _a_day_happens(rng: random.Random, now: Any) -> None:
    """Everything a month old, then one day's changes: edited and new entries, comments, marks."""
    from django.db import transaction

    from forum.accounts.models import User
    from forum.exchange.models import Comment, Entry, Interest

    month_ago, hour_ago = now - timedelta(days=30), now - timedelta(hours=1)
    with transaction.atomic():
        Entry.objects.update(created=month_ago, modified=month_ago)
        Interest.objects.update(created=month_ago, modified=month_ago)
        ids = list(Entry.objects.values_list("pk", flat=True))
        touched = rng.sample(ids, 2_500)
        Entry.objects.filter(pk__in=touched[:2_000]).update(modified=hour_ago)
        Entry.objects.filter(pk__in=touched[2_000:]).update(created=hour_ago, modified=hour_ago)
        Interest.objects.filter(pk__in=Interest.objects.order_by("?").values("pk")[:2_000]).update(created=hour_ago)
        author, _ = User.objects.get_or_create(email="kommentare@example.org", defaults={"full_name": "Bench"})
        Comment.objects.bulk_create(
            [Comment(entry_id=rng.choice(ids), author=author, text="Wie sind Ihre Erfahrungen?") for _ in range(3_000)]
        )


def _readers(count: int, rng: random.Random, now: Any) -> list[int]:
    from django.db import transaction

    from forum.accounts.models import User
    from forum.exchange.models import DigestSubscription, Entry, Follow
    from forum.organisations.models import Organisation, Role
    from forum.topics.models import Topic

    towns = list(Organisation.objects.municipalities().values_list("pk", flat=True))
    topics = list(Topic.objects.active().filter(parent__isnull=False).order_by("pk").values_list("pk", flat=True))
    entries = list(Entry.objects.filter(is_draft=False).values_list("pk", flat=True)[:50_000])
    with transaction.atomic():
        User.objects.filter(email__startswith="leser", email__endswith="@example.org").delete()  # of an earlier run
        users = User.objects.bulk_create(
            [User(email=f"leser{n}@example.org", full_name=f"Leser {n}") for n in range(count)]
        )
        Role.objects.bulk_create(
            [Role(user=user, kind=Role.Kind.MEMBER, organisation_id=rng.choice(towns)) for user in users]
        )
        follows: list[Follow] = []
        for user in users:
            follows.append(Follow(user=user, topic_id=rng.choice(topics[:5])))  # the common ones, as in life
            follows.append(Follow(user=user, topic_id=rng.choice(topics[5:])))
            follows += [Follow(user=user, organisation_id=town) for town in rng.sample(towns, 2)]
            follows += [Follow(user=user, entry_id=entry) for entry in rng.sample(entries, 5)]
        Follow.objects.bulk_create(follows, batch_size=5_000)
        DigestSubscription.objects.bulk_create(
            [DigestSubscription(user=user, frequency="daily", last_sent_at=now - timedelta(hours=24)) for user in users]
        )
    return [user.pk for user in users]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--interests", type=int, default=400_000)
    parser.add_argument("--readers", type=int, default=2_000)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    from django.core import mail

    from forum.accounts.models import User
    from forum.exchange.digests import due, send_digest_now

    build_national(entries=args.entries, interests=args.interests)
    rng = random.Random(7)  # noqa: S311 - benchmark data
    now = timezone.now()
    start = time.perf_counter()
    _a_day_happens(rng, now)
    reader_ids = _readers(args.readers, rng, now)
    print(f"{connection.vendor}: set-up of the day and {args.readers} readers in {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    queries, due_ids = count_queries(lambda: list(due("daily", now=now).values_list("user_id", flat=True)))
    print(f"due('daily'): {len(due_ids)} people, {queries} query, {(time.perf_counter() - start) * 1000:.0f} ms")

    times, items, counts = [], [], set()
    since = now - timedelta(hours=24)
    for user in User.objects.filter(pk__in=reader_ids[:300]):
        begin = time.perf_counter()
        queries, digest = count_queries(partial(_digest_of, user, since, now))
        times.append((time.perf_counter() - begin) * 1000)
        counts.add(queries)
        items.append(len(digest.body))  # the plain-text mail
    median, p95, worst = _percentiles(times)
    print(
        f"one digest (build + render, 300 readers): queries {sorted(counts)}, median {median:.1f} ms, "
        f"p95 {p95:.1f} ms, max {worst:.1f} ms, median mail {statistics.median(items) / 1024:.1f} KB"
    )

    mail.outbox = []
    start = time.perf_counter()
    sent = sum(send_digest_now(user_id, now=now) for user_id in due_ids)
    total = time.perf_counter() - start
    again = sum(send_digest_now(user_id, now=now) for user_id in due_ids)
    print(
        f"send_digest_now for all {len(due_ids)} due: {sent} mails in {total:.1f} s "
        f"({total / max(len(due_ids), 1) * 1000:.1f} ms each); a second run sends {again}"
    )


if __name__ == "__main__":
    main()
