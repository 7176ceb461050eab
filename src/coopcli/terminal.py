"""The one place that decides which characters may reach a person: unsafe ones (Cc but
newline and tab, Cf, Cs, Co, Cn, Zl, Zp, U+034F, the supplementary variation selectors
and any run of two or more variation selectors, which can carry hidden text) are written
as escapes; the joiners U+200C and U+200D stay inside a word, where scripts and emoji
need them."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
ALSO_UNSAFE = "\u034f"
KEPT_CONTROLS = "\n\t"
JOINERS = "\u200c\u200d"
_WORD_CATEGORIES = frozenset("LMNS")
_CANDIDATES = "[^\t\n\x20-\x7e]"  # anything but printable ASCII and the kept controls
_SELECTORS = "\ufe00-\ufe0f\U000e0100-\U000e01ef"  # an emoji needs one, of the first 16
_HIDING = re.compile(f"[\U000e0100-\U000e01ef]|[{_SELECTORS}]{{2}}")


def _is_selector(text: str, index: int) -> bool:
    return 0 <= index < len(text) and re.match(f"[{_SELECTORS}]", text[index]) is not None


def _is_unsafe_at(text: str, index: int) -> bool:
    import unicodedata

    character = text[index]
    if character == ALSO_UNSAFE or "\U000e0100" <= character <= "\U000e01ef":
        return True
    if _is_selector(text, index):  # one after a character is how an emoji is drawn
        return _is_selector(text, index - 1) or _is_selector(text, index + 1)
    if character in KEPT_CONTROLS or unicodedata.category(character) not in UNSAFE_CATEGORIES:
        return False
    if character in JOINERS and 0 < index < len(text) - 1:
        around = (text[index - 1], text[index + 1])
        return not all(unicodedata.category(c)[0] in _WORD_CATEGORIES for c in around)
    return True


def _escaped(text: str, escape: Callable[[int], str]) -> str:
    # str.isprintable is false for every unsafe category: most text needs no closer look
    if (
        text.replace("\n", "").replace("\t", "").isprintable()
        and ALSO_UNSAFE not in text
        and (text.isascii() or not _HIDING.search(text))
    ):
        return text

    def replace(match: re.Match[str]) -> str:
        unsafe = _is_unsafe_at(match.string, match.start())
        return escape(ord(match.group())) if unsafe else match.group()

    return re.sub(_CANDIDATES, replace, text)


def _human_escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else _toml_escape(code)


def _json_escape(code: int) -> str:
    units = chr(code).encode("utf-16-be", "surrogatepass")  # above U+FFFF: a surrogate pair
    return "".join(f"\\u{units[i : i + 2].hex()}" for i in range(0, len(units), 2))


def _toml_escape(code: int) -> str:
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: str) -> str:
    """`text` with its unsafe characters as escapes (`\\x1b`, `\\u202e`, `\\U000e0041`)."""
    return _escaped(text, _human_escape)


def json_visible(json_text: str) -> str:
    """JSON text with its unsafe characters as `\\uXXXX` escapes: the same value."""
    return _escaped(json_text, _json_escape)


def toml_visible(toml_text: str) -> str:
    """TOML text with its unsafe characters as `\\uXXXX` or `\\UXXXXXXXX`: the same value."""
    return _escaped(toml_text, _toml_escape)


def is_terminal(stream: Any) -> bool:
    """Whether `stream` is a terminal (not a closed or odd stream)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False
