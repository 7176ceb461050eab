"""Every fact's quote is verbatim in its own partner's part of the source, and together
the quotes cover the whole source, each part by its own partner's quotes.

The proof is `coopcli.proof`, the code `coop validate --source` runs (its command line
is tested in tests/test_proof_by_partner.py)."""

from __future__ import annotations

import tomllib
from typing import Any

from coopcli.proof import coverage, normalise, prove, quotes, split_parts

from conftest import DATA


def partner_sections(source_text: str, names: list[str]) -> dict[str, str]:
    """The normalised source split where each name in turn is next found (names it lacks
    get none): each partner's paragraph, for tests that read the shipped text whole
    (`test_each_partners_part_starts_at_its_name_heading_a_paragraph` holds it to the
    proof's own parts)."""
    text, starts, position = normalise(source_text), [], 0
    for name in names:
        if (found := text.find(name + " ", position)) != -1:
            starts.append((found, name))
            position = found
    ends = [start for start, _ in starts[1:]] + ([len(text)] if starts else [])
    return {name: text[start:end] for (start, name), end in zip(starts, ends, strict=True)}


def _shipped() -> dict[str, Any]:
    return tomllib.loads(DATA.read_text(encoding="utf-8"))


def test_each_partners_part_starts_at_its_name_heading_a_paragraph(source_text: str) -> None:
    document = _shipped()
    title = document["meta"]["title"]
    text, parts = split_parts(source_text, document["partners"], title)
    found = [part for part in parts if part]
    assert [text[part.start : part.body] for part in found] == [
        partner["name"] for partner in document["partners"]
    ]  # "Western Balkans" too, which the source writes over two lines
    assert text[: found[0].start] == title + " "  # belongs to none
    assert [part.end for part in found] == [part.start for part in found[1:]] + [len(text)]
    names = [partner["name"] for partner in document["partners"]]
    sections = partner_sections(source_text, names)  # where each name is next found
    assert [text[part.start : part.end] for part in found] == list(sections.values())


def test_every_quote_is_proven_in_its_own_partners_part(source_text: str) -> None:
    document = _shipped()
    assert len(list(quotes(document))) > 150
    text = DATA.read_text(encoding="utf-8")
    assert prove(document, source_text, text, "data", "source").problems == []


def test_every_part_is_covered_by_its_own_partners_quotes(source_text: str) -> None:
    """Until its fact quotes it (helper D's data), Afghanistan's second "integrated border
    management;" is the one passage left: Nigeria's quote covered it in 0.4."""
    measured = coverage(_shipped(), source_text)
    assert measured.uncovered == []  # outside every part: the title alone
    left = {(p, passage) for p, c in measured.by_partner.items() for passage in c.uncovered}
    assert left <= {("afghanistan", "; integrated border management; ")}


def _document(*partners: tuple[str, list[str]], title: str = "T") -> dict[str, Any]:
    return {
        "meta": {"title": title},
        "partners": [
            {"id": name.lower(), "name": name, "facts": [{"source": q} for q in quoted]}
            for name, quoted in partners
        ],
    }


def test_coverage_is_measured_character_by_character_in_each_part() -> None:
    text = "T\nLand  One visited. Cooperation on data; and returns. An unquoted sentence here."
    document = _document(("Land", ["One visited.", "returns."]), ("Other", ["Cooperation on data"]))
    measured = coverage(document, text)
    land = measured.by_partner["land"]
    # another partner's quote covers nothing of this part
    assert land.uncovered == [" Cooperation on data; and ", " An unquoted sentence here."]
    assert land.share == 1 - 53 / len(normalise(text)[2:])
    assert measured.by_partner["other"] == (0.0, [], {})
    assert measured.share == 1 - 53 / len(normalise(text))


def _problems(document: dict[str, Any], text: str) -> list[str]:
    report = prove(document, text, "", "data.toml", "src.txt")
    return [f"{problem.where}: {problem.what}" for problem in report.problems]


