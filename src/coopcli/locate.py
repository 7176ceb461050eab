"""Map a value's path in a parsed TOML document back to its line (`tomllib` keeps none),
following table headers and `key = value` lines; anything more exotic gets the line of
the nearest enclosing table.
"""

from __future__ import annotations

import re

KeyPath = tuple[str | int, ...]  # keys and list positions, outermost first

# No pattern here can backtrack: one character class, or alternatives that start with
# different characters (overlapping quantifiers once took minutes on a line of `[`).
_SPACE = re.compile(r"[ \t]*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL_STRING = re.compile(r"'[^'\n]*'")
_BRACKET_OR_QUOTE = re.compile(r"""["'#\[\]]""")


def _key_at(line: str, position: int) -> tuple[list[str], int] | None:
    """The parts of the (dotted) key that starts at `position`, and where it ends."""
    parts: list[str] = []
    while True:
        position = _space_after(line, position)
        for pattern in (_BARE_KEY, _BASIC_STRING, _LITERAL_STRING):
            part = pattern.match(line, position)
            if part is not None:
                break
        else:
            return None
        text = part.group()
        parts.append(text if pattern is _BARE_KEY else text[1:-1])
        position = _space_after(line, part.end())
        if not line.startswith(".", position):
            return parts, position
        position += 1


def _space_after(line: str, position: int) -> int:
    space = _SPACE.match(line, position)
    return position if space is None else space.end()


def _header(line: str) -> tuple[bool, list[str]] | None:
    """`(is_array, keys)` for a `[table]` or `[[array]]` header line, else None."""
    start = _space_after(line, 0)
    array = line.startswith("[[", start)
    key = _key_at(line, start + 1 + array) if line.startswith("[", start) else None
    if key is None or not line.startswith("]]" if array else "]", key[1]):
        return None
    rest = _space_after(line, key[1] + 1 + array)
    return (array, key[0]) if rest == len(line) or line[rest] == "#" else None


class LineIndex:
    """Line numbers (1-based) of the keys and tables of one TOML text."""

    def __init__(self, text: str) -> None:
        self._lines: dict[KeyPath, int] = {}
        self._array_counts: dict[KeyPath, int] = {}
        self._scan(text)

    def _resolve(self, keys: list[str]) -> KeyPath:
        """Turn header keys into a concrete path, entering the latest array element."""
        path: KeyPath = ()
        for key in keys:
            path = (*path, key)
            if path in self._array_counts:
                path = (*path, self._array_counts[path] - 1)
        return path

    def _scan(self, text: str) -> None:
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
                    parent = self._resolve(keys[:-1])
                    array = (*parent, keys[-1])
                    self._array_counts[array] = self._array_counts.get(array, 0) + 1
                    current = (*array, self._array_counts[array] - 1)
                else:
                    current = self._resolve(keys)
                self._lines.setdefault(current, number)
                continue
            key = _key_at(line, 0)
            if key is not None and line.startswith("=", key[1]):
                parts, end = key
                for length in range(1, len(parts) + 1):  # `a.b = 1` also places `a`
                    self._lines.setdefault((*current, *parts[:length]), number)
                value = line[end + 1 :].strip()
                for quote in ('"""', "'''"):
                    if value.startswith(quote) and value.count(quote) == 1:
                        in_multiline = quote
                if value.startswith("["):
                    bracket_depth = max(_bracket_balance(value), 0)

    def line_of(self, path: KeyPath) -> int | None:
        """The line of `path`, or of the nearest enclosing table or key that has one."""
        for end in range(len(path), 0, -1):
            line = self._lines.get(path[:end])
            if line is not None:
                return line
        return None


def _bracket_balance(text: str) -> int:
    """Opening minus closing brackets outside strings and comments, in one pass."""
    balance = 0
    position = 0
    while True:
        found = _BRACKET_OR_QUOTE.search(text, position)
        if found is None:
            return balance
        char = found.group()
        if char == "#":
            return balance
        if char in "[]":
            balance += 1 if char == "[" else -1
            position = found.end()
            continue
        pattern = _BASIC_STRING if char == '"' else _LITERAL_STRING
        string = pattern.match(text, found.start())
        if string is None:  # unterminated: the rest of the line is the string
            return balance
        position = string.end()
