from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from forum.organisations.demo import DEMO_PASSWORD
from forum.organisations.models import Organisation
from forum.portal.demo import create_demo


class Command(BaseCommand):
    help = "Create the example content (Beispieldaten) with one demo account per role, and print the log-ins."

    def handle(self, *args: Any, **options: Any) -> None:
        kreisschluessel = settings.FORUM_KREISSCHLUESSEL
        if not Organisation.objects.filter(ags=kreisschluessel).exists():
            raise CommandError(f"Zuerst den Landkreis laden: python manage.py load_district {kreisschluessel}")
        accounts = create_demo(kreisschluessel)
        self.stdout.write(f"Beispieldaten bereit. Demo-Zugänge (Passwort für alle: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.description:<32} {account.email}")
