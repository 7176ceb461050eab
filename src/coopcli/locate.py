"""Map a value's path in a parsed TOML document back to its line (`tomllib` keeps none),
following table headers and `key = value` lines; anything more exotic gets the line of
the nearest enclosing table.
"""

from __future__ import annotations

import re

from coopcli.limits import toml_tokens

KeyPath = tuple[str | int, ...]  # keys and list positions, outermost first

# A part of a key between its spaces: bare, "basic" or 'literal'. The alternatives start
# with different characters, so nothing backtracks (once a line of `[` took minutes).
_KEY_PART = re.compile(r"""[ \t]*(?:([A-Za-z0-9_-]+)|"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)')[ \t]*""")
_HEADER = re.compile(r"[ \t]*\[(\[?)")


def _key_at(line: str, position: int) -> tuple[list[str], int] | None:
    """The parts of the (dotted) key that starts at `position`, and where it ends."""
    parts: list[str] = []
    while part := _KEY_PART.match(line, position):
        parts.append(next(text for text in part.groups() if text is not None))
        if not line.startswith(".", part.end()):
            return parts, part.end()
        position = part.end() + 1
    return None


def _header(line: str) -> tuple[bool, list[str]] | None:
    """`(is_array, keys)` for a `[table]` or `[[array]]` header line, else None."""
    opening = _HEADER.match(line)
    key = _key_at(line, opening.end()) if opening else None
    closing = "]]" if opening and opening.group(1) else "]"
    if key is None or not line.startswith(closing, key[1]):
        return None
    rest = line[key[1] + len(closing) :].lstrip(" \t")
    return (closing == "]]", key[0]) if not rest or rest[0] == "#" else None


def key_lines(text: str) -> dict[KeyPath, int]:
    """Line numbers (1-based) of the keys and tables of one TOML text."""
    lines: dict[KeyPath, int] = {}
    array_counts: dict[KeyPath, int] = {}

    def resolve(keys: list[str]) -> KeyPath:
        """Header keys as a concrete path, into the latest element of each array."""
        path: KeyPath = ()
        for key in keys:
            path = (*path, key)
            if path in array_counts:
                path = (*path, array_counts[path] - 1)
        return path

    current: KeyPath = ()
    in_multiline: str | None = None
    bracket_depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if in_multiline is not None:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        if bracket_depth > 0:
            bracket_depth += _bracket_balance(line)
            continue
        header = _header(line)
        if header is not None:
            is_array, keys = header
            if is_array:
                array = (*resolve(keys[:-1]), keys[-1])
                array_counts[array] = array_counts.get(array, 0) + 1
            current = resolve(keys)
            lines.setdefault(current, number)
            continue
        key = _key_at(line, 0)
        if key is not None and line.startswith("=", key[1]):
            parts, end = key
            for length in range(1, len(parts) + 1):  # `a.b = 1` also places `a`
                lines.setdefault((*current, *parts[:length]), number)
            value = line[end + 1 :].strip()
            for quote in ('"""', "'''"):
                if value.startswith(quote) and value.count(quote) == 1:
                    in_multiline = quote
            if value.startswith("["):
                bracket_depth = max(_bracket_balance(value), 0)
    return lines


def line_of(lines: dict[KeyPath, int], path: KeyPath) -> int | None:
    """The line of `path`, or of the nearest enclosing table or key that has one."""
    enclosing = (path[:end] for end in range(len(path), 0, -1))
    return next((lines[at] for at in enclosing if at in lines), None)


def _bracket_balance(text: str) -> int:
    """Opening minus closing brackets outside strings and comments."""
    balance = 0
    for token in toml_tokens().finditer(text):
        mark = token.group()
        if mark[0] == "#":
            break
        if mark[0] not in "\"'":
            balance += mark.count("[") - mark.count("]")
    return balance
