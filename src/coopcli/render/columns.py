"""Column specs of each listing command, shared by the table and CSV writers.

CSV carries what JSON carries: ids, never labels. A table shows labels where people read
them better, in columns of their own (`in_csv=False`).
"""

from __future__ import annotations

from typing import Any

from coopcli.render.base import Column, date_span, inferred_text
from coopcli.vocab import AGREEMENT_STATUSES, FRAMEWORK_GROUP_KINDS, MILESTONE_KINDS


def milestone_text(value: Any) -> str:
    """Dated steps as one line: `Mandate to negotiate 2014; Negotiation rounds ...`."""
    if not isinstance(value, list):
        return ""
    parts = []
    for milestone in value:
        text = f"{MILESTONE_KINDS.get(milestone['kind'], milestone['kind'])} {date_span(milestone['date'], milestone['end'])}"
        if milestone.get("count"):
            text += f" ({milestone['count']} rounds)"
        parts.append(text)
    return "; ".join(parts)


def _label(vocabulary: dict[str, str]) -> Any:
    return lambda value: vocabulary.get(value, value) if isinstance(value, str) else ""


PARTNERS = (
    Column("id", "Id", no_wrap=True),
    Column("name", "Name"),
    Column("kind", "Kind", in_table=False),
    Column("region", "Region"),
    Column("iso2", "ISO2", in_table=False),
    Column("iso3", "ISO3"),
    Column("aliases", "Aliases", in_table=False),
    Column("members", "Members", in_table=False),
    Column("areas", "Areas", in_table=False),
    Column(
        "areas", "Areas", cell=lambda v: str(len(v)) if isinstance(v, list) else "", in_csv=False
    ),
)

AGREEMENTS = (
    Column("country", "Country", no_wrap=True),
    Column("country_name", "Partner", in_table=False),
    Column("kind", "Kind", in_table=False),
    Column("status", "Status", in_table=False),
    Column(
        "status",
        "Status",
        cell=_label(AGREEMENT_STATUSES),
        in_csv=False,
        no_wrap=True,
        inferred=("status",),
    ),
    Column("title", "Title"),
    Column("milestones", "Dates", cell=milestone_text),
    Column("inferred", "Inferred", cell=inferred_text, in_table=False),
    Column("source", "Source", in_table=False),
)

HITS = (
    Column("country", "Country", no_wrap=True),
    Column("country_name", "Partner", in_table=False),
    Column("section", "Section"),
    Column("path", "Path", in_table=False),
    Column("field", "Field"),
    Column("text", "Text"),
    Column("fields", "Fields", in_table=False),
    Column("inferred", "Inferred", cell=inferred_text, in_table=False),
)


def _when(row: Any) -> str:
    return date_span(row["date"], row["end"], row["when"], row["ongoing"])


def _kind(row: Any) -> str:
    return f"{row['kind']} (planned)" if row["planned"] else str(row["kind"])


TIMELINE = (
    Column("date", "Date", in_table=False),
    Column("end", "End", in_table=False),
    Column("ongoing", "Ongoing", in_table=False),
    Column("when", "When", in_table=False),
    Column("planned", "Planned", in_table=False),
    Column(
        "date",
        "When",
        row_cell=_when,
        in_csv=False,
        max_width=20,
        inferred=("date", "end", "ongoing", "when", "planned"),
    ),
    Column("country", "Country", no_wrap=True),
    Column("type", "Type", in_table=False),
    Column("kind", "Kind", row_cell=_kind, in_csv=False, no_wrap=True, inferred=("kind",)),
    Column("kind", "Kind", in_table=False),
    Column("title", "What", inferred=("title",)),
    Column("country_name", "Partner", in_table=False),
    Column("inferred", "Inferred", cell=inferred_text, in_table=False),
    Column("source", "Source", in_table=False),
)

AREA_MATRIX = (
    Column("id", "Area"),
    Column("label", "Label"),
    Column("countries", "Partners"),
)

AREA_QUOTES = (
    Column("country", "Country"),
    Column("country_name", "Partner", in_table=False),
    Column("area", "Area", in_table=False),
    Column("label", "Label", in_table=False),
    Column("inferred", "Inferred", cell=inferred_text, in_table=False),
    Column("source", "Quote"),
)

FRAMEWORKS = (
    Column("id", "Id", in_table=False),
    Column("name", "Framework"),
    Column("kind", "Kind", in_table=False),
    Column("kind", "Kind", cell=_label(FRAMEWORK_GROUP_KINDS), in_csv=False),
    Column("countries", "Partners"),
)

CHANGES = (
    Column("country", "Country"),
    Column("change", "Change"),
    Column("subject", "Subject"),
    Column("old", "Old"),
    Column("new", "New"),
    Column("source", "Source", in_table=False),
)


FACTS = tuple(
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
)
"""`coop export --format csv`: one row per fact (see `coopcli.analysis.fact_rows`)."""
