"""One description of a fact: the models. The schema and the compiled data are generated
from them (a stale copy fails here); the run time walks `coopcli.shape`, read from the schema."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import get_args

import pytest
from pydantic import BaseModel

from coopcli import model, shape, vocab
from coopcli.generate import generated_files

from conftest import REPO


def test_the_generated_files_are_what_the_models_generate() -> None:
    for path, text in generated_files(REPO).items():  # whether or not coop runs from it
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.relative_to(REPO)} is stale: run python -m coopcli.generate"
        )


def _every_section() -> list[tuple[shape.Shape, type[BaseModel]]]:
    found = []

    def visit(sections: tuple[shape.Shape, ...]) -> None:
        for section in sections:
            found.append((section, getattr(model, section.model)))
            visit(section.parts)

    visit(shape.SECTIONS)
    return found


def test_the_registry_holds_every_list_of_facts_of_the_models() -> None:
    """A partner's sections are its lists of models with a quote; an agreement's
    milestones are a section inside it."""
    partner_lists = [
        name
        for name, info in model.Partner.model_fields.items()
        if (args := get_args(info.annotation))
        and isinstance(args[0], type)
        and issubclass(args[0], BaseModel)
        and "source" in args[0].model_fields
    ]
    assert [section.key for section in shape.SECTIONS] == partner_lists
    assert partner_lists == ["frameworks", "agreements", "events", "areas", "agencies", "notes"]
    assert [(s.key, s.model) for s, _ in _every_section()][2] == ("milestones", "Milestone")
    assert sorted(shape.CARD_ORDER) == sorted(partner_lists)


@pytest.mark.parametrize(("section", "pydantic_model"), _every_section(), ids=lambda v: "")
def test_each_section_knows_its_models_fields_label_heading_and_search(
    section: shape.Shape, pydantic_model: type[BaseModel]
) -> None:
    assert [field.name for field in section.fields] == list(pydantic_model.model_fields)
    for field in section.fields:
        info = pydantic_model.model_fields[field.name]
        assert field.optional == (not info.is_required() and info.default is None)
        if not info.is_required():
            assert field.default == info.default
    assert section.label and set(section.search) <= {field.name for field in section.fields}
    assert "source" in section.search
    top_level = section in shape.SECTIONS
    assert bool(section.heading) == top_level


def test_the_registry_imports_only_the_built_schema() -> None:
    """`coopcli.shape` reads the schema as built: no Pydantic, no `json`, nothing else."""
    code = "import typing, coopcli; import coopcli.shape; coopcli.shape.SECTIONS"
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, check=True
    )
    names = [line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines()]
    after = names[names.index("coopcli") + 1 :]
    assert set(after) <= {"__future__", "coopcli._built", "coopcli.shape"}, after


SECTION_NAMES = [section.key for section in shape.SECTIONS]
# A fact of each section in words (`columns.WORDS`), the card and the page show each
# section with code of its own, looked up by name (a test below checks that each section
# has one); the models spell the sections once.
SPELLED_OUT_ON_PURPOSE = {"model.py", "columns.py", "cards.py", "report.py"}


def test_no_other_module_spells_out_the_list_of_sections() -> None:
    """No four section names within a few lines of each other: a list of the sections,
    or a walk through them by hand (a query that reads some sections is fine)."""
    pattern = re.compile("|".join(f'"{name}"' for name in SECTION_NAMES))
    for path in sorted((REPO / "src" / "coopcli").rglob("*.py")):
        if path.name in SPELLED_OUT_ON_PURPOSE:
            continue
        text = path.read_text(encoding="utf-8")
        found = [(match.start(), match.group()) for match in pattern.finditer(text)]
        for n, (start, _) in enumerate(found):
            near = {name for at, name in found[n:] if at - start < 400}
            line = text.count("\n", 0, start) + 1
            assert len(near) < 4, f"{path.relative_to(REPO)}:{line} walks the sections {near}"


def test_the_registrys_change_ids_are_coop_diffs_vocabulary() -> None:
    """`vocab.CHANGE_KINDS` (a public vocabulary) holds exactly the change ids the
    sections declare, and the partner's own two; each kind of fact has three of its own."""
    declared = [
        change
        for section, _ in _every_section()
        for change in (*section.changes, *(change for _, change in section.change_fields))
    ]
    assert all(all(section.changes) for section, _ in _every_section())
    assert len(declared) == len(set(declared))
    assert {"partner_added", "partner_removed", *declared} == set(vocab.CHANGE_KINDS)


def test_coop_diff_walks_every_kind_of_fact_in_0_3s_order_first() -> None:
    assert sorted(shape.DIFF_ORDER) == sorted(section.key for section, _ in _every_section())
    assert [key for key in shape.DIFF_ORDER if key in ("agreements", "areas", "events")] == [
        "agreements",
        "areas",
        "events",
    ]
    for section, _ in _every_section():
        names = {field.name for field in section.fields}
        assert section.headline in names
        assert section.subject.removeprefix("label:") in names
        assert {field for field, _ in section.change_fields} <= names


def test_the_card_orders_every_section_and_hides_fields_of_known_ones_only() -> None:
    from coopcli.render import cards

    assert set(cards.HIDDEN) <= set(shape.CARD_ORDER)
    assert sorted(shape.CARD_ORDER) == sorted(section.key for section in shape.SECTIONS)


def test_every_field_of_a_fact_has_a_known_role_and_a_label() -> None:
    fields = [field for section in shape.EVERY_SECTION.values() for field in section.fields]
    assert {field.role for field in fields} <= set(vocab.ROLES)
    assert {field.name: field.role for field in fields if field.role in ("id", "quote")} == {
        "id": "id",
        "source": "quote",
    }
    event = shape.SECTION["events"]
    assert event.field("counterparts").label == "Met with"
    assert event.field("people").label == "People"
    assert shape.SECTION["frameworks"].field("role_date").role == "detail"
