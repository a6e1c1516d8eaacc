"""Every OParl URL × every role: the answer is the public one, whoever is logged in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forum.oparl import urls
from forum.organisations.tests.helpers import log_in_as

from .walk import walk

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no_role", "member_own", "editor_own", "coordination", "operator"]

# URL name → (arguments built from the world, status for every role).
GET = {
    "system": (lambda w: [], 200),
    "body_list": (lambda w: [], 200),
    "body": (lambda w: [w.district.ags], 200),
    "body_list_part": (lambda w: [w.district.ags, "meeting"], 200),
    "detail": (lambda w: ["paper", w.paper.pk], 200),
    "file_download": (lambda w: [f"paper-{w.main_file.pk}"], 200),
    "not_found": (lambda w: ["anything/"], 404),
}


def test_the_table_covers_every_url_name():
    assert set(GET) == {pattern.name for pattern in urls.urlpatterns}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(GET))
def test_status_by_role(client, user_in_role, world, role, name):
    if role != "anonymous":
        log_in_as(client, user_in_role, role, world.district)
    arguments, status = GET[name]
    response = client.get(reverse(f"oparl:{name}", args=arguments(world)))
    assert response.status_code == status
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("role", ["member_own", "coordination"])
def test_logged_in_people_get_exactly_the_public_answers(client, user_in_role, world, role):
    public = walk(client)
    log_in_as(client, user_in_role, role, world.district)
    assert walk(client).objects == public.objects
