"""`coop report`: the briefing page, checked where a reader sees it, in headless Chromium
(Debian's `chromium`, network off), one browser for the module driven over the DevTools
protocol on a pipe (`scripts/pictures.py`'s `Browser`): the DOM after the browser has
parsed the page, its layout measured at four widths and as printed, a followed address,
the PDF it prints and a screenshot. Three pages are built once for the module (the
shipped dataset, one region, and hostile text in every field), so that the module costs
a few seconds. Without Chromium these tests skip, saying why; under CI=true they fail,
as a missing source text does."""

from __future__ import annotations

import base64
import hashlib
import html as html_module
import itertools
import os
import re
import shutil
import sys
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from coopcli.render.base import INFERRED_MARK, date_span, inferred_mark, is_inferred
from coopcli.render.report import DATE_FIELDS, OFF_MARK, ON_MARK, reader_date
from coopcli.vocab import AGREEMENT_STATUSES
from make_dataset import layout_3

from conftest import DATA, REPO, TEST_DATA, Run

YES, NO = f"{ON_MARK} yes", f"{OFF_MARK} no"
"""What a heat map cell reads: the mark, and a word for a screen reader."""
REGION = "Northern Africa"
HOSTILE_MARKUP = (
    '<script>alert(1)</script><img src=x onerror="alert(2)">'
    '<a href="https://evil.example/" onclick="alert(3)">click</a>'
    '"><svg onload="alert(4)"><link rel="stylesheet" href="https://evil.example/x.css">'
    "<style>body{background:url(https://evil.example/)}</style>"
    "<iframe src=\"javascript:alert(5)\"></iframe><meta http-equiv='refresh' content='0;url=https://evil.example/'>"
    "{{ 7 * 7 }}{% raw %}"
)
"""Markup that would run, load or link something if the page let it through."""

sys.path.insert(0, str(REPO / "scripts"))
try:
    import pictures
finally:
    sys.path.pop(0)


# --- the browser and the pages ----------------------------------------------------------


