"""Output: one writer per format, shared by every command, and the human views.

A command hands its answer to `emit` as an `Output` (the JSON contract of the command,
plus how tables and CSV read it) with the `OutputFormat` the user chose. `writer_for`
maps every format to its one writer, exhaustively. Machine formats are written with the
standard library; rich is imported only when a human view is drawn, which is why the
view functions below import their module when called: a `--json` run never pays for it.

Adding a format: one `OutputFormat` member, one writer, one `case` in `writer_for`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, assert_never

from coopcli.render.base import (
    EXPORT_FORMATS,
    LISTING_FORMATS,
    OBJECT_FORMATS,
    Column,
    EmptyFileName,
    ExistingFile,
    FileOnlyFormat,
    HumanView,
    NotForTerminal,
    Output,
    OutputFormat,
    Sink,
    cell_text,
    date_span,
)

if TYPE_CHECKING:
    from coopcli.records import (
        AreaRow,
        Change,
        Comparison,
        FoundFact,
        FrameworkGroup,
        Hit,
        PartnerRecord,
        PersonRow,
        TimelineRow,
    )
    from coopcli.render.human import Screen

__all__ = [
    "EXPORT_FORMATS",
    "LISTING_FORMATS",
    "OBJECT_FORMATS",
    "Column",
    "EmptyFileName",
    "ExistingFile",
    "FileOnlyFormat",
    "HumanView",
    "NotForTerminal",
    "Output",
    "OutputFormat",
    "Sink",
    "cell_text",
    "date_span",
    "emit",
    "save",
    "save_beside",
    "writer_for",
]

Writer = Callable[[Output, Sink], None]


def writer_for(output_format: OutputFormat) -> Writer:
    """The one writer of `output_format`."""
    match output_format:
        case OutputFormat.TABLE:
            from coopcli.render.human import write_table

            return write_table
        case OutputFormat.JSON:
            from coopcli.render.machine import write_json

            return write_json
        case OutputFormat.NDJSON:
            from coopcli.render.machine import write_ndjson

            return write_ndjson
        case OutputFormat.CSV:
            from coopcli.render.machine import write_csv

            return write_csv
        case OutputFormat.TOML:
            from coopcli.render.machine import write_toml

            return write_toml
        case OutputFormat.SQLITE:
            from coopcli.render.sqlite import write_sqlite

            return write_sqlite
        case OutputFormat.HTML:
            from coopcli.render.report import write_report  # imports Jinja2: only here

            return write_report
        case _:
            assert_never(output_format)


def emit(output: Output, output_format: OutputFormat) -> None:
    """Write `output` to stdout in `output_format`; a binary format, or a page on a
    terminal, is a UsageError."""
    if output_format.binary:
        raise FileOnlyFormat(output_format)
    sink = Sink.stdout(utf8=output_format is not OutputFormat.TABLE)
    if sink.terminal and not output_format.for_terminal:
        raise NotForTerminal(output_format)
    writer_for(output_format)(output, sink)


def save(
    output: Output, output_format: OutputFormat, path: str, *, force: bool, protected: Path
) -> None:
    """Write `output` to the file `path`, atomically (see `coopcli.render.files`); a
    string, so that a trailing `/` is still seen."""
    from coopcli.render.files import write_atomically

    sink = Sink.buffer(binary=output_format.binary)
    writer_for(output_format)(output, sink)
    content = sink.getbytes() if output_format.binary else sink.getvalue()
    write_atomically(path, content, force=force, protected=protected)


def save_beside(path: str, name: str, content: bytes, *, protected: Path) -> str | None:
    """Write `content` as the file `name` in the folder of the file `path`, unless a file
    of that name is there already (it is never replaced); the name written (as `path`
    spells its folder), or None when there was one."""
    import os

    from coopcli.errors import UsageError
    from coopcli.render.files import write_atomically

    beside = os.path.join(os.path.dirname(path), name)
    if os.path.lexists(os.path.expanduser(beside)):
        return None
    try:
        write_atomically(beside, content, force=False, protected=protected)
    except UsageError:  # another run wrote it first, or it is no regular file
        return None
    return beside


# --- human views: each imports its module (and rich) only when it draws --------------


def card(partner: PartnerRecord, *, sources: bool) -> HumanView:
    """A partner's card; every quote under its fact with `sources`."""

    def draw(screen: Screen) -> None:
        from coopcli.render.cards import card as draw_card

        draw_card(screen, partner, sources=sources)

    return draw


def fact_card(found: FoundFact) -> HumanView:
    """One fact with its quote and the reasons for what it infers."""

    def draw(screen: Screen) -> None:
        from coopcli.render.cards import fact_card as draw_fact

        draw_fact(screen, found)

    return draw


def hits(rows: Sequence[Hit], words: Sequence[str], partners: Sequence[PartnerRecord]) -> HumanView:
    """Search hits in words, by partner, the matched words highlighted in the quote."""

    def draw(screen: Screen) -> None:
        from coopcli.render.views import hits as draw_hits

        draw_hits(screen, rows, words, partners)

    return draw


def timeline(rows: Sequence[TimelineRow], partners: Sequence[PartnerRecord] = ()) -> HumanView:
    """Dated rows in a table; `partners` (whose facts they are) tell who each event names."""

    def draw(screen: Screen) -> None:
        from coopcli.render.views import timeline as draw_timeline

        draw_timeline(screen, rows, partners)

    return draw


def people(rows: Sequence[PersonRow]) -> HumanView:
    """Each person with their events, one line each."""

    def draw(screen: Screen) -> None:
        from coopcli.render.people import people as draw_people

        draw_people(screen, rows)

    return draw


def area_matrix(rows: Sequence[AreaRow], partners: Sequence[PartnerRecord]) -> HumanView:
    """Areas by partners, as wide as the terminal allows."""

    def draw(screen: Screen) -> None:
        from coopcli.render.views import area_matrix as draw_matrix

        draw_matrix(screen, rows, partners)

    return draw


def area_quotes(rows: Sequence[Mapping[str, Any]], area: str) -> HumanView:
    """The partners under one area, each with its quote."""

    def draw(screen: Screen) -> None:
        from coopcli.render.views import area_quotes as draw_quotes

        draw_quotes(screen, rows, area)

    return draw


def framework_details(groups: Sequence[FrameworkGroup]) -> HumanView:
    """Frameworks with each member's role, start and quote."""

    def draw(screen: Screen) -> None:
        from coopcli.render.views import framework_details as draw_details

        draw_details(screen, groups)

    return draw


def comparison(result: Comparison, partners: Sequence[PartnerRecord]) -> HumanView:
    """Partners side by side, or one after the other where the width is too small."""

    def draw(screen: Screen) -> None:
        from coopcli.render.views import comparison as draw_comparison

        draw_comparison(screen, result, partners)

    return draw


def changes(rows: Sequence[Change]) -> HumanView:
    """One line per change between two editions."""

    def draw(screen: Screen) -> None:
        from coopcli.render.views import changes as draw_changes

        draw_changes(screen, rows)

    return draw


def details(values: Mapping[str, Any]) -> HumanView:
    """Aligned `key  value` lines."""

    def draw(screen: Screen) -> None:
        from coopcli.render.views import details as draw_details

        draw_details(screen, values)

    return draw
