"""Human views fit the width they are given: they change layout rather than cut a
number, an id or a word, and wrapped lines keep their indent."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from coopcli import vocab

from conftest import TEST_DATA, Run


def lines_of(out: str) -> list[str]:
    return out.rstrip("\n").split("\n")


@pytest.mark.parametrize("columns", [60, 80, 100, 140])
def test_the_areas_view_never_cuts_a_number_or_an_id(run: Run, columns: int) -> None:
    matrix = run.json("areas")
    out = run("areas", env={"COLUMNS": str(columns), "COOP_FORCE_TTY": "1"}).stdout
    assert max(len(line) for line in lines_of(out)) <= columns
    assert "\u2026" not in out
    for row in matrix:
        assert re.search(rf"^{row['id']} ", out, re.MULTILINE), row["id"]
    total = sum(len(row["countries"]) for row in matrix)
    assert re.search(rf"^All areas\s.*\b{total}$", out, re.MULTILINE)
    codes = re.findall(r"\b([A-Z]{2,3})\s+[A-Z][a-z]", out.split("Partners (areas):")[-1])
    assert len(codes) == len(set(codes)) == 14


def test_the_areas_list_layout_gives_each_partner_with_its_count(run: Run) -> None:
    out = run("areas", env={"COLUMNS": "60", "COOP_FORCE_TTY": "1"}).stdout
    assert re.search(r"^search_rescue\s+2\s+LBY NER$", out, re.MULTILINE)
    assert "TUN Tunisia (5)" in out and "TUR Turkey (7)" in out


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_a_timeline_row_starts_a_line_and_never_splits_a_title_word(run: Run, columns: int) -> None:
    rows = run.json("timeline")
    out = run("timeline", env={"COLUMNS": str(columns), "COOP_FORCE_TTY": "1"}).stdout
    body = lines_of(out.split("* inferred")[0].split("Codes:")[0])[1:]  # below the header
    header = lines_of(out)[0]
    partner = header.index("Code") if "Code" in header else header.index("Partner")
    starts = [
        line for line in body if line[partner : partner + 1].strip()
    ]  # a row names its partner
    assert len(starts) == len(rows)
    assert max(len(line) for line in body) <= columns
    said = [json.dumps(row, ensure_ascii=False) for row in rows] + ["with", "planned"]
    words = set(re.findall(r"[\w-]+", " ".join([*said, *vocab.TIMELINE_KINDS.values()])))
    what = header.index("What")
    for line in body:  # a title's (and a name's) words are never split across lines
        cell = re.findall(r"[\w-]+", line[what:])
        if cell:
            assert cell[-1] in words and cell[0] in words, line


def test_a_wide_terminal_gets_the_timeline_as_a_table(run: Run) -> None:
    out = run("timeline", env={"COLUMNS": "220", "COOP_FORCE_TTY": "1"}).stdout
    # who took part goes under What, the kind in its column where that costs no line
    assert lines_of(out)[0].split() == ["Date", "Partner", "Kind", "What"]


@pytest.mark.parametrize("columns", [60, 80])
def test_compare_never_splits_a_word(run: Run, columns: int) -> None:
    partners = ["morocco", "tunisia", "nigeria"]
    out = run("compare", *partners, env={"COLUMNS": str(columns)}).stdout
    assert max(len(line) for line in lines_of(out)) <= columns
    known = " ".join(
        [
            json.dumps(run.json("compare", *partners), ensure_ascii=False),
            *(json.dumps(run.json("show", p), ensure_ascii=False) for p in partners),
            *vocab.AREAS.values(),
            *vocab.AGREEMENT_STATUSES.values(),
            "Region Areas Agreements Frameworks Last event Next none All three Both Only and",
            "inferred: coop's reading, not the source's words; "  # the legend of `*`
            "`coop show COUNTRY --sources` gives the reasons",
        ]
    )
    words = set(re.findall(r"[\w-]+", known))
    shown = set(re.findall(r"[\w-]+", re.sub(r"/\w+", "", out)))  # a range's end is no word
    assert shown <= words, shown - words  # a split word shows as a fragment
    assert "Protection of migrants" in " ".join(out.split()) or columns == 80


def test_search_shows_facts_in_words_with_a_hanging_indent(run: Run) -> None:
    out = run("search", "smuggling", env={"COLUMNS": "80"}).stdout
    assert "Area: Migrant smuggling" in out and "Agreement:" not in out.split("\n")[0]
    assert not re.search(r"\w+\[\d+\]", out), "field paths are for --json"
    for line in lines_of(out):
        assert (
            not line
            or line.startswith(" ")
            or re.match(r"^.+ \([a-z-]+\)$|^\d+ hits?$|^Named only in the quote of:$", line)
        ), line
    quote_lines = [line for line in lines_of(out) if line.startswith("    ")]
    assert quote_lines and all(len(line) <= 80 for line in quote_lines)


def test_show_sources_keeps_every_wrapped_line_indented(run: Run) -> None:
    out = run("show", "turkey", "--sources", env={"COLUMNS": "60"}).stdout
    headings = {
        "Agreements",
        "Frameworks",
        "Events",
        "Areas of cooperation",
        "EU agencies",
        "Notes",
    }
    for line in lines_of(out)[3:]:
        assert not line or line.startswith(" ") or line in headings or line.startswith("* "), line
    assert max(len(line) for line in lines_of(out)) <= 60


def test_wide_characters_count_as_the_columns_they_take(run: Run, tmp_path: Path) -> None:
    # Names of two-column characters (CJK): measured by len() they seemed half as wide,
    # so packed lines ran past the width and rich broke them inside a name.
    text = (TEST_DATA / "minimal.toml").read_text(encoding="utf-8")
    aliases = ", ".join(f'"突尼斯共和国 突尼斯共和国{n}"' for n in range(6))
    data = tmp_path / "wide.toml"
    data.write_text(text.replace('iso3 = "TUN"\n', f'iso3 = "TUN"\naliases = [{aliases}]\n'))
    out = run("show", "tunisia", "--data", str(data), env={"COLUMNS": "60"}).stdout
    also = out.split("Also: ", 1)[1].split("\n\n", 1)[0].split("\n")
    assert len(also) > 1  # the test packs more than one line
    for line in also:
        assert cell_len(line) <= 60, line
        for entry in line.strip().rstrip(",").split(", "):
            assert re.fullmatch(r"突尼斯共和国 突尼斯共和国\d", entry), entry