def chromium_binary() -> str:
    """Chromium's path; a skip that says why (a failure under CI) when it is missing."""
    binary = shutil.which("chromium")
    if binary is None:
        reason = (
            "headless Chromium is not installed (apt-get install chromium): "
            "the browser tests of coop report need it"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return binary


def coop(*args: str, cache: Path) -> str:
    """Run coop in-process (CliRunner), as the other command tests do; its stdout."""
    result = Run()(*args, env={"COOP_CACHE_DIR": str(cache), "COOP_DATA": ""})
    return str(result.stdout)


def markup_everywhere(folder: Path) -> Path:
    """A dataset whose every free text (titles, names, quotes, reasons, people...) ends
    in hostile markup (without '/' in a partner's look-up names, which coop refuses),
    plus the partners of tests/data/hostile.toml."""
    cache = folder / "cache"
    shipped = tomllib.loads(coop("export", "--format", "toml", cache=cache))
    hostile = tomllib.loads(
        coop("export", "--format", "toml", "--data", str(TEST_DATA / "hostile.toml"), cache=cache)
    )
    fixed = {"id", "kind", "status", "stage", "date", "end", "iso2", "iso3", "source_sha256"}

    def spoil(value: Any, key: str = "", parent: str = "") -> Any:
        if isinstance(value, dict):
            return {k: spoil(v, k, key) for k, v in value.items()}
        if isinstance(value, list):
            return [spoil(item, key, parent) for item in value]
        if (
            isinstance(value, str)
            and key not in fixed
            and not re.fullmatch(r"[0-9]{4}(-[0-9]{2}){0,2}", value)  # a date, in any field
            and not (
                key == "name" and parent == "agencies"  # a vocabulary: Frontex, Europol
            )
        ):
            lookup = key in ("name", "aliases") and parent in ("partners", "members")
            return value + " " + (HOSTILE_MARKUP.replace("/", "") if lookup else HOSTILE_MARKUP)
        return value

    spoilt = spoil(shipped)
    spoilt["partners"] += hostile["partners"]
    layout_3(spoilt)  # spoilt names no thing claims: a file of layout 3, with none
    path = folder / "markup.toml"
    path.write_text(tomli_w.dumps(spoilt), encoding="utf-8")
    assert "valid" in coop("validate", str(path), cache=cache)
    return path


class Dom(HTMLParser):
    """The elements of a page (tag, attributes, parent chain) and the text in each."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, list(self._open))
        self.elements.append(element)
        if tag not in {"meta", "link", "br", "img", "input", "hr", "col", "base", "wbr"}:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {k: v or "" for k, v in attrs}, list(self._open)))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text.append(data)

    def find(self, tag: str, **classes: str) -> list[Element]:
        wanted = set(classes.get("cls", "").split())
        return [e for e in self.elements if e.tag == tag and wanted <= e.classes]

    def by_id(self) -> dict[str, Element]:
        return {e.attrs["id"]: e for e in self.elements if "id" in e.attrs}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    ancestors: list[Element]
    text: list[str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def words(self) -> str:
        return " ".join("".join(self.text).split())

    def inside(self, other: Element) -> bool:
        return any(ancestor is other for ancestor in self.ancestors)


WIDTHS = (360, 390, 1280, 1440)
"""Two phones, a laptop, a desktop: the widths the page is read at."""
PRINTED_WIDTH = 703
"""A4 within the page's margins (210 - 2 x 12 mm) in CSS pixels: the printed layout."""
READABLE = 10.0
"""The smallest font size, in CSS pixels as drawn, that a chart's label may have."""
LAYOUT = """(() => {
  const box = e => { const r = e.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  return {
    scroll_width: document.documentElement.scrollWidth,
    viewport: innerWidth,
    tables: [...document.querySelectorAll('table')].map(t => ({cls: t.className, ...box(t)})),
    labels: [...document.querySelectorAll('svg text')].map(t => ({
      text: t.textContent, ...box(t),
      size: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a})),
  };
})()"""
"""The page's layout, read by the DevTools protocol (the page's policy forbids scripts)."""
TARGET = """(() => {
  const fact = document.querySelector(':target'), r = fact.getBoundingClientRect();
  return {id: fact.id, over: getComputedStyle(fact, '::before').content,
    shade: getComputedStyle(fact).backgroundColor, top: r.top, height: innerHeight};
})()"""
"""The fact an address leads to: its id, what is shown over it, its shade, where it is."""
TARGETED = "tunisia/smuggling"
"""A heat map cell's address: Tunisia's cooperation on migrant smuggling."""


@dataclass
class Pages:
    full: Dom
    region: Dom
    hostile: Dom
    hostile_html: str
    full_html: str
    pdf: Path
    screenshot: bytes
    layouts: dict[int, dict[str, Any]]
    printed: dict[str, Any]
    printed_texts: list[str]
    target: dict[str, Any]
    region_heading: str


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pages]:
    """The pages, in one headless Chromium driven over `--remote-debugging-pipe`."""
    binary = chromium_binary()
    folder = tmp_path_factory.mktemp("report")
    built = {
        "full": [],
        "region": ["--region", REGION],
        "hostile": ["--data", str(markup_everywhere(folder))],
    }
    for name, args in built.items():
        coop("report", *args, "--output", str(folder / f"{name}.html"), cache=folder / "cache")
    url = {name: (folder / f"{name}.html").as_uri() for name in built}
    browser = pictures.Browser(binary, str(folder / "profile"))
    try:
        doms, region_heading = {}, ""
        for name in built:
            browser.open(url[name], 1280, 900)
            doms[name] = browser.evaluate("document.documentElement.outerHTML")
            if name == "region":
                region_heading = browser.evaluate("document.querySelector('h1').textContent")
        browser.open(url["full"] + "#" + TARGETED, 390, 800)  # a new document: it loads
        target = browser.evaluate(TARGET)
        layouts = {}
        for width in WIDTHS:
            browser.open(url["full"], width, 900)
            layouts[width] = browser.evaluate(LAYOUT)
        browser.open(url["full"], 390, 1400)
        screenshot = browser.screenshot()
        browser.open(url["full"], PRINTED_WIDTH, 1000, printed=True)
        printed = browser.evaluate(LAYOUT)
        pdf = folder / "full.pdf"
        pdf.write_bytes(browser.pdf())
    finally:
        browser.close()
    yield Pages(
        full=Dom(doms["full"]),
        region=Dom(doms["region"]),
        hostile=Dom(doms["hostile"]),
        hostile_html=(folder / "hostile.html").read_text(encoding="utf-8"),
        full_html=(folder / "full.html").read_text(encoding="utf-8"),
        pdf=pdf,
        screenshot=screenshot,
        layouts=layouts,
        printed=printed,
        printed_texts=printed_pages(pdf),
        target=target,
        region_heading=region_heading,
    )


