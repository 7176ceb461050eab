"""Validate a parsed dataset without Pydantic, when it is valid: the cold path's shortcut.

Importing Pydantic and building coop's models costs several times a whole warm run, yet
most datasets a user loads are valid. This module interprets the committed JSON Schema
(`schema/countries.schema.json`, generated from the models and shipped with coop), adds
the rules the models apply in Python (`coopcli.rules`), and builds the records exactly as
`DatasetFile.model_validate(raw).model_dump(mode="json")` would: the same fields in the
same order, defaults filled in. The checks across fields (duplicate ids...) are
`coopcli.validation`'s, which runs them on what this module accepts: this module sits
below it and imports nothing above the models.

It only ever says "valid, and here are the records" or "not sure". It is stricter than
the models (a bool is not an int, a str must be a str, no coercion at all), so anything
it accepts the models accept too, with the same result; anything else, any schema
keyword it does not know, or any surprise, sends the document to the full Pydantic
validation, which decides and words the problems. Tests hold the two to that.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from coopcli import rules

if TYPE_CHECKING:
    from coopcli.records import DatasetRecord

Check = Callable[[Any], Any]
"""Validates one value and returns its dumped form, or raises `_Unsure`."""


class _Unsure(Exception):
    """The value may be invalid (or this module cannot tell): Pydantic decides."""


class _NotUnderstood(Exception):
    """The schema uses something this module does not interpret."""


_ANNOTATIONS = frozenset(
    {
        "title",
        "description",
        "examples",
        "default",
        "enumDescriptions",
        "x-taplo",
        "x-vocabulary",
        "$comment",
        "role",
        "label",
    }
)
_ROOT_ONLY = frozenset({"$schema", "$id", "$defs"})
_INT64 = (-(2**63), 2**63 - 1)
# Patterns whose meaning is the same in Python's `re`, Rust's `regex` (Pydantic's
# engine) and JSON Schema's ECMA-262 once a final `$` means the very end: anchors,
# ASCII classes (letters, digits, `_`) and ranges, groups and counted repetition.
# Anything else is not understood (`\d`, `\w` and `.` differ between the engines).
_PORTABLE_PATTERN = re.compile(r"\^?[A-Za-z0-9_\[\]\-(){},?*+]*\$?")


class _Compiler:
    def __init__(self, schema: dict[str, Any]) -> None:
        self.definitions: dict[str, Any] = schema.get("$defs", {})
        self.compiled: dict[str, Check] = {}

    def node(self, spec: Any) -> Check:
        if not isinstance(spec, dict):
            raise _NotUnderstood(spec)
        keys = spec.keys() - _ANNOTATIONS
        if "$ref" in keys:
            if keys != {"$ref"}:
                raise _NotUnderstood(spec)
            return self.reference(spec["$ref"])
        if "anyOf" in keys:
            return self.optional(spec, keys)
        kind = spec.get("type")
        if kind == "object":
            return self.table(spec, keys)
        if kind == "array":
            if keys != {"type", "items"}:
                raise _NotUnderstood(spec)
            return _array(self.node(spec["items"]))
        if kind == "string":
            return self.string(spec, keys)
        if kind == "integer":
            return self.integer(spec, keys)
        if kind == "boolean" and keys == {"type"}:
            return _boolean
        raise _NotUnderstood(spec)

    def reference(self, ref: Any) -> Check:
        prefix = "#/$defs/"
        if not isinstance(ref, str) or not ref.startswith(prefix):
            raise _NotUnderstood(ref)
        name = ref.removeprefix(prefix)
        if name not in self.compiled:
            if name not in self.definitions:
                raise _NotUnderstood(ref)
            self.compiled[name] = _unsure  # no recursion in coop's schema: refuse it
            self.compiled[name] = self.node(self.definitions[name])
        return self.compiled[name]

    def optional(self, spec: dict[str, Any], keys: set[str]) -> Check:
        """`X | None`, the only union the models use."""
        alternatives = spec["anyOf"]
        if (
            keys != {"anyOf"}
            or not isinstance(alternatives, list)
            or len(alternatives) != 2
            or alternatives[1] != {"type": "null"}
        ):
            raise _NotUnderstood(spec)
        check = self.node(alternatives[0])
        # TOML has no null, so a value present is never None; the check stays exact.
        return lambda value: None if value is None else check(value)

    def table(self, spec: dict[str, Any], keys: set[str]) -> Check:
        extra = spec.get("additionalProperties")
        if "properties" not in spec:
            if keys != {"type", "additionalProperties"} or not isinstance(extra, dict):
                raise _NotUnderstood(spec)
            return _mapping(self.node(extra))
        if extra is not False or not keys <= {
            "type",
            "properties",
            "required",
            "additionalProperties",
        }:
            raise _NotUnderstood(spec)
        required = set(spec.get("required", []))
        fields: list[tuple[str, Check, bool, Any]] = []
        for name, field in spec["properties"].items():
            has_default = isinstance(field, dict) and "default" in field
            if name in required and has_default:
                raise _NotUnderstood(field)
            if name not in required and not has_default:
                raise _NotUnderstood(field)  # Pydantic would leave it out of the dump
            default = field.get("default") if has_default else None
            if default not in (None, [], False, True) and not isinstance(default, str | int):
                raise _NotUnderstood(field)
            fields.append((name, self.node(field), has_default, default))
        return _table(fields, frozenset(name for name, *_ in fields))

    def string(self, spec: dict[str, Any], keys: set[str]) -> Check:
        if not keys <= {"type", "enum", "pattern", "minLength"}:
            raise _NotUnderstood(spec)
        if "enum" in spec:
            allowed = spec["enum"]
            if keys != {"type", "enum"} or not all(isinstance(v, str) for v in allowed):
                raise _NotUnderstood(spec)
            return _enum(str, frozenset(allowed))
        minimum = spec.get("minLength", 0)
        pattern = spec.get("pattern")
        if not isinstance(minimum, int):
            raise _NotUnderstood(spec)
        search: Callable[[str], Any] | None = None
        rule: Callable[[str], str] | None = None
        if pattern is not None:
            if pattern == rules.TEXT_PATTERN:
                rule = rules.visible
                search = re.compile(pattern).search
            elif isinstance(pattern, str) and _PORTABLE_PATTERN.fullmatch(pattern):
                if pattern == rules.PARTIAL_DATE_PATTERN:
                    rule = rules.real_date
                if pattern.endswith("$"):
                    pattern = pattern[:-1] + r"\Z"
                search = re.compile(pattern).search
            else:
                raise _NotUnderstood(spec)
        return _string(minimum, search, rule)

    def integer(self, spec: dict[str, Any], keys: set[str]) -> Check:
        if keys == {"type", "enum"} and all(type(v) is int for v in spec["enum"]):
            return _enum(int, frozenset(spec["enum"]))
        bounds = (spec.get("minimum", _INT64[0]), spec.get("maximum", _INT64[1]))
        if keys <= {"type", "minimum", "maximum"} and all(type(b) is int for b in bounds):
            return _integer(*bounds)
        raise _NotUnderstood(spec)


def _unsure(value: Any) -> Any:
    raise _Unsure


def _boolean(value: Any) -> Any:
    if type(value) is not bool:
        raise _Unsure
    return value


def _integer(minimum: int, maximum: int) -> Check:
    low, high = max(minimum, _INT64[0]), min(maximum, _INT64[1])

    def check(value: Any) -> Any:
        if type(value) is not int or not low <= value <= high:
            raise _Unsure
        return value

    return check


def _enum(kind: type, allowed: frozenset[Any]) -> Check:
    def check(value: Any) -> Any:
        if type(value) is not kind or value not in allowed:
            raise _Unsure
        return value

    return check


def _string(
    minimum: int, search: Callable[[str], Any] | None, rule: Callable[[str], str] | None
) -> Check:
    def check(value: Any) -> Any:
        if type(value) is not str or len(value) < minimum:
            raise _Unsure
        if search is not None and search(value) is None:
            raise _Unsure
        if rule is not None:
            try:
                rule(value)
            except ValueError:
                raise _Unsure from None
        return value

    return check


def _array(item: Check) -> Check:
    def check(value: Any) -> Any:
        if type(value) is not list:
            raise _Unsure
        return [item(element) for element in value]

    return check


def _mapping(item: Check) -> Check:
    def check(value: Any) -> Any:
        if type(value) is not dict:
            raise _Unsure
        return {key: item(element) for key, element in value.items()}

    return check


def _table(fields: list[tuple[str, Check, bool, Any]], allowed: frozenset[str]) -> Check:
    def check(value: Any) -> Any:
        if type(value) is not dict or not allowed.issuperset(value):
            raise _Unsure
        result: dict[str, Any] = {}
        for name, field, has_default, default in fields:
            if name in value:
                result[name] = field(value[name])
            elif has_default:
                result[name] = [] if default == [] else default
            else:
                raise _Unsure
        return result

    return check


_schema_cache: list[dict[str, Any] | None] = []
_checker_cache: list[Check | None] = []


def committed_schema() -> dict[str, Any] | None:
    """The JSON Schema shipped with coop, or None if it cannot be read."""
    if not _schema_cache:
        from coopcli.shipped import schema_path

        try:
            loaded = json.loads(schema_path().read_bytes())
        except (OSError, ValueError):
            loaded = None
        _schema_cache.append(loaded if isinstance(loaded, dict) else None)
    return _schema_cache[0]


def _checker() -> Check | None:
    if not _checker_cache:
        schema = committed_schema()
        try:
            root = {k: v for k, v in (schema or {}).items() if k not in _ROOT_ONLY}
            checker = None if schema is None else _Compiler(schema).node(root)
        except _NotUnderstood:
            checker = None
        _checker_cache.append(checker)
    return _checker_cache[0]


def records(raw: dict[str, Any]) -> DatasetRecord | None:
    """The validated records of a parsed dataset, exactly as the models would dump them
    (the facts of a file older than layout 3 with their derived ids), or None when the
    dataset may be invalid: the full validation must then decide."""
    checker = _checker()
    if checker is None:
        return None
    from coopcli.factids import with_derived_ids

    try:
        result = checker(with_derived_ids(raw))
    except _Unsure:
        return None
    except Exception:  # a surprise is never an answer: let Pydantic decide
        return None
    return cast("DatasetRecord", result)
