"""What every writer shares: formats, `Output`, columns, sinks, the notation of dates and
marks. No rich (it is on every run's path); plain classes (a dataclass costs at import)."""

from __future__ import annotations

import enum
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from coopcli.errors import UsageError
from coopcli.shape import EVERY_SECTION, Field

if TYPE_CHECKING:
    from coopcli.render.human import Screen


class OutputFormat(enum.Enum):
    """Every output format: one writer each (`coopcli.render.writer_for`)."""

    TABLE = "table"
    JSON = "json"
    NDJSON = "ndjson"
    CSV = "csv"
    TOML = "toml"
    SQLITE = "sqlite"
    HTML = "html"

    @property
    def binary(self) -> bool:  # bytes that only a file takes (`--output FILE`)
        return self is OutputFormat.SQLITE

    @property
    def for_terminal(self) -> bool:  # a page is for a file or a pipe
        return self is not OutputFormat.HTML and not self.binary

    @property
    def description(self) -> str:  # for help and completion
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
OBJECT_FORMATS = (OutputFormat.TABLE, OutputFormat.JSON)
EXPORT_FORMATS = (*LISTING_FORMATS[1:], OutputFormat.TOML, OutputFormat.SQLITE)


class FileOnlyFormat(UsageError):
    def __init__(self, output_format: OutputFormat) -> None:
        super().__init__(f"{output_format.value} is written to a file only")
        self.output_format = output_format


class NotForTerminal(UsageError):
    def __init__(self, output_format: OutputFormat) -> None:
        super().__init__(f"{output_format.value} is not written to a terminal")
        self.output_format = output_format


class EmptyFileName(UsageError):
    def __init__(self) -> None:
        super().__init__("an empty file name")


class ExistingFile(UsageError):
    def __init__(self, shown: str) -> None:
        super().__init__(f"{shown} exists")
        self.path = shown


class Column:
    """A listing's column: row key, header, cell text (`shown`: a table's own), where it
    shows, the `inferred` fields a table marks it for."""

    __slots__ = ("cell", "header", "in_table", "inferred", "key", "no_wrap", "shown")

    def __init__(
        self,
        key: str,
        header: str,
        cell: Callable[[Any], str] | None = None,
        *,
        shown: Callable[[Any], str] | None = None,
        in_table: bool = True,
        no_wrap: bool = False,
        inferred: tuple[str, ...] = (),
    ) -> None:
        self.key, self.header, self.cell, self.inferred = key, header, cell or cell_text, inferred
        self.shown, self.in_table, self.no_wrap = shown, in_table, no_wrap

    def text(self, row: Mapping[str, Any], *, table: bool = False) -> str:
        """The cell; in a table, its own text, marked when coop inferred it."""
        if not table:
            return self.cell(row.get(self.key))
        return (self.shown or self.cell)(row.get(self.key)) + inferred_mark(row, self.inferred)


class Output:
    """A command's answer: `document` for JSON, TOML and SQLite; `items` (default: the
    document's rows) for NDJSON; `rows` (default: `items`) through `columns` for CSV and
    the table, unless `human` draws one; `indent` None: on a terminal only; `notes`: lines
    for stderr after it, in every format (where the answer is held elsewhere)."""

    __slots__ = (
        "columns", "document", "empty_message", "human", "indent", "inferred_hint", "items",
        "notes", "rows",
    )  # fmt: skip

    def __init__(
        self,
        document: Any,
        *,
        columns: Sequence[Column] = (),
        items: Sequence[Mapping[str, Any]] | None = None,
        rows: Sequence[Mapping[str, Any]] | None = None,
        human: Callable[[Screen], None] | None = None,
        empty_message: str = "Nothing matches.",
        indent: bool | None = None,
        inferred_hint: str = "",
        notes: Sequence[str] = (),
    ) -> None:
        self.document = document
        self.items: Sequence[Mapping[str, Any]] = (
            items if items is not None else document if isinstance(document, list) else [document]
        )
        self.rows: Sequence[Mapping[str, Any]] = rows if rows is not None else self.items
        self.columns, self.human, self.empty_message = columns, human, empty_message
        self.indent, self.inferred_hint, self.notes = indent, inferred_hint, notes


class Sink:
    """A text stream, whether a person reads it, and bytes for a binary format."""

    __slots__ = ("binary", "stream", "terminal")

    def __init__(self, stream: TextIO, *, terminal: bool, binary: io.BytesIO | None = None) -> None:
        self.stream, self.terminal, self.binary = stream, terminal, binary

    def write(self, text: str) -> None:
        self.stream.write(text)

    def write_bytes(self, data: bytes) -> None:
        assert self.binary is not None  # a binary format is refused on stdout
        self.binary.write(data)