FILTERS = {"full": [], "region": ["--region", REGION]}


def page_of(pages: Pages, name: str) -> Dom:
    dom: Dom = getattr(pages, name)
    return dom


# --- what a reader sees ------------------------------------------------------------------


@pytest.mark.parametrize("name", list(FILTERS))
def test_a_section_per_partner_the_filters_keep_in_the_sources_order(
    run: Run, pages: Pages, name: str
) -> None:
    dom = page_of(pages, name)
    kept = [row["id"] for row in run.json("list", *FILTERS[name])]
    sections = [e for e in dom.find("section", cls="partner")]
    assert [section.attrs["id"] for section in sections] == kept
    names = {row["id"]: row["name"] for row in run.json("list")}
    for section in sections:
        headings = [e for e in dom.find("h2") if e.inside(section)]
        assert [h.words() for h in headings] == [names[section.attrs["id"]]]


@pytest.mark.parametrize("name", list(FILTERS))
def test_every_fact_is_an_anchor_named_by_its_fact_id_around_its_quote(
    run: Run, pages: Pages, name: str
) -> None:
    dom = page_of(pages, name)
    ids = dom.by_id()
    expected = []
    for row in run.json("list", *FILTERS[name]):
        partner = run.json("show", row["id"])
        for section in ("agreements", "frameworks", "events", "areas", "agencies", "notes"):
            for fact in partner[section]:
                expected.append((f"{row['id']}/{fact['id']}", fact["source"]))
                for milestone in fact.get("milestones", []):
                    expected.append((f"{row['id']}/{milestone['id']}", milestone["source"]))
    for anchor, quote in expected:
        article = ids[anchor]
        assert article.tag == "article" and "fact" in article.classes
        quotes = [q for q in dom.find("blockquote", cls="quote") if q.inside(article)]
        assert quotes[0].words() == " ".join(quote.split())
    assert sorted(e.attrs["id"] for e in dom.find("article", cls="fact")) == sorted(
        anchor for anchor, _ in expected
    )


def test_every_link_of_the_page_leads_to_something_on_it(pages: Pages) -> None:
    for dom in (pages.full, pages.region, pages.hostile):
        ids = dom.by_id()
        links = [e.attrs["href"] for e in dom.elements if "href" in e.attrs]
        assert links and all(href.startswith("#") and href[1:] in ids for href in links)


@pytest.mark.parametrize("name", list(FILTERS))
def test_the_heat_map_counts_are_those_of_coop_areas(run: Run, pages: Pages, name: str) -> None:
    dom = page_of(pages, name)
    table = dom.find("table", cls="heatmap")[0]
    kept = [row["id"] for row in run.json("list", *FILTERS[name])]
    matrix = run.json("areas")  # of every partner: the page's is of those it keeps
    headers = [e for e in dom.find("th", cls="area") if e.inside(table)]
    assert [h.attrs.get("data-area") for h in headers[:-1]] == [area["id"] for area in matrix]
    assert [h.words() for h in headers[:-1]] == [area["label"] for area in matrix]
    rows = [e for e in dom.find("tr") if e.inside(table) and "data-partner" in e.attrs]
    assert [row.attrs["data-partner"] for row in rows] == kept
    by_column: Counter[str] = Counter()
    for row in rows:
        cells = [c for c in dom.find("td") if row in c.ancestors]
        marks = [cell.words() for cell in cells[:-1]]
        # a mark in every cell, readable without colour (and a word for a screen reader)
        assert all(mark in {YES, NO} for mark in marks), marks
        partner = row.attrs["data-partner"]
        for area, mark in zip(matrix, marks, strict=True):
            assert (mark == YES) == (partner in area["countries"]), (partner, area["id"])
            by_column[area["id"]] += mark == YES
        assert cells[-1].words() == str(marks.count(YES))
    footer = next(e for e in dom.find("tfoot") if e.inside(table))
    totals = [c.words() for c in dom.find("td") if c.inside(footer)]
    wanted = [len([c for c in area["countries"] if c in kept]) for area in matrix]
    assert totals[:-1] == [str(count) for count in wanted]
    assert [by_column[area["id"]] for area in matrix] == wanted
    assert totals[-1] == str(sum(wanted))
    if name == "full":  # the whole dataset: exactly `coop areas --json`
        assert wanted == [len(area["countries"]) for area in matrix]


