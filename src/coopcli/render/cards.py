"""The country card: identity, then every fact by section, quotes on demand; and the
card of one fact (`coop show PARTNER/ID`), with its quote and reasons."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.text import Text

from coopcli.query import in_date_order
from coopcli.render.base import (
    EVENT_WHAT_FIELDS,
    EVENT_WHO_FIELDS,
    INFERRED_MARK,
    details,
    event_date,
    inferred_mark,
    is_inferred,
)
from coopcli.render.columns import milestone_text
from coopcli.render.human import (
    Screen,
    bullet,
    hanging,
    inferred_footnote,
    packed,
    quoted,
    safe,
)
from coopcli.render.words import (
    agency_words,
    agreement_status,
    area_words,
    event_who,
    event_words,
    framework_kind,
    note_words,
)
from coopcli.shape import CARD_ORDER, EVERY_SECTION, SECTION, SECTIONS, Shape
from coopcli.terminal import visible
from coopcli.vocab import EVENT_KINDS, STATUS_COLOURS

if TYPE_CHECKING:
    from rich.padding import Padding
    from rich.table import Table

    from coopcli.records import AgreementRecord, EventRecord, FoundFact, PartnerRecord


def card(screen: Screen, partner: PartnerRecord, *, sources: bool = False) -> None:
    """The country card: identity, then every fact by section; quotes with `sources`."""
    title = Text(visible(partner["name"]), style=screen.style("bold"))
    codes = "/".join(code for code in (partner["iso2"], partner["iso3"]) if code)
    details = [part for part in (codes, partner["region"]) if part]
    title.append("  " + visible(" \u00b7 ".join(details)), style=screen.style("dim"))
    screen.print(title)
    if partner["aliases"]:
        screen.print(packed(screen, "Also: ", partner["aliases"]))
    if partner["members"]:
        screen.print(packed(screen, "Members: ", [m["name"] for m in partner["members"]]))

    for key in CARD_ORDER:
        if partner[key]:  # type: ignore[literal-required]
            screen.print(Text("\n" + SECTION[key].heading, style=screen.style("bold underline")))
            screen.print(*SECTION_VIEWS[key].card(screen, partner, sources))

    if _has_inferred(partner):
        screen.print("", inferred_footnote(screen))


def fact_card(screen: Screen, found: FoundFact) -> None:
    """One fact: its partner and name, the fact as the card shows it, its quote and
    coop's reason for each value it infers (an agreement with its dated steps)."""
    fact: Any = found["record"]
    section = found["section"]
    title = Text(visible(found["country_name"]), style=screen.style("bold"))
    title.append(
        "  " + visible(f"{EVERY_SECTION[section].title} \u00b7 {found['fact']}"),
        style=screen.style("dim"),
    )
    screen.print(title, "")
    if section == "agreements":
        screen.print(*_agreement_with_quotes(screen, fact))
    elif section == "events":
        line = _event_line(screen, fact)
        screen.print(
            bullet(line), *_details(screen, "events", fact), quoted(screen, fact["source"])
        )
        screen.print(*_reasons(screen, fact))
    else:
        texts: dict[str, Callable[[Mapping[str, Any]], Text]] = {
            "frameworks": lambda framework: _framework_text(screen, framework),
            "milestones": lambda milestone: safe(milestone_text([milestone])),
            "areas": lambda area: safe(area_words(area)),
            "agencies": lambda agency: safe(agency_words(agency)),
            "notes": lambda note: safe(note_words(note)),
        }
        screen.print(*_fact_lines(screen, section, [(texts[section](fact), fact)], True))
    milestones = fact.get("milestones", [])
    if fact["inferred"] or any(m["inferred"] for m in milestones):
        screen.print("", inferred_footnote(screen))


def _framework_text(screen: Screen, framework: Mapping[str, Any]) -> Text:
    text = safe(framework["name"])
    text.append(" " + framework_kind(framework), style=screen.style("dim"))
    if framework["since"]:
        text.append_text(safe(f", since {framework['since']}"))
    if framework["role"]:
        text.append(" \u2014 ").append_text(safe(framework["role"]))
    return text


def _agreements(screen: Screen, partner: PartnerRecord, sources: bool) -> list[Any]:
    if sources:
        return _agreements_with_quotes(screen, partner)
    return [_agreements_table(screen, partner)]


