"""The start page: the district, its municipalities and the recent activity a person may see."""

from html.parser import HTMLParser

import pytest

from forum.organisations.models import Committee, Organisation, Person
from forum.portal.views import RECENT_ACTIVITY

pytestmark = pytest.mark.django_db


class _SectionLinks(HTMLParser):
    """The link targets inside each <section>, keyed by the id of the heading that labels it."""

    def __init__(self) -> None:
        super().__init__()
        self.links: dict[str, list[str]] = {}
        self._sections: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "section":
            self._sections.append(names.get("aria-labelledby", ""))
        elif tag == "a" and self._sections:
            self.links.setdefault(self._sections[-1], []).append(names.get("href", ""))

    def handle_endtag(self, tag):
        if tag == "section" and self._sections:
            self._sections.pop()


def _links(response, section):
    parser = _SectionLinks()
    parser.feed(response.content.decode())
    return parser.links.get(section, [])


def _get_home(client, user=None):
    if user is not None and user.is_authenticated:
        client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response


def test_it_lists_the_district_and_all_35_municipalities(client):
    response = _get_home(client)
    municipalities = Organisation.objects.municipalities().filter(district__ags="08336")
    assert municipalities.count() == 35
    links = _links(response, "kommunen")
    for municipality in municipalities:
        assert f"/kommunen/{municipality.ags}/" in links, municipality.name
    assert "/kommunen/08336/" in _links(response, "landkreis")
    assert response.context["district"].ags == "08336"
    assert len(response.context["municipalities"]) == 35
    assert "Landkreis Lörrach" in response.content.decode()


def test_it_counts_the_towns_among_the_municipalities(client):
    response = _get_home(client)
    towns = Organisation.objects.filter(district__ags="08336", kind=Organisation.Kind.CITY).count()
    assert towns > 0
    assert response.context["town_count"] == towns


def test_it_lists_no_partner_bodies_as_municipalities(client):
    response = _get_home(client)
    assert all(m.kind in Organisation.MUNICIPAL_KINDS for m in response.context["municipalities"])


def test_it_shows_the_district_of_the_configured_kreisschluessel(client, settings):
    settings.FORUM_KREISSCHLUESSEL = "09162"  # not loaded in this database
    response = _get_home(client)
    assert response.context["district"] is None
    assert response.context["municipalities"] == []


def test_it_rejects_post(client):
    assert client.post("/").status_code == 405


# Recent activity


@pytest.fixture
def person(loerrach):
    def make(visibility, is_draft=False):
        return Person.objects.create(
            organisation=loerrach, given_name="Lea", family_name="Neu", visibility=visibility, is_draft=is_draft
        )

    return make


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("anonymous", False),
        ("no_role", False),
        ("member_own", True),
        ("member_other", True),
        ("coordination", True),
    ],
)
def test_it_shows_a_members_only_change_only_to_members(client, user_in_role, loerrach, person, role, sees):
    secret = person("members")
    response = _get_home(client, user_in_role(role, loerrach))
    assert (secret.get_absolute_url() in _links(response, "aktivitaet")) is sees
    assert (secret in response.context["recent"]) is sees


# Published coordination-only content stays with the coordination, even for the owner's Redaktion (DESIGN.md).
@pytest.mark.parametrize(
    ("role", "sees"), [("member_own", False), ("editor_other", False), ("editor_own", False), ("coordination", True)]
)
def test_it_shows_a_coordination_only_change_only_to_the_coordination(
    client, user_in_role, loerrach, person, role, sees
):
    secret = person("coordination")
    response = _get_home(client, user_in_role(role, loerrach))
    assert (secret.get_absolute_url() in _links(response, "aktivitaet")) is sees


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("anonymous", False),
        ("member_own", False),
        ("editor_other", False),
        ("editor_own", True),
        ("coordination", True),
    ],
)
def test_it_shows_a_draft_only_to_its_editors_and_the_coordination(client, user_in_role, loerrach, person, role, sees):
    draft = person("public", is_draft=True)
    response = _get_home(client, user_in_role(role, loerrach))
    assert (draft.get_absolute_url() in _links(response, "aktivitaet")) is sees


def test_it_shows_a_public_change_to_everybody(client, person):
    public = person("public")
    response = _get_home(client)
    assert public.get_absolute_url() in _links(response, "aktivitaet")


def test_it_shows_the_newest_changes_first_and_no_more_than_the_limit(client, loerrach, person):
    committee = Committee.objects.create(name="Arbeitsgruppe Test", kind="working_group", organisation=loerrach)
    people = [person("public") for _ in range(RECENT_ACTIVITY + 2)]
    loerrach.website = "https://www.loerrach.example/"
    loerrach.save()

    recent = _get_home(client).context["recent"]
    assert len(recent) == RECENT_ACTIVITY
    assert recent[0] == loerrach
    assert [obj.modified for obj in recent] == sorted((obj.modified for obj in recent), reverse=True)
    assert committee not in recent  # pushed out by the newer people
    assert people[-1] in recent


def test_it_mixes_people_committees_and_organisations(client, loerrach, person):
    committee = Committee.objects.create(name="Arbeitsgruppe Test", kind="working_group", organisation=loerrach)
    someone = person("public")
    links = _links(_get_home(client), "aktivitaet")
    assert committee.get_absolute_url() in links
    assert someone.get_absolute_url() in links


# Query budget


def test_it_costs_a_bounded_number_of_queries_for_anonymous_visitors(client, person, django_assert_max_num_queries):
    for _ in range(20):
        person("public")
    # 1 district, 2 its municipalities, 3 latest people, 4 latest committees, 5 latest meetings,
    # 6 latest organisations, 7 upcoming meetings
    with django_assert_max_num_queries(7):
        client.get("/")


def test_it_costs_a_bounded_number_of_queries_for_members(
    client, user_in_role, loerrach, person, django_assert_max_num_queries
):
    for _ in range(20):
        person("members")
    client.force_login(user_in_role("editor_own", loerrach))
    # 1 session, 2 user, 3 the user's roles (once, cached on the user object),
    # 4 district, 5 municipalities, 6 latest people, 7 latest committees, 8 latest meetings,
    # 9 latest organisations, 10 upcoming meetings
    with django_assert_max_num_queries(10):
        client.get("/")
