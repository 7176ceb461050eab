"""The fast path (no Pydantic) never accepts what the models reject, and when it accepts,
its records are exactly the models' dump: the same values, fields and order.

Fed with the whole broken corpus, every single-field mutation of the strictness tests,
odd values in every field the shipped data uses, and generated edits of real data.
"""

from __future__ import annotations

import copy
import json
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from coopcli import fastpath
from coopcli.factids import with_derived_ids
from coopcli.model import DatasetFile
from coopcli.validation import consistency_problems
from test_strictness import ODD_VALUES, _mutations

from conftest import DATA, TEST_DATA

BROKEN = TEST_DATA / "broken"


def models_dump(raw: dict[str, Any]) -> Any | None:
    """What the full validation makes of `raw`: its dump, or None if it rejects it (a
    file older than layout 3 is validated with its derived ids, as `coop validate` does)."""
    try:
        model = DatasetFile.model_validate(with_derived_ids(raw))
    except ValidationError:
        return None
    return None if consistency_problems(raw) else model.model_dump(mode="json")


def fast_records(raw: dict[str, Any]) -> Any | None:
    """What validation takes without Pydantic (as `validation.validate_bytes` does): the
    fast path's records, for a document without a problem across fields."""
    fast = fastpath.records(copy.deepcopy(raw))
    return None if fast is None or consistency_problems(raw) else fast


def fast_agrees(raw: dict[str, Any]) -> bool:
    """Check the fast path against the models on `raw`; True if it answered."""
    fast = fast_records(raw)
    if fast is None:
        return False
    expected = models_dump(raw)
    assert expected is not None, "the fast path accepted what the models reject"
    # json.dumps keeps the order of keys: the records must list fields as the models do
    assert json.dumps(fast) == json.dumps(expected)
    return True


def load(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_valid_datasets_take_the_fast_path_with_the_models_records() -> None:
    for path in (DATA, TEST_DATA / "minimal.toml"):
        assert fast_agrees(load(path)), path


@pytest.mark.parametrize("name", sorted(p.name for p in BROKEN.iterdir()))
def test_no_broken_file_takes_the_fast_path(name: str) -> None:
    try:
        raw = load(BROKEN / name)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        pytest.skip("not TOML: refused before any validation")
    assert not fast_agrees(raw)


def test_every_strictness_mutation_agrees() -> None:
    answered = sum(fast_agrees(document) for _, document in _mutations())
    assert answered > 20  # the valid mutations (e.g. other visible text) did take it


def _field_paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key)
            yield from _field_paths(item, (*path, key))
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield (*path, position)
            yield from _field_paths(item, (*path, position))


def _pattern(path: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple("#" if isinstance(step, int) else step for step in path)


SHIPPED = load(DATA)
# one path for each kind of field the shipped data has (partners.#.events.#.people.#, ...)
FIELD_KINDS = list({_pattern(path): path for path in _field_paths(SHIPPED)}.values())


def _edited(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    edited = copy.deepcopy(document)
    target = edited
    for step in path[:-1]:
        target = target[step]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return edited


_DELETE = object()


def test_odd_values_in_every_kind_of_field_agree() -> None:
    # each edit is checked on its own partner beside the smallest one (the other partners
    # add nothing to what the edit changes, and the check stays cheap)
    sizes = [len(json.dumps(partner)) for partner in SHIPPED["partners"]]
    smallest = sizes.index(min(sizes))
    answered = 0
    for path in FIELD_KINDS:
        chosen = [smallest]
        if path[0] == "partners" and len(path) > 1:
            chosen = sorted({path[1], smallest})
            path = ("partners", chosen.index(path[1]), *path[2:])
        small = {"meta": SHIPPED["meta"], "partners": [SHIPPED["partners"][i] for i in chosen]}
        # a final newline: Python's `$` matches before one, the models' pattern does not
        for value in [*ODD_VALUES, _DELETE, "2021", "2021\n", "x", "x\n", "TUN\n", 2]:
            answered += fast_agrees(_edited(small, path, value))
    assert answered > 100


json_values = st.recursive(
    st.one_of(
        st.text(max_size=12),
        st.sampled_from(
            ["2021", "2021-02-29", "in_place", "visit", "tunisia", "\u200b", "TN", "TN\n"]
        ),
        st.integers(-3, 3),
        st.integers(2**62, 2**65),
        st.booleans(),
        st.floats(allow_nan=False),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=6,
)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_generated_edits_of_real_data_agree(data: st.DataObject) -> None:
    document = load(TEST_DATA / "minimal.toml")
    for _ in range(data.draw(st.integers(1, 3))):
        paths = list(_field_paths(document))
        if not paths:  # every key was deleted: nothing left to edit
            break
        path = data.draw(st.sampled_from(paths))
        action = data.draw(st.sampled_from(["set", "delete", "add"]))
        if action == "add":  # a sibling key: a known field or not
            key = data.draw(st.sampled_from(["inferred", "ongoing", "role", "extra", "count"]))
            path = (*path[:-1], key) if isinstance(path[-1], str) else path
            document = _edited(document, path, data.draw(json_values))
        elif action == "delete":
            document = _edited(document, path, _DELETE)
        else:
            document = _edited(document, path, data.draw(json_values))
    answered = fast_agrees(document)
    # and it answers whenever the models accept: a fast path that never answered, or
    # gave up on valid data, would fail here
    assert answered == (models_dump(document) is not None)
