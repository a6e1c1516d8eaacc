"""The overlap pages: every URL × every role, nothing hidden on any page or export, bad input, charts."""

from __future__ import annotations

import csv
import io
from html import escape

import pytest
from django.urls import URLPattern, reverse
from openpyxl import load_workbook

from forum.organisations.tests.helpers import ROLES, log_in_as, outcome
from forum.overlaps import charts, urls

from .world import AKTE, RATS, SECRET, World, build

pytestmark = pytest.mark.django_db

EVERYONE = dict.fromkeys(ROLES, 200)
NOT_ALLOWED = dict.fromkeys(ROLES, 405)
GET = {
    "overview": EVERYONE,
    "export": EVERYONE,
    "topic_detail": EVERYONE,
    "candidate_list": EVERYONE,
    "candidate_detail": EVERYONE,
    "map": EVERYONE,
}
POST = dict.fromkeys(GET, NOT_ALLOWED)
MINE = set(GET)  # the similarity pages of this app have their own table


@pytest.fixture
def world(loerrach) -> World:
    return build(loerrach)


def _url(view: str, world: World) -> str:
    args = {"export": ["csv"], "topic_detail": [AKTE], "candidate_detail": [world.key]}
    return reverse(f"overlaps:{view}", args=args.get(view, []))


def test_every_url_is_in_the_tables():
    names = {pattern.name for pattern in urls.urlpatterns if isinstance(pattern, URLPattern)}
    assert names >= MINE
    assert set(GET) == set(POST) == MINE


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in GET for role in ROLES])
def test_it_answers_get_by_role(view, role, client, user_in_role, loerrach, world):
    log_in_as(client, user_in_role, role, loerrach)
    assert outcome(client.get(_url(view, world))) == GET[view][role]


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in POST for role in ROLES])
def test_it_answers_post_by_role(view, role, client, user_in_role, loerrach, world):
    log_in_as(client, user_in_role, role, loerrach)
    assert outcome(client.post(_url(view, world), {"x": "1"})) == POST[view][role]


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def _xlsx(response) -> list[tuple]:
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


# Who sees which of the hidden entries (members-only, coordination-only, draft) on the topic SECRET.
SEES = {
    "anonymous": False,
    "no_role": False,
    "member_own": True,  # members only
    "member_other": True,
    "editor_other": True,
    "coordination": True,
}
HIDDEN_TITLES = {"members": "Glasfaser intern", "coordination": "Glasfaser vertraulich", "draft": "Glasfaser Entwurf"}


@pytest.mark.parametrize("role", list(SEES))
def test_hidden_entries_appear_on_no_page_and_in_no_export(role, client, user_in_role, loerrach, world):
    log_in_as(client, user_in_role, role, loerrach)
    everything = role == "coordination"
    members = SEES[role]
    topic_page = client.get(reverse("overlaps:topic_detail", args=[SECRET])).content.decode()
    assert (HIDDEN_TITLES["members"] in topic_page) is members
    assert (HIDDEN_TITLES["coordination"] in topic_page) is everything
    assert (HIDDEN_TITLES["draft"] in topic_page) is everything

    overview = client.get(reverse("overlaps:overview"), {"ebene": "themen"}).content.decode()
    assert (escape(world.topics[SECRET].name) in overview) is members

    rows = _csv(client.get(reverse("overlaps:export", args=["csv"]), {"ebene": "themen"}))
    header = rows[0]
    assert (f"{world.topics[SECRET].name}: Einträge" in header) is members
    if members:
        column = header.index(f"{world.topics[SECRET].name}: Einträge")
        by_name = {row[0]: row for row in rows[1:]}
        d = world.towns[3]
        assert by_name[d.name][column] == ("2" if everything else "1")  # members entry (+ draft)
    sheet = _xlsx(client.get(reverse("overlaps:export", args=["xlsx"]), {"ebene": "themen"}))
    assert (f"{world.topics[SECRET].name}: Einträge" in sheet[0]) is members

    candidates = client.get(reverse("overlaps:candidate_list")).content.decode()
    assert (escape(world.topics[SECRET].name) in candidates) is everything  # three organisations only with all three
    secret_key = "+".join(sorted([AKTE, RATS, SECRET]))
    assert client.get(reverse("overlaps:candidate_detail", args=[secret_key])).status_code == (
        200 if everything else 404
    )
    detail = client.get(reverse("overlaps:candidate_detail", args=[world.key])).content.decode()
    assert all(title not in detail for title in HIDDEN_TITLES.values())

    karte = client.get(reverse("overlaps:map"), {"thema": SECRET}).content.decode()
    entries, in_topic = (3, 2) if everything else (2, 1) if members else (1, 0)
    assert f"<title>{world.towns[3].name} – Einträge: {entries}, im Thema: {in_topic}</title>" in karte


def test_the_overview_shows_table_heatmap_and_exports(client, world, loerrach):
    response = client.get(reverse("overlaps:overview"))
    page = response.content.decode()
    assert '<svg class="chart" role="img" aria-labelledby="heatmap-title heatmap-desc"' in page
    assert '<th scope="col"' in page and '<th scope="row"' in page and "<caption>" in page
    assert reverse("overlaps:export", args=["csv"]) in page
    assert 'style="' not in page
    field = world.topics[AKTE].parent
    assert escape(field.name) in page
    assert reverse("overlaps:topic_detail", args=[field.slug]) in page
    assert response.context["matrix"].cell(loerrach.pk, field.pk).entries == 2