@pytest.mark.parametrize("name", list(FILTERS))
def test_the_timeline_has_a_point_per_dated_row_of_coop_timeline(
    run: Run, pages: Pages, name: str
) -> None:
    dom = page_of(pages, name)
    rows = [row for row in run.json("timeline", *FILTERS[name]) if row["date"]]
    points = dom.find("g", cls="point dated")
    assert len(points) == len(rows)

    def described(row: dict[str, Any]) -> str:  # the date as a reader writes it, marked
        date = reader_date(row["date"], row["end"], row["ongoing"])
        date += INFERRED_MARK if is_inferred(row, DATE_FIELDS) else ""
        status = ("planned" if row["planned"] else "past") + inferred_mark(row, ["planned"])
        return f"{date}, {row['country_name']}: {row['title']} ({status})"

    titles = Counter(
        next(t.words() for t in dom.find("title") if t.inside(point)) for point in points
    )
    assert titles == Counter(" ".join(described(row).split()) for row in rows)
    # planned and past differ in shape (a diamond path, a circle) as well as in colour
    for point in points:
        planned = "planned" in point.classes
        assert planned != ("past" in point.classes)
        marker = [e for e in dom.elements if e.inside(point) and "marker" in e.classes]
        assert [e.tag for e in marker] == (["path"] if planned else ["circle"])
    ongoing = [row for row in rows if row["ongoing"]]
    # an open range is drawn open: a dashed line to the edge, an arrow, no closing bar
    drawn = [[e for e in dom.elements if e.inside(point)] for point in points]
    open_points = [parts for parts in drawn if any("open" in e.classes for e in parts)]
    assert len(open_points) == len(ongoing)
    for parts in open_points:
        assert {"arrow"} <= {c for e in parts for c in e.classes} and not [
            e for e in parts if "cap" in e.classes
        ]
    # each point links to its fact (the row's `fact` id), whose quote is the row's
    ids = dom.by_id()
    links = [point.ancestors[-1] for point in points]
    assert all(link.tag == "a" for link in links)
    assert Counter(link.attrs["href"] for link in links) == Counter(
        "#" + row["fact"] for row in rows
    )
    for link in links:
        assert "fact" in ids[link.attrs["href"][1:]].classes
    quotes = Counter()
    for point in points:
        fact = ids[point.ancestors[-1].attrs["href"][1:]]
        quotes[next(q for q in dom.find("blockquote") if q.inside(fact)).words()] += 1
    assert quotes == Counter(" ".join(row["source"].split()) for row in rows)
    # the same points in words: the table after the chart
    table = dom.find("table", cls="timeline-table")[0]
    body = next(e for e in dom.find("tbody") if e.inside(table))
    listed = [e for e in dom.find("tr") if e.inside(body)]
    assert len(listed) == len(rows)


def test_the_chart_has_a_title_and_a_text_equivalent(pages: Pages) -> None:
    dom = pages.full
    svg = dom.find("svg")[0]
    assert svg.attrs["role"] == "img"
    labels = svg.attrs["aria-labelledby"].split()
    ids = dom.by_id()
    assert [ids[label].tag for label in labels] == ["title", "desc"]
    assert ids[labels[0]].words().startswith("Timeline of ")
    assert "hollow diamond" in ids[labels[1]].words()


