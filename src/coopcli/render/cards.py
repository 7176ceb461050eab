"""The country card, and the card of one fact (`coop show PARTNER/ID`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from coopcli.api import in_date_order
from coopcli.render import base, columns, human
from coopcli.render.human import Screen, bullet, labelled, quoted, safe
from coopcli.shape import CARD_ORDER, EVERY_SECTION, SECTION, SECTIONS
from coopcli.vocab import EVENT_KINDS, STATUS_COLOURS

if TYPE_CHECKING:
    from coopcli.records import FoundFact, PartnerRecord

Fact = Mapping[str, Any]


def card(screen: Screen, partner: PartnerRecord, *, sources: bool = False) -> None:
    """The country card: identity, then every fact by section; quotes with `sources`."""
    title = safe(partner["name"], screen.style("bold"))
    title.append_text(safe("  " + columns.identity(partner), screen.style("dim")))
    screen.print(title)
    if partner["aliases"]:
        screen.print(human.packed(screen, "Also: ", partner["aliases"]))
    if partner["members"]:
        screen.print(human.packed(screen, "Members: ", [m["name"] for m in partner["members"]]))
    for key in CARD_ORDER:
        facts: list[Any] = partner[key]  # type: ignore[literal-required]
        if key == "events":
            facts = in_date_order(facts)
        if facts:
            screen.print(Text("\n" + SECTION[key].heading, style=screen.style("bold underline")))
            view = None if sources else {"agreements": _agreements, "events": _events}.get(key)
            screen.print(*([view(screen, facts)] if view else _lines(screen, key, facts, sources)))
    if any(_marked(fact) for s in SECTIONS for fact in partner[s.key]):  # type: ignore[literal-required]
        screen.print("", human.inferred_footnote(screen))


def fact_card(screen: Screen, found: FoundFact) -> None:
    """One fact as the card shows it, with its partner, name, quote and reasons."""
    fact: Any = found["record"]
    section = found["section"]
    title = safe(found["country_name"], screen.style("bold"))
    subtitle = f"  {EVERY_SECTION[section].title} \u00b7 {found['fact']}"
    screen.print(title.append_text(safe(subtitle, screen.style("dim"))), "")
    screen.print(*_lines(screen, section, [fact], True))
    if _marked(fact):
        screen.print("", human.inferred_footnote(screen))


def _marked(fact: Fact) -> bool:  # the fact or one of its milestones
    return any(base.is_inferred(f) for f in (fact, *fact.get("milestones", ())))


def _line(screen: Screen, section: str, fact: Fact) -> Text:
    if section == "events":
        line = safe(base.event_date(fact) + base.planned(fact), screen.style("cyan"))
        line.append(" ").append_text(safe(columns.event_words(fact)))
        line.append(columns.event_mark(fact))
        if who := columns.event_who(fact):  # marked itself
            line.append(" \u2014 ").append_text(safe(who))
        return line
    if section == "milestones":
        return safe(columns.milestone_text([fact]) + base.inferred_mark(fact, ("kind", "count")))
    if section == "agreements":
        return (
            safe(fact["title"] + base.inferred_mark(fact, ("kind", "title")))
            .append(": ")
            .append_text(_status(screen, fact))
        )
    if section != "frameworks":
        return safe(columns.fact_words(section, fact))
    text = safe(fact["name"] + base.inferred_mark(fact, ("id", "name")))
    kind = columns.framework_kind(fact) + base.inferred_mark(fact, ("kind",))
    text.append(" " + kind, style=screen.style("dim"))
    return text.append_text(safe(base.membership(fact)))


def _lines(screen: Screen, section: str, facts: list[Fact], sources: bool) -> list[Padding]:
    """A bullet line per fact, marked when inferred; with `sources`, its details, quote
    and reasons, and an agreement's steps."""
    out: list[Padding] = []
    for fact in facts:
        line = _line(screen, section, fact)  # each value marked when inferred, then qualified
        line.append_text(safe(base.qualified(fact)))
        out.append(bullet(line))
        if not sources:
            continue
        out += _details(screen, section, fact, 4)
        out += [quoted(screen, fact["source"]), *_reasons(screen, fact)]
        for milestone in fact.get("milestones", ()):
            # milestone_text marks an inferred date after the date itself
            step = safe(columns.milestone_text([milestone]))
            step.append(base.inferred_mark(milestone, ("kind", "count")))
            step.append_text(safe(base.qualified(milestone)))
            out += [bullet(step, indent=6), *_details(screen, "milestones", milestone, 8)]
            out += [quoted(screen, milestone["source"], indent=8)]
            out += _reasons(screen, milestone, indent=8)
    return out


def _details(screen: Screen, section: str, fact: Fact, indent: int) -> list[Padding]:
    """`Label: value` per detail the fact gives (its line says a framework's role and
    every fact's qualifiers)."""
    found = base.details(section, fact, ("role", "qualifiers"))
    return [labelled(screen, f"{field.label}: ", safe(value), indent) for field, value in found]


def _agreements(screen: Screen, agreements: list[Fact]) -> Table:
    grid = screen.table("Agreement", "Status", "Dates")
    for agreement in agreements:
        dates = safe(columns.milestone_text(agreement["milestones"]))
        if any(base.is_inferred(m, ("kind", "count")) for m in agreement["milestones"]):
            dates.append(base.INFERRED_MARK)
        grid.add_row(
            safe(agreement["title"])
            .append(base.inferred_mark(agreement, ("kind", "title")))
            .append_text(safe(base.qualified(agreement))),
            _status(screen, agreement),
            dates,
        )
    return grid


def _events(screen: Screen, events: list[Fact]) -> Table:
    rows = []
    for event in events:
        what = safe(f"{EVENT_KINDS[event['kind']]}{base.planned(event)}: {event['title']}")
        what.append(columns.event_mark(event)).append_text(safe(base.qualified(event)))
        who = safe(columns.event_who(event))
        rows.append((safe(base.event_date(event), screen.style("cyan")), what, who))
    with_who = any(who.plain for _, _, who in rows)  # none when every title names them
    grid = screen.table("Date", "Event", *(["Who"] if with_who else []))
    for when, what, who in rows:
        grid.add_row(when, what, *([who] if with_who else []))
    return grid


# The fields the card leaves out on purpose besides `id` (a test fails on any other field
# the card lacks: a new field is shown or hidden by choice). `names` are look-up names the
# name or title gives; an agreement's title names its kind; an event's title says where
# and with whom it happened; a role's words say when.
HIDDEN = {
    "agreements": ("kind", "names", "milestones.id"),
    "frameworks": ("names", "role_date"),
    "events": ("places",),
}


def _reasons(screen: Screen, fact: Fact, indent: int = 4) -> list[Padding]:
    return [
        human.inferred_note(screen, f"inferred {field}: {reason}", indent)
        for field, reason in (fact.get("inferred") or {}).items()
    ]


def _status(screen: Screen, agreement: Fact) -> Text:
    """An agreement's status in its colour, marked when inferred."""
    mark = base.inferred_mark(agreement, ("status",))
    style = screen.style(STATUS_COLOURS.get(agreement["status"], ""))
    return safe(columns.agreement_status(agreement), style).append(mark)
