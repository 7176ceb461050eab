"""Human renderers of the analyst's views: areas matrix, frameworks, compare and diff."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from coopcli.render import Listing, date_span, visible
from coopcli.render.human import Screen, bullet, quoted, safe
from coopcli.vocab import AGREEMENT_STATUSES, AREAS

if TYPE_CHECKING:
    from rich.console import Console

    from coopcli.records import Comparison, PartnerRecord, TimelineRow


def short_code(partner: PartnerRecord) -> str:
    """A partner's column heading in the matrix: its ISO alpha-3 code, or initials."""
    if partner["iso3"]:
        return partner["iso3"]
    initials = "".join(word[0] for word in partner["id"].split("-") if word)
    return initials.upper()[:3] or partner["id"][:3].upper()


def area_matrix(
    listing: Listing, partners: Sequence[PartnerRecord], console: Console | None = None
) -> None:
    """Areas by partners, a mark per cell, totals per row and column, with a legend.

    Rows are areas and columns three-letter partner codes, so that fourteen partners
    fit an 80-column terminal.
    """
    screen = Screen()
    if console is not None:
        screen.console = console
    mark = "x" if screen.plain else "\u25cf"
    grid = screen.table("Area", *(short_code(p) for p in partners), "All")
    # No box and one space between columns, so that 14 partners fit 80 columns.
    grid.box = None
    grid.padding = (0, 0, 0, 1)
    grid.columns[0].overflow = "ellipsis"
    grid.columns[0].no_wrap = True
    for column in grid.columns[1:]:
        column.justify = "center"
        column.no_wrap = True
    grid.columns[-1].justify = "right"
    totals = [0] * len(partners)
    for row in listing.rows:
        members = set(row["countries"])
        cells = []
        for position, partner in enumerate(partners):
            present = partner["id"] in members
            totals[position] += present
            cells.append(Text(mark if present else "", style=screen.style("green")))
        grid.add_row(safe(row["id"]), *cells, Text(str(len(members)), style=screen.style("bold")))
    grid.add_section()
    grid.add_row(
        Text("All areas", style=screen.style("bold")),
        *(Text(str(total)) for total in totals),
        Text(str(sum(totals)), style=screen.style("bold")),
    )
    screen.print(grid)
    legend = ", ".join(f"{short_code(p)} {p['name']}" for p in partners)
    screen.print(Text(visible(legend), style=screen.style("dim")))


def area_quotes(listing: Listing, area: str) -> None:
    """The partners under one area, each with its quote."""
    screen = Screen()
    screen.print(
        Text(f"{AREAS[area]} ({area}): {len(listing.rows)} partners", style=screen.style("bold"))
    )
    for row in listing.rows:
        screen.print(
            Text("\n").append_text(
                safe(f"{row['country_name']} ({row['country']})", screen.style("bold"))
            )
        )
        screen.print(quoted(screen, row["source"], indent=2))


def framework_details(listing: Listing) -> None:
    """Frameworks matched by name: each partner in it, with role, start and quote."""
    from coopcli.analysis import framework_kind_label

    screen = Screen()
    for group in listing.rows:
        title = safe(group["name"], screen.style("bold"))
        title.append(f"  {framework_kind_label(group['kind'])}", style=screen.style("dim"))
        screen.print(title)
        for member in group["members"]:
            line = safe(f"{member['country_name']} ({member['country']})")
            if member["since"]:
                line.append(f", since {member['since']}")
            if member["role"]:
                line.append(" \u2014 ").append_text(safe(member["role"]))
            screen.print(bullet(line))
            screen.print(quoted(screen, member["source"]))
        screen.print("")


def comparison(result: Comparison, partners: Sequence[PartnerRecord]) -> None:
    """Partners side by side, one column each."""
    screen = Screen()
    grid = screen.table("", *(p["name"] for p in partners))
    grid.columns[0].style = screen.style("bold")
    ids = result["countries"]
    grid.add_row(Text("Region"), *(safe(p["region"]) for p in partners))
    common = ", ".join(result["areas"]["common"]) or "none"
    grid.add_row(Text("Areas in common"), *(safe(common) for _ in ids))
    grid.add_row(
        Text("Areas apart"), *(safe(", ".join(result["areas"]["only"][i]) or "none") for i in ids)
    )
    grid.add_row(
        Text("Agreements"),
        *(
            safe(
                "\n".join(
                    f"{a['title']}: {AGREEMENT_STATUSES[a['status']]}"
                    for a in result["agreements"][i]
                )
                or "none"
            )
            for i in ids
        ),
    )
    names = result["frameworks"]["names"]
    shared = ", ".join(names[f] for f in result["frameworks"]["shared"]) or "none"
    grid.add_row(Text("Frameworks shared"), *(safe(shared) for _ in ids))
    grid.add_row(
        Text("Frameworks apart"),
        *(
            safe("\n".join(names[f] for f in result["frameworks"]["only"][i]) or "none")
            for i in ids
        ),
    )
    grid.add_row(Text("Last event"), *(_event(result["last_event"][i]) for i in ids))
    grid.add_row(Text("Next event"), *(_event(result["next_event"][i]) for i in ids))
    screen.print(grid)


def _event(row: TimelineRow | None) -> Text:
    if row is None:
        return Text("none")
    when = date_span(row["date"], row["end"], row["when"], row["ongoing"])
    return safe(f"{when}: {row['title']}")


_CHANGE_LINES = {
    "partner_added": "partner added",
    "partner_removed": "partner removed",
    "agreement_added": "agreement added",
    "agreement_removed": "agreement removed",
    "status_changed": "status",
    "area_gained": "area gained",
    "area_lost": "area lost",
    "event_added": "event added",
    "event_removed": "event removed",
}


def changes(listing: Listing) -> None:
    """One line per change, `country: what: subject (old -> new)`; nothing if none."""
    screen = Screen()
    for row in listing.rows:
        line = Text(f"{row['country']}: {_CHANGE_LINES.get(row['change'], row['change'])}: ")
        line.append_text(safe(str(row["subject"])))
        if row["change"] == "status_changed":
            line.append(f" ({row['old']} -> {row['new']})", style=screen.style("yellow"))
        elif row["change"] in {"event_added", "event_removed"}:
            date = row["new"] if row["change"] == "event_added" else row["old"]
            line.append(f" ({date or 'undated'})")
        style = (
            "green"
            if row["change"].endswith(("added", "gained"))
            else "red"
            if row["change"].endswith(("removed", "lost"))
            else ""
        )
        line.stylize(screen.style(style), 0, len(row["country"]) + 1)
        screen.print(line)


def hits(listing: Listing, words: Sequence[str]) -> None:
    """Search hits grouped by partner, each matched word highlighted in its field."""
    from coopcli.query import match_spans

    screen = Screen()
    if not listing.rows:
        screen.print(Text(listing.empty_message))
        return
    current = None
    for row in listing.rows:
        if row["country"] != current:
            current = row["country"]
            screen.print(
                Text(
                    visible(f"{row['country_name']} ({row['country']})"), style=screen.style("bold")
                )
            )
        label = f"  {row['path'] or 'partner'}.{row['field']}: "
        shown = visible(row["text"])
        text = Text(shown)
        for start, end in match_spans(shown, words):
            text.stylize(screen.style("bold reverse"), start, end)
        line = Text()
        line.append(label, style=screen.style("dim"))
        screen.print(line.append_text(text))
    screen.print(
        Text(
            f"\n{len(listing.rows)} hit{'s' if len(listing.rows) != 1 else ''}",
            style=screen.style("dim"),
        )
    )
