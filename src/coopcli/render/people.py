"""`coop people`: each person with their events, and the CSV's columns (no rich at the top
level: a CSV or JSON run reads `COLUMNS`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from coopcli.render.base import WHEN_FIELDS, Column, event_date, inferred_mark, role_fields

if TYPE_CHECKING:
    from coopcli.records import PersonRow
    from coopcli.render.human import Screen


def _fact_names(value: Any) -> str:
    return "; ".join(str(event["fact"]) for event in value) if isinstance(value, list) else ""


COLUMNS = (Column("name", "name"), Column("events", "events", _fact_names))
_SHOWN_FIELDS = (*WHEN_FIELDS, *role_fields("events", "what"))  # marked when inferred


def people(screen: Screen, rows: Sequence[PersonRow]) -> None:
    """Each name, then a line per event: date, partner and title (wrapped under itself)."""
    from rich.text import Text

    from coopcli.render.human import hanging, inferred_footnote, padded, safe, width_of

    if not rows:
        screen.print("Nobody matches.")
        return
    events = [event for row in rows for event in row["events"]]
    date_width = max(width_of(event_date(event, when=False)) for event in events)
    country_width = max(width_of(event["country"]) for event in events)
    for number, row in enumerate(rows):
        if number:
            screen.print("")
        count = len(row["events"])
        name = safe(row["name"], screen.style("bold"))
        name.append_text(safe(f"  {count} event{'s' if count != 1 else ''}", screen.style("dim")))
        screen.print(name)
        for event in row["events"]:
            prefix = safe(padded(event_date(event, when=False), date_width), screen.style("cyan"))
            prefix.append("  ").append_text(safe(padded(event["country"], country_width)))
            prefix.append("  ")
            title = event["title"] + inferred_mark(event, role_fields("events", "what"))
            screen.print(hanging(prefix, safe(title), 2))
    if any(inferred_mark(event, _SHOWN_FIELDS) for event in events):
        screen.print(inferred_footnote(screen))
    screen.print(Text(f"\n{len(rows)} names", style=screen.style("dim")))
