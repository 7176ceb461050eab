"""Terminal safety: the one place that decides which characters may reach a person.

Every string that coop shows to a person (on stdout or stderr: cards, tables, headers,
error messages, lists of valid values, file names, completion descriptions) goes through
`visible`, which shows unsafe characters as escapes instead of emitting them. A dataset
or an argument can then never move the cursor, clear the screen, set the window title,
open a hyperlink, reverse the text that follows it, or hide text in characters that
show nothing.

Which characters are unsafe is decided by Unicode category, as the running Python's
`unicodedata` gives it, not by a list: controls (Cc) but newline and tab, format
characters (Cf: bidi marks, embeddings, overrides and isolates, zero-width and invisible
characters, tags, the soft hyphen, interlinear annotation), surrogates (Cs), private
use (Co), unassigned code points (Cn), the line and paragraph separators (Zl, Zp), and
U+034F COMBINING GRAPHEME JOINER (a mark that shows nothing). The joiners U+200C and
U+200D stay inside a word (Persian, Indic scripts, emoji sequences), where they belong.

Machine formats piped to a program stay byte-faithful; on a terminal, JSON escapes the
same characters as `\\uXXXX` (`json_visible`, a surrogate pair beyond U+FFFF) and TOML as
`\\uXXXX` or `\\UXXXXXXXX` (`toml_visible`), so that both still parse to the same value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
"""The Unicode general categories a terminal must not receive raw."""

ALSO_UNSAFE = "\u034f"
"""Unsafe though its category (Mn) is not: the combining grapheme joiner."""

KEPT_CONTROLS = "\n\t"
"""Controls kept as they are: they lay text out and drive nothing."""

JOINERS = "\u200c\u200d"
"""Format characters kept between two parts of a word (letters, marks, digits, symbols)."""

_WORD_CATEGORIES = frozenset("LMNS")

_candidates: re.Pattern[str] | None = None


def _candidate_pattern() -> re.Pattern[str]:
    """What may be unsafe: anything but printable ASCII and the kept controls. Compiled
    on first need: most runs (ASCII text, or a pipe) never need it."""
    global _candidates
    if _candidates is None:
        _candidates = re.compile("[^\t\n\x20-\x7e]")
    return _candidates


def _is_safe_text(text: str) -> bool:
    """Whether `text` holds no unsafe character, decided without a look at each one in
    the common case: `str.isprintable` is false for every unsafe category."""
    if not text.isprintable() and not text.replace("\n", "").replace("\t", "").isprintable():
        return False
    return ALSO_UNSAFE not in text


def _is_unsafe_at(text: str, index: int) -> bool:
    """Whether the character at `index` of `text` must not reach a terminal raw."""
    import unicodedata

    character = text[index]
    if character == ALSO_UNSAFE:
        return True
    if character in KEPT_CONTROLS or unicodedata.category(character) not in UNSAFE_CATEGORIES:
        return False
    if character in JOINERS and 0 < index < len(text) - 1:
        before, after = text[index - 1], text[index + 1]
        return not (
            unicodedata.category(before)[0] in _WORD_CATEGORIES
            and unicodedata.category(after)[0] in _WORD_CATEGORIES
        )
    return True


def _escaping(escape: Callable[[int], str]) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        if _is_unsafe_at(match.string, match.start()):
            return escape(ord(match.group()))
        return match.group()

    return replace


def _human_escape(code: int) -> str:
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _json_escape(code: int) -> str:
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _toml_escape(code: int) -> str:
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


_shown_to_a_person = _escaping(_human_escape)
_shown_in_json = _escaping(_json_escape)
_shown_in_toml = _escaping(_toml_escape)


def visible(text: str) -> str:
    """`text` with its unsafe characters shown as escapes (`\\x1b`, `\\u202e`,
    `\\U000e0041`)."""
    if text.isascii() and text.isprintable():  # the common case, without a regex
        return text
    if _is_safe_text(text):
        return text
    return _candidate_pattern().sub(_shown_to_a_person, text)


def json_visible(json_text: str) -> str:
    """JSON text with its unsafe characters as `\\uXXXX` escapes (a surrogate pair beyond
    U+FFFF), so that it parses to the same value. Valid for any JSON that `json.dumps`
    wrote: those characters can only occur inside its strings."""
    if json_text.isascii() and "\x7f" not in json_text:
        return json_text  # json.dumps already escapes C0; DEL is the only ASCII left
    if _is_safe_text(json_text):
        return json_text
    return _candidate_pattern().sub(_shown_in_json, json_text)


def toml_visible(toml_text: str) -> str:
    """TOML text, as tomli-w writes it (basic strings), with its unsafe characters as
    `\\uXXXX` or `\\UXXXXXXXX` escapes, so that it reads back to the same value."""
    if toml_text.isascii() and "\x7f" not in toml_text:
        return toml_text  # tomli-w already escapes C0; DEL is the only ASCII left
    if _is_safe_text(toml_text):
        return toml_text
    return _candidate_pattern().sub(_shown_in_toml, toml_text)


def is_terminal(stream: Any) -> bool:
    """Whether `stream` is an interactive terminal (False for a closed or odd stream)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False
