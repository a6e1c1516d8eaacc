"""Enqueue the reminders to the municipalities still open in running declaration campaigns (daily, by a timer).

Running it twice a day is harmless: each signature is claimed for the day before its mail goes out.
"""

from typing import Any

from django.core.management.base import BaseCommand

from forum.cooperation.tasks import send_declaration_reminders


class Command(BaseCommand):
    help = "Remind the editors of municipalities that have not yet answered a running declaration campaign."

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_declaration_reminders.enqueue()
        self.stdout.write(f"Declaration reminders enqueued ({result.id}).")
