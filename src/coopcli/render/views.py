"""Human views of the listings. Below the width a table needs, a view changes layout
(codes and a legend, one partner after the other) rather than cut a number, an id or a word."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich.padding import Padding
from rich.text import Text

from coopcli import vocab
from coopcli.api import word_starts
from coopcli.factids import fact_name
from coopcli.render import base, human
from coopcli.render.columns import agreement_words, event_mark, event_who, fact_words, given_by
from coopcli.render.human import Screen, safe
from coopcli.terminal import visible
from coopcli.textfold import fold
from coopcli.things import names as thing_names

if TYPE_CHECKING:
    from coopcli.records import (
        AreaRow,
        BodyRow,
        Change,
        Comparison,
        FactRef,
        FrameworkGroup,
        Hit,
        PartnerRecord,
        PersonRow,
        SplitIds,
        ThingRecord,
        TimelineRow,
    )


def hits(
    screen: Screen,
    rows: Sequence[Hit],
    words: Sequence[str],
    partners: Sequence[PartnerRecord],
    things: Mapping[str, ThingRecord],
) -> None:
    """Hits by partner, each fact in words and its quote, the words highlighted, and the
    things a word named that it is about (`things`: the registry's); those that match in
    their quote only last."""
    if not rows:
        screen.print("No fact matches.")
        return
    by_id = {partner["id"]: partner for partner in partners}
    own = [row for row in rows if not row.get("quote_only")]
    quote_only = [row for row in rows if row.get("quote_only")]
    highlighted = _highlighter(screen, words)
    _hit_group(screen, own, highlighted, by_id, things)
    if quote_only:
        heading = ("\n" if own else "") + "Named only in the quote of:"
        screen.print(Text(heading, style=screen.style("bold")))
        screen.print("")
        _hit_group(screen, quote_only, highlighted, by_id, things)
    count = len(rows)
    screen.print(Text("\n" + base.counted(count, "hit"), style=screen.style("dim")))


def _hit_group(
    screen: Screen,
    rows: Sequence[Hit],
    highlighted: Callable[[str], Text],
    by_id: Mapping[str, PartnerRecord],
    things: Mapping[str, ThingRecord],
) -> None:
    current = None
    for row in rows:
        if row["country"] != current:
            if current is not None:
                screen.print("")
            current = row["country"]
            screen.print(safe(f"{row['country_name']} ({row['country']})", screen.style("bold")))
        place = re.fullmatch(r"([a-z]+)\[(\d+)\]", row["path"])  # `areas[3]`
        if place is None:  # the partner's own name, region, alias or member
            field = row["field"].split("[", 1)[0]
            described = f"{row['text']} ({_NAME_FIELDS.get(field, field)})"
        else:
            fact = by_id[row["country"]][place.group(1)][int(place.group(2))]  # type: ignore[literal-required]
            described = fact_words(row["section"], fact)
        label = vocab.SEARCH_SECTIONS[row["section"]] + ": "
        screen.print(human.labelled(screen, label, highlighted(described), 2))
        if place is not None:
            quote = highlighted("\u201c" + fact["source"] + "\u201d")
            quote.stylize(screen.style("italic"))
            screen.print(Padding(quote, (0, 0, 0, 4), expand=False))
        about = [
            f"{things[i]['name']} ({vocab.THING_KINDS[things[i]['kind']].lower()})"
            for i in row["things"]
            if i in things
        ]
        if about:
            screen.print(human.labelled(screen, "about: ", safe("; ".join(about)), 4))


_NAME_FIELDS = {"name": "name", "region": "region", "aliases": "also known as", "members": "member"}


HIGHLIGHTS = 10_000
"""The matches a view highlights at most: each costs rich some 40 microseconds and 2 kB
(a quote of 4 million one-letter hits: minutes, gigabytes); the rest are shown plain."""


def _highlighter(screen: Screen, words: Sequence[str]) -> Callable[[str], Text]:
    """Text as shown, its matches of `words` highlighted, the first `HIGHLIGHTS` of a view."""
    style = screen.style("bold reverse")
    left = HIGHLIGHTS if style else 0

    def highlighted(text: str) -> Text:
        nonlocal left
        shown = visible(text)
        result = human.LineText(shown)
        for start, end in match_spans(shown, words, left) if left else ():
            result.stylize(style, start, end)
            left -= 1
        return result

    return highlighted


def match_spans(text: str, words: Sequence[str], limit: int | None = None) -> list[tuple[int, int]]:
    """Where the folded words match in `text` as search matches them, as (start, end), the
    first `limit`. `text` is folded a character at a time; one that folds to more or fewer
    than one (ß to ss, a lone accent to none) shifts the folded text against it, so a
    match's ends are mapped back in one walk over those alone (a list of offsets took 100
    bytes a character)."""
    table = {ord(char): fold(char) for char in set(text)}
    folded = text.translate(table)
    found = sorted(
        (start, start + len(word) - 1)
        for word in words
        for start in itertools.islice(word_starts(word, folded), limit)
    )[:limit]
    odd = "".join(chr(code) for code, folds in table.items() if len(folds) != 1)
    places = re.finditer(f"[{re.escape(odd)}]", text) if odd else ()
    shifts = ((match.start(), len(table[ord(match.group())])) for match in places)
    original: dict[int, int] = {}  # a folded offset's character in `text`
    delta, pending = 0, next(shifts, None)  # folded less original offset, up to `pending`
    for offset in sorted({end for pair in found for end in pair}):
        while pending and pending[0] + delta + pending[1] <= offset:  # past it
            delta += pending[1] - 1
            pending = next(shifts, None)
        inside = pending is not None and pending[0] + delta <= offset  # in one folding to 2+
        original[offset] = pending[0] if pending and inside else offset - delta
    return sorted((original[start], original[last] + 1) for start, last in found)


def timeline(
    screen: Screen, rows: Sequence[TimelineRow], partners: Sequence[PartnerRecord] = ()
) -> None:
    """A table (Date, Partner, Kind, What; under What, "with" whom the title does not
    name); narrower, partners' codes with a legend; narrower still, a paragraph per row.
    Piped, a line per row whose fifth field is every person, then every counterpart."""
    if not rows:
        screen.print("Nothing dated matches.")
        return
    events = [(partner["id"], event) for partner in partners for event in partner["events"]]
    who = {fact_name(country, e["id"]): event_who(e) for country, e in events}
    if screen.piped:  # who: complete, so a title is marked for its own fields only
        screen.rows(["Date", "Partner", "Kind", "What", "Who"], [_piped(row) for row in rows])
        return
    cells = [
        [
            base.event_date(row, when=False),
            row["country"],
            _kind(row) + base.inferred_mark(row, _KIND),
            _title(row) + event_mark(row, _WHAT),
            who.get(row["fact"], ""),
        ]
        for row in rows
    ]
    by_id = {partner["id"]: short_code(partner) for partner in partners}
    # Kind a column or said in What, partners' ids or codes (and a legend), ranges on one
    # line or two: the layout of the fewest lines; of as many, ranges whole, more columns
    layouts = []
    for broken, in_what, code in itertools.product((False, True), repeat=3):
        table = [
            [
                _broken(c[0], cells) if broken else c[0],
                by_id.get(c[1], c[1]) if code else c[1],
                *([] if in_what else [c[2]]),
                (_what(row) if in_what else c[3]) + (f"\nwith {c[4]}" if c[4] else ""),
            ]
            for row, c in zip(rows, cells, strict=True)
        ]
        headers = ["Date", "Code" if code else "Partner", *([] if in_what else ["Kind"]), "What"]
        layouts.append((_height(screen, headers, table, code), broken, headers, table, code))
    _, _, headers, table, coded = min(layouts, key=lambda layout: layout[:2])
    looks = _LOOKS if len(headers) == 4 else _LOOKS[:2]
    if not screen.rows(headers, table, no_wrap=(True, True), styles=looks, main=len(headers) - 1):
        _paragraphs(screen, cells)
    elif coded:
        names = {partner["id"]: partner["name"] for partner in partners}
        ids = dict.fromkeys(row["country"] for row in rows)
        legend = [f"{by_id.get(i, i)} {names.get(i, i)}" for i in ids]
        screen.print(human.packed(screen, "Codes: ", legend))
    if any(base.inferred_mark(row, _MARKED_FIELDS) for row in rows):
        screen.print(human.inferred_footnote(screen))


def _height(screen: Screen, headers: list[str], table: list[list[str]], coded: bool) -> int:
    """The lines `table` takes on `screen` (a legend of codes counted as 3)."""
    main = len(headers) - 1
    widths = human.column_widths(headers, table, [True, True], screen.width, main=main)
    return human.height(table, widths) + 3 * coded if widths else 10**6


def _what(row: TimelineRow) -> str:
    """The title, after its kind unless it says it ("visits", "negotiations relaunched")."""
    label = _kind(row).split(", ")[0]
    what = _title(row) if fold(label) in fold(row["title"]) else f"{label}: {_title(row)}"
    return what + (base.planned(row) if row["date"] else "") + event_mark(row)


def _piped(row: TimelineRow) -> list[str]:
    """A row's five fields: date, partner, kind, title, every person then counterpart."""
    return [
        base.event_date(row, when=False),
        row["country"],
        _kind(row) + base.inferred_mark(row, _KIND),
        _title(row) + base.inferred_mark(row, _WHAT),
        event_who(row, fields=("people", "counterparts"), complete=True, separator="; "),
    ]


