"""`coop report`: where the page goes (a file, atomically; stdout when it is a pipe or a
file; never a terminal), what its HTML holds without a browser, and its colours. What a
reader sees in a browser is tested in tests/test_report_in_a_browser.py, in headless Chromium."""

from __future__ import annotations

import os
import pty
import re
import subprocess
from pathlib import Path

import pytest

from conftest import COOP, REPO, TEST_DATA, Run

STYLESHEET = REPO / "src" / "coopcli" / "render" / "templates" / "report.css"


def test_the_page_goes_to_stdout_when_it_is_a_pipe(run: Run) -> None:
    page = run("report", "--country", "tunisia").stdout
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert page.rstrip().endswith("</html>")
    assert 'id="tunisia"' in page and 'id="morocco"' not in page


def test_on_a_terminal_the_page_is_a_usage_error_that_says_add_output(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    env = {**os.environ, "COOP_CACHE_DIR": str(tmp_path / "cache")}
    process = subprocess.Popen(
        [COOP, "report"], stdout=follower, stderr=subprocess.PIPE, env=env, text=True
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 2
    assert process.stderr is not None
    assert "add --output FILE" in process.stderr.read()
    assert shown == b""


def test_output_is_written_atomically_and_never_over_a_file_without_force(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "maghreb.html"
    result = run("report", "--region", "Northern Africa", "--output", str(path))
    assert result.stdout == ""
    assert result.stderr == f"wrote a briefing on 4 partners to {path}\n"
    assert path.read_text(encoding="utf-8") == run("report", "--region", "Northern Africa").stdout
    path.write_text("precious", encoding="utf-8")
    refused = run("report", "--output", str(path), code=2)
    assert f"{path} exists; add --force to replace it" in refused.stderr
    assert path.read_text(encoding="utf-8") == "precious"
    run("report", "--output", str(path), "--force")
    assert path.read_text(encoding="utf-8").count('class="partner"') == 14
    assert sorted(p.name for p in tmp_path.iterdir()) == ["maghreb.html"]
    assert run("report", "--output", "-", "--country", "niger").stdout.startswith("<!DOCTYPE")


def test_the_same_dataset_gives_the_same_page(run: Run) -> None:
    assert run("report").stdout == run("report").stdout


@pytest.mark.parametrize(
    ("option", "value", "hint"),
    [
        ("--country", "tunsia", "did you mean 'tunisia'"),
        ("--region", "northern afrika", "did you mean 'Northern Africa'"),
        ("--area", "smugling", "did you mean 'smuggling'"),
        ("--framework", "budapst", "did you mean 'budapest-process'"),
    ],
)
def test_filters_are_those_of_every_command(run: Run, option: str, value: str, hint: str) -> None:
    result = run("report", option, value, code=2)
    assert hint in result.stderr and result.stdout == ""


def test_area_filter_keeps_the_partners_coop_list_keeps(run: Run) -> None:
    page = run("report", "--area", "smuggling").stdout
    kept = re.findall(r'<section class="partner" id="([^"]+)"', page)
    assert kept == [row["id"] for row in run.json("list", "--area", "smuggling")]


def test_framework_filter_keeps_the_partners_coop_list_keeps(run: Run) -> None:
    page = run("report", "--framework", "budapest").stdout
    kept = re.findall(r'<section class="partner" id="([^"]+)"', page)
    assert kept == [row["id"] for row in run.json("list", "--framework", "budapest")]
    assert len(kept) >= 3


def test_filters_that_keep_no_partner_give_a_page_that_says_so(run: Run) -> None:
    page = run("report", "--country", "niger", "--area", "resettlement").stdout
    assert "0 of the 14 partners in the dataset, with 0 facts. No partner matches" in page
    assert 'class="partner"' not in page and "<svg" not in page


@pytest.mark.parametrize(
    "dates",
    [
        ('date = "0001"', 'date = "9999-12"', 'date = "9999-12-31"'),
        ('date = "2021-05"', 'date = "2021-05-02"', 'date = "2021-12"\nongoing = true'),
        ('date = "1999"\nend = "9999"', 'date = "9999"', 'date = "0001-01-01"\nongoing = true'),
    ],
    ids=["the calendars ends", "one year", "ranges to the end"],
)
def test_any_dates_a_dataset_may_hold_make_a_chart(
    run: Run, tmp_path: Path, dates: tuple[str, ...]
) -> None:
    events = "".join(
        f'\n[[partners.events]]\nkind = "visit"\ntitle = "Visit {n}"\n{date}\nsource = "s {n}"\n'
        for n, date in enumerate(dates)
    )
    minimal = (TEST_DATA / "minimal.toml").read_text(encoding="utf-8")
    minimal = minimal.replace("[meta]\n", "[meta]\nschema_version = 2\n")  # for `ongoing`
    first_partner_end = minimal.index("[[partners]]", minimal.index("[[partners]]") + 1)
    path = tmp_path / "dates.toml"
    path.write_text(minimal[:first_partner_end] + events + minimal[first_partner_end:])
    page = run("report", "--data", str(path)).stdout
    assert page.count('class="point dated') == 1 + len(dates)  # and the minimal visit


def test_hostile_text_is_escaped_and_made_visible(run: Run) -> None:
    page = run("report", "--data", str(TEST_DATA / "hostile.toml")).stdout
    assert "[bold red]Markup [link=https:example.com]land [blink]" in page
    assert "Ansi\\x1b[31mRed" in page and "Over\\u202eride" in page  # as everywhere
    assert "\x1b" not in page and "\u202e" not in page and "\x00" not in page
    assert "<script" not in page


def test_the_page_names_its_source_and_explains_the_inferred_mark(run: Run) -> None:
    info = run.json("info")
    page = run("report").stdout
    assert f"<h1>{info['title']}</h1>" in page
    assert "eu-migration-cooperation-key-third-countries-2021.txt" in page
    assert '<h2 id="_how-to-read">How to read this page</h2>' in page
    assert "coop's reading of the source rather than its words" in page


# --- colours: WCAG AA -------------------------------------------------------------------


def luminance(colour: str) -> float:
    """The relative luminance of a #rrggbb colour (WCAG 2)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


TEXT_ON = [
    ("ink", "paper"),
    ("muted", "paper"),
    ("link", "paper"),
    ("quote-ink", "quote-paper"),
    ("muted", "quote-paper"),
    ("cell-on-ink", "cell-on"),
    ("cell-off-ink", "paper"),
    ("heat-1-ink", "heat-1"),
    ("heat-2-ink", "heat-2"),
    ("heat-3-ink", "heat-3"),
    ("heat-4-ink", "heat-4"),
    ("tag-ink", "tag-paper"),
    ("ink", "tag-paper"),  # a fact an address leads to is shaded
    ("muted", "tag-paper"),
    ("link", "tag-paper"),
    ("ink", "lane"),
    ("muted", "lane"),
]
"""Each text colour and the background it is drawn on (4.5:1 at least)."""
MARKS_ON = [("past", "paper"), ("planned", "paper"), ("past", "lane"), ("planned", "lane")]
"""Each mark of the chart and its background (3:1 at least, for graphics)."""


def test_every_colour_pair_meets_wcag_aa() -> None:
    css = STYLESHEET.read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([a-z0-9-]+): (#[0-9a-f]{6});", css))
    used = set(re.findall(r"var\(--([a-z0-9-]+)\)", css))
    # every colour the stylesheet uses is one of its variables, and each is judged here
    assert used <= set(colours)
    judged = {name for pair in TEXT_ON + MARKS_ON for name in pair} | {"rule", "quote-bar"}
    assert set(colours) == judged
    for text, background in TEXT_ON:
        assert contrast(colours[text], colours[background]) >= 4.5, (text, background)
    for mark, background in MARKS_ON:
        assert contrast(colours[mark], colours[background]) >= 3, (mark, background)
    # the classes that shade cells set a text colour with the background
    for level in range(1, 5):
        rule = re.search(rf"\.heat-{level} \{{([^}}]*)\}}", css)
        assert rule and f"var(--heat-{level}-ink)" in rule.group(1)


def test_a_filtered_page_says_its_filters_in_its_heading_and_title(run: Run) -> None:
    page = run("report", "--region", "Northern Africa", "--area", "smuggling").stdout
    said = "Filtered: region Northern Africa; area Migrant smuggling"
    assert re.search(rf"<h1>[^<]+ <span class=\"filters\">{said}</span></h1>", page)
    assert "(region Northern Africa; area Migrant smuggling)</title>" in page


@pytest.mark.parametrize(
    ("date", "end", "ongoing", "written"),
    [
        ("2021-09-09", "2021-09-10", False, "9-10 September 2021"),
        ("2016", "2019", False, "2016-2019"),
        ("2021-04", None, True, "since April 2021"),
        ("2021-02", None, False, "February 2021"),
        ("2021-03", "2021-05", False, "March-May 2021"),
        ("2021-09-30", "2021-10-02", False, "30 September to 2 October 2021"),
        ("2020-12", "2021-01", False, "December 2020 to January 2021"),
        ("0001-01-01", None, False, "1 January 0001"),
    ],
)
def test_the_page_writes_dates_for_readers(
    date: str, end: str | None, ongoing: bool, written: str
) -> None:
    from coopcli.render.report import reader_date

    assert reader_date(date, end, ongoing) == written


def test_partner_ids_never_clash_with_the_pages_own(run: Run, tmp_path: Path) -> None:
    """Partners whose ids are the page's section names, or another partner's id with
    `-heading`: every id on the page is still one element's, and each link finds it."""
    text = (TEST_DATA / "minimal.toml").read_text(encoding="utf-8")
    edition = tmp_path / "clash.toml"
    edition.write_text(text.replace('id = "niger"', 'id = "overview"', 1), encoding="utf-8")
    page = run("report", "--data", str(edition)).stdout
    ids = re.findall(r' id="([^"]+)"', page)
    assert "overview" in ids and len(ids) == len(set(ids))
    edition.write_text(text.replace('id = "niger"', 'id = "tunisia-heading"', 1), encoding="utf-8")
    ids = re.findall(r' id="([^"]+)"', run("report", "--data", str(edition)).stdout)
    assert "tunisia-heading" in ids and len(ids) == len(set(ids))
