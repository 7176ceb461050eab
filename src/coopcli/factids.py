"""The ids of facts: the one rule that derives them for files older than layout 3.

A file of `schema_version = 3` gives every fact its `id`, and that id is the fact's
identity: it never changes when other facts are added, removed or reordered. Files of
versions 1 and 2 gave ids to frameworks and areas only; their other facts get the ids
this module derives, before validation, so that every record coop works on has one.
The derivation applied to coop 0.3's shipped data gives exactly the ids of 0.4's
shipped file (a test holds it to that), so `coop diff` of an old export against a new
one matches each fact with itself.

The rule, for each partner on its own:

1. A fact that gives an `id` keeps it (frameworks and areas always do).
2. Each other fact gets a base id: an agreement its kind (`_` as `-`: `readmission`,
   `visa-facilitation`); an event `KIND-DATE`, the date as written (`visit-2021-05`),
   or, undated, `KIND-` and the slug of its `when` (`dialogue-in-the-coming-months`),
   else `KIND-undated`; an agency the slug of its name (`frontex`, `eu-agencies`); a
   note `KIND-` and the slug of the first four words of its title; a milestone its
   agreement's id, its kind and the year of its date (`readmission-mandate-2014`).
3. Where a base id is another fact's too, every derived fact that has it gets a
   distinguishing slug appended: the first four words of its title (agreements,
   events, notes), its full date and end (milestones) or its stage (agencies).
4. An id still shared after that is numbered: facts that keep their id first, then
   the derived ones in the order of their content (not of their place in the file),
   the first keeping the id unless a fact gave it, the others `-2`, `-3`...

Every step depends on the facts, never on their order, so the ids are the same
whatever the order of the file. Pure functions on parsed TOML; nothing is imported
but the text folding, and nothing here may raise on a malformed document (validation
reports what is wrong with it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coopcli.shape import SECTIONS
from coopcli.textfold import slug

FACT_ID_PATTERN = r"^[a-z0-9_-]+$"
"""What a fact id is made of: lower-case ASCII letters, digits, `_` and `-`."""

FACT_SEPARATOR = "/"
"""Joins a partner's id and a fact's id into the name of the fact: `tunisia/visit-2021-05`."""


def is_fact_name(text: str) -> bool:
    """Whether `text` names one fact (`PARTNER/ID`) rather than a partner."""
    return FACT_SEPARATOR in text


def fact_name(partner_id: str, fact_id: str) -> str:
    """The name that cites one fact across the dataset: `PARTNER/ID`, each row's `fact`."""
    return f"{partner_id}{FACT_SEPARATOR}{fact_id}"


CURRENT_VERSION = 3
"""The layout in which every fact gives its id."""

FIXED_ID_SECTIONS = ("frameworks", "areas")
"""Sections whose facts have given their id in every layout."""

DERIVED_SECTIONS = tuple(s.key for s in SECTIONS if s.key not in FIXED_ID_SECTIONS)
"""Top-level sections whose ids are derived in files older than layout 3."""

_WORDS = 4
"""How many words of a title make a note's base id or a distinguishing slug."""

_SINGULAR = {section.key: section.model.lower() for section in SECTIONS}


def needs_derived_ids(raw: Any) -> bool:
    """Whether `raw` (a parsed dataset file) is of a layout older than 3, whose facts
    get derived ids. A file with an unknown or malformed `schema_version` gets them
    too, so that the one problem reported is the version itself."""
    if not isinstance(raw, dict):
        return False
    meta = raw.get("meta")
    version = meta.get("schema_version", 1) if isinstance(meta, dict) else 1
    return not (type(version) is int and version == CURRENT_VERSION)


def with_derived_ids(raw: Any) -> Any:
    """`raw` itself if it needs no derived ids, else a copy in which every fact that
    gives no `id` has the derived one, as the first key of its table. `raw` is not
    changed: its lists and tables are copied where an id is added."""
    if not needs_derived_ids(raw):
        return raw
    partners = raw.get("partners")
    if not isinstance(partners, list):
        return raw
    return {
        **raw,
        "partners": [
            _partner_with_ids(partner) if isinstance(partner, dict) else partner
            for partner in partners
        ],
    }


def partner_fact_ids(partner: dict[str, Any]) -> dict[tuple[Any, ...], str]:
    """Every fact id of a parsed partner table, given or derived, by the fact's path
    within the partner (`("events", 2)`, `("agreements", 0, "milestones", 1)`)."""
    ids: dict[tuple[Any, ...], str] = {}
    fixed: dict[tuple[Any, ...], str] = {}
    top: dict[tuple[Any, ...], tuple[str, dict[str, Any]]] = {}
    for section in (s.key for s in SECTIONS):
        for position, fact in _tables(partner.get(section)):
            path: tuple[Any, ...] = (section, position)
            if isinstance(fact.get("id"), str):
                fixed[path] = fact["id"]
            elif section in DERIVED_SECTIONS:
                top[path] = (section, fact)
    ids.update(fixed)
    ids.update(_resolve(top, set(fixed.values()), _base, _distinction))
    milestones: dict[tuple[Any, ...], tuple[str, dict[str, Any]]] = {}
    agreement_ids: dict[tuple[Any, ...], str] = {}
    for position, agreement in _tables(partner.get("agreements")):
        agreement_id = ids.get(("agreements", position), "agreement")
        for step, milestone in _tables(agreement.get("milestones")):
            path = ("agreements", position, "milestones", step)
            if isinstance(milestone.get("id"), str):
                ids[path] = milestone["id"]
            else:
                milestones[path] = ("milestones", milestone)
                agreement_ids[path] = agreement_id
    taken = {ids[path] for path in ids}

    def milestone_base(section: str, milestone: dict[str, Any], path: tuple[Any, ...]) -> str:
        date = milestone.get("date")
        year = date[:4] if isinstance(date, str) and slug(date[:4]) else "undated"
        return f"{agreement_ids[path]}-{_token(milestone.get('kind'), 'milestone')}-{slug(year)}"

    ids.update(_resolve(milestones, taken, milestone_base, _distinction))
    return ids