def test_a_quote_under_the_wrong_partner_is_refused_naming_where_it_is() -> None:
    text = "Title\n\nLand  One visited.\n\nOther  Two met.\n"
    document = _document(
        ("Land", ["Two met.", "Title", "Nowhere."]), ("Other", ["Two met."]), title="Title"
    )
    assert _problems(document, text) == [
        "land.facts[0].source: quote not in Land's part of src.txt: found in Other's part",
        "land.facts[1].source: quote not in Land's part of src.txt: found before every part",
        "land.facts[2].source: quote not found in src.txt",
    ]
    assert coverage(document, text).by_partner["land"].uncovered == [" One visited. "]


def test_a_name_heads_a_paragraph_where_it_begins_a_sentence() -> None:
    """After the title or a sentence's end, not in a sentence; an alias heads too, a
    name may run over lines, the longest name wins, a partner's first place counts."""
    text = (
        "Title\nLand one, then Other mid-sentence. South\n\nOther Land  Two. Other  Three! L. Four."
    )
    partners = [
        {"id": "land", "name": "Land", "facts": [{"source": "one, then Other mid-sentence."}]},
        {"id": "south", "name": "South Other Land", "facts": [{"source": "Two."}]},
        {
            "id": "other",
            "name": "Other",
            "aliases": ["L."],
            "facts": [{"source": "Three! L. Four."}],
        },
    ]
    document = {"meta": {"title": "Title"}, "partners": partners}
    normalised, parts = split_parts(text, partners, "Title")
    assert [normalised[p.start : p.body] for p in parts if p] == [
        "Land", "South Other Land", "Other"
    ]  # fmt: skip
    assert _problems(document, text) == []
    partners[2] |= {"name": "Nobody", "aliases": []}
    assert _problems(document, text) == [
        "other.name: heads no paragraph of src.txt (docs/data.md, Proving quotes)",
        "other.facts[0].source: quote not in Nobody's part of src.txt: "
        "found in South Other Land's part",
    ]
    assert coverage(document, text).by_partner["other"] == (0.0, [], {})


# --- linear in the text: sizes that a quadratic proof would take hours over ----------
# No timing is asserted: each case is some 100 to 1,000 times the size at which the
# quadratic proof of 0.3 took seconds (40,000 dots: 8 s), so a return to it would not
# finish, while the linear proof takes a fraction of a second. Many partners over a
# large text: tests/test_proof_by_partner.py.

_LAND = _document(("Land", []))


def test_a_run_of_punctuation_before_a_word_is_judged_in_linear_time() -> None:
    text = "Land\n" + "." * 4_000_000 + " word"
    assert coverage(_LAND, text).by_partner["land"].uncovered == [" " + text[5:]]
    lines = ". , ; : ( )\n" * 100_000
    measured = coverage(_LAND, "Land\n" + lines + "word" + lines)
    assert measured.by_partner["land"].uncovered == [" " + normalise(lines + "word" + lines)]
    assert coverage(_LAND, "Land\n" + lines).by_partner["land"].uncovered == []  # glue


def test_a_quote_that_overlaps_itself_marks_a_long_run_in_linear_time() -> None:
    """A quote of 100,000 dots occurs at each of 3,900,001 places of 4,000,000 dots:
    marked one place at a time, that was 4 * 10**11 writes."""
    document = _document(("Land", ["." * 100_000, "ab" * 50_000]))
    text = "Land " + "." * 4_000_000 + " x " + "ab" * 2_000_000 + "a"
    assert coverage(document, text).by_partner["land"].uncovered == [" x ", "a"]


def test_glue_is_punctuation_around_at_most_one_connecting_word() -> None:
    document = _document(("Land", ["One visited.", "Two."]))
    for glue, uncovered in [
        (" ; (and) ", False),
        (" & as well as on: ", False),
        (", including ", False),
        (" with & ", True),  # `&` only before the word
        (" and and ", True),
        (" . x . ", True),
    ]:
        measured = coverage(document, f"Land One visited.{glue}Two.")
        assert bool(measured.by_partner["land"].uncovered) is uncovered, glue


def test_meta_names_the_source_file_and_its_title(source_text: str) -> None:
    document = _shipped()
    assert source_text.startswith(document["meta"]["title"])
    assert (
        document["meta"]["source_file"] == "eu-migration-cooperation-key-third-countries-2021.txt"
    )
