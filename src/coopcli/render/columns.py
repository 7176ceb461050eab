"""A fact in words for every view, and the listings' columns (no rich). CSV carries ids,
as JSON does; a table shows labels (`shown`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from coopcli import vocab
from coopcli.api import TIMELINE_DETAILS
from coopcli.render import base
from coopcli.render.base import Column
from coopcli.shape import CSV_COLUMNS
from coopcli.textfold import fold


def framework_kind(framework: Mapping[str, Any]) -> str:
    return f"({vocab.FRAMEWORK_KINDS[framework['kind']].lower()})"


def agreement_status(agreement: Mapping[str, Any]) -> str:
    return str(vocab.AGREEMENT_STATUSES.get(agreement["status"], agreement["status"]))


def milestone_kind(milestone: Mapping[str, Any]) -> str:
    return str(vocab.MILESTONE_KINDS.get(milestone["kind"], milestone["kind"]))


def milestone_rounds(milestone: Mapping[str, Any]) -> str:
    return f" ({base.counted(milestone['count'], 'round')})" if milestone.get("count") else ""


def identity(partner: Mapping[str, Any]) -> str:
    """A partner's codes and region: `TN/TUN · Northern Africa`."""
    codes = "/".join(code for code in (partner["iso2"], partner["iso3"]) if code)
    return " \u00b7 ".join(part for part in (codes, partner["region"]) if part)


def event_words(event: Mapping[str, Any]) -> str:
    return f"{vocab.EVENT_KINDS[event['kind']]}: {event['title']}"


def _stems(text: str) -> set[str]:
    """The words of `text` longer than 3 letters, folded, a plural's `s` left out."""
    return {word.removesuffix("s") for word in re.findall(r"\w+", fold(text)) if len(word) > 3}


def given_by(title: str, name: str) -> bool:
    """Whether `title` names `name` already: each of its words (but the short ones) is a
    word of the title ("Commissioners Johansson and Várhelyi" gives "Commissioner Várhelyi")."""
    words = _stems(name)
    return bool(words) and words <= _stems(title)


def event_who(
    event: Mapping[str, Any],
    *,
    fields: tuple[str, ...] = base.EVENT_WHO_FIELDS,
    complete: bool = False,
    separator: str = ", ",
) -> str:
    """Whom an event names (its `fields`: people, bodies, counterparts), each once, but
    those its title gives unless `complete`; a field's names end in `*` when inferred."""
    seen: set[str] = set()
    names: list[str] = []
    for field in fields:
        new = [n for n in dict.fromkeys(event.get(field) or ()) if n not in seen]
        seen.update(new)
        new = [n for n in new if complete or not given_by(event["title"], n)]
        if new:
            names += [*new[:-1], new[-1] + base.inferred_mark(event, (field,))]
    return separator.join(names)


def event_mark(event: Mapping[str, Any], fields: tuple[str, ...] = base.EVENT_WHAT_FIELDS) -> str:
    """The mark after an event's title: `fields` inferred, or whom it names when its title
    gives them all (`event_who` shows none to mark)."""
    hidden = () if event_who(event) else base.EVENT_WHO_FIELDS
    return base.inferred_mark(event, fields + hidden)


# A fact of each section in a line of words: a search hit, a line of the card and the page.
WORDS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "agreements": lambda a: f"{a['title']} ({agreement_status(a)})",
    "frameworks": lambda f: str(f["name"]),
    "events": lambda e: f"{vocab.EVENT_KINDS[e['kind']]}, {base.event_date(e)}: {e['title']}",
    "areas": lambda area: vocab.AREAS[area["id"]],
    "agencies": lambda a: f"{a['name']}: {vocab.AGENCY_STAGES[a['stage']].lower()}",
    "notes": lambda note: f"{vocab.NOTE_KINDS[note['kind']]}: {note['title']}",
}


def agreement_words(agreement: Mapping[str, Any]) -> str:
    """`Title: status`, each marked when inferred (as every view marks a value)."""
    title = agreement["title"] + base.inferred_mark(agreement, ("kind", "title"))
    return f"{title}: {agreement_status(agreement)}{base.inferred_mark(agreement, ('status',))}"


