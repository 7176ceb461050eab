"""Output: one renderer per format, shared by every command.

A command hands over a `Listing` (rows plus column specs) or a single object; `emit`
picks the renderer. JSON, NDJSON and CSV go straight to stdout with the standard
library; only the human (`table`) renderers import rich, and only when they run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"


def visible(text: str) -> str:
    """`text` with control and bidi-override characters shown as escapes (`\\x1b`)."""
    return re.sub(
        _CONTROL,
        lambda match: (
            f"\\x{ord(match.group()):02x}"
            if ord(match.group()) < 0x100
            else f"\\u{ord(match.group()):04x}"
        ),
        text,
    )


FORMATS = ("table", "json", "ndjson", "csv")
"""Formats of listing commands; `show`-like commands take the first two."""


# Plain classes rather than dataclasses: this module is on every run's path, and a
# dataclass costs a code generation at import.
class Column:
    """One column of a listing: a row key, its header, and how a cell reads."""

    __slots__ = (
        "cell",
        "header",
        "in_csv",
        "in_table",
        "inferred",
        "key",
        "max_width",
        "no_wrap",
        "row_cell",
    )

    def __init__(
        self,
        key: str,
        header: str,
        cell: Callable[[Any], str] | None = None,
        *,
        in_table: bool = True,
        in_csv: bool = True,
        row_cell: Callable[[Mapping[str, Any]], str] | None = None,
        max_width: int | None = None,
        no_wrap: bool = False,
        inferred: tuple[str, ...] = (),
    ) -> None:
        self.key = key
        self.header = header
        self.cell = cell
        self.in_table = in_table
        self.in_csv = in_csv
        self.row_cell = row_cell
        """Reads the whole row, for a table cell made of several fields."""
        self.max_width = max_width
        self.no_wrap = no_wrap
        """Keep short codes such as ids and statuses on one line in a table."""
        self.inferred = inferred
        """The row's `inferred` fields this cell shows: a table marks the cell when one is."""

    def marked(self, row: Mapping[str, Any]) -> bool:
        """Whether this cell shows a value coop inferred (see `inferred`)."""
        inferred = row.get("inferred")
        return isinstance(inferred, dict) and any(field in inferred for field in self.inferred)

    def text(self, row: Mapping[str, Any]) -> str:
        """This column's cell of `row`."""
        if self.row_cell is not None:
            return self.row_cell(row)
        return (self.cell or cell_text)(row.get(self.key))


class Listing:
    """Rows (the JSON contract of a command) and how to show them as a table or CSV."""

    __slots__ = ("columns", "empty_message", "human", "rows", "title")

    def __init__(
        self,
        rows: Sequence[Mapping[str, Any]],
        columns: Sequence[Column],
        *,
        title: str = "",
        empty_message: str = "Nothing matches.",
        human: Callable[[Listing], None] | None = None,
    ) -> None:
        self.rows = rows
        self.columns = columns
        self.title = title
        self.empty_message = empty_message
        self.human = human


def cell_text(value: Any) -> str:
    """A value as one table or CSV cell: lists joined with "; ", nothing for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(cell_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(cell_text(item) for item in value.values() if item is not None)
    return str(value)


def emit(listing: Listing, output_format: str) -> None:
    """Write a listing in one of `FORMATS`."""
    from coopcli.render import machine

    if output_format == "json":
        machine.write_json(list(listing.rows))
    elif output_format == "ndjson":
        machine.write_ndjson(listing.rows)
    elif output_format == "csv":
        machine.write_csv(listing)
    elif listing.human is not None:
        listing.human(listing)
    else:
        from coopcli.render import human

        human.table(listing)


def emit_object(value: Mapping[str, Any], output_format: str, human: Callable[[], None]) -> None:
    """Write a single object as JSON, or call its human renderer."""
    from coopcli.render import machine

    if output_format == "json":
        machine.write_json(dict(value))
    else:
        human()


def date_span(
    date: str | None, end: str | None = None, when: str | None = None, ongoing: bool = False
) -> str:
    """A date or range as people read it: `2021-09-09 to 2021-09-10`, `2021-04 →` for
    one with no known end, or the source's own words for an undated time."""
    if date is None:
        return when or "undated"
    text = date if end is None else f"{date} to {end}"
    if ongoing:
        text += " \u2192"
    return f"{text} ({when})" if when else text


def inferred_text(value: Any) -> str:
    """An `inferred` table as one CSV cell: `date: reason; status: reason`."""
    if not isinstance(value, dict):
        return ""
    return "; ".join(f"{field}: {reason}" for field, reason in value.items())
