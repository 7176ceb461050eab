"""Machine-readable output: JSON, NDJSON and CSV, written with the standard library."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from typing import Any

from coopcli.render import Listing


def _utf8_stdout() -> Any:
    stream = sys.stdout
    if (
        hasattr(stream, "reconfigure")
        and (stream.encoding or "").lower().replace("-", "") != "utf8"
    ):
        stream.reconfigure(encoding="utf-8")
    return stream


def to_json(value: Any, *, indent: bool = True) -> str:
    """UTF-8 JSON, keys in the order the contract gives them: indented, or on one line
    (which the standard library writes several times faster)."""
    return json.dumps(value, ensure_ascii=False, indent=2 if indent else None)


def write_json(value: Any, *, indent: bool | None = None) -> None:
    """Write one JSON document (array or object) and a newline: by default indented for
    a person at a terminal, on one line for a program reading a pipe or file (as `gh`
    does)."""
    stream = _utf8_stdout()
    stream.write(to_json(value, indent=stream.isatty() if indent is None else indent) + "\n")


def write_ndjson(rows: Iterable[Mapping[str, Any]]) -> None:
    """Write one compact JSON object per line."""
    stream = _utf8_stdout()
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")


def write_csv(listing: Listing) -> None:
    """Write a header row and one row per item; lists are joined with "; "."""
    import csv

    writer = csv.writer(_utf8_stdout(), lineterminator="\r\n")

    columns = [column for column in listing.columns if column.in_csv]
    writer.writerow([column.key for column in columns])
    for row in listing.rows:
        writer.writerow([column.text(row) for column in columns])
