"""The country card: identity, then every fact by section, quotes on demand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from coopcli.query import in_date_order
from coopcli.render import date_span, visible
from coopcli.render.columns import milestone_text
from coopcli.render.human import Screen, bullet, heading, lines, quoted, safe
from coopcli.vocab import (
    AGENCY_STAGES,
    AGREEMENT_STATUSES,
    AREAS,
    EVENT_KINDS,
    FRAMEWORK_KINDS,
    NOTE_KINDS,
)

if TYPE_CHECKING:
    from rich.padding import Padding
    from rich.table import Table

    from coopcli.records import EventRecord, PartnerRecord


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
        if sources:
            screen.print(*_agreements_with_quotes(screen, partner))
        else:
            screen.print(_agreements_table(screen, partner))

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
        if sources:
            entries = [
                (_event_line(screen, event), event["source"])
                for event in in_date_order(partner["events"])
            ]
            screen.print(*lines(screen, entries, sources))
        else:
            grid = screen.table("Date", "Event", "Who")
            for event in in_date_order(partner["events"]):
                what = safe(f"{EVENT_KINDS[event['kind']]}: {event['title']}")
                who = ", ".join([*event["people"], *event["bodies"]])
                grid.add_row(safe(_when(event), screen.style("cyan")), what, safe(who))
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


def _status_label(status: str) -> str:
    return AGREEMENT_STATUSES.get(status, status)


def _agreements_table(screen: Screen, partner: PartnerRecord) -> Table:
    grid = screen.table("Agreement", "Status", "Dates")
    for agreement in partner["agreements"]:
        grid.add_row(
            safe(agreement["title"]),
            safe(_status_label(agreement["status"]), _status_style(screen, agreement["status"])),
            safe(milestone_text(agreement["milestones"])),
        )
    return grid


def _agreements_with_quotes(screen: Screen, partner: PartnerRecord) -> list[Padding]:
    """Each agreement with its quote, then each dated step with its own quote."""
    out: list[Padding] = []
    for agreement in partner["agreements"]:
        line = safe(agreement["title"]).append(": ")
        line.append_text(
            safe(_status_label(agreement["status"]), _status_style(screen, agreement["status"]))
        )
        out += [bullet(line), quoted(screen, agreement["source"])]
        for milestone in agreement["milestones"]:
            out.append(bullet(safe(milestone_text([milestone])), indent=6))
            out.append(quoted(screen, milestone["source"], indent=8))
    return out


def _when(event: EventRecord) -> str:
    when = date_span(event["date"], event["end"], event["when"], event["ongoing"])
    return when + " (planned)" if event["planned"] else when


def _event_line(screen: Screen, event: EventRecord) -> Text:
    line = Text(_when(event), style=screen.style("cyan"))
    line.append(" ").append_text(safe(f"{EVENT_KINDS[event['kind']]}: {event['title']}"))
    who = ", ".join([*event["people"], *event["bodies"]])
    if who:
        line.append(" \u2014 ").append_text(safe(who))
    return line


def _status_style(screen: Screen, status: str) -> str:
    colours = {
        "in_place": "green",
        "agreed": "cyan",
        "negotiating": "yellow",
        "mandate": "blue",
        "on_hold": "red",
    }
    return screen.style(colours.get(status, ""))
