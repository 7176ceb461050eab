"""Limits a dataset's text must keep before it is parsed, checked in one linear pass.

`tomllib` recurses once per level of nested arrays and inline tables (some 450 levels
end in `RecursionError`), and its cost grows with the square of a dotted key's length
(100 kB of `x.x.x...` took minutes and gigabytes). No real dataset comes near these
limits; a file that does is refused with `PATH:LINE: toml: ...` before `tomllib` sees it:

- `MAX_NESTING`: arrays and inline tables nested at most 100 deep (coop's own data: 2);
- `MAX_KEY_PARTS`: a dotted key, in a `[table]` header or before `=`, of at most 32 parts
  (coop's own data: 3);
- `MAX_LINE_CHARS`: lines of at most 10,000 characters (coop's own data: under 400).

The scan skips strings (basic, literal and their multi-line forms) and comments, so a
bracket or a dot inside them counts for nothing. It only looks for limits: syntax errors
are left to `tomllib`, which reports them with their line and column.

That scan walks the text in Python, one special character at a time (150 ms for a
dataset 100 times coop's). Before it, `_clearly_within_limits` clears the common case
in C: one substitution drops strings and comments exactly as the scan skips them, and
what is left shows how deep brackets nest and how many dots a key has. Only a text it
cannot clear is scanned, and the scan says where the problem is.
"""

from __future__ import annotations

import re

from coopcli.errors import DataError, Problem

MAX_NESTING = 100
MAX_KEY_PARTS = 32
MAX_LINE_CHARS = 10_000

# Each pattern is a single character class or a fixed string with alternatives that
# cannot overlap, so every search is linear in the text it passes over.
_NEXT_SPECIAL = re.compile(r"""["'#\[\]{}.=,\n]""")
_BASIC_STRING_STOP = re.compile(r'["\\\n]')
_MULTILINE_BASIC_STOP = re.compile(r'"""|\\')
_LONG_LINE = re.compile(rf"^[^\n]{{{MAX_LINE_CHARS + 1}}}", re.MULTILINE)
_OPENERS = frozenset("[{")
_CLOSERS = frozenset("]}")
_KEY_ENDS = frozenset("=,[]{}\n")


# The scan's own tokens as one pattern: a multi-line basic string, a basic string, a
# multi-line literal string, a literal string, a comment. Each alternative ends where
# the matching `_skip_*` function stops (an unterminated string at the line's or the
# text's end), and `re.sub` takes them leftmost-first, as the scan meets them. Each
# repetition's alternatives start with different characters: no backtracking.
_STRING_OR_COMMENT = re.compile(
    r'"""(?:[^"\\]+|\\[\s\S]?|"(?!""))*(?:""""{0,2}|\Z)'
    r'|"(?:[^"\\\n]+|\\[\s\S]?)*(?:"|(?=\n)|\Z)'
    r"|'''[\s\S]*?(?:''''{0,2}|\Z)"
    r"|'[^'\n]*(?:'|(?=\n)|\Z)"
    r"|#[^\n]*"
)
# No possessive quantifiers (`*+`): Python 3.11 before 3.11.5 (Debian 12's 3.11.2) gets
# some of them wrong. None is needed: whatever ends each repetition, its closing part
# matches there (a quote, a line end or the end of the text), so a match never fails
# and nothing is retried.
_NEITHER_DOT_NOR_KEY_END = re.compile(r"[^.=,\[\]{}\n]+")
_BRACKETS_ONLY = str.maketrans("{}", "[]", ".=,\n")


def _clearly_within_limits(text: str) -> bool:
    """True if `text` keeps the nesting and dotted-key limits; False if it may not (the
    exact scan then decides). Works on the text without its strings and comments."""
    code = _STRING_OR_COMMENT.sub("", text)
    # What is left of the code is dots and the characters that end a key: a run of
    # dots in it is a run of dots with no key end between them, as the scan counts.
    marks = _NEITHER_DOT_NOR_KEY_END.sub("", code)
    if "." * MAX_KEY_PARTS in marks:
        return False
    brackets = marks.translate(_BRACKETS_ONLY)
    # Each pass removes the innermost pairs: after `passes`, no pair removed was nested
    # deeper than that, and each opening bracket never closed adds at most one level.
    passes = 0
    while "[]" in brackets and passes <= MAX_NESTING:
        brackets = brackets.replace("[]", "")
        passes += 1
    return passes + brackets.count("[") <= MAX_NESTING