def _broken(date: str, table: Sequence[Sequence[str]]) -> str:
    """A date wider than every single date in lines: `since` alone, a range's end from
    its `/` (`2021-09-28` then `/30*`)."""
    single = max((human.width_of(c[0]) for c in table if not {"/", " "} & set(c[0])), default=0)
    if human.width_of(date) <= single:
        return date
    start, slash, end = date.partition("/")
    return start.replace(" ", "\n") + (f"\n/{end}" if slash else "")


def _paragraphs(screen: Screen, cells: Sequence[Sequence[str]]) -> None:
    widths = [max(human.width_of(cell[i]) for cell in cells) for i in range(2)]
    for when, country, kind, title, who in cells:
        line = safe(human.padded(when, widths[0]), screen.style("cyan"))
        line.append("  ").append_text(safe(human.padded(country, widths[1]), screen.style("bold")))
        line.append("  ").append_text(safe(kind, screen.style("dim")))
        line.append("  ").append_text(safe(title))
        if who:
            line.append("  ").append_text(safe(f"({who})", screen.style("dim")))
        wrapped = line.wrap(screen.console, max(screen.width - 2, 20))
        screen.print(wrapped[0], *(Padding(rest, (0, 0, 0, 2)) for rest in wrapped[1:]))


_MARKED_FIELDS = (*base.WHEN_FIELDS, *base.EVENT_WHAT_FIELDS, *base.EVENT_WHO_FIELDS)
_KIND = base.role_fields("events", "kind")
_LOOKS = ("cyan", "bold", "dim")


