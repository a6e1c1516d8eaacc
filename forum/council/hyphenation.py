"""German hyphenation for the printed paper: soft hyphens put into the text before WeasyPrint lays it out.

WeasyPrint hyphenates through pyphen, whose German dictionary (LibreOffice's ``hyph_de_DE.dic``) has two levels: first
the boundaries of compounds, after ``NEXTLEVEL`` the syllables. pyphen reads both levels as one pattern set and breaks
words wrongly ("Zusamme-narbeit", "Di-gi-ta-li-sie-rungs-fo-rum" comes out right, "Zu-sam-me-n-a-r-beit" does not).
Here the two levels are applied as libhyphen does: compound boundaries first, then the syllables of each part, the word
end marks ("." in the patterns) only at the word's real ends. A piece without a vowel joins the piece before it.
The paper's CSS then says ``hyphens: manual``, so the layout breaks only at these soft hyphens.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

SOFT_HYPHEN = "\u00ad"
MIN_WORD, LEFT, RIGHT = 6, 2, 2
_VOWELS = set("aeiouäöüyéè")
_WORD = re.compile(rf"(?<![&#\w])[A-Za-zÄÖÜäöüßéè]{{{MIN_WORD},}}(?!\w)")

Patterns = dict[str, list[int]]


def _parse(lines: list[str]) -> Patterns:
    patterns: Patterns = {}
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith(("%", "#")) or "/" in line or line.isupper() or " " in line:
            continue
        letters: list[str] = []
        values = [0]
        for char in line:
            if char.isdigit():
                values[-1] = int(char)
            else:
                letters.append(char)
                values.append(0)
        key = "".join(letters)
        if any(values):
            known = patterns.get(key)
            patterns[key] = [max(a, b) for a, b in zip(known, values, strict=True)] if known else values
    return patterns


@functools.cache
def _levels() -> tuple[Patterns, Patterns, int]:
    import pyphen  # ships with WeasyPrint

    raw = Path(pyphen.LANGUAGES["de_DE"]).read_bytes()
    encoding = raw.split(b"\n", 1)[0].decode().strip()
    first, _, second = raw.decode(encoding).partition("\nNEXTLEVEL\n")
    compound, syllable = _parse(first.split("\n")[1:]), _parse(second.split("\n"))
    longest = max(len(key) for key in (*compound, *syllable))
    return compound, syllable, longest


def _values(patterns: Patterns, text: str, longest: int) -> list[int]:
    """The pattern value before each character of ``text`` (the highest of all matching patterns)."""
    values = [0] * (len(text) + 1)
    for start in range(len(text)):
        for end in range(start + 1, min(start + longest, len(text)) + 1):
            found = patterns.get(text[start:end])
            if found:
                for offset, value in enumerate(found):
                    if value > values[start + offset]:
                        values[start + offset] = value
    return values


@functools.lru_cache(maxsize=20_000)
def positions(word: str) -> tuple[int, ...]:
    """Where ``word`` may be broken: indexes of the characters a line may start with."""
    compound, syllable, longest = _levels()
    lower = word.lower()
    size = len(lower)
    first = _values(compound, f".{lower}.", longest)
    bounds = [i for i in range(LEFT, size - RIGHT + 1) if first[i + 1] % 2]
    points = set(bounds)
    begin = 0
    for end in [*bounds, size]:
        at_start, at_end = begin == 0, end == size
        part = ("." if at_start else "") + lower[begin:end] + ("." if at_end else "")
        second = _values(syllable, part, longest)
        shift = 1 if at_start else 0
        points.update(begin + i for i in range(2, end - begin - 1) if second[i + shift] % 2)
        begin = end
    cuts = sorted(p for p in points if LEFT <= p <= size - RIGHT)
    return tuple(_with_vowels(lower, cuts))


def _with_vowels(word: str, cuts: list[int]) -> list[int]:
    """Drop cuts that leave a piece without a vowel ("me-n-a-r" → "men-ar")."""
    changed = bool(cuts)
    while changed and cuts:
        changed = False
        edges = [0, *cuts, len(word)]
        for index in range(len(edges) - 1):
            if not _VOWELS & set(word[edges[index] : edges[index + 1]]):
                cuts.remove(edges[index] if index > 0 else edges[index + 1])
                changed = True
                break
    return cuts


def hyphenate_word(word: str) -> str:
    pieces, last = [], 0
    for cut in positions(word):
        pieces.append(word[last:cut])
        last = cut
    pieces.append(word[last:])
    return SOFT_HYPHEN.join(pieces)


def hyphenate_html(html: str) -> str:
    """Soft hyphens in the text of (sanitised) HTML; tags, attributes and entities stay as they are."""
    parts = re.split(r"(<[^>]*>)", html)
    return "".join(
        part if part.startswith("<") else _WORD.sub(lambda match: hyphenate_word(match.group(0)), part)
        for part in parts
    )
