from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from forum.organisations.loading import UnknownDistrict, load_district


class Command(BaseCommand):
    help = "Load a German district (Landkreis) with its municipalities from the official data, by its Kreisschlüssel."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kreisschluessel", help="five digits, e.g. 08336 for the Landkreis Lörrach")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = load_district(options["kreisschluessel"])
        except UnknownDistrict as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] == 0:
            return
        self.stdout.write(
            f"{len(result.created)} angelegt, {len(result.updated)} aktualisiert, {result.unchanged} unverändert."
        )
        for name in result.updated:
            self.stdout.write(f"  aktualisiert: {name}")
