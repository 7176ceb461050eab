"""JSON, NDJSON, CSV and TOML: faithful UTF-8 (CSV but for formulas); on a terminal,
nothing raw that could drive it."""

from __future__ import annotations

import json
from typing import Any

from coopcli.render.base import Output, Sink, dataset_document
from coopcli.terminal import json_visible, toml_visible, visible


def write_json(output: Output, sink: Sink) -> None:
    """One JSON document: indented for a person at a terminal, else on one line (as `gh`)."""
    indent = sink.terminal if output.indent is None else output.indent
    text = json.dumps(output.document, ensure_ascii=False, indent=2 if indent else None)
    sink.write((json_visible(text) if sink.terminal else text) + "\n")


def write_ndjson(output: Output, sink: Sink) -> None:
    for item in output.items:
        line = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
        sink.write((json_visible(line) if sink.terminal else line) + "\n")


def write_csv(output: Output, sink: Sink) -> None:
    """A header row of keys and a row per item, CRLF line ends (RFC 4180; on a terminal,
    newlines, and control characters as escapes)."""
    import csv
    import io

    text = io.StringIO()  # on a terminal: made visible once written
    writer = csv.writer(text, lineterminator="\n" if sink.terminal else "\r\n")
    writer.writerow([csv_cell(column.key) for column in output.columns])
    for row in output.rows:
        writer.writerow([csv_cell(column.text(row)) for column in output.columns])
    sink.write(visible(text.getvalue()) if sink.terminal else text.getvalue())


# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """`text` as a cell no spreadsheet runs: a `'` before a trigger (after quotes, spaces
    and invisible characters too) or a leading `'`, so that dropping one leading `'`
    reads it back."""
    if text[:1] == "'" or _first_read(text) in FORMULA_TRIGGERS:
        return "'" + text
    return text


def _first_read(text: str) -> str:
    """The first character of a cell that a spreadsheet may take for a formula's."""
    import unicodedata

    for char in text:
        skipped = char in "'\"" or (char.isspace() and char not in "\t\r")
        if not skipped and unicodedata.category(char) != "Cf":  # a BOM, a zero-width space
            return char
    return ""


# An exported edition names its schema, beside it, on its first line (taplo's directive).
SCHEMA_FILE_NAME = "countries.schema.json"


def write_toml(output: Output, sink: Sink) -> None:
    """A dataset file that `coop validate` reads back equal (None and [] left out)."""
    import tomli_w

    document = _without_empty(dataset_document(output, "TOML"))
    text = f"#:schema {SCHEMA_FILE_NAME}\n\n" + tomli_w.dumps(document)
    sink.write(toml_visible(text) if sink.terminal else text)


def _without_empty(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_without_empty(item) for item in value]
    return value
