"""display_name: the shown name is the person's own, made safe, with an extension that fits the content."""

import pytest
from django.utils import translation

from forum.documents.names import display_name
from forum.documents.validation import JPEG, PDF, TEXT


@pytest.mark.parametrize(
    ("name", "detected", "expected"),
    [
        ("Protokoll 19.01.2022.pdf", PDF, "Protokoll 19.01.2022.pdf"),
        ("Bericht.PDF", PDF, "Bericht.PDF"),
        ("../../etc/Bericht.pdf", PDF, "Bericht.pdf"),
        ("C:\\Users\\Greta\\Präsentation Kick-off.pdf", PDF, "Präsentation Kick-off.pdf"),
        ("bild.png", PDF, "bild.png.pdf"),
        ("Foto.jpeg", JPEG, "Foto.jpeg"),
        ("liste.csv", TEXT, "liste.csv"),
        ("ohne Endung", PDF, "ohne Endung.pdf"),
        ("Rechnung\u202egpj.exe", PDF, "Rechnunggpj.exe.pdf"),
        ("Zeile\neins\t.pdf", PDF, "Zeile eins.pdf"),
        ('Frage: "Warum?" <jetzt>.pdf', PDF, "Frage_ _Warum__ _jetzt_.pdf"),
        ("  ...versteckt.pdf  ", PDF, "versteckt.pdf"),
        ("CON.pdf", PDF, "_CON.pdf"),
        ("", PDF, "file.pdf"),
        ("...", TEXT, "file.txt"),
        ("Mu\u0308ller.pdf", PDF, "Müller.pdf"),
    ],
)
def test_it_makes_the_name_safe(name, detected, expected):
    with translation.override("en"):
        assert display_name(name, detected) == expected


def test_it_shortens_long_names():
    name = display_name("A" * 500 + ".pdf", PDF)

    assert name == "A" * 120 + ".pdf"
