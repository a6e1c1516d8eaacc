"""The stored files in the admin: Betrieb reads them, renames them, deletes them; nobody adds one there."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


def test_it_lists_the_files(admin_client, stored):
    stored("Haushaltsplan.pdf")

    response = admin_client.get(reverse("admin:documents_storedfile_changelist"))

    assert response.status_code == 200
    assert "Haushaltsplan.pdf" in response.content.decode()


def test_it_shows_checksum_size_and_type_read_only(admin_client, stored):
    file = stored("Haushaltsplan.pdf")

    response = admin_client.get(reverse("admin:documents_storedfile_change", args=[file.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert file.sha512 in content
    assert file.file.name in content
    assert 'name="original_name"' in content
    for field in ("sha512", "size", "content_type", "file"):
        assert f'name="{field}"' not in content


def test_it_renames_safely(admin_client, stored):
    file = stored("Haushaltsplan.pdf")

    response = admin_client.post(
        reverse("admin:documents_storedfile_change", args=[file.pk]), {"original_name": "../Plan.exe"}
    )

    assert response.status_code == 302
    file.refresh_from_db()
    assert file.original_name == "Plan.exe.pdf"


def test_it_adds_no_files(admin_client):
    response = admin_client.get(reverse("admin:documents_storedfile_add"))

    assert response.status_code == 403
