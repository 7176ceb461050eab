"""The vocabularies, the validated record shapes and their documentation agree."""

from __future__ import annotations

from typing import get_type_hints

import pytest
from pydantic import BaseModel

from coopcli import model, records, vocab

# The records that are TypedDicts (the rest are plain dicts): what mypy checks.
MODELS_AND_RECORDS = [
    (model.Partner, records.PartnerRecord),
    (model.DatasetFile, records.DatasetRecord),
]


def test_every_vocabulary_label_is_words() -> None:
    assert all(label.strip() for v in vocab.VOCABULARIES.values() for label in v.values())


def test_the_fixed_vocabularies_of_the_contract() -> None:
    assert list(vocab.AGREEMENT_STATUSES) == [
        "mandate",
        "negotiating",
        "agreed",
        "in_place",
        "on_hold",
        "rounds_held",
        "not_activated",
    ]
    assert list(vocab.AGREEMENT_KINDS) == [
        "readmission",
        "visa_facilitation",
        "mobility_partnership",
        "common_agenda",
        "return_procedures",
        "joint_declaration",
        "statement",
        "admission_scheme",
    ]
    assert list(vocab.AREAS) == [
        "protection",
        "governance",
        "irregular_migration",
        "smuggling",
        "trafficking",
        "border_management",
        "return_readmission",
        "legal_migration",
        "root_causes",
        "asylum",
        "displacement",
        "data",
        "search_rescue",
        "resettlement",
        "awareness",
    ]


@pytest.mark.parametrize(("pydantic_model", "record"), MODELS_AND_RECORDS)
def test_records_mirror_the_models_field_for_field(
    pydantic_model: type[BaseModel], record: type
) -> None:
    assert list(get_type_hints(record)) == list(pydantic_model.model_fields)


def test_every_vocabulary_that_derives_from_another_stays_in_step() -> None:
    assert list(vocab.STATUS_COLOURS) == list(vocab.AGREEMENT_STATUSES)
    assert list(vocab.TIMELINE_KINDS) == [*vocab.EVENT_KINDS, *vocab.MILESTONE_KINDS]
    assert set(vocab.FRAMEWORK_GROUP_KINDS) == {*vocab.FRAMEWORK_KINDS, "agreement"}
    assert set(vocab.FRAMEWORK_AGREEMENT_KINDS) <= set(vocab.AGREEMENT_KINDS)
    assert list(vocab.SEARCH_SECTIONS)[1:] == [
        name for name in records.PartnerRecord.__annotations__ if name in vocab.SEARCH_SECTIONS
    ]