def _partner_with_ids(partner: dict[str, Any]) -> dict[str, Any]:
    ids = partner_fact_ids(partner)
    copied = dict(partner)
    for section in DERIVED_SECTIONS:
        items = partner.get(section)
        if not isinstance(items, list):
            continue
        facts: list[Any] = []
        for position, fact in enumerate(items):
            if isinstance(fact, dict) and section == "agreements":
                fact = _agreement_with_milestone_ids(fact, position, ids)
            facts.append(_with_id(fact, ids.get((section, position))))
        copied[section] = facts
    return copied


def _agreement_with_milestone_ids(
    agreement: dict[str, Any], position: int, ids: dict[tuple[Any, ...], str]
) -> dict[str, Any]:
    milestones = agreement.get("milestones")
    if not isinstance(milestones, list):
        return agreement
    return {
        **agreement,
        "milestones": [
            _with_id(milestone, ids.get(("agreements", position, "milestones", step)))
            for step, milestone in enumerate(milestones)
        ],
    }


def _with_id(fact: Any, fact_id: str | None) -> Any:
    if not isinstance(fact, dict) or "id" in fact or fact_id is None:
        return fact
    return {"id": fact_id, **fact}


def _tables(items: Any) -> list[tuple[int, dict[str, Any]]]:
    if not isinstance(items, list):
        return []
    return [(n, item) for n, item in enumerate(items) if isinstance(item, dict)]


Namer = Callable[[str, dict[str, Any], tuple[Any, ...]], str]


def _resolve(
    facts: dict[tuple[Any, ...], tuple[str, dict[str, Any]]],
    taken: set[str],
    base: Namer,
    distinction: Namer,
) -> dict[tuple[Any, ...], str]:
    """The ids of `facts` (by path), none of them in `taken` nor shared (steps 2 to 4)."""
    named = {path: base(section, fact, path) for path, (section, fact) in facts.items()}
    counts: dict[str, int] = {}
    for name in [*taken, *named.values()]:
        counts[name] = counts.get(name, 0) + 1
    for path, name in list(named.items()):
        if counts[name] > 1:
            section, fact = facts[path]
            extra = distinction(section, fact, path)
            named[path] = f"{name}-{extra}" if extra else name
    groups: dict[str, list[tuple[Any, ...]]] = {}
    for path, name in named.items():
        groups.setdefault(name, []).append(path)
    assigned = set(taken) | set(named.values())
    for name in sorted(groups):
        paths = sorted(groups[name], key=lambda path: _content(facts[path][1]))
        keeps_name = name not in taken
        for path in paths[1:] if keeps_name else paths:
            number = 2
            while f"{name}-{number}" in assigned:
                number += 1
            named[path] = f"{name}-{number}"
            assigned.add(named[path])
    return named


def _base(section: str, fact: dict[str, Any], path: tuple[Any, ...]) -> str:
    kind = _token(fact.get("kind"), _SINGULAR.get(section, "fact"))
    if section == "agreements":
        return kind
    if section == "events":
        date = fact.get("date")
        if isinstance(date, str) and slug(date):
            return f"{kind}-{slug(date)}"
        when = fact.get("when")
        when_slug = slug(when) if isinstance(when, str) else ""
        return f"{kind}-{when_slug or 'undated'}"
    if section == "agencies":
        return _token(fact.get("name"), "agency")
    title = _words(fact.get("title"))
    return f"{kind}-{title}" if title else kind


def _distinction(section: str, fact: dict[str, Any], path: tuple[Any, ...]) -> str:
    if section == "milestones":
        parts = [fact.get("date"), fact.get("end")]
        return "-".join(slug(part) for part in parts if isinstance(part, str) and slug(part))
    if section == "agencies":
        stage = fact.get("stage")
        return slug(stage) if isinstance(stage, str) else ""
    return _words(fact.get("title"))


def _token(value: Any, fallback: str) -> str:
    """A vocabulary id or name as an id part: `visa_facilitation` -> `visa-facilitation`."""
    return (slug(value) if isinstance(value, str) else "") or fallback


def _words(text: Any) -> str:
    """The slug of the first words of a text (none if it is not text)."""
    if not isinstance(text, str):
        return ""
    return "-".join(slug(text).split("-")[:_WORDS]) if slug(text) else ""


def _content(fact: dict[str, Any]) -> str:
    """A fact's content as text, an order for facts that nothing else tells apart."""
    import json  # only when ids are derived: a warm run imports this module for `fact_name`

    return json.dumps(fact, sort_keys=True, ensure_ascii=False, default=str)
