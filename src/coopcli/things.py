"""The registry of things: which name, in which fact, names which person, body, state or
framework (layout 4's `things`; derived from the facts for a file of layout 1-3)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from coopcli.errors import NotFound
from coopcli.shape import SECTION
from coopcli.textfold import closest, fold, occurs, slug

if TYPE_CHECKING:
    from coopcli.records import DatasetRecord, Record, ThingRecord

NAMING_ROLES = ("who", "counterpart", "body", "names")  # fields whose entries things claim
_NAMED_BY_WHAT = ("agencies", "frameworks")  # and the facts that are about a thing by name


def names(thing: ThingRecord) -> list[str]:
    """Every name of a thing, once: its canonical name, the source's forms, its aliases."""
    return list(dict.fromkeys([thing["name"], *thing["written"], *thing["aliases"]]))


def choose_names(
    value: str, known: Mapping[str, Sequence[str]], what: str, usable: bool = True, near: str = ""
) -> set[str]:
    """The keys of `known` that `value` names (if `usable`): the key's slug, or words that
    each start a word of a name (`von der leyen`); NotFound with the keys that `near` (else
    `value`'s words) is closest to, by a name or a word of one."""
    words = fold(value).split()
    found = {
        key
        for key, names in known.items()
        if words
        and usable
        and (slug(value) == key or any(all(occurs(w, fold(n)) for w in words) for n in names))
    }
    if found:
        return found
    owners: dict[str, str] = {}
    for key, names in known.items():
        for name in map(fold, [key, *names]):  # "johanson" is close to a word of a name
            for close in [name, *(word for word in name.split() if len(word) >= 4)]:
                owners.setdefault(close, key)
    raise NotFound(what, value, closest(near or " ".join(words), owners))


def naming_fields(section: str) -> list[str]:
    """The fields of a kind of fact whose values are names of things."""
    roles = NAMING_ROLES + (("what",) if section in _NAMED_BY_WHAT else ())
    return [f.name for f in SECTION[section].fields if f.role in roles]


def _entries(fact: Record, field: str) -> list[str]:
    value = fact.get(field)
    return [value] if isinstance(value, str) else list(value or ())


class Registry:
    """The things of a dataset, each name to its thing, and the things a fact names."""

    __slots__ = ("_owner", "_starting", "things")

    def __init__(self, records: DatasetRecord) -> None:
        """The registry of `records`, or one derived from its facts (layout 1-3)."""
        things = records["things"] or _derived(records)
        self.things: dict[str, ThingRecord] = {thing["id"]: thing for thing in things}
        self._owner = {fold(name): thing["id"] for thing in things for name in names(thing)}
        self._starting: dict[str, list[tuple[str, str]]] | None = None

    def owner(self, entry: str) -> str | None:
        """The thing an entry of a fact (or any name) names; None for a partner's name."""
        return self._owner.get(fold(entry))

    def named(self, word: str) -> set[str]:
        """The things one of whose names is `word`, whole (`etm`, `frontex`)."""
        return {found} if (found := self._owner.get(fold(word))) else set()

    def choose(self, value: str, kinds: Collection[str], what: str) -> set[str]:
        """The things of `kinds` that `value` names: an id, or words each starting a word of
        one name (`von der leyen`, `hrvp`); NotFound with the closest ids."""
        kept = {t["id"]: names(t) for t in self.things.values() if t["kind"] in kinds}
        return choose_names(value, kept, what)

    def in_fields(self, section: str, fact: Record) -> dict[str, list[str]]:
        """The things a fact's own fields name, each with those fields; a person's office
        names its body too (`european-commission` through `Commissioner Johansson`)."""
        found: dict[str, list[str]] = {}
        for field in naming_fields(section):
            for entry in _entries(fact, field):
                thing = self._owner.get(fold(entry))
                office_of = thing and self.things[thing]["of"]
                for one in (thing, office_of if office_of in self.things else None):
                    if one and field not in found.setdefault(one, []):
                        found[one].append(field)
        return found

    def in_quote(self, quote: str) -> set[str]:
        """The things whose forms, as the source writes them, occur in a quote."""
        if self._starting is None:  # the forms by their first word: a look-up a word
            self._starting = {}
            for thing in self.things.values():
                for form in map(fold, thing["written"]):
                    first = _WORD.match(form)
                    key = first.group() if first else form
                    self._starting.setdefault(key, []).append((form, thing["id"]))
            for forms in self._starting.values():
                forms.sort(key=lambda form: -len(form[0]))  # the longest form first
        text, found = fold(quote), set()
        for word in _WORD.finditer(text):
            for form, thing_id in self._starting.get(word.group(), ()):
                end = word.start() + len(form)
                if text.startswith(form, word.start()) and not text[end : end + 1].isalnum():
                    # the longest form here: "informal dialogue on migration and mobility"
                    # is not "informal dialogue on migration"; a later word may start another
                    found.add(thing_id)
                    break
        return found


_WORD = re.compile(r"\w+")
_DERIVED = {"who": "person", "counterpart": "body", "body": "body"}  # an event's names: kinds


def _derived(records: DatasetRecord) -> list[ThingRecord]:
    """A registry for a file of layout 1-3: each form a fact gives is its own thing, but a
    framework, which has an id (a partner's or member country's name is no thing)."""
    partner_names = {
        fold(name)
        for partner in records["partners"]
        for one in [partner, *partner["members"]]
        for name in [one["name"], *one["aliases"]]
    }
    found: dict[str, dict[str, Any]] = {}
    by_name: dict[str, str] = {}

    def add(name: str, kind: str, thing_id: str = "") -> None:
        key = fold(name)
        if key in partner_names or (key in by_name and not thing_id):
            return
        if thing_id in found:  # another name of a framework
            if by_name.setdefault(key, thing_id) == thing_id and name != found[thing_id]["name"]:
                found[thing_id]["aliases"].append(name)
            return
        base = thing_id = thing_id or slug(name) or "thing"
        for number in itertools.count(2):
            if thing_id not in found:
                break
            thing_id = f"{base}-{number}"
        by_name.setdefault(key, thing_id)
        thing = {"id": thing_id, "kind": kind, "name": name, "written": [name], "aliases": []}
        found[thing_id] = thing | {"office": None, "of": None, "reason": None, "identified": []}

    partners = records["partners"]
    for framework in (framework for partner in partners for framework in partner["frameworks"]):
        for name in [framework["name"], *framework["names"]]:
            add(name, "framework", framework["id"])
    for partner in partners:
        for agency in partner["agencies"]:
            add(agency["name"], "eu_agency")
        for event in partner["events"]:
            for f in SECTION["events"].fields:
                for entry in _entries(event, f.name) if f.role in _DERIVED else ():
                    add(entry, _DERIVED[f.role])
    return list(found.values())  # type: ignore[arg-type]