def test_the_page_reads_as_a_document(pages: Pages) -> None:
    dom = pages.full
    levels = [int(e.tag[1]) for e in dom.elements if re.fullmatch(r"h[1-6]", e.tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))  # none skipped
    for th in dom.find("th"):
        assert th.attrs.get("scope") in {"col", "row"}
    assert dom.find("html")[0].attrs["lang"] == "en"
    # the order the issue gives: title, how to read, overview (heat map, agreements,
    # timeline), then the partners
    order = [e.words() for e in dom.elements if e.tag in {"h1", "h2", "h3"}]
    assert order[1:6] == [
        "How to read this page",
        "Overview",
        "Partners by area of cooperation",
        "Agreements by status",
        "Timeline",
    ]
    section = next(
        e for e in dom.find("section") if e.attrs.get("aria-labelledby") == "_how-to-read"
    )
    paragraphs = [e.words() for e in dom.find("p") if e.inside(section)]
    assert len(paragraphs) == 1 and "quote" in paragraphs[0] and "*" in paragraphs[0]


def test_the_agreements_by_status_are_those_of_coop_agreements(run: Run, pages: Pages) -> None:
    dom = pages.full
    by_status = {e.attrs["data-status"]: e for e in dom.find("tr") if "data-status" in e.attrs}
    assert list(by_status) == list(AGREEMENT_STATUSES)
    ids = dom.by_id()
    for status, row in by_status.items():
        rows = run.json("agreements", "--status", status)
        links = [a for a in dom.find("a") if row in a.ancestors]
        assert [a.words().rstrip("*") for a in links] == [
            f"{r['country_name']}: {r['title']}" for r in rows
        ]
        assert [link.attrs["href"] for link in links] == ["#" + r["fact"] for r in rows]
        for link, agreement in zip(links, rows, strict=True):
            fact = ids[link.attrs["href"][1:]]
            quote = next(q for q in dom.find("blockquote") if q.inside(fact)).words()
            assert quote == " ".join(agreement["source"].split())


# --- hostile text -------------------------------------------------------------------------


def test_hostile_text_adds_no_script_handler_link_or_request(pages: Pages) -> None:
    dom = pages.hostile
    tags = Counter(e.tag for e in dom.elements)
    for tag in ("script", "img", "iframe", "object", "embed", "link", "base", "form", "input"):
        assert tags[tag] == 0, tag
    assert tags["style"] == 1 and tags["svg"] == 1  # the page's own
    policies = [e.attrs for e in dom.find("meta") if "http-equiv" in e.attrs]
    assert [policy["http-equiv"] for policy in policies] == ["Content-Security-Policy"]
    assert policies[0]["content"].startswith("default-src 'none';")
    for element in dom.elements:
        assert not [a for a in element.attrs if a.startswith("on")], element.tag
        assert "style" not in element.attrs and "src" not in element.attrs
        links = [value for name, value in element.attrs.items() if name.endswith("href")]
        assert all(link.startswith("#") for link in links), element.tag
    # the markup is there, as text a reader can see
    words = " ".join(e.words() for e in dom.find("blockquote"))
    assert "<script>alert(1)</script>" in words and "{{ 7 * 7 }}" in words
    assert "[bold red]Markup [link=" in " ".join(e.words() for e in dom.find("h2"))
    assert "<script" not in pages.hostile_html and "<img" not in pages.hostile_html


def test_the_policy_forbids_every_request_and_allows_only_the_pages_own_style(
    pages: Pages,
) -> None:
    html = pages.full_html
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    content = html_module.unescape(policy.group(1))
    directives = dict(part.strip().split(" ", 1) for part in content.split(";"))
    assert directives["default-src"] == "'none'"
    style = re.search(r"<style>(.*?)</style>", html, re.DOTALL)
    assert style is not None
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest()).decode()
    assert directives["style-src"] == f"'sha256-{digest}'"
    # no address in a tag or the style (an address in the text, a fact's detail, is text)
    assert not re.search(r"<[^>]*https?://|url\(|@import|@font-face", html)


# --- print and screen ---------------------------------------------------------------------


