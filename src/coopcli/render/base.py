"""What every renderer shares: the output formats, the `Output` a command hands over,
the columns of a listing, and the sinks that writers write to.

Plain classes rather than dataclasses: this module is on every run's path, and a
dataclass costs a code generation at import. No rich here, no other render module.
"""

from __future__ import annotations

import enum
import io
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from coopcli.errors import UsageError
from coopcli.shape import EVERY_SECTION, Field
from coopcli.terminal import is_terminal

if TYPE_CHECKING:
    from coopcli.render.human import Screen


class OutputFormat(enum.Enum):
    """Every output format coop writes. Each has exactly one writer
    (`coopcli.render.writer_for`) and each command declares the subset it takes."""

    TABLE = "table"
    JSON = "json"
    NDJSON = "ndjson"
    CSV = "csv"
    TOML = "toml"
    SQLITE = "sqlite"
    HTML = "html"

    @property
    def binary(self) -> bool:
        """Whether the format is bytes that only a file can take (`--output FILE`)."""
        return self is OutputFormat.SQLITE

    @property
    def for_terminal(self) -> bool:
        """Whether a terminal may take the format on stdout: a page (HTML) is text for a
        file or a pipe, and a binary format is refused on any stdout."""
        return self is not OutputFormat.HTML and not self.binary

    @property
    def description(self) -> str:
        """What the format writes, for help and completion."""
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    OutputFormat.TABLE: "a table or card for people",
    OutputFormat.JSON: "one JSON document",
    OutputFormat.NDJSON: "one JSON object per line",
    OutputFormat.CSV: "a header row and a row per item",
    OutputFormat.TOML: "a dataset file that coop validate accepts",
    OutputFormat.SQLITE: "a SQLite database, a table per kind of fact (to a file only)",
    OutputFormat.HTML: "a self-contained HTML page to read, forward or print",
}

LISTING_FORMATS = (OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.NDJSON, OutputFormat.CSV)
"""What every command that lists rows takes."""
OBJECT_FORMATS = (OutputFormat.TABLE, OutputFormat.JSON)
"""What a command that answers with one object (a card, a comparison) takes."""
EXPORT_FORMATS = (
    OutputFormat.JSON,
    OutputFormat.NDJSON,
    OutputFormat.CSV,
    OutputFormat.TOML,
    OutputFormat.SQLITE,
)
"""What `coop export` takes."""


class FileOnlyFormat(UsageError):
    """A binary format asked for on standard output, which only a file can take."""

    def __init__(self, output_format: OutputFormat) -> None:
        super().__init__(f"{output_format.value} is written to a file only")
        self.output_format = output_format


class NotForTerminal(UsageError):
    """A format for a file or a program (a page) asked for on a terminal."""

    def __init__(self, output_format: OutputFormat) -> None:
        super().__init__(f"{output_format.value} is not written to a terminal")
        self.output_format = output_format


class EmptyFileName(UsageError):
    """An output file named by the empty string."""

    def __init__(self) -> None:
        super().__init__("an empty file name")


class ExistingFile(UsageError):
    """An output file that exists, which is replaced only when asked (`force`)."""

    def __init__(self, shown: str) -> None:
        super().__init__(f"{shown} exists")
        self.path = shown


class Column:
    """One column of a listing: a row key, its header, and how a cell reads."""

    __slots__ = (
        "cell",
        "header",
        "in_csv",
        "in_table",
        "inferred",
        "key",
        "no_wrap",
    )

    def __init__(
        self,
        key: str,
        header: str,
        cell: Callable[[Any], str] | None = None,
        *,
        in_table: bool = True,
        in_csv: bool = True,
        no_wrap: bool = False,
        inferred: tuple[str, ...] = (),
    ) -> None:
        self.key = key
        self.header = header
        self.cell = cell
        self.in_table = in_table
        self.in_csv = in_csv
        self.no_wrap = no_wrap
        """Keep short codes such as ids and statuses on one line in a table."""
        self.inferred = inferred
        """The row's `inferred` fields this cell shows: a table marks the cell when one is."""

    def marked(self, row: Mapping[str, Any]) -> bool:
        """Whether this cell shows a value coop inferred (see `inferred`)."""
        return is_inferred(row, self.inferred)

    def text(self, row: Mapping[str, Any]) -> str:
        """This column's cell of `row`."""
        return (self.cell or cell_text)(row.get(self.key))


