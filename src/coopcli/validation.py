"""Validate a dataset file's bytes (a cache miss, `coop validate`) and say exactly where
each problem is: TOML, then the Pydantic models, then what no single field shows."""

from __future__ import annotations

import functools
import itertools
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

from coopcli.errors import DataError, Problem, decode
from coopcli.factids import FACT_ID_PATTERN, FACT_SEPARATOR, entries, with_derived_ids
from coopcli.limits import check_limits
from coopcli.locate import KeyPath, key_lines, line_of
from coopcli.shape import PARTIAL_DATE_PATTERN, SECTIONS, Shape
from coopcli.textfold import fold, lookalikes
from coopcli.things import naming_fields

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from coopcli.records import DatasetRecord


def validate_bytes(content: bytes, display_path: str, *, locate: bool = True) -> DatasetRecord:
    """Parse and validate a dataset file's bytes; raise DataError with every problem, or
    with `locate` False, one line that counts them (completion shows none)."""
    import tomllib

    text = decode(content, display_path)
    check_limits(text, display_path)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        last_line = text.count("\n") + (0 if text.endswith("\n") else 1)
        raise DataError([_syntax_problem(display_path, str(error), last_line)]) from None
    except ValueError:  # an integer longer than Python reads (`sys.get_int_max_str_digits`)
        raise DataError([_long_integer_problem(text, display_path)]) from None
    return _validated(raw, text, display_path, locate)


def _long_integer_problem(text: str, display_path: str) -> Problem:
    most = sys.get_int_max_str_digits()
    digits = re.search(rf"(?<![0-9_])[0-9](?:_?[0-9]){{{most},}}", text)
    line = text.count("\n", 0, digits.start()) + 1 if digits else None
    return Problem(display_path, line, "toml", f"an integer of over {most:,} digits")


def _syntax_problem(display_path: str, message: str, last_line: int) -> Problem:
    at = re.search(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)$", message)
    what = f"syntax error: {message[: at.start()] if at else message}"
    if at is None or at.group(1) is None:
        return Problem(display_path, last_line, "toml", what)
    return Problem(display_path, int(at.group(1)), "toml", f"{what} (column {at.group(2)})")


def _validated(raw: dict[str, Any], text: str, display_path: str, locate: bool) -> DatasetRecord:
    from pydantic import ValidationError

    from coopcli.model import DatasetFile

    located: list[tuple[KeyPath, str]] = []
    hint = _hinter()
    model = None
    upgraded = with_derived_ids(raw)
    try:
        model = DatasetFile.model_validate(upgraded)
    except ValidationError as error:
        if not locate:
            raise _uncounted(display_path, error.error_count()) from None
        # Without the documentation link each error carries: a file within the limits
        # can hold some 200,000 wrong values, and each error is a dict until described.
        details = error.errors(include_url=False)
        del error
        located.extend((tuple(detail["loc"]), _describe(detail, hint)) for detail in details)
        del details
    located.extend(consistency_problems(raw, hint))
    if located and not locate:
        raise _uncounted(display_path, len(located))
    if located:
        lines = key_lines(text)
        problems = [
            Problem(display_path, line_of(lines, loc) or 1, where(loc, raw), what)
            for loc, what in located
        ]
        raise DataError(sorted(problems, key=lambda p: p.line or 0))
    assert model is not None
    # Emptying the parsed document before the dump keeps the peak memory of a large
    # dataset to the model and its dump.
    upgraded.clear()
    raw.clear()
    return cast("DatasetRecord", model.model_dump(mode="json"))


def _uncounted(display_path: str, count: int) -> DataError:
    what = f"not a valid dataset ({count:,} problems; coop validate lists them)"
    return DataError([Problem(display_path, None, "data", what)])


def where(loc: KeyPath, raw: Any) -> str:
    """A readable path such as `tunisia.agreements[1].status` for a value's location."""
    if not loc:
        return "(top level)"
    head = ""
    if len(loc) >= 2 and loc[0] == "partners" and isinstance(loc[1], int):
        try:
            partner_id = raw["partners"][loc[1]]["id"]
        except (KeyError, IndexError, TypeError):
            partner_id = None
        head = partner_id if isinstance(partner_id, str) and partner_id else f"partners[{loc[1]}]"
        loc = loc[2:]
    steps = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in loc)
    return head + steps if head else steps.removeprefix(".")


