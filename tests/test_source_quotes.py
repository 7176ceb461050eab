"""Every fact's quote is verbatim, and together the quotes cover the whole source.

The proof is `coopcli.proof`, the code `coop validate --source` runs; the check that each
quote lies in its own partner's paragraph is a test of the shipped edition only.
"""

from __future__ import annotations

import tomllib

from coopcli.proof import coverage, missing_quotes, normalise, partner_sections, quotes

from conftest import DATA


def test_every_quote_is_verbatim_in_the_source(source_text: str) -> None:
    document = tomllib.loads(DATA.read_text(encoding="utf-8"))
    assert len(list(quotes(document))) > 150
    assert missing_quotes(document, source_text) == []


def test_every_quote_comes_from_its_own_partners_paragraph(source_text: str) -> None:
    document = tomllib.loads(DATA.read_text(encoding="utf-8"))
    sections = partner_sections(source_text, [p["name"] for p in document["partners"]])
    assert len(sections) == len(document["partners"]) == 14
    misplaced = [
        (partner["id"], path, quote)
        for partner in document["partners"]
        for path, quote in quotes(partner)
        if normalise(quote) not in sections[partner["name"]]
    ]
    assert misplaced == []


def test_every_fact_of_the_source_is_quoted_somewhere(source_text: str) -> None:
    """Each character some quote covers is marked; what is left must be headers, glue, or
    a phrase the paragraph repeats that one of the same partner's quotes already holds."""
    document = tomllib.loads(DATA.read_text(encoding="utf-8"))
    measured = coverage(document, source_text)
    assert measured.uncovered == []
    assert measured.share == 1.0


def test_coverage_is_measured_character_by_character() -> None:
    text = "Land  One visited. Cooperation on data; and returns. An unquoted sentence here."
    document = {
        "meta": {"title": "T"},
        "partners": [
            {"name": "Land", "facts": [{"source": "One visited."}, {"source": "returns."}]},
            {"name": "Other", "facts": [{"source": "Cooperation on data"}]},
        ],
    }
    measured = coverage(document, text)
    assert measured.uncovered == [" An unquoted sentence here."]
    assert round(measured.share, 4) == round(1 - 27 / len(normalise(text)), 4)


def test_meta_names_the_source_file_and_its_title(source_text: str) -> None:
    document = tomllib.loads(DATA.read_text(encoding="utf-8"))
    assert source_text.startswith(document["meta"]["title"])
    assert (
        document["meta"]["source_file"] == "eu-migration-cooperation-key-third-countries-2021.txt"
    )
