"""prune_stored_files: bytes that no StoredFile refers to go once they are old enough; the rest stays."""

import os
import time
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _orphan(media_root, name, *, hours_old):
    path = media_root / "documents" / name[:2] / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 verwaist")
    then = time.time() - hours_old * 3600
    os.utime(path, (then, then))
    return path


def test_it_removes_old_orphans_only(stored, media_root):
    kept = stored()
    os.utime(media_root / kept.file.name, (0, 0))
    old = _orphan(media_root, "ab" * 32, hours_old=30)
    young = _orphan(media_root, "cd" * 32, hours_old=2)
    out = StringIO()

    call_command("prune_stored_files", stdout=out)

    assert not old.exists()
    assert young.exists()
    assert (media_root / kept.file.name).exists()
    assert out.getvalue() == "1 verwaiste Dateien entfernt.\n"


def test_it_only_lists_on_a_dry_run(media_root):
    old = _orphan(media_root, "ef" * 32, hours_old=3)
    out = StringIO()

    call_command("prune_stored_files", "--dry-run", "--hours", "1", "-v", "2", stdout=out)

    assert old.exists()
    assert out.getvalue() == f"1 verwaiste Dateien würden entfernt.\n  documents/ef/{'ef' * 32}\n"


def test_it_does_nothing_before_the_first_upload(media_root):
    out = StringIO()

    call_command("prune_stored_files", stdout=out)

    assert out.getvalue() == "0 verwaiste Dateien entfernt.\n"
