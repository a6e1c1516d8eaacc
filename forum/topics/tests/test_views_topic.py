"""Topic pages: the overview with visible entry counts, a topic with its entries, and the coordination's maintenance
(create, rename, merge, retire, reactivate); bad input, history, pagination and query budgets."""

import re
from html import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from forum.core.models import Visibility
from forum.organisations.tests.helpers import ROLES, element_text, log_in_as, section_text, title
from forum.topics import views
from forum.topics.models import Topic

pytestmark = pytest.mark.django_db

MEMBERS = set(ROLES) - {"anonymous", "no_role"}
LIST = reverse("topics:topic_list")


def _listed_count(response, topic: Topic) -> int | None:
    """The entry count shown after ``topic`` in the overview, or None if it is not listed there."""
    overview = element_text_html(response, "themenfelder")
    match = re.search(rf'href="{re.escape(topic.get_absolute_url())}">[^<]*</a>\s*(?:<[^>]*>)?\s*\((\d+)', overview)
    return int(match.group(1)) if match else None


def element_text_html(response, element_id: str) -> str:
    """The raw HTML from the element with ``element_id`` up to the coordination's list of inactive topics."""
    html = response.content.decode()
    start = html.find(f'id="{element_id}"')
    end = html.find('aria-labelledby="stillgelegt"')
    return html[start : end if end > start else len(html)] if start >= 0 else ""


def _entry_titles(response) -> list[str]:
    return re.findall(r'<th scope="row"[^>]*><a[^>]*>([^<]+)</a>', section_html(response, "eintraege"))


def section_html(response, heading_id: str) -> str:
    match = re.search(
        rf'<section[^>]*aria-labelledby="{re.escape(heading_id)}"[^>]*>(.*?)</section>',
        response.content.decode(),
        re.DOTALL,
    )
    return match.group(1) if match else ""


# The overview ---------------------------------------------------------------------------------------------------


def test_the_overview_lists_every_active_topic_under_its_field(client, field, topic):
    response = client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    for active in Topic.objects.active():
        assert active.get_absolute_url() in html
    assert html.count('<section class="section" aria-labelledby="feld-') == Topic.objects.fields().count()
    assert topic.name in section_text(response, f"feld-{field.slug}")
    assert topic.name not in section_text(response, "feld-daten-standards-ki")


@pytest.mark.parametrize("role", ROLES)
def test_the_counts_include_only_entries_the_person_may_see(role, client, user_in_role, loerrach, topic, make_entry):
    make_entry(topic)
    make_entry(topic)
    make_entry(topic, visibility=Visibility.MEMBERS)
    make_entry(topic, visibility=Visibility.COORDINATION)
    make_entry(topic, is_draft=True)  # a draft of Lörrach: its editors and the coordination see it
    log_in_as(client, user_in_role, role, loerrach)
    expected = {
        "anonymous": 2,
        "no_role": 2,
        "member_own": 3,
        "member_other": 3,
        "editor_own": 4,
        "editor_other": 3,
        "coordination": 5,
        "operator": 5,
    }[role]
    assert _listed_count(client.get(LIST), topic) == expected
    # The topic's own page lists the same entries.
    assert len(_entry_titles(client.get(topic.get_absolute_url()))) == expected


def test_an_entry_counts_once_per_topic_it_points_at(client, topic, other_topic, make_entry):
    make_entry(topic, other_topic)
    make_entry(other_topic)
    response = client.get(LIST)
    assert (_listed_count(response, topic), _listed_count(response, other_topic)) == (1, 2)


@pytest.mark.parametrize("role", ROLES)
def test_a_retired_topic_is_listed_apart_and_for_the_coordination_only(
    role, client, user_in_role, loerrach, topic, other_topic
):
    topic.retire()
    merged = Topic.objects.get(slug="kuenstliche-intelligenz")
    merged.merge_into(other_topic)
    log_in_as(client, user_in_role, role, loerrach)
    response = client.get(LIST)
    assert _listed_count(response, topic) is None
    assert _listed_count(response, merged) is None
    inactive = section_text(response, "stillgelegt")
    if role == "coordination":
        assert topic.name in inactive
        assert merged.name in inactive
        assert other_topic.name in inactive  # as the target of the merge
    else:
        assert inactive is None


