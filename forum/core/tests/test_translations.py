"""The German catalogue (locale/de/LC_MESSAGES/django.po) is complete and in use.

Msgids in code and templates are English; every one of them needs a German msgstr, or the UI
shows English. Refresh the catalogue with
``DJANGO_SETTINGS_MODULE=config.test_settings python manage.py makemessages -l de --no-location
--ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=var`` and compile it with
``compilemessages``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client

# What the project's makemessages call leaves out (besides hidden folders, which Django skips itself).
IGNORED = [".venv", "node_modules", "staticfiles", "var"]


def _catalogue_path() -> Path:
    return Path(settings.LOCALE_PATHS[0]) / "de" / "LC_MESSAGES" / "django.po"


def _catalogue() -> polib.POFile:
    return polib.pofile(str(_catalogue_path()))


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def _describe(entries: list[polib.POEntry]) -> str:
    return "\n".join(f"  {entry.msgid!r}" for entry in entries)


def test_it_has_a_german_header() -> None:
    metadata = _catalogue().metadata

    assert metadata["Language"] == "de"
    assert metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert "charset=UTF-8" in metadata["Content-Type"]
    assert metadata["Project-Id-Version"].startswith("Digitalisierungsforum")


def test_it_translates_every_entry() -> None:
    catalogue = _catalogue()

    untranslated = [entry for entry in catalogue.untranslated_entries() if not entry.obsolete]
    # polib counts a plural entry as translated once msgstr[0] is set; every form must be.
    untranslated += [
        entry
        for entry in catalogue
        if not entry.obsolete and entry.msgid_plural and not all(entry.msgstr_plural.values())
        if entry not in untranslated
    ]

    assert not untranslated, f"{len(untranslated)} entries have no German text:\n{_describe(untranslated)}"


def test_it_has_no_fuzzy_entries() -> None:
    fuzzy = [entry for entry in _catalogue() if "fuzzy" in entry.flags and not entry.obsolete]

    assert not fuzzy, f"{len(fuzzy)} entries are marked fuzzy (check and remove the flag):\n{_describe(fuzzy)}"


def test_it_keeps_the_placeholders() -> None:
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]")
    wrong = []
    for entry in _catalogue():
        if entry.obsolete or not entry.translated():
            continue
        expected = set(placeholder.findall(entry.msgid)) | set(placeholder.findall(entry.msgid_plural or ""))
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            found = set(placeholder.findall(text))
            # A singular form may leave out the count ("Eine Änderung"), never add an unknown name.
            if not found <= expected or (not entry.msgid_plural and found != expected):
                wrong.append(entry)
                break

    assert not wrong, f"{len(wrong)} entries change the placeholders:\n{_describe(wrong)}"


def test_it_holds_every_msgid_that_makemessages_extracts(tmp_path: Path) -> None:
    """Run makemessages on a copy of the sources, so the real catalogue is never touched."""
    base_dir = Path(settings.BASE_DIR)
    source = tmp_path / "src"
    shutil.copytree(
        base_dir,
        source,
        ignore=shutil.ignore_patterns(*IGNORED, "locale", ".*", "__pycache__", "*.sqlite3", "*.mo", "*.po"),
        symlinks=True,
    )
    (source / "locale").mkdir()
    # Point LOCALE_PATHS at the copy; the settings module lives outside the scanned folder.
    settings_dir = tmp_path / "settings"
    settings_dir.mkdir()
    (settings_dir / "translation_check_settings.py").write_text(
        f"from config.test_settings import *  # noqa: F403\nLOCALE_PATHS = [{str(source / 'locale')!r}]\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "translation_check_settings",
        "PYTHONPATH": os.pathsep.join([str(settings_dir), str(base_dir)]),
    }
    command = [sys.executable, "-m", "django", "makemessages", "-l", "de", "--no-location", "-v0"]
    command += [f"--ignore={pattern}" for pattern in IGNORED]

    result = subprocess.run(command, cwd=source, env=env, capture_output=True, text=True, timeout=120, check=False)

    assert result.returncode == 0, result.stderr
    extracted = polib.pofile(str(source / "locale" / "de" / "LC_MESSAGES" / "django.po"))
    known = {_key(entry) for entry in _catalogue() if not entry.obsolete}
    missing = [entry for entry in extracted if not entry.obsolete and _key(entry) not in known]
    assert len(extracted) > 100, "makemessages extracted suspiciously few msgids"
    assert not missing, (
        f"{len(missing)} msgids are in the code but not in {_catalogue_path()}; run makemessages "
        f"and translate them:\n{_describe(missing)}"
    )


@pytest.mark.django_db
def test_it_renders_pages_in_german(client: Client) -> None:
    response = client.get("/impressum/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Impressum" in content
    assert "Zum Inhalt springen" in content
    assert "Skip to content" not in content
