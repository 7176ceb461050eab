"""What a dataset's text may hold before `tomllib` parses it: each limit bounds what a
file can cost (docs/limits.md states them, docs/performance.md the costs behind them).

One linear pass over the text, skipping strings and comments, counts the marks that make
keys, values and tables (`[`, `{`, `=`, `,`, `.`), how deep brackets nest and how many
parts a dotted key has, and refuses the first excess with `PATH:LINE: toml: ...`.
Syntax errors are left to `tomllib`, which reports them with their line and column.
"""

from __future__ import annotations

import functools
import re

from coopcli.errors import DataError, Problem

MAX_BYTES = 8_000_000  # checked before the file is read, in `coopcli.dataset`
MAX_LINES = 200_000
MAX_ITEMS = 200_000
MAX_TABLES = 100_000
MAX_NESTING = 100
MAX_KEY_PARTS = 32
MAX_LINE_CHARS = 10_000
_TOO_MANY_ITEMS = (
    f"over the limit of {MAX_ITEMS:,} keys, values and tables "
    "(each [, {, =, comma or dot outside a string counts one)"
)
_ESCAPES = " (each \\n escape in a string counts one)"
_TOO_MANY_TABLES = (
    f"over the limit of {MAX_TABLES:,} tables "
    "(each {, dot, or [ first on its line, outside a string, counts one)"
)


@functools.cache
def toml_tokens() -> re.Pattern[str]:
    # Compiled on first use: most runs import this module for MAX_BYTES only. A string's
    # opening quotes (`_string_end` finds its end: a pattern over a string of megabytes
    # kept a backtracking entry per character, a gigabyte), a comment, or a mark.
    return re.compile(
        r'"""|"|\'\'\'|\'|#[^\n]*'
        r"|[\]}](?:[ \t]*[\]}])*"  # closing brackets in a row: one token
        r"|[\[{}.=,\n]"
    )


def _string_end(text: str, opened: int, quotes: str) -> int:
    """Where the string whose `quotes` open at `opened` ends; an unterminated one-line
    string stops at its line's end, any other at the text's."""
    position, multiline, size = opened + len(quotes), len(quotes) == 3, len(text)
    while True:
        close = text.find(quotes, position)
        newline = -1 if multiline else text.find("\n", position, close if close != -1 else size)
        if newline != -1:
            return newline
        if close == -1:
            return size
        backslashes = 0  # an odd run before a basic string's quote escapes it
        while quotes[0] == '"' and text[close - backslashes - 1] == "\\":
            backslashes += 1
        if backslashes % 2:
            position = close + 1
            continue
        end = close + len(quotes)
        if multiline:  # up to two quotes more belong to the string: `""""` ends `"`
            end += len(text[end : end + 2]) - len(text[end : end + 2].lstrip(quotes[0]))
        return end


def check_limits(text: str, display_path: str) -> tuple[int, int]:
    """Raise DataError at the first limit `text` exceeds; else return how many items
    (keys, values and tables) and tables it has."""
    lines = text.split("\n")
    # a string's line break spelt as an escape is a line too, of every view that shows it
    breaks = sum(map(text.count, ("\\n", "\\u000a", "\\u000A", "\\U0000000a", "\\U0000000A")))
    count = len(lines) - text.endswith("\n") + breaks
    if count > MAX_LINES:
        what = (
            f"file of {count:,} lines{_ESCAPES if breaks else ''}, over the limit of {MAX_LINES:,}"
        )
        raise DataError([Problem(display_path, MAX_LINES + 1, "toml", what)])
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_CHARS:
            what = f"line of {len(line):,} characters, over the limit of {MAX_LINE_CHARS:,}"
            raise DataError([Problem(display_path, number, "toml", what)])
    del lines
    depth = dots = items = tables = 0
    line_start = 0  # where the current line starts, or -1 once it has had a token
    tokens, position = toml_tokens(), 0
    while token := tokens.search(text, position):
        start, position = token.start(), token.end()
        char = text[start]
        if char in "\"'":
            position = _string_end(text, start, token.group())
        # Only the first token of a line may be a header's `[`.
        first_on_line = line_start >= 0 and (
            line_start == start or text[line_start:start].isspace()
        )
        line_start = start + 1 if char == "\n" else -1
        if char in "\"'#":
            continue
        if char in "[{=,.":
            items += 1
            tables += char in "{." or (char == "[" and first_on_line)
            if items > MAX_ITEMS or tables > MAX_TABLES:
                what = _TOO_MANY_ITEMS if items > MAX_ITEMS else _TOO_MANY_TABLES
                raise _refuse(text, start, display_path, what)
        if char == ".":
            # No value outside a string has two dots (1.5, 07:32:00.999): dots with no
            # key end between them are the parts of one dotted key.
            dots += 1
            if dots >= MAX_KEY_PARTS:
                what = f"dotted key of over the limit of {MAX_KEY_PARTS} parts"
                raise _refuse(text, start, display_path, what)
            continue
        dots = 0
        if char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                what = f"arrays and inline tables nested over the limit of {MAX_NESTING} levels"
                raise _refuse(text, start, display_path, what)
        elif char in "]}":
            closers = token.group()
            depth = max(depth - len(closers) + closers.count(" ") + closers.count("\t"), 0)
    return items, tables


def _refuse(text: str, position: int, display_path: str, what: str) -> DataError:
    line = text.count("\n", 0, position) + 1
    return DataError([Problem(display_path, line, "toml", what)])