def test_retiring_takes_a_topic_out_of_the_active_vocabulary(client, user_in_role, loerrach, topic, make_entry):
    entry = make_entry(topic)
    log_in_as(client, user_in_role, "coordination", loerrach)
    response = client.post(reverse("topics:topic_retire", args=[topic.slug]))
    assert response.status_code == 302
    assert response.url == topic.get_absolute_url()
    assert topic not in Topic.objects.active()
    assert list(entry.topics.all()) == [topic]  # the entry keeps it
    assert entry.title in section_text(client.get(topic.get_absolute_url()), "eintraege")

    response = client.post(reverse("topics:topic_reactivate", args=[topic.slug]))
    assert response.status_code == 302
    assert topic in Topic.objects.active()
    assert _listed_count(client.get(LIST), topic) == 1


def test_a_retired_topic_keeps_its_page(client, topic, make_entry):
    entry = make_entry(topic)
    topic.retire()
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    assert entry.title in section_text(response, "eintraege")


def test_sub_topics_of_a_retired_field_stay_listed_under_it(client, field, topic):
    field.retire()
    response = client.get(LIST)
    assert _listed_count(response, topic) == 0
    assert topic.name in section_text(response, f"feld-{field.slug}")


def test_the_overview_is_paginated_by_field(client, monkeypatch):
    monkeypatch.setattr(views, "FIELDS_PER_PAGE", 10)
    first, second = (client.get(LIST, {"page": n}) for n in (1, 2))
    count = Topic.objects.fields().count()
    assert first.content.decode().count('aria-labelledby="feld-') == 10
    assert second.content.decode().count('aria-labelledby="feld-') == count - 10
    assert 'rel="next"' in first.content.decode()


# A topic's page ---------------------------------------------------------------------------------------------------


def test_a_topic_page_shows_description_source_field_and_entries(client, field, topic, make_entry, binzen):
    entry = make_entry(topic, title="Serviceportal der Stadt", organisation=binzen)
    response = client.get(topic.get_absolute_url())
    html = response.content.decode()
    assert topic.description in html
    assert topic.source in html
    assert field.get_absolute_url() in html
    row = section_html(response, "eintraege")
    assert entry.get_absolute_url() in row
    assert "Binzen" in row
    with translation.override("de"):
        assert str(entry.get_kind_display()) in row


def test_a_field_page_lists_its_active_sub_topics(client, field, topic, other_topic):
    other_topic.retire()
    html = client.get(field.get_absolute_url()).content.decode()
    assert topic.get_absolute_url() in html
    assert other_topic.get_absolute_url() not in html


def test_the_entry_list_is_paginated(client, topic, make_entry, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 10)
    for _ in range(25):
        make_entry(topic)
    pages = [_entry_titles(client.get(topic.get_absolute_url(), {"page": n})) for n in (1, 2, 3)]
    assert [len(page) for page in pages] == [10, 10, 5]
    assert len({name for page in pages for name in page}) == 25


@pytest.mark.parametrize("role", ROLES)
def test_the_change_history_is_for_members_only(role, client, user_in_role, loerrach, topic):
    log_in_as(client, user_in_role, role, loerrach)
    response = client.get(topic.get_absolute_url())
    assert (element_text(response, "verlauf") is not None) is (role in MEMBERS)


def test_the_change_history_shows_a_rename(client, user_in_role, loerrach, field, topic):
    coordinator = log_in_as(client, user_in_role, "coordination", loerrach)
    old_name = topic.name
    client.post(
        reverse("topics:topic_edit", args=[topic.slug]),
        {"name": "Portale", "parent": field.pk, "description": topic.description, "source": topic.source},
    )
    log_in_as(client, user_in_role, "member_other", loerrach)
    history = section_text(client.get(topic.get_absolute_url()), "verlauf")
    assert coordinator.full_name in history
    assert old_name in history
    assert "Portale" in history


@pytest.mark.parametrize("role", ["anonymous", "member_own", "coordination"])
def test_the_overview_costs_the_same_for_3_or_30_entries(
    role, client, user_in_role, loerrach, binzen, topic, other_topic, make_entry, django_assert_num_queries
):
    log_in_as(client, user_in_role, role, loerrach)
    Topic.objects.get(slug="kuenstliche-intelligenz").retire()  # the coordination's list is not empty
    for _ in range(3):
        make_entry(topic)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for number in range(27):
        make_entry(
            topic, other_topic, organisation=binzen, visibility=[Visibility.PUBLIC, Visibility.MEMBERS][number % 2]
        )
    with django_assert_num_queries(len(few)):
        client.get(LIST)


