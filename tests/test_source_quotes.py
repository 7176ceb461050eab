"""Every fact's quote is verbatim, and together the quotes cover the whole source.

The proof is `coopcli.proof`, the code `coop validate --source` runs; the check that each
quote lies in its own partner's paragraph is a test of the shipped edition only.
"""

from __future__ import annotations

import tomllib

from coopcli.proof import coverage, missing_quotes, normalise, quotes, section_starts

from conftest import DATA


def partner_sections(source_text: str, names: list[str]) -> dict[str, str]:
    """The normalised source split at each partner's heading (names it lacks get none)."""
    text = normalise(source_text)
    starts = section_starts(text, names)
    ends = [start for start, _ in starts[1:]] + ([len(text)] if starts else [])
    return {name: text[start:end] for (start, name), end in zip(starts, ends, strict=True)}


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


# --- linear in the text: sizes that a quadratic proof would take hours over ----------
# No timing is asserted: each case is some 100 to 1,000 times the size at which the
# quadratic proof of 0.3 took seconds (40,000 dots: 8 s), so a return to it would not
# finish, while the linear proof takes a fraction of a second.

_LAND = {"meta": {"title": "T"}, "partners": [{"name": "Land", "facts": []}]}


def test_a_run_of_punctuation_before_a_word_is_judged_in_linear_time() -> None:
    text = "." * 4_000_000 + " word"
    measured = coverage(_LAND, text)
    assert measured.uncovered == [text]
    lines = ". , ; : ( )\n" * 100_000
    assert coverage(_LAND, lines + "word" + lines).uncovered == [normalise(lines + "word" + lines)]
    assert coverage(_LAND, lines).uncovered == []  # punctuation alone is glue


def test_a_quote_that_overlaps_itself_marks_a_long_run_in_linear_time() -> None:
    """A quote of 100,000 dots occurs at each of 3,900,001 places of 4,000,000 dots:
    marked one place at a time, that was 4 * 10**11 writes."""
    facts = [{"source": "." * 100_000}, {"source": "ab" * 50_000}]
    document = {"meta": {"title": "T"}, "partners": [{"name": "Land", "facts": facts}]}
    text = "Land " + "." * 4_000_000 + " x " + "ab" * 2_000_000 + "a"
    # the last "a" is a phrase the partner's own quote holds
    assert coverage(document, text).uncovered == [" x "]


def test_glue_is_punctuation_around_at_most_one_connecting_word() -> None:
    document = {
        "meta": {"title": "T"},
        "partners": [{"name": "Land", "facts": [{"source": "One visited."}, {"source": "Two."}]}],
    }
    for glue, uncovered in [
        (" ; (and) ", False),
        (" & as well as on: ", False),
        (", including ", False),
        (" with & ", True),  # `&` only before the word
        (" and and ", True),
        (" . x . ", True),
    ]:
        measured = coverage(document, f"Land One visited.{glue}Two.")
        assert bool(measured.uncovered) is uncovered, glue
