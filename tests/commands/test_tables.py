"""Tables that read well (issue 19): on a terminal a header and aligned columns at 60,
80 and 120 columns; piped, one tab-separated line per row, never wrapped, for every
listing whose view is a table; the one date notation in every view."""

from __future__ import annotations

import re

import pytest

from registry import LISTINGS

from conftest import Run, check_whole_output

TERMINAL_VIEWS = {
    "list": ["list"],
    "agreements": ["agreements"],
    "frameworks": ["frameworks"],
    "timeline": ["timeline"],
    "timeline-tunisia": ["timeline", "--country", "tunisia"],
    "areas": ["areas"],
    "compare-morocco-tunisia-algeria": ["compare", "morocco", "tunisia", "algeria"],
    "search-visit": ["search", "johansson", "visit"],
}
"""The views this issue changed, by the name of their whole-output files."""

CARD_LISTINGS = {
    ("search", "visit"): "a hit is a fact with its quote, as a card",
    ("areas", "smuggling"): "each partner with its quote, as a card",
    ("people",): "each person a heading, with their events under it",
}
"""Listings whose human view is not a table, and why: they stay as they are, piped."""


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("name", list(TERMINAL_VIEWS))
def test_whole_output_on_a_terminal(run: Run, name: str, columns: int) -> None:
    check_whole_output(
        run, f"{name}-{columns}", *TERMINAL_VIEWS[name], columns=columns, terminal=True
    )


@pytest.mark.parametrize(
    "name", ["timeline-tunisia", "compare-morocco-tunisia-algeria", "search-visit"]
)
def test_whole_output_piped(run: Run, name: str) -> None:
    check_whole_output(run, name, *TERMINAL_VIEWS[name])


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_every_listing_piped_is_one_line_per_row(run: Run, args: list[str]) -> None:
    rows = run.json(*args)
    out = run(*args, env={"COLUMNS": "60"}).stdout
    if tuple(args) in CARD_LISTINGS:
        assert "\t" not in out
        return
    lines = out.splitlines()
    assert len(lines) == len(rows)
    assert len({line.count("\t") for line in lines}) <= 1  # the same fields on every line


def test_a_piped_timeline_works_with_cut_sort_and_grep(run: Run) -> None:
    lines = run("timeline").stdout.splitlines()
    dates = [line.split("\t")[0] for line in lines]
    assert "2021-09-09/10*" in dates  # the date as every view writes it, marked inferred
    visits = [line for line in lines if line.split("\t")[2].startswith("visit")]
    assert len(visits) == len(run.json("timeline", "--kind", "visit"))
    hrvp = next(line for line in lines if "HRVP visits Tunisia" in line)
    # Who is every person, whatever the title says: a script reads them all
    assert hrvp.split("\t") == ["2021-09-09/10*", "tunisia", "visit", "HRVP visits Tunisia", "HRVP"]


def test_a_terminal_timeline_has_a_header_and_aligned_columns(run: Run) -> None:
    for columns in (60, 80, 120):
        env = {"COLUMNS": str(columns), "COOP_FORCE_TTY": "1"}
        lines = run("timeline", env=env).stdout.splitlines()
        # who took part goes under What ("with ..."): no column of its own
        assert lines[0].split()[:1] == ["Date"] and "What" in lines[0] and "Who" not in lines[0]
        what = lines[0].index("What")
        for line in lines[1:]:
            if not line.strip() or line.startswith(("*", " ", "Codes:")):
                break
            # every row's title starts under the header What
            assert line[what - 1] == " " and line[what] != " ", (columns, line)