@pytest.mark.parametrize("role", ["anonymous", "member_own", "coordination"])
def test_a_topic_page_costs_the_same_for_3_or_30_entries(
    role, client, user_in_role, loerrach, binzen, topic, make_entry, django_assert_num_queries
):
    log_in_as(client, user_in_role, role, loerrach)
    for _ in range(3):
        make_entry(topic)
    with CaptureQueriesContext(connection) as few:
        client.get(topic.get_absolute_url())
    for _ in range(27):
        make_entry(topic, organisation=binzen)
    with django_assert_num_queries(len(few)):
        response = client.get(topic.get_absolute_url())
    assert len(_entry_titles(response)) == 30


def test_the_overview_has_a_query_ceiling(
    client, user_in_role, loerrach, topic, make_entry, django_assert_max_num_queries
):
    log_in_as(client, user_in_role, "coordination", loerrach)
    make_entry(topic)
    with django_assert_max_num_queries(5):
        # session, user, the user's roles,
        # the active topics with their fields and visible-entry counts (one query for all counts),
        # the retired and merged topics with their counts (coordination only)
        client.get(LIST)


def test_a_topic_page_has_a_query_ceiling(
    client, user_in_role, loerrach, topic, make_entry, django_assert_max_num_queries
):
    log_in_as(client, user_in_role, "member_own", loerrach)
    for _ in range(5):
        make_entry(topic)
    with django_assert_max_num_queries(10):
        # the topic (with its field), session, user, the user's roles,
        # the count and the page of visible entries (with their organisations),
        # the active sub-topics, the topics merged into this one, the change history,
        # whether the member follows the topic (the follow button)
        client.get(topic.get_absolute_url())


# Maintenance by the coordination -----------------------------------------------------------------------------------


def test_the_coordination_creates_a_topic(client, user_in_role, loerrach, field):
    log_in_as(client, user_in_role, "coordination", loerrach)
    response = client.post(
        reverse("topics:topic_create"),
        {
            "name": "Digitale Friedhofsverwaltung",
            "parent": field.pk,
            "description": "Grabstellen online.",
            "source": "Forum 2024",
        },
    )
    created = Topic.objects.get(name="Digitale Friedhofsverwaltung")
    assert response.status_code == 302
    assert response.url == created.get_absolute_url()
    assert (created.slug, created.parent, created.source) == ("digitale-friedhofsverwaltung", field, "Forum 2024")
    assert created in Topic.objects.active()


def test_a_new_topic_gets_an_unused_short_name(client, user_in_role, loerrach, field, topic):
    topic.retire()  # its name is free again, its short name is not
    log_in_as(client, user_in_role, "coordination", loerrach)
    client.post(reverse("topics:topic_create"), {"name": topic.name, "parent": field.pk})
    created = Topic.objects.exclude(pk=topic.pk).get(name=topic.name)
    assert created.slug != topic.slug
    assert created.slug.startswith("verwaltungsportale-portalverbund")


def test_a_rename_keeps_the_address_and_the_entries(client, user_in_role, loerrach, field, topic, make_entry):
    entry = make_entry(topic)
    log_in_as(client, user_in_role, "coordination", loerrach)
    response = client.post(
        reverse("topics:topic_edit", args=[topic.slug]),
        {"name": "Portale", "parent": field.pk, "description": "Neu.", "source": topic.source},
    )
    renamed = Topic.objects.get(pk=topic.pk)
    assert response.status_code == 302
    assert response.url == topic.get_absolute_url()
    assert (renamed.name, renamed.slug, renamed.description) == ("Portale", topic.slug, "Neu.")
    assert list(entry.topics.all()) == [renamed]


def test_the_coordination_merges_a_topic_and_its_entries_move(
    client, user_in_role, loerrach, topic, other_topic, make_entry
):
    moving = [make_entry(topic), make_entry(topic, visibility=Visibility.COORDINATION)]
    both = make_entry(topic, other_topic)
    staying = make_entry(other_topic)
    log_in_as(client, user_in_role, "coordination", loerrach)

    page = client.get(reverse("topics:topic_merge", args=[topic.slug]))
    assert page.status_code == 200
    assert "3" in element_text(page, "inhalt")  # the confirmation says how many entries move

    response = client.post(reverse("topics:topic_merge", args=[topic.slug]), {"target": other_topic.pk})

    assert response.status_code == 302
    assert response.url == other_topic.get_absolute_url()
    topic.refresh_from_db()
    assert topic.merged_into == other_topic
    assert topic not in Topic.objects.active()
    assert not topic.entries.exists()
    for entry in [*moving, both, staying]:
        assert list(entry.topics.all()) == [other_topic]
    assert set(other_topic.entries.all()) == {*moving, both, staying}
    # The old address forwards; the target's page lists everything and names the former topic.
    forwarded = client.get(topic.get_absolute_url())
    assert forwarded.status_code == 301
    assert forwarded.url == other_topic.get_absolute_url()
    target_page = client.get(other_topic.get_absolute_url())
    assert len(_entry_titles(target_page)) == 4
    assert escape(topic.name) in target_page.content.decode()