def test_the_export_keeps_the_filters(client, world, loerrach):
    rows = _csv(client.get(reverse("overlaps:export", args=["csv"]), {"art": "project", "ebene": "themen"}))
    header, by_name = rows[0], {row[0]: row for row in rows[1:]}
    assert header[:2] == ["Organisation", "Amtlicher Gemeindeschlüssel (AGS)"]
    column = header.index(f"{world.topics[RATS].name}: Einträge")
    assert by_name[loerrach.name][column] == "1"
    assert f"{world.topics[AKTE].name}: Einträge" not in header  # E-Akte has no project


def test_the_topic_page_lists_organisations_with_entries_and_marks(client, world):
    page = client.get(reverse("overlaps:topic_detail", args=[RATS])).content.decode()
    for name in ("Ratsinformationssystem Lörrach", "E-Akte und Gremien C", world.towns[1].name):
        assert name in page
    field = client.get(reverse("overlaps:topic_detail", args=[world.topics[RATS].parent.slug])).content.decode()
    assert "Digitale Bauakte Lörrach" in field  # a field covers its sub-topics


def test_the_candidate_page_has_the_marker_for_actions_and_the_entries(client, world):
    response = client.get(reverse("overlaps:candidate_detail", args=[world.key]))
    page = response.content.decode()
    assert "E-Akte und Gremien C" in page
    assert "Aktenplan D" not in page
    for town in world.towns[:3]:
        assert town.name in page
    from django.template.loader import get_template

    source = get_template("overlaps/candidate_detail.html").template.source  # type: ignore[attr-defined]
    assert "{# candidate actions #}" in source


def test_the_map_places_circles_with_titles_links_and_a_table(client, world, loerrach):
    page = client.get(reverse("overlaps:map"), {"thema": AKTE}).content.decode()
    assert page.count("<circle ") == 35
    assert f'href="{loerrach.get_absolute_url()}"' in page
    assert "<title>Lörrach – Einträge: 2, im Thema: 1</title>" in page
    assert 'cx="' in page and "," not in page.split('cx="')[1].split('"')[0]  # coordinates with a dot
    assert "Einträge und Interessensbekundungen zum Thema" in page


@pytest.mark.parametrize(
    "url",
    [
        "/schnittmengen/?kreis=99999&ebene=x&art=y&page=z",
        "/schnittmengen/?kreis=<script>",
        "/schnittmengen/karte/?kreis=alle&thema=gibt-es-nicht",
        "/schnittmengen/themen/online-dienste-efa/?art=x&page=999",
        "/schnittmengen/kandidaten/?page=-1",
        "/schnittmengen/export.csv?kreis=x",
    ],
)
def test_bad_filter_values_are_ignored_with_a_message(client, world, url):
    response = client.get(url)
    assert response.status_code == 200
    if "export" not in url:
        assert "Einige Filterwerte waren ungültig" in response.content.decode() or "page" in url


@pytest.mark.parametrize(
    "url",
    [
        "/schnittmengen/themen/gibt-es-nicht/",
        "/schnittmengen/kandidaten/gibt-es-nicht/",
        f"/schnittmengen/kandidaten/{RATS}+{AKTE}/",  # keys are sorted
        "/schnittmengen/export.pdf",
    ],
)
def test_unknown_things_are_not_found(client, world, url):
    assert client.get(url).status_code == 404


def test_the_main_navigation_links_the_overlaps(client, db):
    assert f'href="{reverse("overlaps:overview")}"' in client.get("/").content.decode()


# Charts --------------------------------------------------------------------------------------------------------


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, two: str) -> float:
    high, low = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("fill", [charts.EMPTY_FILL, *charts.PALETTE])
def test_numbers_in_heatmap_cells_have_enough_contrast(fill):
    assert contrast(fill, charts.text_colour(fill)) >= 4.5


def test_shape_outlines_stand_out_from_the_page():
    assert contrast(charts.OUTLINE, "#ffffff") >= 3


@pytest.mark.parametrize(
    ("maximum", "legend"),
    [
        (0, ["0"]),
        (1, ["0", "1"]),
        (3, ["0", "1", "2", "3"]),
        (5, ["0", "1", "2", "3", "4", "5"]),
        (12, ["0", "1–3", "4–5", "6–8", "9–10", "11–12"]),
    ],
)
def test_the_scale_has_up_to_five_steps_without_gaps(maximum, legend):
    scale = charts.Scale.up_to(maximum)
    assert [item["label"] for item in scale.legend()] == legend
    fills = [scale.fill(value) for value in range(maximum + 1)]
    assert fills[0] == charts.EMPTY_FILL
    assert fills == sorted(fills, key=[charts.EMPTY_FILL, *charts.PALETTE].index)


def test_the_projection_keeps_proportions_and_fits_the_view_box():
    class Town:
        name = "x"

    places = [
        charts.Place(Town(), 47.6, 7.6, 1, 0),
        charts.Place(Town(), 47.6, 8.0, 1, 0),
        charts.Place(Town(), 47.8, 7.6, 1, 0),
    ]
    points, width, height = charts.project(places)
    (x0, y0), (x1, _y1), (_x2, y2) = points
    assert y2 < y0  # north is up
    east, north = x1 - x0, y0 - y2
    import math

    assert east / north == pytest.approx(0.4 * math.cos(math.radians(47.6667)) / 0.2, rel=1e-3)
    assert width <= charts.MAP_WIDTH + 1e-6 and height <= charts.MAP_HEIGHT + 1e-6
