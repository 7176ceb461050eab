"""The JSON Schema (draft 2020-12) of the dataset file, generated from the Pydantic models.

Every vocabulary becomes an `enum` with its labels alongside, in the keywords editors
read: `enumDescriptions` (VS Code's JSON language service) and `x-taplo` (Taplo, the
engine of Even Better TOML), so that completion shows "in_place — In place". Each kind
of fact carries its `Section` as `x-section`, and the schema the CSV export's columns as
`x-csv-columns`: what `coopcli.shape` reads at run time.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from coopcli import model as models
from coopcli.model import DatasetFile
from coopcli.shipped import schema_path
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


def _attribute_docstrings() -> dict[str, dict[str, str]]:
    """Each model's field docstrings, by model and field (Pydantic's
    `use_attribute_docstrings`, read here only, at build time)."""
    import ast
    import inspect

    found: dict[str, dict[str, str]] = {}
    for node in ast.parse(inspect.getsource(models)).body:
        if isinstance(node, ast.ClassDef):
            found[node.name] = {
                field.target.id: inspect.cleandoc(doc.value.value)
                for field, doc in zip(node.body, node.body[1:], strict=False)
                if isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(doc, ast.Expr)
                and isinstance(doc.value, ast.Constant)
                and isinstance(doc.value.value, str)
            }
    return found


def _describe_and_title_every_field(schema: dict[str, Any]) -> None:
    """Give each field its docstring as description, and a title: Pydantic leaves it off
    a field that refers to a model; editors show it."""
    docstrings = _attribute_docstrings()
    for model_name, model in [("DatasetFile", schema), *schema.get("$defs", {}).items()]:
        for name, field in model.get("properties", {}).items():
            field.setdefault("title", name.replace("_", " ").capitalize())
            if name in docstrings.get(model_name, {}):
                field.setdefault("description", docstrings[model_name][name])
            model["properties"][name] = dict(sorted(field.items()))


_CSV_PLACE = {"country", "country_name", "region", "section", "path", "fact"}
"""The CSV columns that are no field: the partner and where the fact lies."""


def _csv_columns(definitions: dict[str, Any]) -> list[str]:
    """The committed schema's columns in their order (a contract), then one for each new
    field of a fact."""
    try:
        columns: list[str] = json.loads(schema_path().read_bytes())["x-csv-columns"]
    except (OSError, ValueError, KeyError):
        raise SystemExit(f"{schema_path()} is unreadable: restore it (git checkout)") from None
    fields = [
        name
        for definition in definitions.values()
        if "x-section" in definition
        for name, spec in definition["properties"].items()
        if "$ref" not in spec.get("items", {})
    ]
    gone = set(columns) - set(fields) - _CSV_PLACE
    if gone:
        raise SystemExit(f"the CSV columns {sorted(gone)} have no field any more (a contract)")
    return columns + [name for name in dict.fromkeys(fields) if name not in columns]


def dataset_schema() -> dict[str, Any]:
    """The schema of a dataset file, as a JSON-ready dict."""
    generated = DatasetFile.model_json_schema(schema_generator=_LabelledVocabularies)
    _describe_and_title_every_field(generated)
    for name, definition in generated["$defs"].items():
        section: models.Section | None = getattr(getattr(models, name), "section", None)
        if section is not None:
            diff = section.diff._asdict() if section.diff else None
            definition["x-section"] = {**section._asdict(), "diff": diff}
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": "https://coopcli.invalid/schema/countries.schema.json",
        **generated,
        "title": "coop dataset",
        "description": (
            "The EU's cooperation on migration with key third countries: one table per "
            "partner, every fact with the verbatim `source` quote it comes from."
        ),
        "x-csv-columns": _csv_columns(generated["$defs"]),
    }