def test_a_merged_field_hands_its_sub_topics_on(client, user_in_role, loerrach, field):
    children = set(field.children.all())
    target = Topic.objects.get(slug="daten-standards-ki")
    log_in_as(client, user_in_role, "coordination", loerrach)
    client.post(reverse("topics:topic_merge", args=[field.slug]), {"target": target.pk})
    assert set(target.children.all()) >= children


def test_a_chain_of_merges_forwards_to_the_end(client, topic, other_topic):
    last = Topic.objects.get(slug="kuenstliche-intelligenz")
    topic.merge_into(other_topic)
    other_topic.merge_into(last)
    response = client.get(topic.get_absolute_url())
    assert (response.status_code, response.url) == (301, last.get_absolute_url())


def test_the_merge_form_offers_only_other_active_topics(
    client, user_in_role, loerrach, topic, other_topic, retired_topic
):
    log_in_as(client, user_in_role, "coordination", loerrach)
    html = client.get(reverse("topics:topic_merge", args=[topic.slug])).content.decode()
    offered = set(map(int, re.findall(r'<option value="(\d+)"', html)))
    assert other_topic.pk in offered
    assert topic.pk not in offered
    assert retired_topic.pk not in offered
    assert offered == set(Topic.objects.active().exclude(pk=topic.pk).values_list("pk", flat=True))


# Bad input: the form again (200) with the error summary, and nothing changed.


def _snapshot():
    return list(
        Topic.objects.order_by("pk").values_list(
            "pk", "slug", "name", "parent", "description", "retired", "merged_into"
        )
    )


@pytest.mark.parametrize(
    ("view", "data", "message"),
    [
        ("create", {"name": "", "parent": "", "description": "Etwas Text."}, None),
        ("create", {"name": "Verwaltungsportale & Portalverbund", "parent": "", "description": "Etwas Text."}, None),
        ("edit", {"name": "", "description": "Etwas Text."}, None),
        ("edit", {"name": "   ", "description": "Etwas Text."}, None),
        (
            "edit_field",
            {"name": "Neu", "parent": "daten-standards-ki", "description": "Etwas Text."},
            "This topic has sub-topics, so it stays a field; move or merge them first.",
        ),
        ("merge", {"target": "self"}, "A topic cannot be merged into itself."),
        ("merge", {"target": "retired"}, "Merge into an active topic."),
        ("merge", {"target": ""}, None),
        ("merge", {"target": "999999"}, None),
        ("merge_field", {"target": "own_child"}, "A field cannot be merged into one of its own sub-topics."),
    ],
)
def test_bad_input_is_shown_on_the_form_and_nothing_changes(
    view, data, message, client, user_in_role, loerrach, field, topic, retired_topic, make_entry
):
    make_entry(topic)
    subject = field if view in ("edit_field", "merge_field") else topic
    url = {
        "create": reverse("topics:topic_create"),
        "edit": reverse("topics:topic_edit", args=[subject.slug]),
        "edit_field": reverse("topics:topic_edit", args=[subject.slug]),
        "merge": reverse("topics:topic_merge", args=[subject.slug]),
        "merge_field": reverse("topics:topic_merge", args=[subject.slug]),
    }[view]
    targets = {"self": subject.pk, "retired": retired_topic.pk, "own_child": topic.pk}
    if "target" in data:
        data = {"target": targets.get(data["target"], data["target"])}
    if data.get("parent") and not str(data["parent"]).isdigit():
        data = data | {"parent": Topic.objects.get(slug=data["parent"]).pk}
    log_in_as(client, user_in_role, "coordination", loerrach)
    good_title = title(client.get(url))
    before = _snapshot()
    entries_before = list(topic.entries.values_list("pk", flat=True))

    response = client.post(url, data)

    assert response.status_code == 200
    summary = element_text(response, "fehler")
    assert summary is not None
    assert title(response) != good_title
    if message:
        with translation.override("de"):
            assert translation.gettext(message) in summary  # the model's own message, in the page's language
    assert _snapshot() == before
    assert list(topic.entries.values_list("pk", flat=True)) == entries_before
    if "description" in data:
        assert "Etwas Text." in response.content.decode()  # nothing typed is lost
