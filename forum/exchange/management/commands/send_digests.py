"""Enqueue the e-mail digests that are due: ``send_digests --frequency daily`` (daily) or ``weekly`` (weekly).

Run by cron or a systemd timer (README, "Periodic jobs"). Running it twice is harmless: each task claims its period.
"""

from typing import Any

from django.core.management.base import BaseCommand

from forum.exchange.digests import DUE_AFTER, enqueue_due


class Command(BaseCommand):
    help = "Enqueue the daily or weekly e-mail digests of everyone who is due."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--frequency", required=True, choices=[str(choice) for choice in DUE_AFTER])

    def handle(self, *args: Any, frequency: str, **options: Any) -> None:
        count = enqueue_due(frequency)
        self.stdout.write(f"{count} {frequency} digest(s) enqueued.")
