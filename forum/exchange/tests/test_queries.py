"""Query budgets: the catalogue, an entry's page and a municipality's profile cost the same for 3 and for 30 rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum.core.models import Visibility
from forum.exchange.models import Comment, Entry, Interest, Product, Vendor
from forum.organisations.models import Organisation
from forum.organisations.tests.helpers import log_in_as
from forum.topics.models import Topic

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member_other", "coordination"]


@pytest.fixture
def populate(loerrach, make_user):
    """populate(n): n more entries of municipalities, each with two topics, two products, a vendor,
    three interest marks and two comments; every third for members only, every fifth a project."""
    towns = list(Organisation.objects.municipalities().order_by("ags")[:6])
    topics = list(Topic.objects.filter(parent__isnull=False).order_by("slug")[:8])
    products = [Product.objects.create(name=f"Produkt {n}") for n in range(4)]
    vendor = Vendor.objects.create(name="Komm.ONE")
    author = make_user()
    made = [0]

    def make(n: int) -> None:
        for _ in range(n):
            index = made[0]
            made[0] += 1
            owner = towns[index % len(towns)]
            project = index % 5 == 0
            entry = Entry.objects.create(
                kind=Entry.Kind.PROJECT if project else Entry.Kind.CHALLENGE,
                phase=Entry.Phase.OPERATION if project else "",
                organisation=owner,
                title=f"Eintrag {index}",
                description="Beschreibung",
                visibility=Visibility.MEMBERS if index % 3 == 2 else Visibility.PUBLIC,
            )
            entry.save_with_lists(
                topics=topics[index % 4 : index % 4 + 2], products=products[index % 3 : index % 3 + 2], vendors=[vendor]
            )
            for offset in range(1, 4):
                Interest.objects.create(
                    entry=entry, organisation=towns[(index + offset) % len(towns)], kind=Interest.Kind.CONCERNS_US
                )
            for _ in range(2):
                Comment.objects.create(entry=entry, author=author, text="Frage")

    return make


def _flat(client, url, populate, django_assert_num_queries, more=27):
    populate(3)
    with CaptureQueriesContext(connection) as few:
        small = client.get(url)
    populate(more)
    with django_assert_num_queries(len(few)):
        large = client.get(url)
    assert (small.status_code, large.status_code) == (200, 200)
    return small, large


@pytest.mark.parametrize("role", ROLES)
def test_the_catalogue_costs_the_same_for_3_or_30(
    role, client, user_in_role, loerrach, populate, django_assert_num_queries
):
    # Queries: session and user (logged in), roles, the organisations and topics of the filter form,
    # the count, the page of entries with their organisations and interest counts, their topics.
    log_in_as(client, user_in_role, role, loerrach)
    small, large = _flat(client, reverse("exchange:entry_list"), populate, django_assert_num_queries)
    assert len(large.context["page_obj"]) > len(small.context["page_obj"])


@pytest.mark.parametrize("role", ROLES)
def test_a_filtered_catalogue_costs_the_same_for_3_or_30(
    role, client, user_in_role, loerrach, populate, django_assert_num_queries
):
    log_in_as(client, user_in_role, role, loerrach)
    town = Organisation.objects.municipalities().order_by("ags").first()
    topic = Topic.objects.filter(parent__isnull=False).order_by("slug").first()
    url = reverse("exchange:entry_list") + f"?thema={topic.parent.slug}&kommune={town.ags}&interesse={loerrach.ags}"
    _flat(client, url, populate, django_assert_num_queries)


@pytest.mark.parametrize("role", ROLES)
def test_an_entry_page_costs_the_same_for_3_or_30_marks_and_comments(
    role, client, user_in_role, loerrach, make_user, django_assert_num_queries
):
    user = log_in_as(client, user_in_role, role, loerrach)
    towns = list(Organisation.objects.municipalities().exclude(pk=loerrach.pk).order_by("ags")[:30])
    topics = list(Topic.objects.filter(parent__isnull=False).order_by("slug"))
    entry = Entry.objects.create(kind=Entry.Kind.CHALLENGE, organisation=loerrach, title="T", description="**D**")
    author = make_user()

    def add(start: int, n: int) -> None:
        for index in range(start, start + n):
            Interest.objects.create(entry=entry, organisation=towns[index], kind=Interest.Kind.JOIN, note="Notiz")
            Comment.objects.create(entry=entry, author=author, text=f"Kommentar {index}")
        entry.title = f"T{start}"
        entry._history_user = user if user.is_authenticated else None
        entry.save_with_lists(
            topics=topics[: start + n], products=Product.for_names([f"P{i}" for i in range(start + n)]), vendors=[]
        )

    # Queries: session and user, roles, the entry with organisation and contact, topics, products, vendors,
    # files, marks with organisations, the comment count and page with authors, the history and its names.
    add(0, 3)
    with CaptureQueriesContext(connection) as few:
        small = client.get(entry.get_absolute_url())
    add(3, 27)
    with django_assert_num_queries(len(few)):
        large = client.get(entry.get_absolute_url())
    assert (small.status_code, large.status_code) == (200, 200)
    assert large.content.decode().count('id="interesse-') == 30


@pytest.mark.parametrize("role", ROLES)
def test_a_municipality_profile_costs_the_same_for_3_or_30_entries(
    role, client, user_in_role, loerrach, populate, django_assert_num_queries
):
    log_in_as(client, user_in_role, role, loerrach)
    town = Organisation.objects.municipalities().order_by("ags").first()
    _flat(client, reverse("portal:organisation_detail", args=[town.ags]), populate, django_assert_num_queries)
