"""A writer per format (`writer_for`), and the human views: modules executed on first use
(`__getattr__`), so that a `--json` run never imports rich."""

from __future__ import annotations

import importlib.util
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from coopcli.errors import UsageError
from coopcli.render.base import (
    EXPORT_FORMATS,
    LISTING_FORMATS,
    OBJECT_FORMATS,
    FileOnlyFormat,
    NotForTerminal,
    Output,
    OutputFormat,
    Sink,
)
from coopcli.terminal import is_terminal

__all__ = ["EXPORT_FORMATS", "LISTING_FORMATS", "OBJECT_FORMATS", "Output", "OutputFormat"]
__all__ += ["emit", "save", "save_beside", "writer_for"]

Writer = Callable[[Output, Sink], None]


# Each format's writer, `write_<format>` in its module (`machine` unless named here),
# imported on first use (`html` imports Jinja2).
_MODULES = {OutputFormat.TABLE: "human", OutputFormat.SQLITE: "sqlite", OutputFormat.HTML: "report"}


def writer_for(output_format: OutputFormat) -> Writer:
    """The one writer of `output_format`."""
    module, name = _MODULES.get(output_format, "machine"), f"write_{output_format.value}"
    # `__import__`, not importlib's: `python -X importtime` then lists the module too
    writer: Writer = getattr(__import__(f"{__name__}.{module}", fromlist=[name]), name)
    return writer


def emit(output: Output, output_format: OutputFormat) -> None:
    """Write `output` to stdout; a binary format, or a page on a terminal, is refused."""
    if output_format.binary:
        raise FileOnlyFormat(output_format)
    stream = sys.stdout  # UTF-8 whatever the locale, but for human output
    encoding = (stream.encoding or "").lower().replace("-", "")
    if output_format is not OutputFormat.TABLE and encoding != "utf8":
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="strict")
    sink = Sink(stream, terminal=is_terminal(stream))
    if sink.terminal and not output_format.for_terminal:
        raise NotForTerminal(output_format)
    writer_for(output_format)(output, sink)


def save(
    output: Output, output_format: OutputFormat, path: str, *, force: bool, protected: Path
) -> None:
    """Write `output` to `path` atomically (a str: a trailing `/` is still seen)."""
    from coopcli.render.files import write_atomically

    text, data = io.StringIO(newline=""), io.BytesIO()  # a file written in one piece
    writer_for(output_format)(output, Sink(text, terminal=False, binary=data))
    content = data.getvalue() if output_format.binary else text.getvalue()
    write_atomically(path, content, force=force, protected=protected)


def save_beside(path: str, name: str, content: bytes, *, protected: Path) -> str | None:
    """Write `name` beside `path` unless one is there: the path written, or None."""
    from coopcli.render.files import write_atomically

    beside = os.path.join(os.path.dirname(path), name)
    try:
        write_atomically(beside, content, force=False, protected=protected)
    except UsageError:  # one is there, or it is no regular file
        return None
    return beside


if not TYPE_CHECKING:  # mypy reads each module itself, and stays strict about typos here

    def __getattr__(name: str) -> ModuleType:
        spec = None if name.startswith("_") else importlib.util.find_spec(f"{__name__}.{name}")
        if spec is None or spec.loader is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        spec.loader = importlib.util.LazyLoader(spec.loader)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        globals()[name] = module
        return module
