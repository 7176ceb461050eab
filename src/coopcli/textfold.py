"""Case- and accent-insensitive text matching, shared by look-ups and search."""

from __future__ import annotations

import re
import unicodedata

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


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold `text` one character at a time; also return, for each folded character, the
    index of the original character it came from (for highlighting)."""
    folded: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        piece = fold(char)
        folded.append(piece)
        offsets.extend([index] * len(piece))
    return "".join(folded), offsets


def slug(text: str) -> str:
    """A lower-case, accent-free slug: "Western Balkans" -> "western-balkans"."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text)))
