"""`coop validate` is at least as strict as the committed JSON Schema.

Each broken file of the corpus, and each of many single-field mutations of a valid
dataset, that the schema rejects must fail `coop validate` too (exit 1).
"""

from __future__ import annotations

import copy
import json
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import jsonschema
import pytest
import tomli_w

from coopcli.factids import with_derived_ids

from conftest import REPO, Run

DATA = Path(__file__).parent / "data"
SCHEMA = json.loads((REPO / "schema" / "countries.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

ODD_VALUES: list[Any] = [
    "yes",
    "",
    " ",
    "\u200b",
    "\u2067\u2069",
    "٢٠٢١",
    "\uff12\uff10\uff12\uff11-05",  # full-width digits
    "2021-02-30",
    "2021-5",
    1,
    1.0,
    0,
    True,
    [],
    ["x"],
    {"x": 1},
]


def _schema_rejects(document: Any) -> bool:
    return any(True for _ in VALIDATOR.iter_errors(document))


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        for position, item in enumerate(value):
            yield from _leaves(item, (*path, position))
    else:
        yield path


def _base() -> dict[str, Any]:
    """The minimal dataset in layout 3 (every fact with its id), the schema's layout,
    with a field added where the model has a default (planned, count, schema_version)."""
    base = tomllib.loads((DATA / "minimal.toml").read_text(encoding="utf-8"))
    base["partners"][0]["events"][0]["planned"] = False
    base["partners"][0]["agreements"][0]["milestones"] = [
        {"kind": "negotiations", "date": "2021", "count": 2, "source": "x"}
    ]
    base = copy.deepcopy(with_derived_ids(base))
    base["meta"]["schema_version"] = 3
    return cast("dict[str, Any]", base)


def _mutations() -> Iterator[tuple[str, dict[str, Any]]]:
    """The minimal dataset (`_base`) with one field set to one odd value."""
    base = _base()
    for path in _leaves(base):
        for value in ODD_VALUES:
            document = copy.deepcopy(base)
            target = document
            for step in path[:-1]:
                target = target[step]
            target[path[-1]] = value
            yield f"{'.'.join(map(str, path))}={value!r}", document


def test_the_base_of_the_mutations_is_valid_for_both(run: Run, tmp_path: Path) -> None:
    base = _base()
    assert not _schema_rejects(base)
    path = tmp_path / "base.toml"
    path.write_text(tomli_w.dumps(base), encoding="utf-8")
    run("validate", str(path))
    run("validate", str(DATA / "minimal.toml"))  # layout 1, which the schema no longer is


def test_whatever_the_schema_rejects_validate_rejects(run: Run, tmp_path: Path) -> None:
    rejected = []
    for number, (name, document) in enumerate(_mutations()):
        if not _schema_rejects(document):
            continue
        rejected.append(name)
        path = tmp_path / f"mutation-{number}.toml"
        path.write_text(tomli_w.dumps(document), encoding="utf-8")
        try:
            run("validate", str(path), code=1)
        except AssertionError as error:
            raise AssertionError(f"the schema rejects {name}, validate does not") from error
    # the test means something only if the schema rejects many of them, among them
    # the ones validate used to accept (not `schema_version = 1.0`: JSON Schema counts
    # 1.0 as an integer; validate, stricter, refuses it, see the broken files)
    assert len(rejected) > 300, len(rejected)
    for known in (
        "partners.0.events.0.planned='yes'",
        "partners.0.events.0.date='٢٠٢١'",
        "partners.0.events.0.date='\uff12\uff10\uff12\uff11-05'",
    ):
        assert known in rejected, known


@pytest.mark.parametrize("name", sorted(p.name for p in (DATA / "broken").iterdir()))
def test_every_broken_file_the_schema_rejects_fails_validate(run: Run, name: str) -> None:
    path = DATA / "broken" / name
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        pytest.skip("not TOML the schema can judge")
    if not _schema_rejects(document):
        pytest.skip("the schema cannot tell (a rule validate adds)")
    run("validate", str(path), code=1)