def test_the_print_starts_each_partner_on_a_page_of_its_own(run: Run, pages: Pages) -> None:
    from pypdf import PdfReader

    reader = PdfReader(pages.pdf)
    box = reader.pages[0].mediabox
    millimetres = [round(float(side) * 25.4 / 72) for side in (box.width, box.height)]
    assert millimetres == [210, 297]  # A4
    headings: list[tuple[int, str, int]] = []  # the PDF's outline: its headings' pages

    def walk(outline: list[Any], depth: int) -> None:
        for entry in outline:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                page = reader.get_destination_page_number(entry)
                headings.append((depth, " ".join(entry.title.split()), page))

    walk(reader.outline, 0)
    names = [row["name"] for row in run.json("list")]
    partners = [(n, h) for n, h in enumerate(headings) if h[0] == 1 and h[1] in names]
    assert [heading[1] for _, heading in partners] == names
    for position, (_, name, page) in partners:
        assert page > max(h[2] for h in headings[:position]), name  # on a page of its own,
        lines = (reader.pages[page].extract_text() or "").split("\n")
        text = [line for line in lines if not PAGE_NUMBER.fullmatch(line.strip())]
        assert " ".join(text[0].split()) == name  # at its top
    assert partners[0][1][2] >= 1  # after the overview
    assert len(reader.pages) >= len(names) + 1


PAGE_NUMBER = re.compile(r"Page ([0-9]+) of ([0-9]+)")


def printed_pages(pdf: Path) -> list[str]:
    """Each printed page's text, its white space made single spaces, ligatures letters."""
    from pypdf import PdfReader

    texts = [
        unicodedata.normalize("NFKC", page.extract_text() or "") for page in PdfReader(pdf).pages
    ]
    return [" ".join(text.split()) for text in texts]


def test_printed_page_one_holds_the_title_how_to_read_and_the_heat_map(
    run: Run, pages: Pages
) -> None:
    first = pages.printed_texts[0]
    assert run.json("info")["title"] in first
    how_to_read = next(
        e for e in pages.full.find("section") if e.attrs.get("aria-labelledby") == "_how-to-read"
    )
    unquoted = first.replace("\u201c", "").replace("\u201d", "")  # a <q>'s marks, drawn
    assert how_to_read.words() in unquoted  # its heading and its whole paragraph
    # the heat map whole: its heading, every partner's row and the totals under them
    heat_map = pages.full.find("table", cls="heatmap")[0]
    rows = [e for e in pages.full.find("tr") if e.inside(heat_map) and "data-partner" in e.attrs]
    totals = next(e for e in pages.full.find("tfoot") if e.inside(heat_map))
    assert "Partners by area of cooperation" in first
    for row in [*rows, totals]:  # a cell's word for a screen reader is not printed
        assert row.words().replace(YES, ON_MARK).replace(NO, OFF_MARK) in first
    for area in pages.full.find("th", cls="area"):  # drawn upright, read in another order
        assert all(word in first for word in area.words().split())
    assert "Agreements by status" not in first  # the overview goes on on page 2


def test_every_printed_page_is_numbered(pages: Pages) -> None:
    texts = pages.printed_texts
    for number, text in enumerate(texts, start=1):
        assert [m.groups() for m in PAGE_NUMBER.finditer(text)] == [(str(number), str(len(texts)))]


def test_printed_no_table_or_chart_is_wider_than_the_page(pages: Pages) -> None:
    layout = pages.printed
    assert layout["viewport"] == PRINTED_WIDTH
    assert layout["scroll_width"] <= PRINTED_WIDTH  # nothing cut at the right edge
    assert {table["cls"] for table in layout["tables"]} >= {"heatmap", "timeline-table"}
    for table in layout["tables"]:
        assert table["left"] >= 0 and table["right"] <= PRINTED_WIDTH, table["cls"]
    assert all(label["right"] <= PRINTED_WIDTH for label in layout["labels"])


@pytest.mark.parametrize("width", WIDTHS)
def test_the_page_never_scrolls_sideways(pages: Pages, width: int) -> None:
    layout = pages.layouts[width]
    assert layout["viewport"] == width
    assert layout["scroll_width"] <= width  # a wide table scrolls in its own box


