"""Case- and accent-insensitive text matching, shared by look-ups and search."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping

_COMBINING = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"


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
