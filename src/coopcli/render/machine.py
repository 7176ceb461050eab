"""The machine formats: JSON, NDJSON, CSV and TOML, written with the standard library
(and tomli-w). Byte-faithful UTF-8 for a program (CSV but for `FORMULA_TRIGGERS`, which
`csv_cell` defuses); on a terminal, nothing raw that could drive it (`coopcli.terminal`)."""

from __future__ import annotations

import json
from typing import Any

from coopcli.render.base import Output, Sink, dataset_document
from coopcli.terminal import json_visible, toml_visible, visible


def to_json(value: Any, *, indent: bool = True) -> str:
    """UTF-8 JSON, keys in the order the contract gives them: indented, or on one line
    (which the standard library writes several times faster)."""
    return json.dumps(value, ensure_ascii=False, indent=2 if indent else None)


def write_json(output: Output, sink: Sink) -> None:
    """One JSON document and a newline: indented for a person at a terminal, on one line
    for a program reading a pipe or file (as `gh` does)."""
    indent = sink.terminal if output.indent is None else output.indent
    text = to_json(output.document, indent=indent)
    sink.write((json_visible(text) if sink.terminal else text) + "\n")


def write_ndjson(output: Output, sink: Sink) -> None:
    """One compact JSON object per line."""
    for item in output.items:
        line = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
        sink.write((json_visible(line) if sink.terminal else line) + "\n")


def write_csv(output: Output, sink: Sink) -> None:
    """A header row of keys and one row per item, lists joined with "; ", CRLF line ends
    (RFC 4180). On a terminal, control characters are shown as escapes, and lines end
    in a plain newline."""
    import csv

    columns = [column for column in output.columns if column.in_csv]
    if sink.terminal:
        writer = csv.writer(_Visible(sink), lineterminator="\n")
    else:
        writer = csv.writer(sink.stream, lineterminator="\r\n")
    writer.writerow([csv_cell(column.key) for column in columns])
    for row in output.rows:
        writer.writerow([csv_cell(column.text(row)) for column in columns])


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a CSV cell as a formula (OWASP,
"CSV Injection")."""
_QUOTES = "'\""


def csv_cell(text: str) -> str:
    """`text` as a CSV cell that no spreadsheet runs as a formula, by OWASP's rule: a cell
    that begins with a `FORMULA_TRIGGERS` character, also after leading quote characters
    (`"=cmd"`, `'=cmd`), gets a single quote in front, which spreadsheets read as "this is
    text" and do not show. A cell that begins with a single quote gets one as well, so
    that the rule reads back exactly: drop one leading `'` from a cell that has one."""
    if text[:1] == "'" or text.lstrip(_QUOTES)[:1] in FORMULA_TRIGGERS:
        return "'" + text
    return text


class _Visible:
    """A file-like object that makes control characters visible on their way to a sink."""

    def __init__(self, sink: Sink) -> None:
        self._sink = sink

    def write(self, text: str) -> int:
        self._sink.write(visible(text))
        return len(text)


SCHEMA_FILE_NAME = "countries.schema.json"
"""The name an exported edition gives its schema, beside it (taplo's `#:schema`)."""
SCHEMA_DIRECTIVE = f"#:schema {SCHEMA_FILE_NAME}\n"
"""The first line of an exported edition: editors that read taplo's directive check the
file against the schema of that name in the same folder."""


def write_toml(output: Output, sink: Sink) -> None:
    """The document as TOML: a dataset file that `coop validate` accepts and that reads
    back equal (TOML has no null: None and empty lists, which validation restores, are
    left out), naming its schema on its first line as the shipped file does; a
    UsageError if it keeps no partner."""
    import tomli_w

    document = _without_empty(dataset_document(output, "TOML"))
    text = SCHEMA_DIRECTIVE + "\n" + tomli_w.dumps(document)
    sink.write(toml_visible(text) if sink.terminal else text)


def _without_empty(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_without_empty(item) for item in value]
    return value
