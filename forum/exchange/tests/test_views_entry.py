"""Recording and editing entries, files, interest marks and comments through the pages; bad input is refused
with a German message and nothing is half-saved; Markdown never carries script to the reader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from forum.core.models import Visibility
from forum.documents.models import StoredFile
from forum.documents.tests.samples import pdf, upload
from forum.exchange.models import Comment, Entry, EntryAttachment, Interest, Product, Vendor
from forum.exchange.validators import ACTIVE_CONTENT
from forum.organisations.models import Person
from forum.organisations.tests.helpers import element_text, log_in_as, section_text, title
from forum.topics.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, user_in_role, loerrach):
    return log_in_as(client, user_in_role, "editor_own", loerrach)


def entry_data(vocabulary, **changes):
    return {
        "kind": Entry.Kind.PROJECT,
        "title": "Digitale Bauakte",
        "description": "Die Bauakte wird **digital** geführt.\n\n- Scan\n- Ablage",
        "phase": Entry.Phase.IMPLEMENTATION,
        "exemplary": "on",
        "topics": [vocabulary["e-akte-dokumentenmanagement"].pk, vocabulary["bauordnung-baugenehmigung"].pk],
        "products": "Komm.ONE, enaio",
        "vendors": "Schnell (Tiefbau, Weil am Rhein); Optimal Systems",
        "contact": "",
        "links": "https://www.loerrach.de/bauakte",
        "year": "2024",
        "source": "https://www.example.org/quelle (2024-03)",
        "visibility": Visibility.PUBLIC,
    } | changes


def _create_url(organisation, kind="project"):
    return reverse("exchange:entry_create", args=[organisation.ags]) + f"?art={kind}"


def _state():
    """Everything the catalogue writes, to show that a refused form wrote nothing."""
    return (
        list(Entry.objects.order_by("pk").values()),
        list(Entry.topics.through.objects.order_by("pk").values()),
        list(Entry.products.through.objects.order_by("pk").values()),
        list(Entry.vendors.through.objects.order_by("pk").values()),
        list(Product.objects.order_by("pk").values_list("pk", flat=True)),
        list(Vendor.objects.order_by("pk").values_list("pk", flat=True)),
        list(Interest.objects.order_by("pk").values()),
        list(Comment.objects.order_by("pk").values()),
        list(EntryAttachment.objects.order_by("pk").values_list("pk", flat=True)),
        list(StoredFile.objects.order_by("pk").values_list("pk", flat=True)),
        Entry.history.count(),
    )


def _refused(response, *messages):
    assert response.status_code == 200
    summary = element_text(response, "fehler")
    assert summary is not None, "the page has no error summary"
    assert title(response).startswith(gettext("Error"))
    for message in messages:
        assert str(message) in summary, summary
    return summary


# Recording ----------------------------------------------------------------------------------------


def test_an_editor_records_a_project_of_their_municipality(client, editor, loerrach, topics):
    response = client.post(_create_url(loerrach), entry_data(topics))
    entry = Entry.objects.get(title="Digitale Bauakte")
    assert response.status_code == 302
    assert response.url == entry.get_absolute_url()
    assert (entry.organisation, entry.kind, entry.phase, entry.exemplary, entry.year) == (
        loerrach,
        Entry.Kind.PROJECT,
        Entry.Phase.IMPLEMENTATION,
        True,
        2024,
    )
    assert {t.slug for t in entry.topics.all()} == {"e-akte-dokumentenmanagement", "bauordnung-baugenehmigung"}
    assert {p.name for p in entry.products.all()} == {"enaio", "Komm.ONE"}
    assert sorted(v.name for v in entry.vendors.all()) == ["Optimal Systems", "Schnell (Tiefbau, Weil am Rhein)"]
    assert entry.history.count() == 1  # one save, one record
    assert entry.history.get().history_user == editor


def test_the_form_offers_the_kind_asked_for(client, editor, loerrach):
    response = client.get(_create_url(loerrach, "challenge"))
    assert response.context["form"]["kind"].value() == Entry.Kind.CHALLENGE


def test_a_challenge_keeps_no_phase(client, editor, loerrach, topics):
    client.post(_create_url(loerrach, "challenge"), entry_data(topics, kind=Entry.Kind.CHALLENGE))
    entry = Entry.objects.get(title="Digitale Bauakte")
    assert (entry.kind, entry.phase, entry.exemplary) == (Entry.Kind.CHALLENGE, "", False)


def test_the_coordination_records_for_any_municipality_and_the_district(
    client, user_in_role, loerrach, district, topics
):
    log_in_as(client, user_in_role, "coordination", loerrach)
    for organisation in (loerrach, district):
        response = client.post(_create_url(organisation), entry_data(topics, title=f"Vorhaben {organisation.ags}"))
        assert response.status_code == 302
        assert Entry.objects.get(title=f"Vorhaben {organisation.ags}").organisation == organisation


def test_only_contacts_of_the_organisation_are_offered(client, editor, loerrach, other):
    own = Person.objects.create(given_name="Lea", family_name="Lörrach", organisation=loerrach)
    foreign = Person.objects.create(given_name="Otto", family_name="Anders", organisation=other)
    choices = list(client.get(_create_url(loerrach)).context["form"].fields["contact"].queryset)
    assert own in choices
    assert foreign not in choices


def test_an_edit_is_recorded_with_the_changed_lists(client, editor, loerrach, topics):
    client.post(_create_url(loerrach), entry_data(topics))
    entry = Entry.objects.get(title="Digitale Bauakte")
    data = entry_data(topics, title="Digitale Bauakte 2.0", topics=[topics["geodaten-gis"].pk], products="KommONE")
    response = client.post(reverse("exchange:entry_edit", args=[entry.pk]), data)
    assert response.status_code == 302
    assert entry.history.count() == 2
    page = client.get(entry.get_absolute_url())
    history = section_text(page, "verlauf")
    assert "Digitale Bauakte 2.0" in history
    assert topics["geodaten-gis"].name in history
    assert "enaio" in history  # the product list before the change
    assert [p.name for p in Entry.objects.get(pk=entry.pk).products.all()] == ["Komm.ONE"]


def test_a_retired_topic_stays_on_the_entry_until_unticked(client, editor, entry_factory, topics):
    entry = entry_factory()
    old = topics["oeffentliches-wlan"]
    entry.topics.add(old)
    old.retire()
    form = client.get(reverse("exchange:entry_edit", args=[entry.pk])).context["form"]
    assert old in form.fields["topics"].queryset
    new_entry_form = client.get(_create_url(entry.organisation)).context["form"]
    assert old not in new_entry_form.fields["topics"].queryset


def test_deleting_asks_first_and_removes_everything(client, editor, entry_factory, other, interest_factory):
    entry = entry_factory()
    interest_factory(entry=entry, organisation=other)
    url = reverse("exchange:entry_delete", args=[entry.pk])
    assert client.get(url).status_code == 200
    assert Entry.objects.filter(pk=entry.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert response.url == entry.organisation.get_absolute_url()
    assert not Entry.objects.filter(pk=entry.pk).exists()
    assert not Interest.objects.filter(entry_id=entry.pk).exists()
    assert entry.history.filter(history_type="-").exists()


# Bad input: a German message on the form, nothing written -----------------------------------------


def test_an_empty_title_is_refused(client, editor, loerrach, topics):
    before = _state()
    response = client.post(_create_url(loerrach), entry_data(topics, title="  "))
    _refused(response, gettext("This field is required."))
    assert _state() == before


@pytest.mark.parametrize("topic", ["999999", "retired", "merged", "none"])
def test_an_unknown_topic_is_refused(topic, client, editor, loerrach, topics):
    if topic == "retired":
        topics["oeffentliches-wlan"].retire()
        chosen = [topics["oeffentliches-wlan"].pk]
    elif topic == "merged":
        topics["mobilfunk"].merge_into(topics["breitband-glasfaser"])
        chosen = [topics["mobilfunk"].pk]
    elif topic == "none":
        chosen = []
    else:
        chosen = [topic]
    before = _state()
    response = client.post(_create_url(loerrach), entry_data(topics, topics=chosen))
    summary = _refused(response)
    assert str(Entry._meta.get_field("topics").verbose_name).casefold() in summary.casefold()
    assert _state() == before


def test_a_project_without_phase_is_refused(client, editor, loerrach, topics):
    before = _state()
    _refused(client.post(_create_url(loerrach), entry_data(topics, phase="")), gettext("A project needs a phase."))
    assert _state() == before


def test_a_link_without_https_is_refused(client, editor, loerrach, topics):
    before = _state()
    response = client.post(_create_url(loerrach), entry_data(topics, links="javascript:alert(1)"))
    _refused(response, gettext("Enter web addresses starting with https://."))
    assert _state() == before


@pytest.mark.parametrize(
    "description",
    [
        "Hallo <script>alert(1)</script>",
        'Bild: <img src="x" onerror="alert(1)">',
        "[Klick](javascript:alert(1))",
        "<a href='JaVaScRiPt:alert(1)'>x</a>",
        "<iframe src='https://evil.example'></iframe>",
    ],
)
def test_script_in_markdown_is_refused(description, client, editor, loerrach, topics):
    before = _state()
    response = client.post(_create_url(loerrach), entry_data(topics, description=description))
    _refused(response, ACTIVE_CONTENT)
    assert _state() == before


def test_an_invalid_edit_changes_nothing(client, editor, loerrach, topics):
    client.post(_create_url(loerrach), entry_data(topics))
    entry = Entry.objects.get(title="Digitale Bauakte")
    before = _state()
    data = entry_data(topics, title="", products="Neues Produkt", topics=[topics["geodaten-gis"].pk])
    _refused(client.post(reverse("exchange:entry_edit", args=[entry.pk]), data))
    assert _state() == before
    assert not Product.objects.filter(name="Neues Produkt").exists()


def test_a_too_long_product_name_is_refused(client, editor, loerrach, topics):
    before = _state()
    _refused(client.post(_create_url(loerrach), entry_data(topics, products="x" * 151)))
    assert _state() == before


def test_a_duplicate_interest_mark_is_refused(client, user_in_role, loerrach, other, entry_factory, interest_factory):
    entry = entry_factory()
    interest_factory(entry=entry, organisation=other, kind=Interest.Kind.JOIN)
    log_in_as(client, user_in_role, "member_other", loerrach)
    before = _state()
    response = client.post(
        reverse("exchange:interest_create", args=[entry.pk]),
        {"organisation": other.pk, "kind": Interest.Kind.JOIN, "note": "Noch einmal"},
    )
    _refused(response, gettext("Your organisation has already marked this entry this way."))
    assert _state() == before


def test_an_interest_in_the_name_of_a_foreign_organisation_is_refused(
    client, user_in_role, loerrach, other, binzen, entry_factory
):
    entry = entry_factory()
    log_in_as(client, user_in_role, "member_other", loerrach)
    before = _state()
    response = client.post(
        reverse("exchange:interest_create", args=[entry.pk]), {"organisation": binzen.pk, "kind": Interest.Kind.JOIN}
    )
    _refused(response)
    assert _state() == before


def test_an_empty_comment_is_refused(client, user_in_role, loerrach, entry_factory):
    entry = entry_factory()
    log_in_as(client, user_in_role, "member_other", loerrach)
    before = _state()
    _refused(client.post(reverse("exchange:comment_create", args=[entry.pk]), {"text": "   "}))
    assert _state() == before


def test_hiding_without_a_reason_is_refused(client, user_in_role, loerrach, entry_factory, comment_factory, make_user):
    comment = comment_factory(entry=entry_factory(), author=make_user())
    log_in_as(client, user_in_role, "coordination", loerrach)
    before = _state()
    _refused(client.post(reverse("exchange:comment_hide", args=[comment.pk]), {"reason": ""}))
    assert _state() == before


def test_an_oversized_file_is_refused(client, editor, entry_factory, settings, media_root: Path):
    settings.FORUM_MAX_UPLOAD_MB = 1
    entry = entry_factory()
    before = _state()
    big = pdf() + b"0" * (1024 * 1024)
    response = client.post(
        reverse("exchange:attachment_upload", args=[entry.pk]), {"title": "", "file": upload("Plan.pdf", big)}
    )
    _refused(response, "1 MB")
    assert _state() == before
    assert not [path for path in media_root.rglob("*") if path.is_file()]


# Markdown is sanitised on the way out ------------------------------------------------------------


def test_script_that_reached_the_database_never_runs(client, entry_factory):
    """Rows written past the form (import, admin, old data) are sanitised when shown."""
    entry = entry_factory(
        description=(
            "Text <script>alert('a')</script>\n\n"
            '<img src="x" onerror="alert(\'b\')">\n\n'
            "[Klick](javascript:alert('c'))\n\n"
            "<a href=\"JAVASCRIPT:alert('d')\" onclick=\"alert('e')\">x</a>"
        )
    )
    page = client.get(entry.get_absolute_url()).content.decode()
    description = re.search(r'id="beschreibung".*?<div class="prose">(.*?)</div>', page, re.S).group(1)
    assert "Text" in description
    for bad in ("<script", "onerror", "onclick", "javascript:"):
        assert bad not in description.lower()
    assert "<script" not in page.split("</head>", 1)[1]  # the only script of the page is htmx in the head


# Normalisation ------------------------------------------------------------------------------------


def test_spellings_of_one_product_are_one_row(client, editor, loerrach, topics):
    client.post(_create_url(loerrach), entry_data(topics, title="Erstes", products="Komm.ONE, KommONE", vendors=""))
    client.post(_create_url(loerrach), entry_data(topics, title="Zweites", products="komm one", vendors="Komm.ONE"))
    assert Product.objects.filter(key="kommone").count() == 1
    product = Product.objects.get(key="kommone")
    assert product.name == "Komm.ONE"  # the first spelling names it
    assert set(product.entries.values_list("title", flat=True)) == {"Erstes", "Zweites"}
    assert Entry.objects.get(title="Erstes").products.count() == 1
    assert Vendor.objects.get(key="kommone").name == "Komm.ONE"


# Files --------------------------------------------------------------------------------------------


def test_an_editor_uploads_a_file_that_follows_the_entry(client, editor, entry_factory, user_in_role, loerrach):
    entry = entry_factory(visibility=Visibility.MEMBERS)
    response = client.post(
        reverse("exchange:attachment_upload", args=[entry.pk]), {"title": "Konzept", "file": upload("K.pdf", pdf())}
    )
    assert response.status_code == 302
    attachment = EntryAttachment.objects.get(entry=entry)
    url = reverse("exchange:attachment_download", args=[attachment.pk])
    assert url in client.get(entry.get_absolute_url()).content.decode()
    download = client.get(url)
    assert b"".join(download.streaming_content) == pdf()
    assert download["Content-Disposition"].startswith("attachment;")
    client.logout()
    assert client.get(url).status_code == 404  # members only


# Interest marks and comments ---------------------------------------------------------------------


def test_a_member_marks_and_withdraws_an_interest(client, user_in_role, loerrach, other, entry_factory):
    entry = entry_factory()
    log_in_as(client, user_in_role, "member_other", loerrach)
    response = client.post(
        reverse("exchange:interest_create", args=[entry.pk]),
        {"organisation": other.pk, "kind": Interest.Kind.EXPERIENCE, "note": "Wir nutzen das seit 2022."},
    )
    assert response.status_code == 302
    interest = Interest.objects.get(entry=entry)
    assert (interest.organisation, interest.kind, interest.note) == (
        other,
        Interest.Kind.EXPERIENCE,
        "Wir nutzen das seit 2022.",
    )
    marks = section_text(client.get(entry.get_absolute_url()), "interesse")
    assert other.name in marks and "Wir nutzen das seit 2022." in marks
    client.post(reverse("exchange:interest_delete", args=[interest.pk]))
    assert not Interest.objects.filter(pk=interest.pk).exists()


def test_the_public_sees_marks_but_not_the_discussion(
    client, loerrach, other, entry_factory, interest_factory, comment_factory, make_user
):
    entry = entry_factory()
    interest_factory(entry=entry, organisation=other, note="Sichtbare Notiz")
    comment_factory(entry=entry, author=make_user(), text="Interner Austausch")
    page = client.get(entry.get_absolute_url())
    assert "Sichtbare Notiz" in page.content.decode()
    assert "Interner Austausch" not in page.content.decode()
    assert section_text(page, "diskussion") is None


def test_a_hidden_comment_shows_its_reason_and_only_the_coordination_its_text(
    client, user_in_role, loerrach, entry_factory, comment_factory, make_user
):
    entry = entry_factory()
    comment = comment_factory(entry=entry, author=make_user(), text="Telefon von Frau X: 0123")
    log_in_as(client, user_in_role, "coordination", loerrach)
    response = client.post(reverse("exchange:comment_hide", args=[comment.pk]), {"reason": "Persönliche Daten"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.hidden_reason == "Persönliche Daten"
    coordination_view = section_text(client.get(entry.get_absolute_url()), "diskussion")
    assert "Telefon von Frau X" in coordination_view and "Persönliche Daten" in coordination_view
    log_in_as(client, user_in_role, "member_own", loerrach)
    member_view = section_text(client.get(entry.get_absolute_url()), "diskussion")
    assert "Telefon von Frau X" not in member_view
    assert "Persönliche Daten" in member_view
    assert comment.history.latest().history_type == "~"


def test_a_comment_is_published_for_members(client, user_in_role, loerrach, entry_factory):
    entry = entry_factory()
    author = log_in_as(client, user_in_role, "member_other", loerrach)
    response = client.post(reverse("exchange:comment_create", args=[entry.pk]), {"text": "Wie lange hat es gedauert?"})
    comment = Comment.objects.get(entry=entry)
    assert response.url.endswith(f"#kommentar-{comment.pk}")
    assert comment.author == author
    assert "Wie lange hat es gedauert?" in section_text(client.get(entry.get_absolute_url()), "diskussion")


def test_only_members_see_the_change_history(client, user_in_role, loerrach, entry_factory):
    entry = entry_factory()
    assert section_text(client.get(entry.get_absolute_url()), "verlauf") is None
    log_in_as(client, user_in_role, "member_other", loerrach)
    assert section_text(client.get(entry.get_absolute_url()), "verlauf") is not None


# The catalogue's filters --------------------------------------------------------------------------


def test_the_catalogue_filters_without_javascript(client, loerrach, other, entry_factory, topics, interest_factory):
    wlan = entry_factory(title="WLAN am Rathaus")
    wlan.topics.add(topics["oeffentliches-wlan"])
    akte = entry_factory(title="E-Akte", project=True, exemplary=True, organisation=other)
    akte.topics.add(topics["e-akte-dokumentenmanagement"])
    interest_factory(entry=akte, organisation=loerrach)

    def titles(query):
        return {entry.title for entry in client.get(reverse("exchange:entry_list") + query).context["page_obj"]}

    assert titles("") == {"WLAN am Rathaus", "E-Akte"}
    assert titles("?art=project") == {"E-Akte"}
    assert titles("?thema=oeffentliches-wlan") == {"WLAN am Rathaus"}
    assert titles("?thema=it-infrastruktur-netze") == {"WLAN am Rathaus"}  # a field covers its sub-topics
    assert titles(f"?kommune={other.ags}") == {"E-Akte"}
    assert titles("?phase=implementation") == {"E-Akte"}
    assert titles("?beispielhaft=on") == {"E-Akte"}
    assert titles(f"?interesse={loerrach.ags}") == {"E-Akte"}
    assert titles("?thema=gibt-es-nicht&art=unsinn") == {"WLAN am Rathaus", "E-Akte"}  # ignored, not an error


def test_the_organisation_filter_names_only_organisations_with_visible_entries(client, loerrach, other, entry_factory):
    entry_factory(organisation=other, visibility=Visibility.MEMBERS)
    entry_factory()
    offered = list(client.get(reverse("exchange:entry_list")).context["filter_form"].fields["kommune"].queryset)
    assert offered == [loerrach]


def test_a_topic_links_to_its_page(client, entry_factory, topics):
    entry = entry_factory()
    entry.topics.add(topics["geodaten-gis"])
    assert topics["geodaten-gis"].get_absolute_url() in client.get(entry.get_absolute_url()).content.decode()


def test_a_field_topic_without_sub_topics_is_offered(client, editor, loerrach):
    lonely = Topic.objects.create(slug="einzelthema", name="Einzelthema")
    form = client.get(_create_url(loerrach)).context["form"]
    assert any(lonely.pk == value for _group, options in form.fields["topics"].choices for value, _label in options)
