"""All example content (Beispieldaten) of every app, in the order the apps build on each other."""

from django.db import transaction

from forum.cooperation.demo import create_demo as create_undertakings
from forum.council.demo import create_demo as create_papers
from forum.exchange.demo import create_demo as create_entries
from forum.meetings.demo import create_demo as create_meetings
from forum.organisations.demo import DemoAccount
from forum.organisations.demo import create_demo as create_accounts_and_people


@transaction.atomic
def create_demo(kreisschluessel: str) -> list[DemoAccount]:
    """Demo accounts, people, committees, meetings, workshop, entries, undertakings, the council paper; idempotent."""
    accounts = create_accounts_and_people(kreisschluessel)
    create_meetings(kreisschluessel)
    create_entries(kreisschluessel)
    create_undertakings(kreisschluessel)
    create_papers(kreisschluessel)
    return accounts
