"""Limits a dataset's text must keep before it is parsed, checked in one linear pass.

Each limit bounds what a file can cost, from the costs measured (docs/performance.md,
`benchmarks/worst_case.py`). `tomllib` recurses once per level of nested arrays and
inline tables (some 450 levels end in `RecursionError`), its cost grows with the square
of a dotted key's length (100 kB of `x.x.x...` took minutes and gigabytes), and every key,
value, array and table costs it microseconds and up to a kilobyte (250,000 lines of
`x = [[[...]]]` took 91 s and 2.7 GB). The limits stand above the 100x benchmark
dataset (`benchmarks/make_dataset.py`: 5.0 MB, 152,340 lines, 178,250 items, 53,699
tables), which they keep valid, and some 100 to 200 times coop's own data (47 kB, 1,384
lines, 1,686 items, 488 tables); the costliest file within them is judged in seconds
and under 300 MB (`benchmarks/worst_case.py`, docs/performance.md):

- `MAX_BYTES`: a file of at most 8 MB (checked before it is read, in `coopcli.dataset`);
- `MAX_LINES`: at most 200,000 lines;
- `MAX_ITEMS`: at most 200,000 keys, values, arrays and tables, counted by the marks that
  make them: each `[`, `{`, `=`, `,` and `.` outside strings and comments counts one (a
  value follows `=`, `[` or `,`; a table opens with `[` or `{`, or is a part of a dotted
  key);
- `MAX_TABLES`: at most 100,000 tables, the costliest item (some 1 kB each in `tomllib`):
  each `{`, each `.` and each `[` first on its line (a header), outside strings and
  comments, counts one (a part of a dotted key is a table);
- `MAX_NESTING`: arrays and inline tables nested at most 100 deep (coop's own data: 2);
- `MAX_KEY_PARTS`: a dotted key, in a `[table]` header or before `=`, of at most 32 parts
  (coop's own data: 3);
- `MAX_LINE_CHARS`: lines of at most 10,000 characters (coop's own data: under 400).

A file over one of them is refused with `PATH:LINE: toml: ...` before `tomllib` sees it.
The scan skips strings (basic, literal and their multi-line forms) and comments, so a
bracket or a dot inside them counts for nothing. It only looks for limits: syntax errors
are left to `tomllib`, which reports them with their line and column.

That scan walks the text in Python, one special character at a time (150 ms for a
dataset 100 times coop's). Before it, `_clearly_within_limits` clears the common case
in C: one substitution drops strings and comments exactly as the scan skips them, and
what is left shows how deep brackets nest, how many dots a key has and how many items
there are. Only a text it cannot clear is scanned, and the scan says where the problem
is. The patterns are compiled on first use: `coopcli.dataset` imports this module for
`MAX_BYTES` on every run, most of which never scan.
"""

from __future__ import annotations

import functools
import re

from coopcli.errors import DataError, Problem

MAX_BYTES = 8_000_000
MAX_LINES = 200_000
MAX_ITEMS = 200_000
MAX_TABLES = 100_000
MAX_NESTING = 100
MAX_KEY_PARTS = 32
MAX_LINE_CHARS = 10_000

_OPENERS = frozenset("[{")
_CLOSERS = frozenset("]}")
_KEY_ENDS = frozenset("=,[]{}\n")
_ITEM_MARKS = frozenset("[{=,.")
_BRACKETS_ONLY = str.maketrans("{}", "[]", ".=,\n")


class _Patterns:
    """The compiled patterns of the scan (a plain class: a NamedTuple costs a
    millisecond to define, on every run that imports this module)."""

    def __init__(self) -> None:
        # Each pattern is a single character class or a fixed string with alternatives
        # that cannot overlap, so every search is linear in the text it passes over.
        self.next_special = re.compile(r"""["'#\[\]{}.=,\n]""")
        self.basic_string_stop = re.compile(r'["\\\n]')
        self.multiline_basic_stop = re.compile(r'"""|\\')
        self.long_line = re.compile(rf"^[^\n]{{{MAX_LINE_CHARS + 1}}}", re.MULTILINE)
        # The scan's own tokens as one pattern: a multi-line basic string, a basic
        # string, a multi-line literal string, a literal string, a comment. Each
        # alternative ends where the matching `_skip_*` function stops (an unterminated
        # string at the line's or the text's end), and `re.sub` takes them
        # leftmost-first, as the scan meets them. Each repetition's alternatives start
        # with different characters: no backtracking. No possessive quantifiers (`*+`):
        # Python 3.11 before 3.11.5 (Debian 12's 3.11.2) gets some of them wrong. None
        # is needed: whatever ends each repetition, its closing part matches there (a
        # quote, a line end or the end of the text), so a match never fails and nothing
        # is retried.
        self.string_or_comment = re.compile(
            r'"""(?:[^"\\]+|\\[\s\S]?|"(?!""))*(?:""""{0,2}|\Z)'
            r'|"(?:[^"\\\n]+|\\[\s\S]?)*(?:"|(?=\n)|\Z)'
            r"|'''[\s\S]*?(?:''''{0,2}|\Z)"
            r"|'[^'\n]*(?:'|(?=\n)|\Z)"
            r"|#[^\n]*"
        )
        self.neither_dot_nor_key_end = re.compile(r"[^.=,\[\]{}\n]+")


