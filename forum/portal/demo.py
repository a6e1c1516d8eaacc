"""All example content (Beispieldaten) of every app, in the order the apps build on each other."""

from django.db import transaction

from forum.cooperation.demo import create_demo as create_undertakings
from forum.exchange.demo import create_demo as create_entries
from forum.meetings.demo import create_demo as create_meetings
from forum.organisations.demo import DemoAccount
from forum.organisations.demo import create_demo as create_accounts_and_people


@transaction.atomic
def create_demo(kreisschluessel: str) -> list[DemoAccount]:
    """Demo accounts, people, committees, meetings, the workshop, catalogue entries and undertakings; idempotent."""
    accounts = create_accounts_and_people(kreisschluessel)
    create_meetings(kreisschluessel)
    create_entries(kreisschluessel)
    create_undertakings(kreisschluessel)
    return accounts
