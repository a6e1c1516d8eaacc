"""Offene Daten: the page, the ZIP of all public data (CSV and JSON with a README), one file per dataset.

Every dataset gets a public object, a members-only, a coordination-only object and a draft of its kind (and public
objects under a hidden parent); only the public ones may appear, by id and by text.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forum.cooperation.models import Campaign, Declaration, Participation, Signature, Undertaking
from forum.cooperation.tests.factories import UndertakingFactory
from forum.core.models import Visibility
from forum.council.tests.factories import ConsultationFactory, PaperFactory
from forum.exchange.models import Entry, Interest
from forum.exchange.tests.factories import EntryFactory, InterestFactory
from forum.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from forum.organisations.models import Committee, Organisation
from forum.organisations.tests.factories import CommitteeFactory, OrganisationFactory
from forum.organisations.tests.helpers import ROLES, log_in_as
from forum.portal import open_data, urls
from forum.topics.models import FieldOfAction, Topic

pytestmark = pytest.mark.django_db

MEMBERS = {"visibility": Visibility.MEMBERS}
COORDINATION = {"visibility": Visibility.COORDINATION}
DRAFT = {"is_draft": True}
HIDDEN = {"mitglieder": MEMBERS, "koordination": COORDINATION, "entwurf": DRAFT}


def _zip(client: Any, **headers: Any) -> zipfile.ZipFile:
    response = client.get(reverse("portal:open_data_zip"), **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'filename="digitalisierungsforum.zip"' in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _json(archive: zipfile.ZipFile, slug: str) -> dict[str, Any]:
    return json.loads(archive.read(f"{slug}.json").decode("utf-8"))


def _csv(archive: zipfile.ZipFile, slug: str) -> list[list[str]]:
    text = archive.read(f"{slug}.csv").decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def _column(archive: zipfile.ZipFile, slug: str, field: str = "id") -> list[Any]:
    return [row[field] for row in _json(archive, slug)["data"]]


# --- the page and the addresses ---------------------------------------------------------------------------------


GET = {"open_data": 200, "open_data_zip": 200, "open_data_file": 200}


def test_the_tables_cover_every_open_data_url():
    names = {pattern.name for pattern in urls.urlpatterns if pattern.name and pattern.name.startswith("open_data")}
    assert names == set(GET)


def _address(view: str) -> str:
    args = {"open_data_file": ["eintraege", "csv"]}.get(view, [])
    return reverse(f"portal:{view}", args=args)


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in GET for role in ROLES])
def test_everyone_may_read_open_data_but_not_post(view, role, client, user_in_role, loerrach):
    log_in_as(client, user_in_role, role, loerrach)
    assert client.get(_address(view)).status_code == GET[view]
    assert client.post(_address(view), {"x": "1"}).status_code == 405


def test_the_page_lists_datasets_licence_and_interfaces(client):
    EntryFactory(organisation=Organisation.objects.get(ags="08336050"), title="Digitale Bauakte")

    page = client.get(reverse("portal:open_data")).content.decode()

    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in page
    assert "https://www.govdata.de/dl-de/by-2-0" in page
    assert "Destatis" in page and "GV100AD" in page  # the official figures' source
    assert reverse("portal:open_data_zip") in page
    for dataset in open_data.DATASETS:
        assert dataset.title in page
        assert reverse("portal:open_data_file", args=[dataset.slug, "csv"]) in page
        assert reverse("portal:open_data_file", args=[dataset.slug, "json"]) in page
        for name, _description in dataset.columns:
            assert f"<code>{name}</code>" in page
    assert reverse("meetings:public_feed") in page
    assert 'href="/oparl/v1.1/"' in page
    assert 'href="/api/v1/docs"' in page
    assert 'href="/api/v1/openapi.json"' in page


def test_the_footer_links_the_page(client):
    assert f'href="{reverse("portal:open_data")}"' in client.get(reverse("portal:home")).content.decode()


@pytest.mark.parametrize("role", ["anonymous", "member_own", "coordination"])
def test_the_page_counts_public_rows_whoever_asks(role, client, user_in_role, loerrach):
    public = Entry.objects.visible_to(open_data.PUBLIC).count()
    EntryFactory(organisation=loerrach, **MEMBERS)
    EntryFactory(organisation=loerrach, **DRAFT)
    EntryFactory(organisation=loerrach)
    log_in_as(client, user_in_role, role, loerrach)

    response = client.get(reverse("portal:open_data"))

    figures = {figure.dataset.slug: figure.rows for figure in response.context["figures"]}
    assert figures["eintraege"] == public + 1


# --- the archive ------------------------------------------------------------------------------------------------


def test_the_zip_holds_a_readme_and_every_dataset_as_csv_and_json(client, loerrach):
    entry = EntryFactory(organisation=loerrach, title="Digitale Bauakte", project=True)
    entry.save_with_lists(topics=Topic.objects.filter(slug="e-akte-dokumentenmanagement"))

    archive = _zip(client)

    expected = {"README.md"} | {f"{d.slug}.{fmt}" for d in open_data.DATASETS for fmt in ("csv", "json")}
    assert set(archive.namelist()) == expected
    readme = archive.read("README.md").decode()
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in readme
    assert "Destatis" in readme
    for dataset in open_data.DATASETS:
        assert f"`{dataset.slug}.csv`" in readme
        for name, description in dataset.columns:
            assert f"| `{name}` | {description} |" in readme
        rows = _csv(archive, dataset.slug)
        document = _json(archive, dataset.slug)
        assert rows[0] == dataset.header
        assert [field["name"] for field in document["fields"]] == dataset.header
        assert document["licence"]["id"] == "dl-de/by-2-0"
        assert len(document["data"]) == len(rows) - 1
    # The district and its 35 municipalities with their official figures.
    towns = {row["ags"]: row for row in _json(archive, "organisationen")["data"]}
    assert len([ags for ags in towns if ags.startswith("08336") and len(ags) == 8]) == 35
    assert towns["08336050"]["population"] == loerrach.population
    assert towns["08336050"]["population_date"] == loerrach.population_date.isoformat()
    assert isinstance(towns["08336050"]["latitude"], float)
    # Lists are JSON lists, and " | "-separated in CSV; dates ISO 8601.
    [row] = [row for row in _json(archive, "eintraege")["data"] if row["id"] == entry.pk]
    assert row["topics"] == ["e-akte-dokumentenmanagement"]
    assert row["phase"] == "implementation" and row["organisation_ags"] == "08336050"
    assert row["modified"].startswith(timezone.localdate().isoformat())
    # The strategy: fields of action and the guiding principle of "Digitale Verwaltung".
    assert "Digitale Verwaltung" in _column(archive, "handlungsfelder", "name")
    assert _column(archive, "leitgedanken", "text")


def test_single_files_match_the_archive(client, loerrach):
    EntryFactory(organisation=loerrach, title="Digitale Bauakte")
    archive = _zip(client)

    for fmt in ("csv", "json"):
        response = client.get(reverse("portal:open_data_file", args=["eintraege", fmt]))
        assert response.status_code == 200
        assert f'filename="eintraege.{fmt}"' in response["Content-Disposition"]
        assert b"".join(response.streaming_content) == archive.read(f"eintraege.{fmt}")


@pytest.mark.parametrize("address", ["/offene-daten/unbekannt.csv", "/offene-daten/eintraege.xlsx"])
def test_unknown_datasets_and_formats_are_not_found(client, address):
    assert client.get(address).status_code == 404


def test_csv_cells_cannot_run_as_formulas(client, loerrach):
    EntryFactory(organisation=loerrach, title='=HYPERLINK("https://example.org")')

    archive = _zip(client)

    titles = [row[5] for row in _csv(archive, "eintraege")[1:]]
    assert '\'=HYPERLINK("https://example.org")' in titles
    assert '=HYPERLINK("https://example.org")' in _column(archive, "eintraege", "title")  # JSON keeps the text


def test_the_zip_answers_not_modified_until_the_data_changes(client, loerrach):
    entry = EntryFactory(organisation=loerrach)
    first = client.get(reverse("portal:open_data_zip"))
    etag = first["ETag"]
    assert first["Last-Modified"]

    again = client.get(reverse("portal:open_data_zip"), headers={"if-none-match": etag})
    assert again.status_code == 304

    Entry.objects.filter(pk=entry.pk).update(visibility=Visibility.MEMBERS)  # one row fewer, nothing newer
    changed = client.get(reverse("portal:open_data_zip"), headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


# --- nothing that is not public ---------------------------------------------------------------------------------


@dataclass
class World:
    public: dict[str, Any]
    hidden: dict[str, list[Any]]


def _each_hidden(make: Any) -> list[Any]:
    return [make(name, fields) for name, fields in HIDDEN.items()]


@pytest.fixture
def world(loerrach, binzen) -> World:
    """Of every kind: a public object and hidden ones named "GEHEIM …" (members, coordination, draft)."""
    district = Organisation.objects.get(ags="08336")
    partner = OrganisationFactory(partner=True, name="Offener Partner")
    hidden_partners = _each_hidden(
        lambda name, fields: OrganisationFactory(partner=True, name=f"GEHEIM {name}", **fields)
    )
    committee = CommitteeFactory(organisation=district, name="Digitalisierungsforum offen")
    hidden_committees = _each_hidden(
        lambda name, fields: CommitteeFactory(organisation=district, name=f"GEHEIM Gremium {name}", **fields)
    )
    meeting = MeetingFactory(committee=committee, title="Treffen offen")
    hidden_meetings = [
        *_each_hidden(
            lambda name, fields: MeetingFactory(committee=committee, title=f"GEHEIM Treffen {name}", **fields)
        ),
        MeetingFactory(committee=hidden_committees[0], title="GEHEIM Treffen im Mitgliedergremium"),
    ]
    item = AgendaItemFactory(meeting=meeting, title="TOP offen")
    hidden_items = [
        *_each_hidden(lambda name, fields: AgendaItemFactory(meeting=meeting, title=f"GEHEIM TOP {name}", **fields)),
        AgendaItemFactory(meeting=hidden_meetings[0], title="GEHEIM TOP im Mitgliedertreffen"),
    ]
    entry = EntryFactory(organisation=loerrach, title="Eintrag offen")
    hidden_entries = [
        *_each_hidden(
            lambda name, fields: EntryFactory(organisation=loerrach, title=f"GEHEIM Eintrag {name}", **fields)
        ),
        EntryFactory(organisation=hidden_partners[0], title="GEHEIM Eintrag eines Mitgliederpartners"),
    ]
    interest = InterestFactory(entry=entry, organisation=binzen, note="Interesse offen")
    hidden_interests = [
        InterestFactory(entry=hidden, organisation=binzen, note="GEHEIM Interesse") for hidden in hidden_entries[:3]
    ] + [
        InterestFactory(entry=entry, organisation=hidden_partners[0], note="GEHEIM Interesse eines Mitgliederpartners")
    ]
    undertaking = UndertakingFactory(
        title="Vorhaben offen",
        lead=district,
        governing_organisation=district,
        governing_committee=hidden_committees[0],
    )
    undertaking.entries.set([entry, *hidden_entries])
    Participation.objects.create(undertaking=undertaking, organisation=binzen)
    Participation.objects.create(undertaking=undertaking, organisation=partner)
    hidden_participation = Participation.objects.create(undertaking=undertaking, organisation=hidden_partners[0])
    hidden_undertakings = _each_hidden(
        lambda name, fields: UndertakingFactory(
            title=f"GEHEIM Vorhaben {name}", lead=district, governing_organisation=district, **fields
        )
    )
    Participation.objects.create(undertaking=hidden_undertakings[0], organisation=binzen)

    declaration = Declaration.objects.create(title="Willensbekundung offen", undertaking=hidden_undertakings[0])
    declaration.revise("Die Gemeinde {kommune} erklärt ihre Bereitschaft.")
    hidden_declaration = Declaration.objects.create(title="GEHEIM Willensbekundung", **MEMBERS)
    hidden_declaration.revise("Die Gemeinde {kommune} erklärt ihre Bereitschaft.")

    def campaign(title: str, declaration: Declaration, **fields: Any) -> Campaign:
        version = declaration.current_version()
        made = Campaign.objects.create(
            declaration=declaration, version=version, title=title, due_on=date(2030, 1, 1), **fields
        )
        Signature.objects.create(campaign=made, organisation=loerrach, version=version, signatory_name=title)
        return made

    public_campaign = campaign("Kampagne offen", declaration)
    hidden_campaigns = _each_hidden(lambda name, fields: campaign(f"GEHEIM Kampagne {name}", declaration, **fields))
    hidden_campaigns.append(campaign("GEHEIM Kampagne einer Mitglieder-Willensbekundung", hidden_declaration))
    Signature.objects.create(campaign=public_campaign, organisation=hidden_partners[0], version=public_campaign.version)

    paper = PaperFactory(title="Vorlage offen", field_of_action=FieldOfAction.objects.first())
    paper.undertakings.set([undertaking, *hidden_undertakings])
    hidden_papers = _each_hidden(lambda name, fields: PaperFactory(title=f"GEHEIM Vorlage {name}", **fields))
    consultation = ConsultationFactory(
        paper=paper, committee=committee, meeting=hidden_meetings[0], date=paper.date + timedelta(days=28)
    )
    hidden_consultations = [
        *_each_hidden(
            lambda name, fields: ConsultationFactory(paper=paper, committee=committee, date=paper.date, **fields)
        ),
        ConsultationFactory(paper=paper, committee=hidden_committees[0], date=paper.date),
        ConsultationFactory(paper=hidden_papers[0], committee=committee, date=paper.date),
    ]
    return World(
        public={
            "organisationen": partner,
            "gremien": committee,
            "sitzungen": meeting,
            "tagesordnungspunkte": item,
            "eintraege": entry,
            "interessen": interest,
            "vorhaben-des-landkreises": undertaking,
            "kampagnen": public_campaign,
            "vorlagen": paper,
            "beratungen": consultation,
        },
        hidden={
            "organisationen": hidden_partners,
            "gremien": hidden_committees,
            "sitzungen": hidden_meetings,
            "tagesordnungspunkte": hidden_items,
            "eintraege": hidden_entries,
            "interessen": hidden_interests,
            "vorhaben-des-landkreises": hidden_undertakings,
            "kampagnen": hidden_campaigns,
            "vorlagen": hidden_papers,
            "beratungen": hidden_consultations,
            "beteiligungen": [hidden_participation],
        },
    )


@pytest.mark.parametrize("role", ["anonymous", "coordination"])
def test_only_public_rows_are_published(role, world, client, user_in_role, loerrach):
    log_in_as(client, user_in_role, role, loerrach)  # whoever downloads: the data is the public data

    archive = _zip(client)

    for slug, public in world.public.items():
        ids = _column(archive, slug)
        assert public.pk in ids, slug
        for hidden in world.hidden[slug]:
            assert hidden.pk not in ids, (slug, hidden)
    for name in archive.namelist():
        assert "GEHEIM" not in archive.read(name).decode("utf-8"), name


def test_references_to_hidden_objects_are_left_empty(world, client):
    archive = _zip(client)

    [undertaking] = [
        row for row in _json(archive, "vorhaben-des-landkreises")["data"] if row["title"] == "Vorhaben offen"
    ]
    assert undertaking["entries"] == [world.public["eintraege"].pk]
    assert undertaking["governing_committee_id"] is None  # the deciding committee is for members
    [paper] = [row for row in _json(archive, "vorlagen")["data"] if row["title"] == "Vorlage offen"]
    assert paper["undertakings"] == [world.public["vorhaben-des-landkreises"].pk]
    assert paper["number"] == world.public["vorlagen"].number
    assert "author_phone" not in paper
    [consultation] = _json(archive, "beratungen")["data"]
    assert consultation["meeting_id"] is None  # the meeting is for members
    assert consultation["paper_id"] == paper["id"]
    [campaign] = _json(archive, "kampagnen")["data"]
    assert campaign["undertaking_id"] is None
    signatures = _json(archive, "unterzeichnungen")["data"]
    assert [(row["campaign_id"], row["organisation_ags"]) for row in signatures] == [(campaign["id"], "08336050")]
    participants = {row["organisation_name"] for row in _json(archive, "beteiligungen")["data"]}
    assert participants == {"Binzen", "Offener Partner"}
    meetings = _json(archive, "sitzungen")["data"]
    assert "video_url" not in meetings[0]
    assert meetings[0]["ical_url"].endswith(reverse("meetings:meeting_ics", args=[meetings[0]["id"]]))


def test_the_single_files_publish_only_public_rows_too(world, client, user_in_role, loerrach):
    log_in_as(client, user_in_role, "coordination", loerrach)
    for dataset in open_data.DATASETS:
        for fmt in ("csv", "json"):
            response = client.get(reverse("portal:open_data_file", args=[dataset.slug, fmt]))
            assert "GEHEIM" not in b"".join(response.streaming_content).decode("utf-8"), (dataset.slug, fmt)


# --- queries ----------------------------------------------------------------------------------------------------


@pytest.fixture
def populate(loerrach, binzen):
    """populate(n): n more entries with two topics, an interest mark, an undertaking with a participant and a paper
    with a consultation; every third entry for members only."""
    topics = list(Topic.objects.filter(parent__isnull=False).order_by("slug")[:4])
    district = Organisation.objects.get(ags="08336")
    committee = Committee.objects.create(name="Forum", kind=Committee.Kind.FORUM, organisation=district)

    def make(n: int) -> None:
        for index in range(n):
            entry = EntryFactory(organisation=loerrach, visibility=Visibility.MEMBERS if index % 3 == 2 else "public")
            entry.save_with_lists(topics=topics[index % 3 : index % 3 + 2])
            Interest.objects.create(entry=entry, organisation=binzen, kind=Interest.Kind.JOIN)
            undertaking = UndertakingFactory(lead=district, governing_organisation=district)
            undertaking.entries.add(entry)
            Participation.objects.create(undertaking=undertaking, organisation=binzen)
            meeting = MeetingFactory(committee=committee)
            AgendaItemFactory(meeting=meeting)
            paper = PaperFactory()
            paper.undertakings.add(undertaking)
            ConsultationFactory(paper=paper, committee=committee, meeting=meeting)

    return make


def _count(client: Any, address: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


@pytest.mark.parametrize("view", ["open_data", "open_data_zip"])
def test_the_page_and_the_zip_cost_the_same_for_10_and_100_rows(view, client, populate):
    populate(10)
    few = _count(client, reverse(f"portal:{view}"))
    populate(90)
    many = _count(client, reverse(f"portal:{view}"))

    assert few == many
    assert len(_json(_zip(client), "eintraege")["data"]) >= 67


def test_each_dataset_costs_a_fixed_number_of_queries(client, populate, django_assert_max_num_queries):
    populate(5)
    for dataset in open_data.DATASETS:
        with django_assert_max_num_queries(10):
            response = client.get(reverse("portal:open_data_file", args=[dataset.slug, "json"]))
            b"".join(response.streaming_content)


def test_a_paper_url_and_the_field_of_action(client, world):
    archive = _zip(client)

    [paper] = [row for row in _json(archive, "vorlagen")["data"] if row["title"] == "Vorlage offen"]
    assert paper["url"].endswith(world.public["vorlagen"].get_absolute_url())
    assert paper["field_of_action_id"] in _column(archive, "handlungsfelder")
    assert Undertaking.objects.count() >= 4