def overlapping(one: dict[str, Any], other: dict[str, Any]) -> bool:
    return bool(
        one["left"] < other["right"]
        and other["left"] < one["right"]
        and one["top"] < other["bottom"]
        and other["top"] < one["bottom"]
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_the_charts_labels_are_readable_and_never_overlap(pages: Pages, width: int) -> None:
    labels = pages.layouts[width]["labels"]
    assert len(labels) > 20 and {"2021", "Apr", "Morocco"} <= {lb["text"] for lb in labels}
    for label in labels:
        assert label["size"] >= READABLE, (label["text"], label["size"])
        assert label["right"] - label["left"] > 0
    for one, other in itertools.combinations(labels, 2):
        assert not overlapping(one, other), (one["text"], other["text"])


def test_a_facts_address_shows_it_highlighted_under_its_partners_name(pages: Pages) -> None:
    target = pages.target
    assert target["id"] == TARGETED  # a heat map cell's link leads there
    assert target["over"] == '"Tunisia"'  # its partner's name, over it
    assert target["shade"] not in {"rgba(0, 0, 0, 0)", "transparent"}
    assert 0 <= target["top"] < target["height"] / 2  # in view, near the top


def test_a_filtered_page_says_its_filters_in_its_heading(pages: Pages) -> None:
    assert " ".join(pages.region_heading.split()).endswith(f"Filtered: region {REGION}")
    assert "Filtered" not in pages.full.find("h1")[0].words()


def test_dates_are_written_for_readers_and_marked_once_where_inferred(
    run: Run, pages: Pages
) -> None:
    rows = [row for row in run.json("timeline") if row["date"]]
    table = pages.full.find("table", cls="timeline-table")[0]
    cells = [e for e in pages.full.find("td", cls="date") if e.inside(table)]
    assert len(cells) == len(rows)
    for cell, row in zip(cells, rows, strict=True):
        written = reader_date(row["date"], row["end"], row["ongoing"])
        mark = INFERRED_MARK if is_inferred(row, DATE_FIELDS) else ""
        assert cell.words() == written + mark, row["fact"]
        span = next(e for e in pages.full.find("span", cls="date") if e.inside(cell))
        assert span.attrs["title"] == date_span(row["date"], row["end"], None, row["ongoing"])
    shown = {cell.words() for cell in cells}
    assert {"9-10 September 2021*", "2016-2019", "since April 2021*", "6 October 2021"} <= shown
    # the Brdo summit's date is the source's; that it was still planned is coop's reading
    summit = pages.full.by_id()["western-balkans/summit-2021-10-06"]
    heading = next(e for e in pages.full.find("h4") if e.inside(summit))
    assert heading.words().endswith("planned" + INFERRED_MARK)
    when = next(e for e in pages.full.find("dd", cls="when") if e.inside(summit))
    assert when.words() == "6 October 2021"


def test_the_source_is_cited_with_its_title_and_date_and_the_files_digest(pages: Pages) -> None:
    info = tomllib.loads(DATA.read_text(encoding="utf-8"))["meta"]
    header = pages.full.find("header")[0]
    cited = next(e for e in pages.full.find("cite") if e.inside(header))
    assert cited.words() == info["title"]
    source = cited.ancestors[-1]
    assert source.words() == f"{info['title']}, September 2021{INFERRED_MARK}."
    file = next(e for e in pages.full.find("dd", cls="source-file") if e.inside(header))
    assert file.words() == f"{info['source_file']}, SHA-256 {info['source_sha256']}"


def test_the_print_stylesheet_is_for_a4_and_cuts_no_table_row() -> None:
    css = (REPO / "src" / "coopcli" / "render" / "templates" / "report.css").read_text()
    assert re.search(r"@page \{\s*size: A4;", css)
    rules = dict(re.findall(r"\n\s*([^{}@\n]+?) \{([^{}]*)\}", css))
    assert "break-inside: avoid" in rules["tr"]
    assert "break-inside: avoid" in rules[".fact"]
    printing = css[css.index("@media print") :]
    assert re.search(r"section\.partner \{[^}]*break-before: page", printing)


def test_a_screenshot_at_390_pixels_shows_the_page(pages: Pages) -> None:
    png = pages.screenshot
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (390, 1400)
    assert len(png) > 60_000  # a blank window compresses to a few kilobytes


def test_the_readme_shows_pictures_of_a_real_run() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, width in pictures.REPORT_PICTURES.items():
        png = (REPO / "docs" / "images" / name).read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        wanted = width or pictures.PRINTED_WINDOW[0]
        assert int.from_bytes(png[16:20], "big") == wanted
        assert f"docs/images/{name}" in readme