HumanView = Callable[["Screen"], None]
"""Draws a command's answer for people on a `Screen` (see `coopcli.render.views`)."""


class Output:
    """A command's answer, and how each format reads it.

    `document` is what JSON, TOML and SQLite write: the rows of a
    listing, or one object. NDJSON writes `items` (default: the document's rows); CSV and
    the generic table write `rows` (default: `items`) through `columns`. `human` draws
    the table format when the generic table is not the right view.
    """

    __slots__ = (
        "columns",
        "document",
        "empty_message",
        "human",
        "indent",
        "inferred_hint",
        "items",
        "rows",
    )

    def __init__(
        self,
        document: Any,
        *,
        columns: Sequence[Column] = (),
        items: Sequence[Mapping[str, Any]] | None = None,
        rows: Sequence[Mapping[str, Any]] | None = None,
        human: HumanView | None = None,
        empty_message: str = "Nothing matches.",
        indent: bool | None = None,
        inferred_hint: str = "",
    ) -> None:
        self.document = document
        self.items: Sequence[Mapping[str, Any]] = (
            items if items is not None else document if isinstance(document, list) else [document]
        )
        self.rows: Sequence[Mapping[str, Any]] = rows if rows is not None else self.items
        self.columns = columns
        self.human = human
        self.empty_message = empty_message
        self.indent = indent
        """Indent JSON always (True), never (False), or on a terminal only (None)."""
        self.inferred_hint = inferred_hint
        """Where to read the reasons for the values a table marks as inferred: a line
        under its footnote, in the words of whoever called (the command line's)."""


class Sink:
    """Where a writer writes: a text stream, and whether a person is reading it; for a
    binary format, a buffer of bytes (only a file takes those)."""

    __slots__ = ("binary", "stream", "terminal")

    def __init__(self, stream: TextIO, *, terminal: bool, binary: io.BytesIO | None = None) -> None:
        self.stream = stream
        self.terminal = terminal
        self.binary = binary

    @classmethod
    def stdout(cls, *, utf8: bool) -> Sink:
        """Standard output. Machine formats (`utf8`) are UTF-8 whatever the locale; human
        output keeps the locale's encoding, and replaces what it cannot show (as the
        runtime set it up when the process started)."""
        stream = sys.stdout
        if utf8 and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(encoding="utf-8", errors="strict")
        return cls(stream, terminal=is_terminal(stream))

    @classmethod
    def buffer(cls, *, binary: bool = False) -> Sink:
        """An in-memory buffer (for a file written in one piece): text, or with `binary`
        bytes as well."""
        return cls(io.StringIO(newline=""), terminal=False, binary=io.BytesIO() if binary else None)

    def write(self, text: str) -> None:
        """Write `text`."""
        self.stream.write(text)

    def write_bytes(self, data: bytes) -> None:
        """Write `data`, which only a binary buffer takes (a binary format is refused
        on stdout before anything is written)."""
        if self.binary is None:
            raise TypeError("this sink takes text only")
        self.binary.write(data)

    def getvalue(self) -> str:
        """What a text buffer sink holds."""
        assert isinstance(self.stream, io.StringIO)
        return self.stream.getvalue()

    def getbytes(self) -> bytes:
        """What a binary buffer sink holds."""
        assert self.binary is not None
        return self.binary.getvalue()


def dataset_document(output: Output, format_name: str) -> Any:
    """The dataset document an `output` holds, for a format that writes a dataset (TOML,
    SQLite): a UsageError when it holds no partner, since a dataset needs one (`coop
    validate` would refuse the file). JSON, NDJSON and CSV write an empty document."""
    document = output.document
    if not document["partners"]:
        from coopcli.errors import UsageError

        raise UsageError(
            f"no partner matches the filters; a {format_name} export is a "
            "dataset, which needs one partner at least (json, ndjson and csv write an "
            "empty document)"
        )
    return document


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


def role_fields(section: str, *roles: str) -> tuple[str, ...]:
    """The fields of a kind of fact (a key of `shape.EVERY_SECTION`) that have one of
    `roles` (roles.md), in the models' order: views walk roles, not lists of names."""
    return tuple(field.name for field in EVERY_SECTION[section].fields if field.role in roles)


