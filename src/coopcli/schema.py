"""The JSON Schema (draft 2020-12) of the dataset file, generated from the Pydantic models.

Every vocabulary becomes an `enum` with its labels alongside, in the keywords editors
read: `enumDescriptions` (VS Code's JSON language service) and `x-taplo` (Taplo, the
engine of Even Better TOML), so that completion shows "in_place — In place".
"""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from coopcli.model import DatasetFile
from coopcli.vocab import VOCABULARIES

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class _LabelledVocabularies(GenerateJsonSchema):
    def literal_schema(self, schema: core_schema.LiteralSchema) -> JsonSchemaValue:
        result = super().literal_schema(schema)
        values = result.get("enum")
        for name, vocabulary in VOCABULARIES.items():
            if values == list(vocabulary):
                labels = [vocabulary[value] for value in values]
                result["enumDescriptions"] = labels
                result["x-taplo"] = {"docs": {"enumValues": labels}}
                result["x-vocabulary"] = name
        return result


def _title_every_field(schema: dict[str, Any]) -> None:
    """Pydantic leaves the title off a field that refers to a model; editors show it."""
    for model in [schema, *schema.get("$defs", {}).values()]:
        for name, field in model.get("properties", {}).items():
            field.setdefault("title", name.replace("_", " ").capitalize())


def dataset_schema() -> dict[str, Any]:
    """The schema of a dataset file, as a JSON-ready dict."""
    generated = DatasetFile.model_json_schema(schema_generator=_LabelledVocabularies)
    _title_every_field(generated)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": "https://coopcli.invalid/schema/countries.schema.json",
        **generated,
        "title": "coop dataset",
        "description": (
            "The EU's cooperation on migration with key third countries: one table per "
            "partner, every fact with the verbatim `source` quote it comes from."
        ),
    }
