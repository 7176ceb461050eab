"""The whole dataset, or a part of it, as JSON, NDJSON, CSV or TOML text."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, Any

from coopcli.render import Column, inferred_text

if TYPE_CHECKING:
    from coopcli.records import MetaRecord, PartnerRecord

EXPORT_FORMATS = ("json", "ndjson", "csv", "toml")

FACT_COLUMNS = [
    Column(key, key, inferred_text if key == "inferred" else None)
    for key in (
        "country",
        "country_name",
        "region",
        "section",
        "path",
        "kind",
        "title",
        "status",
        "date",
        "end",
        "ongoing",
        "when",
        "planned",
        "people",
        "inferred",
        "source",
    )
]


def export_text(meta: MetaRecord, partners: list[PartnerRecord], output_format: str) -> str:
    """The dataset part in `output_format` (one of `EXPORT_FORMATS`)."""
    document: dict[str, Any] = {"meta": meta, "partners": partners}
    if output_format == "json":
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if output_format == "ndjson":
        return "".join(
            json.dumps(p, ensure_ascii=False, separators=(",", ":")) + "\n" for p in partners
        )
    if output_format == "csv":
        return _facts_csv(partners)
    import tomli_w

    from coopcli.records import SCHEMA_VERSION

    # The file is written in this coop's layout, whatever the edition it was read from.
    document["meta"] = {**dict(meta), "schema_version": SCHEMA_VERSION}
    return tomli_w.dumps(_without_empty(document))


def _facts_csv(partners: list[PartnerRecord]) -> str:
    import csv

    from coopcli.analysis import fact_rows

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.key for column in FACT_COLUMNS])
    for row in fact_rows(partners):
        writer.writerow([column.text(row) for column in FACT_COLUMNS])
    return buffer.getvalue()


def _without_empty(value: Any) -> Any:
    """TOML has no null: drop None and empty lists (the defaults validation restores)."""
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_without_empty(item) for item in value]
    return value
