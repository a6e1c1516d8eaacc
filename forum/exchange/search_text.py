"""German text normalisation for the full-text search, the same for indexing and for querying.

casefold → ß to "ss" → words → German Snowball stem → ä/ö/ü folded to a/o/u. The Snowball 3 German stemmer
itself also reads "ae"/"oe"/"ue" as ä/ö/ü (not after "q"), so "Gebaeude", "Gebäude" and "Gebaude" all become
"gebaud". That sometimes changes a word ("aktuell" → "aktull"), but the same way on both sides, so it matches.
No Django here: the models use it on save and the migration on existing rows.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[^\W_]+")
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})
# Very common German words: left out of documents and queries alike, so "Akte der Stadt" finds "Akte Stadt".
STOP_WORDS = frozenset(
    {
        "aber",
        "als",
        "am",
        "an",
        "auch",
        "auf",
        "aus",
        "bei",
        "bin",
        "bis",
        "da",
        "das",
        "dass",
        "dem",
        "den",
        "der",
        "des",
        "die",
        "dies",
        "diese",
        "du",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "eines",
        "er",
        "es",
        "fur",
        "hat",
        "ich",
        "ihr",
        "im",
        "in",
        "ist",
        "mit",
        "nach",
        "nicht",
        "noch",
        "oder",
        "sich",
        "sie",
        "sind",
        "so",
        "um",
        "und",
        "uns",
        "vom",
        "von",
        "vor",
        "war",
        "wie",
        "wir",
        "wird",
        "zu",
        "zum",
        "zur",
    }
)
TITLE_WEIGHT = 3  # the title counts as often as this, so a match in it ranks above one in the description only
_stemmer = snowballstemmer.stemmer("german")


@lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    return str(_stemmer.stemWord(word)).translate(_FOLD)


def terms(text: str) -> list[str]:
    """The search terms of a text, in order: "Straße der Digitalisierungen" → ["strass", "digitalisier"]."""
    words = _WORD.findall(text.casefold().replace("ß", "ss"))
    return [term for word in words if word.translate(_FOLD) not in STOP_WORDS and (term := _stem(word))]


def document(*, title: str, parts: list[str]) -> str:
    """The stored search document: the title's terms ``TITLE_WEIGHT`` times, then the other parts' terms."""
    title_terms = " ".join(terms(title))
    rest = " ".join(" ".join(terms(part)) for part in parts if part)
    return " ".join(part for part in [*[title_terms] * TITLE_WEIGHT, rest] if part)