_MALFORMED = {  # the message for a value a pattern rejects
    FACT_ID_PATTERN: "malformed id {!r}; a fact id is lower-case letters, digits, '_' and '-'"
    " (e.g. 'visit-2021-05')",
    PARTIAL_DATE_PATTERN: "malformed date {!r}; expected YYYY, YYYY-MM or YYYY-MM-DD",
}


MAX_HINTS = 100
"""How many unknown names of a file get a "did you mean" (difflib takes up to 90
microseconds a name; 200,000 unknown keys are no typos)."""


Hint = Callable[[str, list[str]], str]


def _hinter() -> Hint:
    """`hint(name, known)`: `; did you mean 'X'?` for the known name closest to `name`,
    or "", for the first `MAX_HINTS` names asked about."""
    asked = itertools.count()

    def hint(name: str, known: list[str]) -> str:
        if next(asked) >= MAX_HINTS:
            return ""
        from difflib import get_close_matches

        close = get_close_matches(name, known, n=1)
        return f"; did you mean '{close[0]}'?" if close else ""

    return hint


def _shown(value: object) -> str:
    """A value as a message gives it: an integer beyond what Python prints (a hex literal
    of thousands of digits), by its size."""
    try:
        return repr(value)
    except ValueError:  # over `sys.get_int_max_str_digits()` decimal digits
        return f"an integer of {value.bit_length():,} bits"  # type: ignore[attr-defined]


def _describe(detail: ErrorDetails, hint: Hint) -> str:
    """Turn one Pydantic error into the `what` of a problem line."""
    kind = detail["type"]
    loc = detail["loc"]
    field = str(loc[-1]) if loc else ""
    value = detail.get("input")
    if kind == "missing":
        return f"missing required field '{field}'"
    if kind == "extra_forbidden":
        table = tuple(step for step in loc[:-1] if isinstance(step, str))  # arrays alike
        return f"unknown key '{field}'{hint(field, _known_fields(table))}"
    if kind == "too_long":  # only an event's lists of names have a most
        ctx = detail.get("ctx") or {}
        found, limit = ctx.get("actual_length"), ctx.get("max_length")
        shown = f"{found:,}" if isinstance(found, int) else "more"
        return f"{shown} names, over the limit of {limit} in a list of an event"
    if kind == "literal_error":
        expected = str((detail.get("ctx") or {}).get("expected", ""))
        return f"{_shown(value)} is not allowed here; valid values: {expected}"
    pattern = (detail.get("ctx") or {}).get("pattern")
    if kind == "string_pattern_mismatch" and pattern in _MALFORMED:
        return _MALFORMED[pattern].format(value)
    empty = isinstance(value, str) and not value.strip()
    if empty and kind in {"string_too_short", "string_pattern_mismatch"}:
        return "empty text where text is required"
    message = detail["msg"].removeprefix("Value error, ")
    if isinstance(value, (str, int, float, bool)) and kind != "value_error":
        message += f" (got {_shown(value)})"
    return message


@functools.lru_cache(maxsize=256)
def _known_fields(loc: tuple[str, ...]) -> list[str]:
    """The field names the model allows at the table `loc` (for "did you mean")."""
    from typing import get_args

    from pydantic import BaseModel

    from coopcli.model import DatasetFile

    model: type[BaseModel] = DatasetFile
    for step in loc:
        field = model.model_fields.get(step)
        if field is None:
            return []
        candidates = [field.annotation, *get_args(field.annotation)]
        nested = [c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)]
        if not nested:
            return []
        model = nested[0]
    return list(model.model_fields)


