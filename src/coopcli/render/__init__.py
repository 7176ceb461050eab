"""Output: one writer per format, shared by every command, and the human views.

A command hands its answer to `emit` as an `Output` with the `OutputFormat` the user
chose; `writer_for` maps every format to its one writer, exhaustively. A human view is a
module of `render` (`views`, `cards`, `people`) imported by a command as
`from coopcli.render import views`, executed on first use (`__getattr__`), so that a
`--json` run never imports rich. A new format: one member, one writer, one `case`."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, assert_never

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


# --- human views: a module of `render`, executed only when a view draws ----------------

if not TYPE_CHECKING:  # mypy reads each module itself, and stays strict about typos here

    def __getattr__(name: str) -> ModuleType:
        """A view module, registered now and executed on its first attribute
        (`importlib.util.LazyLoader`), so that only a table run imports rich."""
        if name.startswith("_"):
            raise AttributeError(name)
        qualified = f"{__name__}.{name}"
        spec = importlib.util.find_spec(qualified)
        if spec is None or spec.loader is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        spec.loader = importlib.util.LazyLoader(spec.loader)
        module = importlib.util.module_from_spec(spec)
        sys.modules[qualified] = module
        spec.loader.exec_module(module)
        globals()[name] = module
        return module