def _title(row: TimelineRow) -> str:
    return f"{row['title']} ({row['when']})" if row["when"] and not row["date"] else row["title"]


def _kind(row: TimelineRow) -> str:
    label = vocab.TIMELINE_KINDS[row["kind"]].split(": ", 1)[1]
    return label + (base.planned(row, ", planned") if row["date"] else "")


def short_code(partner: PartnerRecord) -> str:
    """A partner's ISO alpha-3 code, or its initials."""
    if partner["iso3"]:
        return partner["iso3"]
    initials = "".join(word[0] for word in partner["id"].split("-") if word)
    return initials.upper()[:3] or partner["id"][:3].upper()


def people(screen: Screen, rows: Sequence[PersonRow], identified_hint: str = "") -> None:
    """Each person (`*`: a name coop identified), their office and the source's names, then
    a line per event: date, partner, title (wrapped under itself) and who else was there;
    `identified_hint` under the legend of `*` (where the reasons are)."""
    if not rows:
        screen.print("Nobody matches.")
        return
    events = [event for row in rows for event in row["events"]]
    date_width = max(human.width_of(base.event_date(event, when=False)) for event in events)
    country_width = max(human.width_of(event["country"]) for event in events)
    for number, row in enumerate(rows):
        if number:
            screen.print("")
        count = len(row["events"])
        name = safe(row["name"] + identified_mark(row), screen.style("bold"))
        name.append_text(safe("  " + base.counted(count, "event"), screen.style("dim")))
        screen.print(name)
        if row["office"]:
            screen.print(human.hanging(Text("  "), safe(row["office"])))
        if row["written"] != [row["name"]]:
            screen.print(human.packed(screen, "named in the source as: ", row["written"], 2))
        for event in row["events"]:
            date = human.padded(base.event_date(event, when=False), date_width)
            prefix = safe(date, screen.style("cyan"))
            prefix.append("  ").append_text(safe(human.padded(event["country"], country_width)))
            prefix.append("  ")
            title = safe(event["title"] + event_mark(event, _WHAT))
            others = [name for name in event["with"] if not given_by(event["title"], name)]
            if others:  # who else took part, but those its title names
                title.append_text(safe("\nwith " + ", ".join(others), screen.style("dim")))
            screen.print(human.hanging(prefix, title, 2))
    # an identification is coop's reading as an inferred value is: one mark, one legend
    identified = any(identified_mark(row) for row in rows)
    inferred = any(_event_marked(event, _WHAT) for event in events)
    if identified or inferred:
        hints = [identified_hint * identified, screen.inferred_hint * inferred]
        text = "\n".join([base.INFERRED_FOOTNOTE, *filter(None, hints)])
        screen.print(human.inferred_note(screen, text))
    screen.print(
        Text("\n" + base.counted(len(rows), "person", "people"), style=screen.style("dim"))
    )