def consistency_problems(raw: Any, hint: Hint) -> list[tuple[KeyPath, str]]:
    """Problems no single field shows (duplicate ids and look-up names, ranges that end
    before they start, what a file's layout lacks), from the raw document, so even when
    fields are wrong."""
    partners = raw.get("partners") if isinstance(raw, dict) else None
    if not isinstance(partners, list):
        return []
    problems: list[tuple[KeyPath, str]] = []
    seen_ids: dict[str, int] = {}
    lookup_owner: dict[str, str] = {}
    looks: Looks = ({}, {})
    framework_kinds: dict[str, Any] = {}
    for position, partner in enumerate(partners):
        if not isinstance(partner, dict):
            continue
        here: KeyPath = ("partners", position)
        partner_id = partner.get("id")
        if isinstance(partner_id, str) and seen_ids.setdefault(partner_id, position) != position:
            what = f"duplicate id '{partner_id}' (also partners[{seen_ids[partner_id]}])"
            problems.append(((*here, "id"), what))
        owner = partner_id if isinstance(partner_id, str) else f"partners[{position}]"
        shown = f"'{owner}'"
        for field, name in _lookup_names(partner):
            if (other := lookup_owner.setdefault(fold(name), owner)) != owner:
                what = f"look-up name {name!r} is also used by '{other}'"
                problems.append(((*here, *field), what))
            elif like := _looks_like(looks, name, shown):
                problems.append(((*here, *field), f"look-up name {name!r} {like}"))
            if FACT_SEPARATOR in name and field[-1] not in ("id", "iso2", "iso3"):  # patterns
                what = f"look-up name {name!r} has a '/': coop show would read it as PARTNER/ID"
                problems.append(((*here, *field), what))
        facts = list(_facts(partner, here))
        fact_ids: dict[str, KeyPath] = {}
        own_ids: dict[tuple[str, str], KeyPath] = {}  # areas' and frameworks' among their own
        for fact_path, fact, section in facts:
            fact_id = fact.get("id")
            if isinstance(fact_id, str):
                first = fact_ids.setdefault(fact_id, fact_path)
                if first is not fact_path and not first[2] == fact_path[2] in _OWN_IDS:
                    what = f"duplicate fact id '{fact_id}' (also {where(first[2:], None)})"
                    problems.append(((*fact_path, "id"), what))
                label = _OWN_IDS.get(section.key)
                first = own_ids.setdefault((section.key, fact_id), fact_path)
                if label and first is not fact_path:
                    what = f"duplicate {label} '{fact_id}' (also {where(first[2:], None)})"
                    problems.append(((*fact_path, "id"), what))
                if section.key == "frameworks":
                    kind = framework_kinds.setdefault(fact_id, fact.get("kind"))
                    if kind != fact.get("kind"):
                        what = f"framework '{fact_id}' has kind {kind!r} elsewhere"
                        problems.append(((*fact_path, "kind"), what))
        for fact_path, fact, section in facts:  # after the ids: each line keeps that order
            if any(field.name == "end" for field in section.fields):
                problems += _range_problems(fact, fact_path)
            problems += _inferred_problems(fact, fact_path, section, hint)
    layout = _layout_problems(raw, _every_fact(partners))
    problems += _thing_problems(raw.get("things"), partners, lookup_owner, looks)
    return problems + _name_problems(_every_fact(partners)) + layout


_CLAIMING = ("events", "agencies", "frameworks")  # the facts whose names things claim


Looks = tuple[dict[str, str], dict[str, str]]
"""The look-up names of a file so far by what they look like (either of `lookalikes`): a
skeleton -> the first name with it; -> that name's owner. (Strings only: a tuple a name
would make the collector's passes over a large file take seconds.)"""


def _looks_like(looks: Looks, name: str, owner: str) -> str:
    """How `name` looks like another owner's look-up name (naming the characters that
    make it differ), or "" if it does not."""
    for key in lookalikes(name):
        like, other = looks[0].setdefault(key, name), looks[1].setdefault(key, owner)
        # two ASCII names are told apart by their letters (`IRN` is not `IM`, `BRN` not
        # `BM`, though folded "rn" is a skeleton's "m"): a disguise needs another script
        if other != owner and not (name.isascii() and like.isascii()):
            letters = set(fold(like))
            unlike = [c for c in dict.fromkeys(name) if not set(fold(c)) <= letters][:3]
            which = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '')}".strip() for c in unlike)
            return f"looks like {like!r} of {other}" + (f" (it has {which})" if which else "")
    return ""