def fact_words(section: str, fact: Mapping[str, Any]) -> str:
    """A fact in a line of words, marked when inferred (an event's date marks itself)."""
    if section == "agreements":
        return agreement_words(fact)
    if section == "events":
        return WORDS[section](fact) + event_mark(fact)
    return WORDS[section](fact) + base.inferred_mark(fact)


def milestone_text(value: Any, *, marked: bool = True) -> str:
    """Dated steps in one line, each marked when inferred unless not `marked` (CSV)."""
    if not isinstance(value, list):
        return ""
    parts = []
    for milestone in value:
        mark = base.inferred_mark(milestone, base.WHEN_FIELDS) if marked else ""
        span = (
            base.date_span(milestone["date"], milestone["end"])
            if milestone["date"]
            else "(undated)"
        )
        parts.append(f"{milestone_kind(milestone)} {span}{mark}{milestone_rounds(milestone)}")
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
    Column("areas", "Area count", shown=lambda v: str(len(v)) if isinstance(v, list) else ""),
)

AGREEMENTS = (
    Column("country", "Country", no_wrap=True),
    Column("country_name", "Partner", in_table=False),
    Column("kind", "Kind", in_table=False),
    Column("status", "Status", shown=_label(vocab.AGREEMENT_STATUSES), inferred=("status",)),
    Column("title", "Title"),
    Column("milestones", "Dates", lambda v: milestone_text(v, marked=False), shown=milestone_text),
    Column("inferred", "Inferred", cell=base.inferred_text, in_table=False),
    Column("source", "Source", in_table=False),
    Column("fact", "Fact", in_table=False),
)


def csv_only(*keys: str) -> tuple[Column, ...]:
    """CSV columns of a listing whose table is a view of its own (`views`)."""
    return tuple(
        Column(key, key, base.inferred_text if key == "inferred" else None) for key in keys
    )


# `fact` came last, after the columns of 0.3: a CSV's columns only ever grow at the end
# (the timeline's `people` and `counterparts`, new in the same release, go before it).
HITS = csv_only(
    "country", "country_name", "section", "path", "field", "text", "fields", "inferred", "fact",
    "things",
)  # fmt: skip
TIMELINE = csv_only(
    "date", "end", "ongoing", "when", "planned", "country", "type", "kind", "title",
    "country_name", "inferred", "source", "people", "counterparts", "fact", *TIMELINE_DETAILS,
)  # fmt: skip


AREA_MATRIX = csv_only("id", "label", "countries")
AREA_QUOTES = csv_only("country", "country_name", "area", "label", "inferred", "source", "fact")

FRAMEWORKS = (
    Column("id", "Id", in_table=False),
    Column("name", "Framework"),
    Column("kind", "Kind", shown=_label(vocab.FRAMEWORK_GROUP_KINDS)),
    Column("countries", "Partners"),
)

PEOPLE = (
    Column("id", "id"),
    Column("name", "name"),
    Column("events", "events", lambda v: base.cell_text([e["fact"] for e in v or []])),
)


def _fact_names(refs: Any) -> str:
    return base.cell_text([ref["fact"] for ref in refs or []])


def _partner_ids(refs: Any) -> str:
    return " ".join(dict.fromkeys(ref["country"] for ref in refs or []))


BODIES = (
    Column("id", "Id", in_table=False),
    Column("name", "Body"),
    Column("kind", "Kind", shown=_label(vocab.THING_KINDS)),
    Column("written", "Written", in_table=False),
    Column("aliases", "Aliases", in_table=False),
    Column("of", "Of", in_table=False),
    Column("facts", "Named in", _fact_names, shown=_partner_ids),
    Column("mentions", "Quoted in", _fact_names, shown=_partner_ids),
)
CHANGES = csv_only("country", "change", "subject", "old", "new", "source", "fact")


FACTS = csv_only(*CSV_COLUMNS)  # `coop export --format csv`: a row per fact