def _frameworks(screen: Screen, partner: PartnerRecord, sources: bool) -> list[Any]:
    entries = [(_framework_text(screen, f), f) for f in partner["frameworks"]]
    return _fact_lines(screen, "frameworks", entries, sources)


def _events(screen: Screen, partner: PartnerRecord, sources: bool) -> list[Any]:
    if sources:
        entries: list[tuple[Text, Mapping[str, Any]]] = [
            (_event_line(screen, event), event) for event in in_date_order(partner["events"])
        ]
        return _fact_lines(screen, "events", entries, sources, marked=False)
    rows = []
    for event in in_date_order(partner["events"]):
        planned = " (planned)" if event["planned"] else ""
        what = safe(f"{EVENT_KINDS[event['kind']]}{planned}: {event['title']}")
        what.append(inferred_mark(event, EVENT_WHAT_FIELDS))
        who = safe(event_who(event))
        if who.plain:
            who.append(inferred_mark(event, EVENT_WHO_FIELDS))
        when = safe(event_date(event), screen.style("cyan"))
        rows.append((when, what, who))
    # no Who column when every title names its people (as the timeline)
    with_who = any(who.plain for _, _, who in rows)
    grid = screen.table("Date", "Event", *(["Who"] if with_who else []))
    for when, what, who in rows:
        grid.add_row(when, what, *([who] if with_who else []))
    return [grid]


def _areas(screen: Screen, partner: PartnerRecord, sources: bool) -> list[Any]:
    return _fact_lines(
        screen, "areas", ((safe(area_words(a)), a) for a in partner["areas"]), sources
    )


def _agencies(screen: Screen, partner: PartnerRecord, sources: bool) -> list[Any]:
    entries = ((safe(agency_words(a)), a) for a in partner["agencies"])
    return _fact_lines(screen, "agencies", entries, sources)


def _notes(screen: Screen, partner: PartnerRecord, sources: bool) -> list[Any]:
    return _fact_lines(
        screen, "notes", ((safe(note_words(n)), n) for n in partner["notes"]), sources
    )


class SectionView(NamedTuple):
    """How a section is shown: its part of the card, one fact in a line of words (its
    title or label, and its status or date where it has one: a search hit), and the
    fields the card leaves out on purpose (`milestones.id` for a fact's facts). A test
    shows a fact that sets every field and fails on any other field the card lacks, so
    a new field is shown or left out by choice, never silently."""

    card: Callable[[Screen, PartnerRecord, bool], list[Any]]
    describe: Callable[[Mapping[str, Any]], str]
    hidden: tuple[str, ...] = ("id",)


def _event_words(event: Mapping[str, Any]) -> str:
    return f"{EVENT_KINDS[event['kind']]}, {event_date(event)}: {event['title']}"


# Ids are for citing and machines (`coop show PARTNER/ID`, --json); `names` are look-up
# names, short forms the name or title already gives; an agreement's title names its
# kind; an event's title says where and with whom it happened; a role's words say when.
SECTION_VIEWS: dict[str, SectionView] = {
    "agreements": SectionView(
        _agreements,
        lambda a: f"{a['title']} ({agreement_status(a)})",
        ("id", "kind", "names", "milestones.id"),
    ),
    "frameworks": SectionView(_frameworks, lambda f: str(f["name"]), ("id", "names", "role_date")),
    "events": SectionView(_events, _event_words, ("id", "places")),
    "areas": SectionView(_areas, area_words),
    "agencies": SectionView(_agencies, agency_words),
    "notes": SectionView(_notes, note_words),
}
"""How each section (`coopcli.shape.SECTIONS`) is shown, in the card's order; a test
checks that every section has a view. The order and headings are the models'."""


def describe(section: str, fact: Mapping[str, Any]) -> str:
    """A fact of `section` in a line of words (see `SectionView.describe`)."""
    return SECTION_VIEWS[section].describe(fact)


def _has_inferred(partner: PartnerRecord) -> bool:
    return any(
        any(is_inferred(fact) or _parts_inferred(fact, section) for fact in partner[section.key])  # type: ignore[literal-required]
        for section in SECTIONS
    )