def _thing_problems(
    things: Any, partners: list[Any], lookup_owner: dict[str, str], looks: Looks
) -> list[tuple[KeyPath, str]]:
    """In layout 4, each name is one thing's and looks like no other's, and each name a
    fact gives is claimed by exactly one thing (or is a partner's or member country's
    look-up name)."""
    if not isinstance(things, list):
        return []
    problems: list[tuple[KeyPath, str]] = []
    owner: dict[str, str] = {}  # a folded name -> the thing it names
    kinds: dict[str, Any] = {}
    for position, thing in enumerate(things):
        if not isinstance(thing, dict) or not isinstance(thing_id := thing.get("id"), str):
            continue
        here: KeyPath = ("things", position)
        if thing_id in kinds:
            problems.append(((*here, "id"), f"duplicate thing id '{thing_id}'"))
        kinds[thing_id] = thing.get("kind")
        shown = f"thing '{thing_id}'"
        for field, name in _names(thing, ("name", "written", "aliases")):
            other = owner.setdefault(fold(name), thing_id)
            if other != thing_id or fold(name) in lookup_owner:
                also = f"thing '{other}'" if other != thing_id else "a partner's look-up name"
                problems.append(((*here, *field), f"name {name!r} is also {also}"))
            elif like := _looks_like(looks, name, shown):
                problems.append(((*here, *field), f"name {name!r} {like}"))
    for at, fact, section in _every_fact(partners):
        if section.key == "frameworks" and isinstance(fact_id := fact.get("id"), str):
            if kinds.get(fact_id, "framework") != "framework":
                problems.append(((*at, "id"), f"thing '{fact_id}' is not a framework"))
            elif fact_id not in kinds:
                problems.append(((*at, "id"), f"framework '{fact_id}' is not in [[things]]"))
        claimed = naming_fields(section.key) if section.key in _CLAIMING else ()
        for field, name in _names(fact, claimed):
            if fold(name) not in owner and fold(name) not in lookup_owner:
                claim = f"no thing claims {name!r} (add it to a thing's names)"
                problems.append(((*at, *field), claim))
    return problems


def _names(table: dict[str, Any], keys: Iterable[str]) -> Iterator[tuple[KeyPath, str]]:
    """The names `table` gives under `keys`: a string, or the strings of a list."""
    for key in keys:
        value = table.get(key)
        if isinstance(value, str):
            yield (key,), value
        elif isinstance(value, list):
            yield from (((key, i), name) for i, name in enumerate(value) if isinstance(name, str))


def _name_problems(
    facts: Iterator[tuple[KeyPath, dict[str, Any], Shape]],
) -> list[tuple[KeyPath, str]]:
    """A look-up name of frameworks and agreements belongs to one framework or one kind
    of agreement (which every partner may name alike), and is no other framework's, nor
    looks like another's (in every layout: 1-3 have no registry that would say so)."""
    framework_of: dict[str, str] = {}  # a framework's folded id and name -> its id
    claims: list[tuple[KeyPath, str, str]] = []  # the `names` of facts: where, name, owner
    for at, fact, section in facts:
        fact_id = fact.get("id")
        if section.key == "frameworks" and isinstance(fact_id, str):
            owner = f"framework '{fact_id}'"
            for label in (fact_id, fact.get("name")):
                if isinstance(label, str):
                    framework_of.setdefault(fold(label), fact_id)
            if isinstance(name := fact.get("name"), str):
                claims.append(((*at, "name"), name, owner))
        elif section.key == "agreements":
            owner = f"the agreements of kind {fact.get('kind')!r}"
        else:
            continue
        names = fact.get("names")
        named = enumerate(names) if isinstance(names, list) else ()
        claims += [((*at, "names", i), name, owner) for i, name in named if isinstance(name, str)]
    owners: dict[str, str] = {}
    found: list[tuple[KeyPath, str]] = []
    looks: Looks = ({}, {})
    for at, name, owner in claims:
        if at[-1] != "name":  # one of `names` (a framework's own name is only compared by looks)
            other = owners.setdefault(fold(name), owner)
            framework = framework_of.get(fold(name))
            if other != owner:
                found.append((at, f"look-up name {name!r} is also used by {other}"))
                continue
            if framework is not None and owner != f"framework '{framework}'":
                found.append((at, f"look-up name {name!r} names framework '{framework}'"))
                continue
        if like := _looks_like(looks, name, owner):
            found.append((at, f"look-up name {name!r} {like}"))
    return found


def _every_fact(partners: list[Any]) -> Iterator[tuple[KeyPath, dict[str, Any], Shape]]:
    for position, partner in enumerate(partners):
        if isinstance(partner, dict):
            yield from _facts(partner, ("partners", position))


def _facts(
    table: dict[str, Any], at: KeyPath, sections: tuple[Shape, ...] | None = None
) -> Iterator[tuple[KeyPath, dict[str, Any], Shape]]:
    """Every fact of a partner (milestones too), with its path and its shape."""
    for section in SECTIONS if sections is None else sections:
        for offset, fact in entries(table, section.key):
            path = (*at, section.key, offset)
            yield path, fact, section
            yield from _facts(fact, path, section.parts)


_PROVENANCE = {"inferred", "source", "qualifiers", "also_quoted"}  # the source's own words
_OWN_IDS = {"areas": "area", "frameworks": "framework id"}  # ids shared across partners


