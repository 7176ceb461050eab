"""Case- and accent-insensitive text matching, shared by look-ups and search; and what a
name looks like, for validation."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path

_COMBINING = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
# Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties.txt); compiled on first
# use by `re`'s own cache, not on every run's import
_IGNORABLE = (
    "[\xad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def fold(text: str) -> str:
    """Lower-case `text` and strip its accents, so that "Várhelyi" equals "varhelyi".

    The result has one character per character of `text` where that is possible (all
    ASCII text, and any accented Latin letter), which lets a match in the folded text be
    highlighted at the same place in the original.
    """
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", re.sub(_COMBINING, "", decomposed)).casefold()


def lookalikes(text: str) -> tuple[str, str]:
    """What `text` looks like, as written and read without case or accents: the UTS #39
    skeletons of `text` and of its fold. "Morocco" with a Cyrillic o (U+043E) has both of
    "Morocco"'s; "TUNISIA" with a Cyrillic T (U+0422), the first of "TUNISIA"'s; "NI",
    neither of "NL"'s. For validation only: the first call reads the table (confusables.txt)."""
    return skeleton(text), skeleton(fold(text))


def skeleton(text: str) -> str:
    """The skeleton of UTS #39 (Unicode Security Mechanisms): equal for text that looks alike."""
    bare = re.sub(_IGNORABLE, "", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", bare.translate(_prototypes()))


@functools.cache
def _prototypes() -> dict[int, str]:
    """Each confusable character's prototype, from Unicode's data (confusables.txt)."""
    table: dict[int, str] = {}
    lines = (Path(__file__).parent / "confusables.txt").read_text(encoding="utf-8").splitlines()
    for line in (line for line in lines if not line.startswith("#")):
        prototype, characters = line.split(";")
        text = "".join(chr(int(code, 16)) for code in prototype.split())
        table.update(dict.fromkeys((int(code, 16) for code in characters.split()), text))
    return table


def slug(text: str) -> str:
    """A lower-case, accent-free slug: "Western Balkans" -> "western-balkans"."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text)))


def word_starts(word: str, folded_text: str) -> Iterator[int]:
    """Every place where `word` starts a word of `folded_text`: search's one rule of a match
    (a prefix: "smuggl"), which highlighting follows."""
    needs_boundary = word[:1].isalnum()
    start = folded_text.find(word)
    while start != -1:
        if not needs_boundary or start == 0 or not folded_text[start - 1].isalnum():
            yield start
        start = folded_text.find(word, start + 1)


def occurs(word: str, folded_text: str) -> bool:
    """Whether `word` starts a word of `folded_text`."""
    return next(word_starts(word, folded_text), -1) != -1


def closest(
    wanted: str, owners: Mapping[str, str], cutoff: float = 0.6, starts: int = 0
) -> list[str]:
    """Did you mean: the owners of the (up to 5) names closest to `wanted`, else of those
    it starts if it is `starts` long, each once, at most three."""
    if not wanted or len(wanted) > 100:
        return []
    import difflib

    close = difflib.get_close_matches(wanted, list(owners), n=5, cutoff=cutoff)
    if not close and starts and len(wanted) >= starts:
        close = [name for name in owners if name.startswith(wanted)]
    return list(dict.fromkeys(owners[name] for name in close))[:3]