_WHAT = base.role_fields("events", "what")


def identified_mark(thing: Mapping[str, Any]) -> str:
    """`*` after a thing's name when the source never writes it (an identification)."""
    return base.INFERRED_MARK if thing["name"] not in thing["written"] else ""


def bodies(
    screen: Screen,
    rows: Sequence[BodyRow],
    names: Mapping[str, str],
    partners: Sequence[PartnerRecord] = (),
) -> None:
    """Each body: its name, kind, what it belongs to and its other names; the facts whose
    fields name it, partner by partner (a field coop read marked `*`, from the events of
    `partners`); then those that mention it only in their quote. `names`: the names of
    the things and partners a body may belong to (`of`)."""
    if not rows:
        screen.print("No body matches.")
        return
    inferred = {fact_name(p["id"], e["id"]): e for p in partners for e in p["events"]}
    for number, row in enumerate(rows):
        if number:
            screen.print("")
        head = safe(row["name"], screen.style("bold"))
        kind = vocab.THING_KINDS[row["kind"]]
        if row["of"]:
            kind += f", of {names.get(row['of'], row['of'])}"
        screen.print(head.append_text(safe(f"  {kind}", screen.style("dim"))))
        others = [name for name in thing_names(row) if name != row["name"]]
        if others:
            screen.print(human.packed(screen, "also: ", others, 2))
        _fact_refs(screen, row["facts"], 2, inferred)
        if row["mentions"]:
            screen.print(Text("  mentioned only in the quote of:", style=screen.style("dim")))
            _fact_refs(screen, row["mentions"], 4, inferred)
        if not row["facts"] and not row["mentions"]:
            screen.print(Text("  named in no fact of these partners", style=screen.style("dim")))
    refs = [ref for row in rows for ref in (*row["facts"], *row["mentions"])]
    if any(base.is_inferred(inferred.get(ref["fact"], {}), ref["fields"]) for ref in refs):
        screen.print(human.inferred_footnote(screen))
    count = len(rows)
    screen.print(Text("\n" + base.counted(count, "body", "bodies"), style=screen.style("dim")))


def _fact_refs(
    screen: Screen, refs: Sequence[FactRef], indent: int, events: Mapping[str, Any]
) -> None:
    """Facts partner by partner: a line each, its kind and label (an event's, the fields
    naming the body: its people through an office, its counterparts, its bodies)."""
    current = None
    for ref in refs:
        if ref["country"] != current:
            current = ref["country"]
            line = safe(f"{ref['country_name']} ({ref['country']})", screen.style("bold"))
            screen.print(Padding(line, (0, 0, 0, indent)))
        label = safe(f"{vocab.SEARCH_SECTIONS[ref['section']]}: {ref['label']}")
        if ref["section"] == "events" and ref["fields"] != ["source"]:  # whose role it is
            event = events.get(ref["fact"], {})
            fields = [f + base.inferred_mark(event, (f,)) for f in ref["fields"]]
            label.append_text(safe(f" ({', '.join(fields)})", screen.style("dim")))
        screen.print(Padding(label, (0, 0, 0, indent + 2)))