def _parts_inferred(fact: Mapping[str, Any], section: Shape) -> bool:
    return any(
        is_inferred(item) or _parts_inferred(item, part)
        for part in section.parts
        for item in fact[part.key]
    )


def _reasons(screen: Screen, fact: Mapping[str, Any], indent: int = 4) -> list[Padding]:
    """One line per inferred field of `fact`, with coop's reason."""
    out: list[Padding] = []
    for field, reason in (fact.get("inferred") or {}).items():
        mark = Text(INFERRED_MARK + " ", style=screen.style("dim"))
        text = safe(f"inferred {field}: {reason}", screen.style("dim"))
        out.append(hanging(mark, text, indent))
    return out


def _fact_lines(
    screen: Screen,
    section: str,
    entries: Iterable[tuple[Text, Mapping[str, Any]]],
    sources: bool,
    *,
    marked: bool = True,
) -> list[Padding]:
    """Bullet lines, marked when inferred; with `sources`, each fact's details, quote
    and reasons under it."""
    out: list[Padding] = []
    for text, fact in entries:
        if marked:
            text.append(inferred_mark(fact))
        out.append(bullet(text))
        if sources:
            out += _details(screen, section, fact)
            out += [quoted(screen, fact["source"]), *_reasons(screen, fact)]
    return out


_SAID = {"frameworks": ("role", "role_date"), "milestones": ("count",)}
"""The "detail" fields a section's line says in its own words, or leaves out on purpose
(a role's words say when)."""


def _details(screen: Screen, section: str, fact: Mapping[str, Any]) -> list[Padding]:
    """A `Label: value` line for each detail field the fact sets (see `details`)."""
    return [
        hanging(Text(f"{field.label}: ", style=screen.style("dim")), safe(value), 4)
        for field, value in details(section, fact, _SAID.get(section, ()))
    ]


def _agreements_table(screen: Screen, partner: PartnerRecord) -> Table:
    grid = screen.table("Agreement", "Status", "Dates")
    for agreement in partner["agreements"]:
        status = safe(agreement_status(agreement), _status_style(screen, agreement["status"]))
        dates = safe(milestone_text(agreement["milestones"]))
        if any(is_inferred(m, ("kind", "count")) for m in agreement["milestones"]):
            dates.append(INFERRED_MARK)
        grid.add_row(
            safe(agreement["title"]).append(inferred_mark(agreement, ("kind", "title"))),
            status.append(inferred_mark(agreement, ("status",))),
            dates,
        )
    return grid


def _agreements_with_quotes(screen: Screen, partner: PartnerRecord) -> list[Padding]:
    """Each agreement with its quote, then each dated step with its own quote."""
    return [
        p for agreement in partner["agreements"] for p in _agreement_with_quotes(screen, agreement)
    ]


def _agreement_with_quotes(screen: Screen, agreement: AgreementRecord) -> list[Padding]:
    line = safe(agreement["title"]).append(": ")
    line.append_text(
        safe(agreement_status(agreement), _status_style(screen, agreement["status"]))
    ).append(inferred_mark(agreement))
    out = [bullet(line), *_details(screen, "agreements", agreement)]
    out += [quoted(screen, agreement["source"]), *_reasons(screen, agreement)]
    for milestone in agreement["milestones"]:
        # milestone_text marks an inferred date after the date itself
        step = safe(milestone_text([milestone])).append(inferred_mark(milestone, ("kind", "count")))
        out.append(bullet(step, indent=6))
        out.append(quoted(screen, milestone["source"], indent=8))
        out += _reasons(screen, milestone, indent=8)
    return out


def _when(event: EventRecord) -> str:
    return event_date(event) + (" (planned)" if event["planned"] else "")


def _event_line(screen: Screen, event: EventRecord) -> Text:
    line = safe(_when(event), screen.style("cyan"))
    line.append(" ").append_text(safe(event_words(event)))
    line.append(inferred_mark(event, (*EVENT_WHAT_FIELDS, *EVENT_WHO_FIELDS)))
    who = event_who(event)
    if who:
        line.append(" \u2014 ").append_text(safe(who))
    return line


def _status_style(screen: Screen, status: str) -> str:
    return screen.style(STATUS_COLOURS.get(status, ""))
