from typing import Any

from django.core.management.base import BaseCommand

from forum.topics.loading import load_strategy


class Command(BaseCommand):
    help = "Load the district strategy (fields of action, guiding principles); adds new rows only."

    def handle(self, *args: Any, **options: Any) -> None:
        created, existing = load_strategy()
        if options["verbosity"]:
            self.stdout.write(f"{created} Leitgedanken angelegt, {existing} bereits vorhanden.")
