"""Human renderers with a shape of their own: the country card and search hits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from coopcli.query import in_date_order
from coopcli.render import date_span, visible
from coopcli.render.columns import AGREEMENTS
from coopcli.render.human import Screen, heading, lines, quoted, safe

if TYPE_CHECKING:
    from coopcli.records import PartnerRecord

from coopcli.vocab import (
    AGENCY_STAGES,
    AREAS,
    EVENT_KINDS,
    FRAMEWORK_KINDS,
    NOTE_KINDS,
)


def card(partner: PartnerRecord, *, sources: bool = False) -> None:
    """The country card: identity, then every fact by section; quotes with `sources`."""
    screen = Screen()
    title = Text(visible(partner["name"]), style=screen.style("bold"))
    codes = "/".join(code for code in (partner["iso2"], partner["iso3"]) if code)
    details = [part for part in (codes, partner["region"]) if part]
    title.append("  " + visible(" \u00b7 ".join(details)), style=screen.style("dim"))
    screen.print(title)
    if partner["aliases"]:
        screen.print(safe("Also: " + ", ".join(partner["aliases"])))
    if partner["members"]:
        screen.print(safe("Members: " + ", ".join(m["name"] for m in partner["members"])))

    if partner["agreements"]:
        screen.print(heading(screen, "Agreements"))
        grid = screen.table("Agreement", "Status", "Dates")
        cells = {column.key: column.cell for column in AGREEMENTS}
        for agreement in partner["agreements"]:
            status = (
                cells["status"](agreement["status"]) if cells["status"] else agreement["status"]
            )
            dates = cells["milestones"](agreement["milestones"]) if cells["milestones"] else ""
            grid.add_row(
                safe(agreement["title"]),
                safe(status, _status_style(screen, agreement["status"])),
                safe(dates),
            )
            if sources:
                grid.add_row(quoted(screen, agreement["source"], indent=2), Text(), Text())
        screen.print(grid)

    if partner["frameworks"]:
        screen.print(heading(screen, "Frameworks"))
        entries = []
        for framework in partner["frameworks"]:
            text = safe(framework["name"])
            text.append(
                f" ({FRAMEWORK_KINDS[framework['kind']].lower()})", style=screen.style("dim")
            )
            if framework["since"]:
                text.append(f", since {framework['since']}")
            if framework["role"]:
                text.append(" \u2014 ").append_text(safe(framework["role"]))
            entries.append((text, framework["source"]))
        screen.print(*lines(screen, entries, sources))

    if partner["events"]:
        screen.print(heading(screen, "Events"))
        grid = screen.table("Date", "Event", "Who")
        for event in in_date_order(partner["events"]):
            when = date_span(event["date"], event["end"], event["when"])
            if event["planned"]:
                when += " (planned)"
            what = safe(f"{EVENT_KINDS[event['kind']]}: {event['title']}")
            who = ", ".join([*event["people"], *event["bodies"]])
            grid.add_row(safe(when, screen.style("cyan")), what, safe(who))
            if sources:
                grid.add_row(Text(), quoted(screen, event["source"], indent=0), Text())
        screen.print(grid)

    if partner["areas"]:
        screen.print(heading(screen, "Areas of cooperation"))
        screen.print(
            *lines(screen, ((safe(AREAS[a["id"]]), a["source"]) for a in partner["areas"]), sources)
        )

    if partner["agencies"]:
        screen.print(heading(screen, "EU agencies"))
        entries = [
            (safe(f"{a['name']}: {AGENCY_STAGES[a['stage']].lower()}"), a["source"])
            for a in partner["agencies"]
        ]
        screen.print(*lines(screen, entries, sources))

    if partner["notes"]:
        screen.print(heading(screen, "Notes"))
        entries = [
            (safe(f"{NOTE_KINDS[n['kind']]}: {n['title']}"), n["source"]) for n in partner["notes"]
        ]
        screen.print(*lines(screen, entries, sources))


def _status_style(screen: Screen, status: str) -> str:
    colours = {
        "in_place": "green",
        "agreed": "cyan",
        "negotiating": "yellow",
        "mandate": "blue",
        "on_hold": "red",
    }
    return screen.style(colours.get(status, ""))
