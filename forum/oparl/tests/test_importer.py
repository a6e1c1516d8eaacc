"""A small OParl client, written only against the spec, imports the forum from the System URL and stays in sync.

It does what council-information importers (e.g. meine-stadt-transparent's) do: System → bodies → each Body
list page by page via ``links.next``; later runs ask only for ``modified_since`` the last run and apply
changes and ``deleted: true`` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from forum.council.models import Consultation
from forum.meetings.models import AgendaItem

from .walk import BASE

pytestmark = pytest.mark.django_db

LISTS = ("organization", "person", "meeting", "paper", "agendaItem", "consultation", "file", "membership")


@dataclass
class Client:
    """Knows nothing of the forum: only the System URL and the OParl 1.1 spec."""

    http: Any
    store: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → object
    requests: int = 0

    def get(self, url: str, **params: str) -> dict[str, Any]:
        self.requests += 1
        response = self.http.get(url, params)
        assert response.status_code == 200, (url, response.content[:200])
        data: dict[str, Any] = response.json()
        return data

    def each(self, url: str, **params: str) -> Any:
        page = self.get(url, **params)
        while True:
            yield from page["data"]
            if "next" not in page["links"]:
                return
            page = self.get(page["links"]["next"])

    def sync(self, system_url: str, since: str | None = None) -> None:
        system = self.get(system_url)
        assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"
        params = {"modified_since": since} if since else {}
        for body in self.each(system["body"]):
            self.store[body["id"]] = body
            for name in LISTS:
                for obj in self.each(body[name], **params):
                    if obj.get("deleted"):
                        self.store.pop(obj["id"], None)
                    else:
                        self.store[obj["id"]] = obj

    def of_type(self, name: str) -> list[dict[str, Any]]:
        return [obj for obj in self.store.values() if obj["type"] == f"https://schema.oparl.org/1.1/{name}"]

    def meetings(self) -> dict[str, list[str]]:
        """Meeting name → its agenda, rebuilt from the agendaItem list (by meeting and order)."""
        agenda: dict[str, list[tuple[int, str]]] = {}
        for item in self.of_type("AgendaItem"):
            agenda.setdefault(item["meeting"], []).append((item["order"], f"{item['number']} {item['name']}"))
        return {
            meeting["name"]: [text for _order, text in sorted(agenda.get(meeting["id"], []))]
            for meeting in self.of_type("Meeting")
        }

    def papers(self) -> dict[str, list[tuple[str, str]]]:
        """Paper reference → its Beratungsfolge as (committee name, role)."""
        names = {organization["id"]: organization["name"] for organization in self.of_type("Organization")}
        result: dict[str, list[tuple[str, str]]] = {}
        for paper in self.of_type("Paper"):
            steps = [self.store[c["id"]] for c in paper.get("consultation", [])]
            result[paper["reference"]] = [(names[step["organization"][0]], step["role"]) for step in steps]
        return result


def test_a_client_imports_meetings_papers_and_people_from_the_system_url(client, world):
    importer = Client(client)
    importer.sync(BASE)
    assert importer.meetings() == {
        "5. Treffen: Digitalisierungsforum": ["2 Digitalisierungsforum: Bericht", "2.1 Breitband"]
    }
    assert importer.papers() == {
        "005/2022": [
            ("Kommunales Digitalisierungsforum", "Kenntnisnahme"),
            ("Kommunales Digitalisierungsforum", "Kenntnisnahme"),
            ("Kreistag", "Kenntnisnahme"),
        ]
    }
    person = importer.of_type("Person")[0]
    assert person["name"] == "Dr. Marion Dammann"
    membership = importer.store[person["membership"][0]["id"]]
    assert importer.store[membership["organization"]]["name"] == "Kreistag"
    files = {item["fileName"] for item in importer.of_type("File")}
    assert files == {"Einladung.pdf", "Folien.pdf", "Vorlage.pdf", "Präsentation.pdf"}


def test_a_later_sync_picks_up_changes_and_deletions_only(client, world):
    importer = Client(client)
    importer.sync(BASE)
    full_requests = importer.requests
    since = timezone.localtime().isoformat(timespec="seconds")

    world.sub_item.title = "Breitband: Stand"
    world.sub_item.save()
    AgendaItem.objects.create(meeting=world.meeting, number="1", title="Begrüßung")
    Consultation.objects.get(pk=world.consultation.pk).delete()
    Consultation.objects.create(
        paper=world.paper, committee=world.kreistag, date=date(2022, 2, 1), role=Consultation.Role.DECISION
    )

    importer.requests = 0
    importer.sync(BASE, since=since)
    assert importer.requests <= full_requests
    assert importer.meetings()["5. Treffen: Digitalisierungsforum"] == [
        "1 Begrüßung",
        "2 Digitalisierungsforum: Bericht",
        "2.1 Breitband: Stand",
    ]
    assert world.consultation.pk not in {
        int(c["id"].rstrip("/").rsplit("/", 1)[1]) for c in importer.of_type("Consultation")
    }
    decided = [c for c in importer.of_type("Consultation") if c["authoritative"]]
    assert [c["role"] for c in decided] == ["Beschluss"]