WHEN_FIELDS = tuple(
    dict.fromkeys(name for key in EVERY_SECTION for name in role_fields(key, "when"))
)
"""The fields with role "when": a date as shown is marked when coop inferred one of
them (the one rule of the date's mark, in every view)."""
EVENT_WHAT_FIELDS = role_fields("events", "kind", "what")
"""An event's headline words as shown (`Visit: ...`)."""
EVENT_WHO_FIELDS = role_fields("events", "who", "body", "counterpart")
"""Whom an event names, the Who of its card and of the timeline."""


def details(
    section: str, fact: Mapping[str, Any], hidden: Iterable[str] = ()
) -> list[tuple[Field, str]]:
    """Each field with role "detail" that `fact` sets, and its value as text, but those a
    view says in its own words (`hidden`): the card and the briefing show them all."""
    return [
        (field, cell_text(fact[field.name]))
        for field in EVERY_SECTION[section].fields
        if field.role == "detail"
        and field.name not in hidden
        and fact.get(field.name) not in (None, "", [])
    ]


def event_date(event: Mapping[str, Any], *, when: bool = True, marked: bool = True) -> str:
    """An event's (or timeline row's) date in the notation of `date_span`, followed by
    `INFERRED_MARK` when coop inferred one of its `WHEN_FIELDS` (unless `marked` is off,
    for a caller that shows the mark apart). Without `when`, the source's words for the
    time are left to the caller, and an undated event is `planned` or `undated`."""
    mark = inferred_mark(event, WHEN_FIELDS) if marked else ""
    if not when and event.get("date") is None:
        return ("planned" if event.get("planned") else "undated") + mark
    words = event.get("when") if when else None
    if event.get("date") is None:
        return date_span(None, None, words) + mark
    text = date_span(event["date"], event.get("end"), None, bool(event.get("ongoing"))) + mark
    return f"{text} ({words})" if words else text


def date_span(
    date: str | None,
    end: str | None = None,
    when: str | None = None,
    ongoing: bool = False,
) -> str:
    """A date or range in the one notation of every human view (README, "Dates"):
    a date as the source gives it (`2021`, `2021-05`, `2021-09-09`); a range as ISO 8601
    writes an interval, the end's leading fields that repeat the start's left out
    (`2021-09-09/10`, `2021-05/07`, `2016/2019`); a range with no known end as
    `since 2021-04`; the source's own words for an undated time, or `undated`."""
    if date is None:
        return when or "undated"
    if end is None:
        text = date
    else:
        shared = len(date) if date == end else _shared_prefix(date, end)
        text = f"{date}/{end[shared:]}" if end[shared:] else date
    if ongoing:
        text = f"since {text}"
    return f"{text} ({when})" if when else text


def _shared_prefix(date: str, end: str) -> int:
    """How much of `end` repeats `date`, in whole fields (year, month) of the same length:
    `2021-09-09` and `2021-09-10` share `2021-09-`."""
    if len(date) != len(end):
        return 0
    shared = 0
    for cut in (5, 8):  # after "YYYY-" and "YYYY-MM-"
        if len(end) > cut and date[:cut] == end[:cut]:
            shared = cut
    return shared


def inferred_text(value: Any) -> str:
    """An `inferred` table as one CSV cell: `date: reason; status: reason`."""
    if not isinstance(value, dict):
        return ""
    return "; ".join(f"{field}: {reason}" for field, reason in value.items())


INFERRED_MARK = "*"
"""Follows a value that is coop's reading of the source rather than its words."""

INFERRED_FOOTNOTE = "inferred: coop's reading, not the source's words;"
"""The footnote under a view that marks a value, after `INFERRED_MARK`; the hint, where
to read the reasons (`Output.inferred_hint`), follows on a line of its own (a command
is never split)."""


def is_inferred(fact: Mapping[str, Any], fields: Iterable[str] | None = None) -> bool:
    """Whether coop inferred any of `fields` of `fact` (any field at all, with None):
    the one rule of what a view marks."""
    inferred = fact.get("inferred")
    if not isinstance(inferred, dict) or not inferred:
        return False
    return fields is None or any(field in inferred for field in fields)


def inferred_mark(fact: Mapping[str, Any], fields: Iterable[str] | None = None) -> str:
    """`INFERRED_MARK` to follow a value of `fact` if `is_inferred`, else nothing."""
    return INFERRED_MARK if is_inferred(fact, fields) else ""
