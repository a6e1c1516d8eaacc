"""The name a file is shown and downloaded under: the person's own name, made safe.

The bytes are stored under a random name (``models.storage_name``); this name is only ever
shown, and sent in ``Content-Disposition``.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext

from .validation import DetectedType

__all__ = ["display_name"]

# Extensions that may stay on a name because they fit the detected type; otherwise the right one is appended.
_ALIASES = {
    "jpg": {"jpg", "jpeg", "jpe", "jfif"},
    "txt": {"txt", "text", "csv", "tsv", "md", "log"},
}
# Characters Windows forbids in file names, and path separators everywhere.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
_MAX_STEM = 120


def display_name(name: str, detected: DetectedType) -> str:
    """``name`` without folders, control or bidirectional characters, with an extension that fits ``detected``.

    "../../Bericht.pdf" becomes "Bericht.pdf"; a PDF uploaded as "bild.png" becomes "bild.png.pdf",
    so what a person downloads opens in the program that suits its content.
    """
    name = re.split(r"[/\\]", str(name))[-1]
    name = unicodedata.normalize("NFC", "".join(" " if char.isspace() else char for char in name))
    # Cc control, Cf format (e.g. U+202E, which shows "gpj.exe" as "exe.jpg"), Cs/Co/Cn surrogates and unassigned.
    name = "".join(char for char in name if not unicodedata.category(char).startswith("C"))
    name = _FORBIDDEN.sub("_", name)
    name = " ".join(name.split()).strip(" .-")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    if extension.lower() not in _ALIASES.get(detected.extension, {detected.extension}):
        stem, extension = name, detected.extension
    stem = stem[:_MAX_STEM].rstrip(" .-") or gettext("file")
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = f"_{stem}"
    return f"{stem}.{extension}"
