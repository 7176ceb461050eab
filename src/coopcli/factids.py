"""Fact ids, and the rule that derives them for facts of layouts 1 and 2 that give none
(adding a fact renames none before it; nothing raises):

1. A given `id` is kept.
2. A base id: an agreement's kind; an event's `KIND-DATE`, else `KIND-` and the slug of
   its `when`, else `KIND-undated`; an agency's name; a note's `KIND-` and four words of
   its title; a milestone's `AGREEMENT-KIND-YEAR`.
3. The first fact of a base id (in the file's order) keeps it, unless a given id is
   that; each other gets a slug: four words of the title, a milestone's date and end, an
   agency's stage.
4. One still shared is numbered `-2`, `-3`... (given ids and bare base ids first, then
   in the file's order).
"""

from __future__ import annotations

import copy
import functools
import itertools
import operator
from typing import Any

from coopcli.shape import EVERY_SECTION, SECTIONS
from coopcli.textfold import slug

FACT_ID_PATTERN = r"^[a-z0-9_-]+$"
FACT_SEPARATOR = "/"  # PARTNER/ID names a fact: `tunisia/visit-2021-05`
FACT_NAME_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9_-]+$"  # a partner's slug, then an id


def is_fact_name(text: str) -> bool:
    """Whether `text` names one fact (`PARTNER/ID`) rather than a partner."""
    return FACT_SEPARATOR in text


def fact_name(partner_id: str, fact_id: str) -> str:
    """The name that cites one fact across the dataset: `PARTNER/ID`, each row's `fact`."""
    return f"{partner_id}{FACT_SEPARATOR}{fact_id}"


IDS_GIVEN = (3, 4)  # the layouts in which every fact gives its id
FIXED_ID_SECTIONS = ("frameworks", "areas")  # their facts give ids in every layout
_WORDS = 4  # words of a title in a note's base id or a distinguishing slug
_Path = tuple[Any, ...]  # of a fact within its partner: `("agreements", 0, "milestones", 1)`


def with_derived_ids(raw: Any) -> Any:
    """`raw`, or if its layout is not 3 or 4 (a malformed version too: the one problem then
    reported is the version), a copy in which each fact without an `id` has its derived one."""
    meta = raw.get("meta") if isinstance(raw, dict) else None
    version = meta.get("schema_version", 1) if isinstance(meta, dict) else 1
    partners = raw.get("partners") if isinstance(raw, dict) else None
    if (type(version) is int and version in IDS_GIVEN) or not isinstance(partners, list):
        return raw
    return {
        **raw,
        "partners": [
            _partner_with_ids(partner) if isinstance(partner, dict) else partner
            for partner in partners
        ],
    }


def partner_fact_ids(partner: dict[str, Any]) -> dict[_Path, str]:
    """Every fact id of a parsed partner table, given or derived, by the fact's path
    within the partner (`("events", 2)`, `("agreements", 0, "milestones", 1)`)."""
    facts = [((s.key, n), fact) for s in SECTIONS for n, fact in entries(partner, s.key)]
    steps = [
        (("agreements", n, "milestones", m), milestone)
        for n, agreement in entries(partner, "agreements")
        for m, milestone in entries(agreement, "milestones")
    ]
    # Milestones second: their base ids hold their agreement's.
    return _ids_of(steps, _ids_of(facts, {}))


def _ids_of(facts: list[tuple[_Path, dict[str, Any]]], ids: dict[_Path, str]) -> dict[_Path, str]:
    """`ids` and those of `facts` by path: the given ones, then the others derived."""
    ids = {**ids, **{path: fact["id"] for path, fact in facts if isinstance(fact.get("id"), str)}}
    derived = {
        path: f for path, f in facts if path not in ids and path[-2] not in FIXED_ID_SECTIONS
    }
    named = {path: _base(path, fact, ids) for path, fact in derived.items()}
    return {**ids, **_resolve(derived, named, set(ids.values()))}


def _partner_with_ids(partner: dict[str, Any]) -> dict[str, Any]:
    copied = copy.deepcopy(partner)
    for (*parents, last), fact_id in partner_fact_ids(partner).items():
        container = functools.reduce(operator.getitem, parents, copied)
        if "id" not in container[last]:
            container[last] = {"id": fact_id, **container[last]}
    return copied


def entries(table: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    """The tables of the list `table[key]`, with their positions (none if it is no list)."""
    items = table.get(key)
    if not isinstance(items, list):
        return []
    return [(n, item) for n, item in enumerate(items) if isinstance(item, dict)]


def _resolve(
    facts: dict[_Path, dict[str, Any]], named: dict[_Path, str], taken: set[str]
) -> dict[_Path, str]:
    """The ids of `facts` from their base ids `named` (by path, in the file's order), none
    of them in `taken` nor shared (steps 3 and 4): the first fact of a base id keeps it, so
    adding a fact renames none before it."""
    groups: dict[str, list[_Path]] = {}
    for path, name in named.items():
        groups.setdefault(name, []).append(path)
    kept = {paths[0]: name for name, paths in groups.items() if name not in taken}
    for path, name in named.items():
        if path not in kept:
            extra = _distinction(path[-2], facts[path])
            named[path] = f"{name}-{extra}" if extra else name
    groups = {}
    for path, name in named.items():
        if path not in kept:
            groups.setdefault(name, []).append(path)
    bare, assigned = set(kept.values()), taken | set(named.values())
    for name, paths in groups.items():
        keeps_name = name not in taken and name not in bare
        numbered = (f"{name}-{number}" for number in itertools.count(2))  # one run a name:
        for path in paths[1:] if keeps_name else paths:  # linear in alike facts
            named[path] = next(n for n in numbered if n not in assigned)
            assigned.add(named[path])
    return named


def _base(path: _Path, fact: dict[str, Any], ids: dict[_Path, str]) -> str:
    section = path[-2]
    kind = _slug(fact.get("kind")) or EVERY_SECTION[section].model.lower()
    if section == "milestones":
        date = fact.get("date")
        year = _slug(date[:4] if isinstance(date, str) else None) or "undated"
        return f"{ids.get(path[:2], 'agreement')}-{kind}-{year}"
    if section == "agreements":
        return kind
    if section == "events":
        when = _slug(fact.get("date")) or _slug(fact.get("when")) or "undated"
        return f"{kind}-{when}"
    if section == "agencies":
        return _slug(fact.get("name")) or "agency"
    title = _words(fact.get("title"))
    return f"{kind}-{title}" if title else kind


def _distinction(section: str, fact: dict[str, Any]) -> str:
    if section == "milestones":
        return "-".join(filter(None, (_slug(fact.get("date")), _slug(fact.get("end")))))
    if section == "agencies":
        return _slug(fact.get("stage"))
    return _words(fact.get("title"))


def _slug(value: Any) -> str:
    """A text's slug (`visa_facilitation` -> `visa-facilitation`); "" for anything else."""
    return slug(value) if isinstance(value, str) else ""


def _words(text: Any) -> str:
    return "-".join(_slug(text).split("-")[:_WORDS])
