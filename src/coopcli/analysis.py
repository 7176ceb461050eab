"""Pure queries across partners: timeline, areas matrix, frameworks, compare and diff.

The rule between this module and `coopcli.query`: `query` *selects* (look-ups,
filters, search: partners and facts as they stand); this module *combines*, building
rows that no single fact holds (date order across partners, the area matrix, framework
groups, compare, diff, the CSV's flattened facts) on top of `query`, which never
imports it.

Like `coopcli.query`, these take records and return rows (the JSON contract of the
command that shows them); nothing here reads files or prints.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

from coopcli.errors import InvalidValue, NotFound, shorten
from coopcli.factids import fact_name
from coopcli.query import (
    PERSON_FIELDS,
    PLACE_FIELDS,
    date_key,
    date_precision,
    event_names,
    in_date_order,
    names_any,
    names_match,
    partner_area_ids,
)
from coopcli.shape import CSV_COLUMNS, DIFF_ORDER, EVERY_SECTION, SECTIONS, Shape
from coopcli.textfold import fold, slug
from coopcli.vocab import (
    AGREEMENT_KINDS,
    AREAS,
    FRAMEWORK_AGREEMENT_KINDS,
    MILESTONE_KINDS,
    VOCABULARIES,
)

if TYPE_CHECKING:
    from coopcli.records import (
        AreaQuote,
        AreaRow,
        Change,
        Comparison,
        DatasetRecord,
        EventRecord,
        FactRow,
        FrameworkGroup,
        PartnerRecord,
        PersonRow,
        SplitIds,
        TimelineRow,
    )

# --- dates ----------------------------------------------------------------------------

# [0-9], not \d, which also takes Arabic-Indic, full-width and other digits.
_DATE = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?")


def check_date(value: str, option: str) -> str:
    """`value` if it is a real date at some precision (2021, 2021-05, 2021-05-17);
    an InvalidValue saying why not otherwise (`option` names the value in it)."""
    text = value.strip()
    if any(char.isdigit() and not char.isascii() for char in text):
        raise InvalidValue(f"{option} takes a date in ASCII digits (0-9), not {shorten(value)}")
    if not _DATE.fullmatch(text):
        raise InvalidValue(
            f"{option} takes a date as 2021, 2021-05 or 2021-05-17, not {shorten(value)}"
        )
    year = int(text[:4])
    if year == 0:  # as in a dataset (`rules.real_date`): the calendar starts at year 1
        raise InvalidValue(f"{option} {text} is not a real date: there is no year 0000")
    if len(text) == 10:
        import calendar

        month, day = int(text[5:7]), int(text[8:])
        days = calendar.monthrange(year, month)[1]
        if day > days:
            raise InvalidValue(
                f"{option} {text} is not a real date: "
                f"{calendar.month_name[month]} {text[:4]} has {days} days"
            )
    return text


def check_range(start: str | None, end: str | None, names: tuple[str, str]) -> None:
    """An InvalidValue if the range from `start` to `end` is empty because it is
    reversed (`names` are how the caller's user calls the two ends: the API's keywords,
    the command line's options). Each date stands for all its days, so 2021-10 to
    2021-10-05 is fine (2021-10-01 to 2021-10-05) but 2021-10 to 2021-01 is not."""
    if start is not None and end is not None and _first_day(start) > _last_day(end):
        raise InvalidValue(f"{names[0]} {start} is after {names[1]} {end}")


def _first_day(date: str) -> str:
    return date + "-01-01"[len(date) - 4 :] if len(date) < 10 else date


def _last_day(date: str) -> str:
    return date + "-12-31"[len(date) - 4 :] if len(date) < 10 else date


# --- timeline -------------------------------------------------------------------------


def timeline(
    partners: Iterable[PartnerRecord],
    *,
    start: str | None = None,
    end: str | None = None,
    planned: bool | None = None,
    kinds: Sequence[str] = (),
    people: Sequence[Sequence[str]] = (),
    places: Sequence[Sequence[str]] = (),
) -> list[TimelineRow]:
    """Every dated fact (events and agreement milestones) in date order.

    `start`/`end` keep rows whose time overlaps that range (an undated row has none, so
    a range leaves it out; an ongoing one overlaps everything from its start on); `planned` True keeps what had not happened when the source
    was written, False what had. `people` and `places` (as `query.choose_names` gives
    them) keep the events that name any of them (a milestone names nobody).
    """
    rows: list[TimelineRow] = []
    for partner in partners:
        for event in partner["events"]:
            if people and not names_any(event, people, PERSON_FIELDS):
                continue
            if places and not names_any(event, places, PLACE_FIELDS):
                continue
            rows.append(_event_row(partner, event))
        if people or places:
            continue
        for agreement in partner["agreements"]:
            for milestone in agreement["milestones"]:
                label = MILESTONE_KINDS[milestone["kind"]].lower()
                count = f" ({milestone['count']} rounds)" if milestone["count"] else ""
                rows.append(
                    {
                        "country": partner["id"],
                        "country_name": partner["name"],
                        "fact": fact_name(partner["id"], milestone["id"]),
                        "date": milestone["date"],
                        "end": milestone["end"],
                        "date_precision": date_precision(milestone["date"]),
                        "end_precision": date_precision(milestone["end"]),
                        "ongoing": False,
                        "when": None,
                        "planned": False,
                        "type": "milestone",
                        "kind": milestone["kind"],
                        "title": f"{agreement['title']}: {label}{count}",
                        "people": [],
                        "counterparts": [],
                        "inferred": milestone["inferred"],
                        "source": milestone["source"],
                    }
                )
    kept = [
        row
        for row in rows
        if (planned is None or row["planned"] == planned)
        and (not kinds or row["kind"] in kinds)
        and _overlaps(row, start, end)
    ]
    return sorted(kept, key=lambda row: date_key(row["date"]))


def _event_row(partner: PartnerRecord, event: EventRecord) -> TimelineRow:
    return {
        "country": partner["id"],
        "country_name": partner["name"],
        "fact": fact_name(partner["id"], event["id"]),
        "date": event["date"],
        "end": event["end"],
        "date_precision": date_precision(event["date"]),
        "end_precision": date_precision(event["end"]),
        "ongoing": event["ongoing"],
        "when": event["when"],
        "planned": event["planned"],
        "type": "event",
        "kind": event["kind"],
        "title": event["title"],
        "people": list(event["people"]),
        "counterparts": list(event["counterparts"]),
        "inferred": event["inferred"],
        "source": event["source"],
    }


# --- people ---------------------------------------------------------------------------


def people(partners: Iterable[PartnerRecord], name: Sequence[str] = ()) -> list[PersonRow]:
    """Every person the events name in `people`, verbatim as the source names them (two
    wordings of one person stay two entries), alphabetically (case and accents aside),
    each with its events as timeline rows in date order; with `name` (its words, see
    `query.name_words`), only the people whose name it matches."""
    events: dict[str, list[TimelineRow]] = {}
    for partner in partners:
        for event in partner["events"]:
            for person in event_names(event, ("people",)):
                if not name or names_match(name, person):
                    events.setdefault(person, []).append(_event_row(partner, event))
    return [
        {"name": person, "events": sorted(rows, key=lambda row: date_key(row["date"]))}
        for person, rows in sorted(events.items(), key=lambda item: (fold(item[0]), item[0]))
    ]


def _overlaps(row: TimelineRow, start: str | None, end: str | None) -> bool:
    if start is None and end is None:
        return True
    if row["date"] is None:
        return False
    row_start, row_end = _first_day(row["date"]), _last_day(row["end"] or row["date"])
    if row["ongoing"]:
        row_end = "9999-12-31"
    return (start is None or row_end >= _first_day(start)) and (
        end is None or row_start <= _last_day(end)
    )


# --- areas ----------------------------------------------------------------------------


def area_matrix(partners: Sequence[PartnerRecord]) -> list[AreaRow]:
    """One row per area of the vocabulary, with the partners that cooperate in it."""
    return [
        {
            "id": area,
            "label": label,
            "countries": [p["id"] for p in partners if area in partner_area_ids(p)],
        }
        for area, label in AREAS.items()
    ]


def area_quotes(partners: Iterable[PartnerRecord], area: str) -> list[AreaQuote]:
    """The partners under one area, each with the quote that names it."""
    return [
        {
            "country": p["id"],
            "country_name": p["name"],
            "fact": fact_name(p["id"], entry["id"]),
            "area": area,
            "label": AREAS[area],
            "inferred": entry["inferred"],
            "source": entry["source"],
        }
        for p in partners
        for entry in p["areas"]
        if entry["id"] == area
    ]


# --- frameworks -----------------------------------------------------------------------


def framework_groups(partners: Iterable[PartnerRecord]) -> list[FrameworkGroup]:
    """Each framework with the partners in it, same-id frameworks grouped; Mobility
    Partnerships and Common Agendas (agreements in the data) are grouped by kind."""
    groups: dict[str, FrameworkGroup] = {}
    for partner in partners:
        for framework in partner["frameworks"]:
            group = groups.setdefault(
                framework["id"],
                {
                    "id": framework["id"],
                    "name": framework["name"],
                    "kind": framework["kind"],
                    "names": [],
                    "countries": [],
                    "members": [],
                },
            )
            _add_names(group, [framework["name"], *framework["names"]])
            _join(
                group,
                partner,
                framework["id"],
                framework["since"],
                framework["role"],
                framework["source"],
                framework["inferred"],
            )
        for agreement in partner["agreements"]:
            if agreement["kind"] not in FRAMEWORK_AGREEMENT_KINDS:
                continue
            group_id = agreement["kind"].replace("_", "-")
            group = groups.setdefault(
                group_id,
                {
                    "id": group_id,
                    "name": AGREEMENT_KINDS[agreement["kind"]],
                    "kind": "agreement",
                    "names": [],
                    "countries": [],
                    "members": [],
                },
            )
            _add_names(group, agreement["names"])
            since = next(
                (m["date"] for m in agreement["milestones"] if m["kind"] == "in_place"), None
            )
            _join(
                group,
                partner,
                agreement["id"],
                since,
                None,
                agreement["source"],
                agreement["inferred"],
            )
    return sorted(groups.values(), key=lambda g: (-len(g["countries"]), fold(g["name"])))


def _add_names(group: FrameworkGroup, names: Iterable[str]) -> None:
    """Keep the look-up names of a group: its members' short forms (`names`) and the
    other wordings its members give it, each once."""
    for name in names:
        if fold(name) != fold(group["name"]) and name not in group["names"]:
            group["names"].append(name)


def _join(
    group: FrameworkGroup,
    partner: PartnerRecord,
    fact_id: str,
    since: str | None,
    role: str | None,
    source: str,
    inferred: dict[str, str] | None,
) -> None:
    if partner["id"] not in group["countries"]:
        group["countries"].append(partner["id"])
    group["members"].append(
        {
            "country": partner["id"],
            "country_name": partner["name"],
            "fact": fact_name(partner["id"], fact_id),
            "name": group["name"],
            "since": since,
            "role": role,
            "inferred": inferred,
            "source": source,
        }
    )


def find_frameworks(groups: list[FrameworkGroup], name: str) -> list[FrameworkGroup]:
    """The groups whose id, name or a look-up name contains `name` (case and accents
    aside)."""
    wanted = fold(" ".join(name.split()))
    if not wanted:
        raise InvalidValue("the framework name is empty")
    found = [
        g
        for g in groups
        if any(wanted in fold(one) for one in [g["name"], *g["names"]])
        or slug(name) == g["id"]
        or (slug(name) and slug(name) in g["id"])
    ]
    if not found:
        names = {fold(g["name"]): g["id"] for g in groups}
        close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.5)
        raise NotFound("framework", name, [names[c] for c in close])
    return found


# --- compare --------------------------------------------------------------------------


def compare(partners: Sequence[PartnerRecord]) -> Comparison:
    """Partners side by side: areas and frameworks grouped by who has them (`common`,
    `some`, `only`: see `grouped`), agreements, last and next event."""
    ids = [p["id"] for p in partners]
    if len(set(ids)) != len(ids) or len(ids) < 2:
        raise InvalidValue("compare needs at least two different partners")
    areas = {p["id"]: partner_area_ids(p) for p in partners}
    framework_ids = {p["id"]: [g["id"] for g in framework_groups([p])] for p in partners}
    groups = framework_groups(partners)
    frameworks = grouped(framework_ids, [g["id"] for g in groups])
    return {
        "countries": ids,
        "areas": grouped(areas, list(AREAS)),
        "agreements": {
            p["id"]: [
                {"kind": a["kind"], "status": a["status"], "title": a["title"]}
                for a in p["agreements"]
            ]
            for p in partners
        },
        "frameworks": {
            "common": frameworks["common"],
            "some": frameworks["some"],
            "only": frameworks["only"],
            "shared": list(frameworks["common"]),
            "names": {g["id"]: g["name"] for g in groups},
        },
        "last_event": {p["id"]: _last_event(p) for p in partners},
        "next_event": {p["id"]: _next_event(p) for p in partners},
    }


def grouped(has: dict[str, list[str]], order: Sequence[str]) -> SplitIds:
    """What each partner of `has` (partner -> ids) has, grouped by who has it: `common`
    (every partner), `some` (id -> its partners, more than one and not all), `only`
    (partner -> what it alone has). `common` and `some` in `order`, each partner's own
    in its order; partners in `has`'s order."""
    holders = {item: [i for i, items in has.items() if item in items] for item in order}
    everyone = len(has)
    return {
        "common": [item for item in order if len(holders[item]) == everyone],
        "some": {item: holders[item] for item in order if 1 < len(holders[item]) < everyone},
        "only": {
            i: [item for item in items if holders.get(item) == [i]] for i, items in has.items()
        },
    }


def _last_event(partner: PartnerRecord) -> TimelineRow | None:
    past = [e for e in in_date_order(partner["events"]) if not e["planned"] and e["date"]]
    return _event_row(partner, past[-1]) if past else None


def _next_event(partner: PartnerRecord) -> TimelineRow | None:
    planned = [e for e in in_date_order(partner["events"]) if e["planned"]]
    return _event_row(partner, planned[0]) if planned else None


# --- diff -----------------------------------------------------------------------------


def diff(old: DatasetRecord, new: DatasetRecord) -> list[Change]:
    """What changed between two editions: partners added or removed, and each fact,
    matched by its id within its partner, added, removed or changed (an agreement's new
    status is `status_changed`; its other fields `agreement_changed`)."""
    changes: list[Change] = []
    before = {p["id"]: p for p in old["partners"]}
    after = {p["id"]: p for p in new["partners"]}
    for partner_id in before.keys() - after.keys():
        changes.append(_change("partner_removed", before[partner_id], before[partner_id]["name"]))
    for partner_id in after.keys() - before.keys():
        changes.append(_change("partner_added", after[partner_id], after[partner_id]["name"]))
    for partner_id in [i for i in after if i in before]:
        changes += _partner_changes(before[partner_id], after[partner_id])
    order = {p["id"]: n for n, p in enumerate([*new["partners"], *old["partners"]])}
    return sorted(changes, key=lambda c: order[c["country"]])


def _change(
    change: str,
    partner: PartnerRecord,
    subject: str,
    old: Any = None,
    new: Any = None,
    source: str | None = None,
    fact_id: str | None = None,
) -> Change:
    return {
        "change": change,
        "country": partner["id"],
        "fact": None if fact_id is None else fact_name(partner["id"], fact_id),
        "subject": subject,
        "old": old,
        "new": new,
        "source": source,
    }


def _partner_changes(old: PartnerRecord, new: PartnerRecord) -> list[Change]:
    changes: list[Change] = []
    old_facts, new_facts = _facts_by_id(old), _facts_by_id(new)
    for key in DIFF_ORDER:
        section = EVERY_SECTION[key]
        added, removed, _ = section.changes
        before, after = old_facts[key], new_facts[key]
        for fact_id, (fact, subject) in after.items():
            previous = before.get(fact_id)
            if previous is None:
                headline = fact[section.headline]
                changes.append(
                    _change(added, new, subject, None, headline, fact["source"], fact_id)
                )
                continue
            changes += _fact_changes(new, section, fact_id, previous[0], fact, subject)
        for fact_id, (fact, subject) in before.items():
            if fact_id not in after:
                source = fact["source"] if section.removed_quote else None
                headline = fact[section.headline]
                changes.append(_change(removed, new, subject, headline, None, source, fact_id))
    return changes


def _fact_changes(
    partner: PartnerRecord,
    section: Shape,
    fact_id: str,
    old: dict[str, Any],
    new: dict[str, Any],
    subject: str,
) -> list[Change]:
    """The changes of one fact kept under the same id: one for each of its section's
    `change_fields` that differs (an agreement's `status_changed`, old and new status),
    then one `*_changed` whose `old` and `new` hold the other fields that differ (its
    parts, an agreement's milestones, are facts of their own)."""
    out: list[Change] = []
    parts = {part.key for part in section.parts}
    fields = [key for key in new if key not in parts and old.get(key) != new[key]]
    for field, change in section.change_fields:
        if field in fields:
            out.append(
                _change(change, partner, subject, old[field], new[field], new["source"], fact_id)
            )
            fields.remove(field)
    if fields:
        out.append(
            _change(
                section.changes[2],
                partner,
                subject,
                {key: old.get(key) for key in fields},
                {key: new[key] for key in fields},
                new["source"],
                fact_id,
            )
        )
    return out


def _facts_by_id(partner: PartnerRecord) -> dict[str, dict[str, tuple[dict[str, Any], str]]]:
    """Every kind of fact's facts by id (`DIFF_ORDER`'s keys), each with the subject a
    change of it names (its section's `subject`)."""
    found: dict[str, dict[str, tuple[dict[str, Any], str]]] = {key: {} for key in DIFF_ORDER}

    def visit(section: Shape, facts: Iterable[dict[str, Any]], parent: str | None) -> None:
        for fact in facts:
            subject = _subject(section, fact, parent)
            found[section.key][fact["id"]] = (dict(fact), subject)
            for part in section.parts:
                visit(part, fact[part.key], subject)

    for section in SECTIONS:
        visit(section, partner[section.key], None)  # type: ignore[literal-required]
    return found


def _subject(section: Shape, fact: dict[str, Any], parent: str | None) -> str:
    """What names a fact in a change (see `Shape.subject`): a field's value or its
    vocabulary label; a fact within a fact, `PARENT: own` with its own in lower case
    (`Readmission agreement: mandate to negotiate`)."""
    what, _, name = section.subject.rpartition(":")
    own = str(fact[name])
    if what == "label":
        own = VOCABULARIES[section.field(name).vocabulary or ""][fact[name]]
    return own if parent is None else f"{parent}: {own.lower()}"


# --- export ---------------------------------------------------------------------------


def fact_rows(partners: Iterable[PartnerRecord]) -> list[FactRow]:
    """Every fact as one flat row (for CSV, `shape.CSV_COLUMNS`): partner, section, path,
    a summary any kind of fact fills in (what it is, its status and dates where it has
    them), its quote, then a column for each other field; the facts of a fact (an
    agreement's milestones) have rows of their own, after it."""
    rows: list[dict[str, Any]] = []
    for partner in partners:
        base = {
            "country": partner["id"],
            "country_name": partner["name"],
            "region": partner["region"],
        }
        for section in SECTIONS:
            entries = cast("list[dict[str, Any]]", partner[section.key])  # type: ignore[literal-required]
            _add_rows(rows, base, section, entries, section.key, None)
    return cast("list[FactRow]", rows)


def _add_rows(
    rows: list[dict[str, Any]],
    base: dict[str, Any],
    section: Shape,
    entries: list[dict[str, Any]],
    path: str,
    parent: dict[str, Any] | None,
) -> None:
    for position, fact in enumerate(entries):
        here = f"{path}[{position}]"
        row: dict[str, Any] = dict.fromkeys(CSV_COLUMNS)
        row.update({column: [] for column in _LIST_COLUMNS})
        row.update(base, section=section.key, path=here)
        if "fact" in row:
            row["fact"] = fact_name(base["country"], fact["id"])
        for column, source in section.csv:
            what, _, name = source.rpartition(":")
            if what == "label":
                labels = VOCABULARIES[section.field(name).vocabulary or ""]
                row[column] = labels[fact[name]]
            elif what == "parent" and parent is not None:
                row[column] = parent[name]
            else:
                row[column] = fact[name]
        rows.append(row)
        for part in section.parts:
            _add_rows(rows, base, part, fact[part.key], f"{here}.{part.key}", fact)


_LIST_COLUMNS = tuple(
    dict.fromkeys(
        column
        for section in EVERY_SECTION.values()
        for column, source in section.csv
        if ":" not in source and section.field(source).kind == "texts"
    )
)
"""The CSV columns that hold a list: empty, not null, where a kind of fact has none."""