def test_a_tab_or_newline_in_data_stays_inside_its_field(run: Run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from conftest import DATA

    text = DATA.read_text(encoding="utf-8").replace(
        'title = "HRVP visits Tunisia"', 'title = "HRVP\\tvisits\\nTunisia \\u001b[31m"', 1
    )
    data = tmp_path / "data.toml"
    data.write_text(text, encoding="utf-8")
    out = run("timeline", "--country", "tunisia", "--data", str(data)).stdout
    line = next(line for line in out.splitlines() if "HRVP" in line)
    assert line.split("\t")[3] == "HRVP\\tvisits\\nTunisia \\x1b[31m"
    assert "\x1b" not in out


def _tokens(text: str) -> set[str]:
    return {token.strip(",;:*()\u201c\u201d.") for token in text.split()} - {""}


@pytest.mark.parametrize("name", list(TERMINAL_VIEWS))
def test_at_60_columns_no_view_breaks_a_word(run: Run, name: str) -> None:
    args = TERMINAL_VIEWS[name]
    whole = (
        _tokens(run(*args).stdout)
        | _tokens(run(*args, env={"COLUMNS": "400", "COOP_FORCE_TTY": "1"}).stdout)
        | _tokens(run("list").stdout)  # a legend names the partners
    )
    narrow = _tokens(run(*args, env={"COLUMNS": "60", "COOP_FORCE_TTY": "1"}).stdout)
    pieces = {
        token
        for token in narrow - whole
        if any(word != token and (word.startswith(token) or word.endswith(token)) for word in whole)
    }
    # a date range may break before its `/`, as a path does (`2021-09-09` then `/10`)
    at_slash = {t for t in pieces if t.startswith("/") or any(w.startswith(t + "/") for w in whole)}
    assert pieces - at_slash == set()


def test_info_breaks_a_path_only_before_a_slash(run: Run) -> None:
    path = run.json("info")["dataset"]  # too long for its line, wherever coop is installed
    out = run("info", env={"COLUMNS": str(10 + len(path) - 8)}).stdout
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("dataset"))
    rest = lines[start + 1]
    assert rest.startswith(" " * 10 + "/") and rest.strip().endswith(".toml")
    assert lines[start][10:] + rest.strip() == path


def test_lists_count_column_says_what_it_counts(run: Run) -> None:
    out = run("list", env={"COLUMNS": "120", "COOP_FORCE_TTY": "1"}).stdout
    assert out.splitlines()[0].split()[-2:] == ["Area", "count"]


@pytest.mark.parametrize(
    "args",
    [
        ["show", "tunisia"],
        ["show", "tunisia", "--sources"],
        ["show", "tunisia/visit-2021-09-09"],
        ["timeline", "--country", "tunisia"],
        ["compare", "morocco", "tunisia"],
        ["search", "hrvp", "tunisia"],
    ],
    ids=" ".join,
)
def test_one_date_notation_with_its_mark_in_every_view(run: Run, args: list[str]) -> None:
    for env in ({"COLUMNS": "120"}, {"COLUMNS": "120", "COOP_FORCE_TTY": "1"}):
        out = run(*args, env=env).stdout
        assert "2021-09-09/10*" in out  # 9-10 September, a year coop inferred
        assert "2021-09-09 to" not in out and "\u2192" not in out


@pytest.mark.parametrize(
    "args", [["show", "libya"], ["timeline", "--country", "libya"], ["search", "successive"]]
)
def test_an_open_range_reads_since_its_start(run: Run, args: list[str]) -> None:
    out = run(*args, env={"COLUMNS": "120", "COOP_FORCE_TTY": "1"}).stdout
    assert "since 2021-04*" in out and "\u2192" not in out


@pytest.mark.parametrize(
    ("args", "count"),
    [
        (["areas", "resettlement"], "1 partner"),  # a single partner cooperates in it
        (["people", "hrvp"], "1 person"),
        (["people", "urpilainen"], "1 event"),
        (["bodies", "frontex"], "1 body"),
        (["search", "brdo"], "1 hit"),
    ],
)
def test_a_count_of_one_is_singular(run: Run, args: list[str], count: str) -> None:
    out = run(*args, env={"COLUMNS": "80"}).stdout
    assert re.search(rf"(^|\s){count}($|\s)", out, re.M), out
    assert f"{count}s" not in out