@functools.cache
def _patterns() -> _Patterns:
    return _Patterns()


def _clearly_within_limits(text: str) -> bool:
    """True if `text` keeps the item, nesting and dotted-key limits; False if it may
    not (the exact scan then decides). Works on the text without its strings and
    comments."""
    patterns = _patterns()
    code = patterns.string_or_comment.sub("", text)
    # What is left of the code is dots and the characters that end a key: a run of
    # dots in it is a run of dots with no key end between them, as the scan counts.
    marks = patterns.neither_dot_nor_key_end.sub("", code)
    closing = marks.count("]") + marks.count("}") + marks.count("\n")
    if len(marks) - closing > MAX_ITEMS:
        return False
    # A `[` right after a line end here had nothing but spaces or key characters before
    # it on its line: at least as many as the scan's headers.
    headers = marks.count("\n[") + marks.startswith("[")
    if headers + marks.count("{") + marks.count(".") > MAX_TABLES:
        return False
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
    """Raise DataError if `text` has too many lines or items, nests too deep, or has
    too long a dotted key or line."""
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if lines > MAX_LINES:
        at = _nth_line_start(text, MAX_LINES + 1)
        what = f"file of {lines:,} lines, over the limit of {MAX_LINES:,}"
        raise _refuse(text, at, display_path, what)
    # Splitting is some four times faster than searching for a long line; the search
    # only runs to find where the long line is.
    too_long = max(map(len, text.split("\n"))) > MAX_LINE_CHARS
    long_line = _patterns().long_line.search(text) if too_long else None
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


def _nth_line_start(text: str, line: int) -> int:
    position = 0
    for _ in range(line - 1):
        position = text.index("\n", position) + 1
    return position


def _scan(text: str, display_path: str) -> tuple[int, int]:
    """The exact scan for items, tables, nesting and dotted keys: raise at the first
    excess; else return how many items and tables the text has."""
    patterns = _patterns()
    next_special = patterns.next_special.search
    depth = 0
    dots = 0  # dots outside strings since the last `=`, `,`, bracket or line end
    items = 0
    tables = 0
    line_start = 0
    position = 0
    size = len(text)
    while position < size:
        special = next_special(text, position)
        if special is None:
            break
        position = special.end()
        char = special.group()
        # Only the first special character of a line may be a header's `[`: at most
        # one look back over each line.
        first_on_line = line_start >= 0 and _only_spaces(text, line_start, special.start())
        line_start = position if char == "\n" else -1
        if char in _ITEM_MARKS:
            items += 1
            if items > MAX_ITEMS:
                raise _refuse(
                    text,
                    special.start(),
                    display_path,
                    f"over the limit of {MAX_ITEMS:,} keys, values and tables "
                    "(each [, {, =, comma or dot outside a string counts one)",
                )
            if char != "=" and char != "," and (char != "[" or first_on_line):
                tables += 1
                if tables > MAX_TABLES:
                    raise _refuse(
                        text,
                        special.start(),
                        display_path,
                        f"over the limit of {MAX_TABLES:,} tables "
                        "(each {, dot, or [ first on its line, outside a string, counts one)",
                    )
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
    return items, tables


def _only_spaces(text: str, start: int, end: int) -> bool:
    return start == end or text[start:end].isspace()


def _skip_basic_string(text: str, position: int) -> int:
    """The position after the string whose opening `"` ends just before `position`."""
    if text.startswith('""', position):
        return _skip_multiline_basic(text, position + 2)
    while True:
        stop = _patterns().basic_string_stop.search(text, position)
        if stop is None:
            return len(text)
        if stop.group() == "\\":
            position = stop.end() + 1
            continue
        # a closing quote, or a line end that tomllib will report as an error
        return stop.end() if stop.group() == '"' else stop.start()


def _skip_multiline_basic(text: str, position: int) -> int:
    while True:
        stop = _patterns().multiline_basic_stop.search(text, position)
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