def check_limits(text: str, display_path: str) -> None:
    """Raise DataError if `text` nests too deep, has too long a dotted key or line."""
    # Splitting is some four times faster than searching for a long line; the search
    # only runs to find where the long line is.
    too_long = max(map(len, text.split("\n"))) > MAX_LINE_CHARS
    long_line = _LONG_LINE.search(text) if too_long else None
    if long_line is not None:
        end = text.find("\n", long_line.start())
        length = (len(text) if end == -1 else end) - long_line.start()
        raise _refuse(
            text,
            long_line.start(),
            display_path,
            f"line of {length:,} characters, over the limit of {MAX_LINE_CHARS:,}",
        )
    if not _clearly_within_limits(text):
        _scan(text, display_path)


def _scan(text: str, display_path: str) -> None:
    """The exact scan for nesting and dotted keys: raise at the first excess."""
    depth = 0
    dots = 0  # dots outside strings since the last `=`, `,`, bracket or line end
    position = 0
    size = len(text)
    while position < size:
        special = _NEXT_SPECIAL.search(text, position)
        if special is None:
            return
        position = special.end()
        char = special.group()
        if char in _OPENERS:
            depth += 1
            if depth > MAX_NESTING:
                raise _refuse(
                    text,
                    special.start(),
                    display_path,
                    f"arrays and inline tables nested over the limit of {MAX_NESTING} levels",
                )
        elif char in _CLOSERS:
            depth = max(depth - 1, 0)
        elif char == ".":
            # No value outside a string has more than one dot (1.5, 07:32:00.999),
            # so many dots in a row of text are the parts of one dotted key.
            dots += 1
            if dots >= MAX_KEY_PARTS:
                raise _refuse(
                    text,
                    special.start(),
                    display_path,
                    f"dotted key of over the limit of {MAX_KEY_PARTS} parts",
                )
            continue
        elif char == "#":
            end = text.find("\n", position)
            position = size if end == -1 else end
            continue
        elif char == '"':
            position = _skip_basic_string(text, position)
            continue
        elif char == "'":
            position = _skip_literal_string(text, position)
            continue
        if char in _KEY_ENDS:
            dots = 0
    return


def _skip_basic_string(text: str, position: int) -> int:
    """The position after the string whose opening `"` ends just before `position`."""
    if text.startswith('""', position):
        return _skip_multiline_basic(text, position + 2)
    while True:
        stop = _BASIC_STRING_STOP.search(text, position)
        if stop is None:
            return len(text)
        if stop.group() == "\\":
            position = stop.end() + 1
            continue
        # a closing quote, or a line end that tomllib will report as an error
        return stop.end() if stop.group() == '"' else stop.start()


def _skip_multiline_basic(text: str, position: int) -> int:
    while True:
        stop = _MULTILINE_BASIC_STOP.search(text, position)
        if stop is None:
            return len(text)
        if stop.group() == "\\":
            position = stop.end() + 1
            continue
        return _after_extra_quotes(text, stop.end(), '"')


def _skip_literal_string(text: str, position: int) -> int:
    if text.startswith("''", position):
        end = text.find("'''", position + 2)
        return len(text) if end == -1 else _after_extra_quotes(text, end + 3, "'")
    quote, line_end = text.find("'", position), text.find("\n", position)
    if quote == -1:
        return len(text) if line_end == -1 else line_end
    return quote + 1 if line_end == -1 or quote < line_end else line_end


def _after_extra_quotes(text: str, position: int, quote: str) -> int:
    """A multi-line string may end in one or two quotes of its own (`""" "`)." ""
    for _ in range(2):
        if text.startswith(quote, position):
            position += 1
    return position


def _refuse(text: str, position: int, display_path: str, what: str) -> DataError:
    line = text.count("\n", 0, position) + 1
    return DataError([Problem(display_path, line, "toml", what)])