def area_matrix(screen: Screen, rows: Sequence[AreaRow], partners: Sequence[PartnerRecord]) -> None:
    """Areas by partners, totals and a legend; narrower, each area with its partners' codes."""
    codes = [short_code(p) for p in partners]
    by_id = dict(zip((p["id"] for p in partners), codes, strict=True))
    totals = [sum(1 for row in rows if p["id"] in row["countries"]) for p in partners]
    listed = [
        [
            row["id"],
            str(len(row["countries"])),
            " ".join(by_id[c] for c in row["countries"] if c in by_id),
        ]
        for row in rows
    ]
    if screen.piped:
        screen.rows(["Area", "All", "Partners"], listed)
        return
    area_width = max([human.width_of(row["id"]) for row in rows] + [human.width_of("All areas")])
    needed = area_width + sum(human.width_of(code) + 1 for code in codes) + 1
    if needed + len(str(sum(totals))) <= screen.width:
        mark = "x" if screen.plain else "\u25cf"
        grid = screen.table("Area", *codes, "All")
        # No box and one space between columns, so that 14 partners fit 80 columns.
        grid.box = None
        grid.padding = (0, 0, 0, 1)
        for column in grid.columns:
            column.no_wrap = True
            column.justify = "center"
        grid.columns[0].justify = "left"
        grid.columns[-1].justify = "right"
        for row in rows:
            members = set(row["countries"])
            cells = [
                Text(mark if p["id"] in members else "", screen.style("green")) for p in partners
            ]
            grid.add_row(safe(row["id"]), *cells, Text(str(len(members)), screen.style("bold")))
        grid.add_section()
        grid.add_row(
            Text("All areas", style=screen.style("bold")),
            *(Text(str(total)) for total in totals),
            Text(str(sum(totals)), style=screen.style("bold")),
        )
    else:
        grid = screen.table("Area", "All", "Partners")
        grid.columns[0].no_wrap = grid.columns[1].no_wrap = True
        grid.columns[1].justify = "right"
        for area, count, partner_codes in listed:
            grid.add_row(safe(area), Text(count), safe(partner_codes))
        grid.add_row(Text("All areas", style=screen.style("bold")), Text(str(sum(totals))), "")
    screen.print(grid)
    legend = [f"{c} {p['name']} ({n})" for c, p, n in zip(codes, partners, totals, strict=True)]
    screen.print(human.packed(screen, "Partners (areas): ", legend))


def area_quotes(screen: Screen, rows: Sequence[Mapping[str, Any]], area: str) -> None:
    if not rows:
        screen.print("No partner cooperates in this area.")
        return
    screen.print(
        safe(
            f"{vocab.AREAS[area]} ({area}): {base.counted(len(rows), 'partner')}",
            screen.style("bold"),
        )
    )
    for row in rows:
        screen.print("", safe(f"{row['country_name']} ({row['country']})", screen.style("bold")))
        screen.print(human.quoted(screen, row["source"], indent=2))


def framework_details(screen: Screen, groups: Sequence[FrameworkGroup]) -> None:
    for number, group in enumerate(groups):
        if number:
            screen.print("")
        kind = safe(f"  {vocab.FRAMEWORK_GROUP_KINDS[group['kind']]}", screen.style("dim"))
        screen.print(safe(group["name"], screen.style("bold")).append_text(kind))
        for member in group["members"]:
            line = f"{member['country_name']} ({member['country']}){base.membership(member)}"
            screen.print(human.bullet(safe(line)))
            screen.print(human.quoted(screen, member["source"]))
    if any(base.is_inferred(m, ("since",)) for group in groups for m in group["members"]):
        screen.print("", human.inferred_footnote(screen))


def comparison(screen: Screen, result: Comparison, partners: Sequence[PartnerRecord]) -> None:
    """Areas and frameworks by who has them; then each partner's region, agreements and
    events side by side, or one after the other when narrow."""
    ids = result["countries"]
    n = len(ids)
    partner_names = {p["id"]: p["name"] for p in partners}
    sections: tuple[tuple[str, SplitIds, Mapping[str, str]], ...] = (
        ("Areas", result["areas"], vocab.AREAS),
        ("Frameworks", result["frameworks"], result["frameworks"]["names"]),
    )
    for title, groups, words in sections:
        screen.print(safe(title, screen.style("bold")))
        for who, items in _groups(groups, ids, partner_names):
            entries = [words.get(item, item) for item in items] or ["none"]
            screen.print(human.packed(screen, f"{who}: ", entries, indent=2))
        screen.print("")
    labels = ("Region", "Agreements", "Last event", "Next event")
    columns = [
        [
            p["region"],
            # the partner's own facts, which carry what coop inferred (the result's do not)
            "\n".join(map(agreement_words, p["agreements"])) or "none",
            _event(result["last_event"][p["id"]]),
            _event(result["next_event"][p["id"]]),
        ]
        for p in partners
    ]
    longest_word = max(
        human.width_of(w) for column in columns for text in column for w in text.split()
    )
    if (screen.width - max(map(human.width_of, labels)) - 2 * n) // n >= longest_word:
        grid = screen.table("", *(p["name"] for p in partners))
        grid.columns[0].style = screen.style("bold")
        grid.columns[0].no_wrap = True
        for label, *cells in zip(labels, *columns, strict=True):
            grid.add_row(Text(label), *map(safe, cells))
        screen.print(grid)
    else:
        for number, (partner, column) in enumerate(zip(partners, columns, strict=True)):
            screen.print(*([""] if number else []), safe(partner["name"], screen.style("bold")))
            for label, text in zip(labels, column, strict=True):
                text = text.replace("\n", "; ")
                screen.print(human.labelled(screen, f"{label}: ", safe(text), 2))
    events = [result[key][p["id"]] for key in ("last_event", "next_event") for p in partners]
    agreements = [a for p in partners for a in p["agreements"]]
    marked = any(base.is_inferred(a, ("kind", "title", "status")) for a in agreements)
    if marked or any(_event_marked(event) for event in events if event):
        screen.print(human.inferred_footnote(screen))