def dataset_document(output: Output, format_name: str) -> Any:
    """The dataset `output` holds; a UsageError with no partner (`validate` refuses it)."""
    if not output.document["partners"]:
        raise UsageError(
            f"no partner matches the filters; a {format_name} export is a "
            "dataset, which needs one partner at least (json, ndjson and csv write an "
            "empty document)"
        )
    return output.document


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
    """The fields of a kind of fact that have one of `roles` (roles.md), in order."""
    return tuple(field.name for field in EVERY_SECTION[section].fields if field.role in roles)


# A date as shown is marked when coop inferred one of its "when" fields, in every view.
WHEN_FIELDS = tuple(dict.fromkeys(n for key in EVERY_SECTION for n in role_fields(key, "when")))
DATE_FIELDS = tuple(name for name in WHEN_FIELDS if name != "planned")
"""What a date as written says: its mark is theirs; `planned` is marked where it is said."""
EVENT_WHAT_FIELDS = role_fields("events", "kind", "what")
EVENT_WHO_FIELDS = role_fields("events", "who", "body", "counterpart")


# The "detail" fields a fact's line says in every view: a role's date, a number of rounds.
_SAID = {"frameworks": ("role_date",), "milestones": ("count",)}


def details(
    section: str, fact: Mapping[str, Any], hidden: Iterable[str] = ()
) -> list[tuple[Field, str]]:
    """Each "detail" field that `fact` sets, as text, but those its line says and `hidden`."""
    said = (*_SAID.get(section, ()), *hidden)
    return [
        (field, cell_text(fact[field.name]))
        for field in EVERY_SECTION[section].fields
        if field.role == "detail"
        and field.name not in said
        and fact.get(field.name) not in (None, "", [])
    ]


def event_date(event: Mapping[str, Any], *, when: bool = True, marked: bool = True) -> str:
    """An event's date and its inferred mark (unless not `marked`); without `when`, the
    caller shows the source's words, and an undated event is `planned` or `undated`."""
    mark = inferred_mark(event, DATE_FIELDS) if marked else ""
    words = event.get("when") if when else None
    if event.get("date") is None:
        undated = "planned" if event.get("planned") and not when else "undated"
        return (words or undated) + (inferred_mark(event, WHEN_FIELDS) if marked else "")
    text = date_span(event["date"], event.get("end"), None, bool(event.get("ongoing"))) + mark
    return f"{text} ({words})" if words else text


def date_span(
    date: str | None, end: str | None = None, when: str | None = None, ongoing: bool = False
) -> str:
    """A date in the notation of every view (README, "Dates"): `2021-09-09/10`,
    `2016/2019`, `since 2021-04`; else the source's words, or `undated`."""
    if date is None:
        return when or "undated"
    text = date
    if end is not None and end != date:  # the end's fields after "YYYY-" or "YYYY-MM-"
        cuts = (c for c in (5, 8) if len(date) == len(end) > c and date[:c] == end[:c])
        text = f"{date}/{end[max(cuts, default=0) :]}"
    if ongoing:
        text = f"since {text}"
    return f"{text} ({when})" if when else text


def inferred_text(value: Any) -> str:
    """An `inferred` table as one CSV cell: `date: reason; status: reason`."""
    return "; ".join(f"{k}: {v}" for k, v in value.items()) if isinstance(value, dict) else ""


INFERRED_MARK = "*"  # follows a value that is coop's reading of the source, not its words
INFERRED_FOOTNOTE = "inferred: coop's reading, not the source's words;"


def is_inferred(fact: Mapping[str, Any], fields: Iterable[str] | None = None) -> bool:
    """Whether coop inferred any of `fields` of `fact` (any field, with None)."""
    inferred = fact.get("inferred")
    if not isinstance(inferred, dict) or not inferred:
        return False
    return fields is None or not inferred.keys().isdisjoint(fields)


def planned(event: Mapping[str, Any], said: str = " (planned)") -> str:
    """`said` for a planned event, marked if coop read it as planned: "" otherwise."""
    return said + inferred_mark(event, ("planned",)) if event.get("planned") else ""


def inferred_mark(fact: Mapping[str, Any], fields: Iterable[str] | None = None) -> str:
    return INFERRED_MARK if is_inferred(fact, fields) else ""


def qualified(fact: Mapping[str, Any]) -> str:
    """The source's words that qualify a fact, after its line: `, in principle`."""
    return "".join(f", {words}" for words in fact.get("qualifiers") or ())


def membership(fact: Mapping[str, Any]) -> str:
    """What follows a framework's name, or a member's: `, since 2016-03*` (marked when
    coop read the date as its start) and ` — ` its role."""
    since = f", since {fact['since']}{inferred_mark(fact, ('since',))}" if fact["since"] else ""
    return since + (f" \u2014 {fact['role']}" if fact["role"] else "")


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`1 event`, `2 events`: every view's count (`plural` when not the noun and `s`)."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
