from typing import Any

from django.core.management.base import BaseCommand

from forum.topics.loading import load_topics


class Command(BaseCommand):
    help = "Load the topic vocabulary (Themen) from the project's reference data; adds new topics only."

    def handle(self, *args: Any, **options: Any) -> None:
        created, existing = load_topics()
        if options["verbosity"]:
            self.stdout.write(f"{created} Themen angelegt, {existing} bereits vorhanden.")
