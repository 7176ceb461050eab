"""Map a value's path in a parsed TOML document back to its line in the file.

`tomllib` keeps no positions, so this scans the text line by line, following table
headers (`[meta]`, `[[partners]]`, `[[partners.agreements]]`) and `key = value` lines. It
understands the layout coop's datasets use; on anything more exotic it falls back to the
nearest enclosing table, which is still the right place to look.
"""

from __future__ import annotations

import re

Path = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)


def _split_key(dotted: str) -> list[str]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", dotted)
    return [part.strip("\"'") for part in parts]


class LineIndex:
    """Line numbers (1-based) of the keys and tables of one TOML text."""

    def __init__(self, text: str) -> None:
        self._lines: dict[Path, int] = {}
        self._array_counts: dict[Path, int] = {}
        self._scan(text)

    def _resolve(self, keys: list[str]) -> Path:
        """Turn header keys into a concrete path, entering the latest array element."""
        path: Path = ()
        for key in keys:
            path = (*path, key)
            if path in self._array_counts:
                path = (*path, self._array_counts[path] - 1)
        return path

    def _scan(self, text: str) -> None:
        current: Path = ()
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
            header = _HEADER.match(line)
            if header and not _KEY.match(line):
                keys = _split_key(header.group(2))
                if header.group(1) == "[[":
                    parent = self._resolve(keys[:-1])
                    array = (*parent, keys[-1])
                    self._array_counts[array] = self._array_counts.get(array, 0) + 1
                    current = (*array, self._array_counts[array] - 1)
                else:
                    current = self._resolve(keys)
                self._lines.setdefault(current, number)
                continue
            key = _KEY.match(line)
            if key:
                keys = _split_key(key.group(1))
                # A dotted key (`inferred.date = ...`) also places the table it opens.
                for depth in range(1, len(keys) + 1):
                    self._lines.setdefault((*current, *keys[:depth]), number)
                value = line[key.end() :].strip()
                for quote in ('"""', "'''"):
                    if value.startswith(quote) and value.count(quote) == 1:
                        in_multiline = quote
                if value.startswith("["):
                    bracket_depth = max(_bracket_balance(value), 0)

    def line_of(self, path: Path) -> int | None:
        """The line of `path`, or of the nearest enclosing table or key that has one."""
        for end in range(len(path), 0, -1):
            line = self._lines.get(path[:end])
            if line is not None:
                return line
        return None


def _bracket_balance(text: str) -> int:
    without_strings = re.sub(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|#.*$', "", text)
    return without_strings.count("[") - without_strings.count("]")