def _inferred_problems(
    fact: dict[str, Any], here: KeyPath, section: Shape, hint: Hint
) -> list[tuple[KeyPath, str]]:
    """Each key of `inferred` must name a field of the fact that the fact gives a value."""
    inferred = fact.get("inferred")
    if not isinstance(inferred, dict):
        return []
    fields = {field.name: field.optional for field in section.fields}
    not_inferable = _PROVENANCE | {part.key for part in section.parts}
    problems: list[tuple[KeyPath, str]] = []
    for key in inferred:
        at = (*here, "inferred", key)
        if key in not_inferable:
            problems.append((at, f"'{key}' cannot be inferred: it is not a value of the fact"))
        elif key not in fields:
            suggestion = hint(key, [name for name in fields if name not in not_inferable])
            problems.append((at, f"{key!r} is not a field of this fact{suggestion}"))
        elif key not in fact and fields[key]:
            problems.append((at, f"{key!r} is inferred but this fact gives no {key!r}"))
    return problems


# The layout that added each key of a fact, and each agreement status.
_ADDED_KEYS = {"inferred": 2, "ongoing": 2, "counterparts": 2, "id": 3, "names": 3, "role_date": 3}
_ADDED_KEYS |= {"qualifiers": 4, "also_quoted": 4, "condition": 4}
_ADDED_STATUSES = {"rounds_held": 3, "not_activated": 4}
_HAD_IDS = {"Framework", "Area"}  # the facts that gave an `id` before layout 3


def _layout_problems(
    raw: dict[str, Any], facts: Iterator[tuple[KeyPath, dict[str, Any], Shape]]
) -> list[tuple[KeyPath, str]]:
    """A file of layout 1 to 3 must not use what a later layout added."""
    meta = raw.get("meta")
    if not isinstance(meta, dict):
        return []
    version = meta.get("schema_version", 1)
    if type(version) is not int or version not in (1, 2, 3):
        return []
    used: dict[str, tuple[KeyPath, int]] = {}  # what is used, quoted: where, and its layout
    if "things" in raw:
        used["'things'"] = (("things",), 4)
    if version == 1 and "source_sha256" in meta:
        used["'source_sha256'"] = (("meta", "source_sha256"), 2)
    for at, fact, section in facts:
        for key in sorted(_ADDED_KEYS.keys() & fact.keys()):
            if _ADDED_KEYS[key] > version and (key != "id" or section.model not in _HAD_IDS):
                used.setdefault(repr(key), ((*at, key), _ADDED_KEYS[key]))
        status = fact.get("status") if section.model == "Agreement" else None
        if isinstance(status, str) and _ADDED_STATUSES.get(status, 0) > version:
            used.setdefault(repr(status), ((*at, "status"), _ADDED_STATUSES[status]))
        if section.model == "Milestone" and version < 4:  # layout 4: undated procedures agreed
            if fact.get("kind") == "procedures_agreed":
                used.setdefault("'procedures_agreed'", ((*at, "kind"), 4))
            if "date" not in fact:
                used.setdefault("a milestone without a date", ((*at, "date"), 4))
    rejects = f"(a version {version} reader rejects it)"
    return [
        (at, f"{what} needs schema_version = {added} in [meta] {rejects}")
        for what, (at, added) in used.items()
    ]


def _lookup_names(partner: dict[str, Any]) -> list[tuple[KeyPath, str]]:
    """The names a partner is looked up by: its own, its aliases, its members'."""
    names: list[tuple[KeyPath, Any]] = [(("id",), partner.get("id"))]
    members = [(("members", n), member) for n, member in entries(partner, "members")]
    for at, table in [((), partner), *members]:
        names += [((*at, field), table.get(field)) for field in ("name", "iso2", "iso3")]
        aliases = table.get("aliases")
        if isinstance(aliases, list):
            names += [((*at, "aliases", i), alias) for i, alias in enumerate(aliases)]
    return [(at, name) for at, name in names if isinstance(name, str)]


def _range_problems(entry: dict[str, Any], here: KeyPath) -> list[tuple[KeyPath, str]]:
    start, end = entry.get("date"), entry.get("end")
    if not isinstance(end, str):
        return []
    if start is None:
        return [((*here, "end"), "'end' given without 'date'")]
    if isinstance(start, str):
        common = min(len(start), len(end))
        if end[:common] < start[:common]:
            return [((*here, "end"), f"end {end!r} is before date {start!r}")]
    return []
