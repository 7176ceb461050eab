"""`coop schema`: the JSON Schema of the dataset file, for editors and validators."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from typing import Any

import jsonschema

from conftest import DATA, REPO, Run

SCHEMA = REPO / "schema" / "countries.schema.json"


def properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for model_name, model in schema["$defs"].items():
        for field, spec in model["properties"].items():
            yield f"{model_name}.{field}", spec
    for field, spec in schema["properties"].items():
        yield field, spec


def test_schema_is_draft_2020_12_with_a_title_and_description_on_every_field(run: Run) -> None:
    schema = json.loads(run("schema").stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    for name, spec in properties(schema):
        assert spec.get("title") and spec.get("description"), name
    for model in schema["$defs"].values():
        assert model.get("description")


def test_schema_vocabularies_are_enums_with_labels(run: Run) -> None:
    schema = json.loads(run("schema").stdout)
    status = schema["$defs"]["Agreement"]["properties"]["status"]
    assert status["enum"] == [
        "mandate",
        "negotiating",
        "agreed",
        "in_place",
        "on_hold",
        "rounds_held",
        "not_activated",
    ]
    assert status["enumDescriptions"][3] == "In place"
    assert status["x-taplo"]["docs"]["enumValues"] == status["enumDescriptions"]
    area = schema["$defs"]["Area"]["properties"]["id"]
    assert "search_rescue" in area["enum"] and "Search and rescue" in area["enumDescriptions"]


def test_committed_schema_is_in_sync_with_the_models(run: Run) -> None:
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == json.loads(run("schema").stdout), (
        "run: python -m coopcli.generate"
    )


def test_dataset_names_its_schema_for_editors() -> None:
    first_line = DATA.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "#:schema ../schema/countries.schema.json"
    assert (DATA.parent / first_line.split(" ", 1)[1]).resolve() == SCHEMA.resolve()


def test_shipped_dataset_validates_against_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    document = tomllib.loads(DATA.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(document)) == []
    document["partners"][1]["agreements"][0]["status"] = "signed"
    document["partners"][0]["stauts"] = "x"
    assert len(list(validator.iter_errors(document))) == 2
