"""Column specs of each listing command, shared by the table and CSV renderers."""

from __future__ import annotations

from typing import Any

from coopcli.render import Column, date_span
from coopcli.vocab import AGREEMENT_KINDS, AGREEMENT_STATUSES, MILESTONE_KINDS


def _milestones(value: Any) -> str:
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
    Column("id", "Id"),
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
    Column("country", "Country"),
    Column("country_name", "Partner", in_table=False),
    Column("kind", "Kind", cell=_label(AGREEMENT_KINDS), in_table=False),
    Column("status", "Status", cell=_label(AGREEMENT_STATUSES)),
    Column("title", "Title"),
    Column("milestones", "Dates", cell=_milestones),
    Column("source", "Source", in_table=False),
)

HITS = (
    Column("country", "Country"),
    Column("country_name", "Partner", in_table=False),
    Column("section", "Section"),
    Column("path", "Path", in_table=False),
    Column("field", "Field"),
    Column("text", "Text"),
    Column("fields", "Fields", in_table=False),
)