_COUNTS = ("", "", "Both", "All three", "All four", "All five", "All six", "All seven")


def _groups(
    groups: SplitIds, ids: Sequence[str], names: Mapping[str, str]
) -> list[tuple[str, list[str]]]:
    """(who in words, ids): what all have, what some have (more first), what each alone."""
    everyone = _COUNTS[len(ids)] if len(ids) < len(_COUNTS) else f"All {len(ids)}"
    out: list[tuple[str, list[str]]] = [(everyone, list(groups["common"]))]
    by_holders: dict[tuple[str, ...], list[str]] = {}
    for item, holders in groups["some"].items():
        by_holders.setdefault(tuple(holders), []).append(item)
    for sharing, items in sorted(by_holders.items(), key=lambda pair: -len(pair[0])):
        words = [names.get(i, i) for i in sharing]
        out.append((f"{', '.join(words[:-1])} and {words[-1]}" if words[1:] else words[0], items))
    for i in ids:
        out.append((f"Only {names.get(i, i)}", list(groups["only"][i])))
    return out


def _event_marked(event: TimelineRow, fields: tuple[str, ...] = base.EVENT_WHAT_FIELDS) -> bool:
    """Whether an event's date or title, as a view shows them, carries the mark."""
    return bool(base.inferred_mark(event, base.WHEN_FIELDS) or event_mark(event, fields))


def _event(row: TimelineRow | None) -> str:
    if row is None:
        return "none"
    return f"{base.event_date(row)}: {row['title']}{event_mark(row)}"


def changes(screen: Screen, rows: Sequence[Change]) -> None:
    """A line per change, `country: what: subject (old -> new)`."""
    lines = [
        [r["country"], vocab.CHANGE_KINDS[r["change"]], str(r["subject"]), _detail(r)] for r in rows
    ]
    if screen.piped:
        screen.rows(["Partner", "Change", "Subject", "Detail"], lines)
        return
    for row, (country, change, subject, detail) in zip(rows, lines, strict=True):
        head = safe(f"{country}: {change}: ")
        line = safe(subject)
        if detail:
            look = "yellow" if row["change"] == "status_changed" else ""
            line.append_text(safe(f" ({detail})", screen.style(look)))
        if row["change"].endswith(("added", "gained", "removed", "lost")):
            look = "green" if row["change"].endswith(("added", "gained")) else "red"
            head.stylize(screen.style(look), 0, len(visible(country)) + 1)
        screen.print(human.hanging(head, line))


def _detail(row: Change) -> str:
    if row["change"] == "status_changed":
        return f"{row['old']} -> {row['new']}"
    if row["change"].endswith("_changed"):
        return _what_changed(row["old"], row["new"])
    if row["change"].startswith(("event_", "milestone_")):
        date = row["new"] if row["change"].endswith("_added") else row["old"]
        return str(date or "undated")
    return ""


def _what_changed(old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    """`date 2021-05 -> 2021-06; source`: a short value's change, a long one's name."""

    def short(value: Any) -> str | None:
        if value is None or isinstance(value, bool | int):
            return json.dumps(value)
        if isinstance(value, str) and len(value) <= 30:  # a quote is longer
            return value
        return None

    parts = []
    for field in new:
        before, after = short(old.get(field)), short(new[field])
        parts.append(field if before is None or after is None else f"{field} {before} -> {after}")
    return "; ".join(parts)


def details(screen: Screen, values: Mapping[str, Any]) -> None:
    """Aligned `key  value` lines: `yes`/`no` for booleans, `off` for nothing."""
    width = max(human.width_of(key) for key in values)
    room = max(screen.width - width - 2, 10)
    for key, value in values.items():
        shown = str(value) if value is not None else "off"
        if isinstance(value, bool):
            shown = "yes" if value else "no"
        screen.aligned([key, shown], [width, room], ["", ""], 2)
