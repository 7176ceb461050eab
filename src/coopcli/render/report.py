"""`coop report`: the briefing, one self-contained HTML page to read, forward or print.

It is drawn from the answers the other commands give (a `Briefing`), so it proves
nothing the CLI does not; this module turns them into what the template shows, and the
template (Jinja2, autoescaped, imported only here) lays it out. The page makes no
request: one inline stylesheet allowed by its hash, no script, font or image."""

from __future__ import annotations

import base64
import datetime
import hashlib
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from coopcli import __version__
from coopcli.query import in_date_order
from coopcli.render.base import (
    EVENT_WHAT_FIELDS,
    INFERRED_MARK,
    WHEN_FIELDS,
    Output,
    Sink,
    date_span,
    details,
    event_date,
    inferred_mark,
)
from coopcli.render.words import (
    agency_words,
    agreement_status,
    area_words,
    event_words,
    framework_kind,
    milestone_kind,
    milestone_rounds,
    note_words,
)
from coopcli.shape import CARD_ORDER, EVERY_SECTION, SECTION
from coopcli.terminal import visible
from coopcli.vocab import AGREEMENT_STATUSES

if TYPE_CHECKING:
    from coopcli.records import AgreementRow, Briefing, EventRecord, PartnerRecord, TimelineRow

TEMPLATE = "report.html.j2"
STYLESHEET = "report.css"
ON_MARK = "\u25cf"
"""The heat map's mark for a partner that cooperates in an area (readable without colour)."""
OFF_MARK = "\u2013"
"""The heat map's mark for one that does not."""
HEAT_LEVELS = 4
"""Shades of a total in the heat map, from the lightest (1) to the darkest."""


# --- what the template shows ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Piece:
    """A value as shown, and the inferred mark after it (empty when it is the source's)."""

    text: str
    mark: str = ""


@dataclass(slots=True)
class FactView:
    """One fact: its anchor (its `fact` id), what it is, its date, its details, its
    verbatim quote, coop's reasons for what it inferred, and facts within it."""

    anchor: str
    what: list[Piece]
    quote: str
    date: Piece | None = None
    planned: bool = False
    details: list[tuple[str, Piece]] = field(default_factory=list)
    reasons: list[tuple[str, str]] = field(default_factory=list)
    children: list[FactView] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class FactGroup:
    """A partner's facts of one section, under its heading."""

    heading: str
    facts: list[FactView]


@dataclass(frozen=True, slots=True)
class PartnerSection:
    """A partner's section: who it is, then every fact by section, in card order."""

    id: str
    name: str
    details: str
    aliases: list[str]
    members: list[str]
    groups: list[FactGroup]
    fact_count: int


@dataclass(frozen=True, slots=True)
class HeatCell:
    """One partner's cell under one area: the mark, and the area fact it links to."""

    on: bool
    label: str
    anchor: str | None

    @property
    def mark(self) -> str:
        """What the cell shows, colour aside."""
        return ON_MARK if self.on else OFF_MARK


@dataclass(frozen=True, slots=True)
class HeatRow:
    """A partner's row of the heat map, with its total and that total's shade."""

    partner: str
    name: str
    cells: list[HeatCell]
    total: int
    level: int


@dataclass(frozen=True, slots=True)
class HeatMap:
    """Partners by areas: rows, the areas' totals (with their shades) and the sum."""

    areas: list[tuple[str, str]]
    rows: list[HeatRow]
    totals: list[tuple[int, int]]
    total: int


@dataclass(frozen=True, slots=True)
class AgreementLink:
    """An agreement in the overview by status: whose, which, and where its fact is."""

    partner: str
    title: Piece
    anchor: str


@dataclass(frozen=True, slots=True)
class StatusGroup:
    """The agreements of one status."""

    id: str
    label: str
    agreements: list[AgreementLink]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A row of `coop timeline` as the page's text lists it."""

    anchor: str
    date: Piece
    partner: str
    what: str
    planned: bool


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One dated fact on the chart: a circle (past) or a diamond (planned) at `x`, and a
    line to `end_x` for a range; an open range runs to the chart's edge, with an arrow."""

    anchor: str
    title: str
    planned: bool
    x: float
    y: float
    end_x: float | None
    open: bool

    @property
    def diamond(self) -> str:
        """The SVG path of a planned item's diamond."""
        x, y, r = self.x, self.y, 6.5
        return f"M{x:.1f} {y - r:.1f}L{x + r:.1f} {y:.1f}L{x:.1f} {y + r:.1f}L{x - r:.1f} {y:.1f}Z"

    @property
    def arrow(self) -> str:
        """The SVG path of the arrowhead that ends an open range."""
        x, y = self.end_x or self.x, self.y
        return f"M{x - 7:.1f} {y - 5:.1f}L{x:.1f} {y:.1f}L{x - 7:.1f} {y + 5:.1f}Z"


@dataclass(frozen=True, slots=True)
class ChartLane:
    """A partner's band of the chart."""

    name: str
    top: float
    height: float

    @property
    def label_y(self) -> float:
        """Where the partner's name sits (its first row)."""
        return self.top + _LANE_PADDING + _ROW_HEIGHT / 2 + 4


@dataclass(frozen=True, slots=True)
class ChartTick:
    """A line across the chart at a time (a year's start is `major`), or a label alone,
    written from `x` on (`anchor` "start") or centred on it."""

    x: float
    label: str
    major: bool
    line: bool = True
    anchor: str = "middle"


@dataclass(frozen=True, slots=True)
class Chart:
    """The timeline chart's geometry, in SVG user units."""

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    lanes: list[ChartLane]
    points: list[ChartPoint]
    ticks: list[ChartTick]
    scale_break: float | None
    detail_from: int | None
    document_x: float | None
    first: str
    last: str


@dataclass(frozen=True, slots=True)
class Page:
    """Everything the template shows, in the page's order."""

    title: str
    date: str
    date_reasoning: str
    covers: str
    source_file: str
    source_sha256: str | None
    version: str
    mark: str
    partner_names: list[str]
    partners_in_dataset: int
    fact_count: int
    heat_map: HeatMap
    statuses: list[StatusGroup]
    chart: Chart | None
    dated: list[TimelineEntry]
    undated: list[TimelineEntry]
    partners: list[PartnerSection]


# --- writing ------------------------------------------------------------------------


def write_report(output: Output, sink: Sink) -> None:
    """The page of the `Briefing` that `output` holds, as one HTML document."""
    briefing: Briefing = output.document
    sink.write(render_page(page(briefing)))


def render_page(view: Page) -> str:
    """The HTML of a page: the template, autoescaped, with the stylesheet inline and
    allowed by its hash alone."""
    import jinja2
    from markupsafe import Markup

    folder = resources.files("coopcli.render") / "templates"
    stylesheet = (folder / STYLESHEET).read_text(encoding="utf-8")
    if "</" in stylesheet:  # it could end the <style> element early
        raise ValueError(f"{STYLESHEET} must not contain '</'")
    digest = base64.b64encode(hashlib.sha256(stylesheet.encode("utf-8")).digest()).decode()

    def shown(value: Any) -> Any:
        """Every value the page shows, made visible (control characters and bidi
        overrides as escapes, as everywhere else) before it is escaped; the page's own
        markup (the stylesheet) as it is."""
        return visible(value) if isinstance(value, str) and not isinstance(value, Markup) else value

    environment = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=shown,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = environment.from_string((folder / TEMPLATE).read_text(encoding="utf-8"))
    policy = f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    return template.render(page=view, stylesheet=Markup(stylesheet), policy=policy)


# --- from the query answers to the page ----------------------------------------------


def page(briefing: Briefing) -> Page:
    """What the page shows of a `Briefing`."""
    meta = briefing["meta"]
    partners = briefing["partners"]
    sections = [_partner_section(partner) for partner in partners]
    names = {partner["id"]: partner["name"] for partner in partners}
    timeline = briefing["timeline"]
    entries = [_timeline_entry(row, row["fact"]) for row in timeline]
    dated = [entry for entry, row in zip(entries, timeline, strict=True) if row["date"]]
    undated = [entry for entry, row in zip(entries, timeline, strict=True) if not row["date"]]
    return Page(
        title=meta["title"],
        date=meta["date"],
        date_reasoning=meta["date_reasoning"],
        covers=meta["covers"],
        source_file=meta["source_file"],
        source_sha256=meta["source_sha256"],
        version=__version__,
        mark=INFERRED_MARK,
        partner_names=[partner["name"] for partner in partners],
        partners_in_dataset=briefing["partners_in_dataset"],
        fact_count=sum(section.fact_count for section in sections),
        heat_map=_heat_map(briefing, names),
        statuses=_statuses(briefing["agreements"]),
        chart=_chart(timeline, [entry.anchor for entry in entries], partners, meta["date"]),
        dated=dated,
        undated=undated,
        partners=sections,
    )


def _anchor(partner: str, fact: Mapping[str, Any]) -> str:
    """A fact's anchor: its `fact` id (`tunisia/visit-2021-05`), which the rows of the
    queries carry as `fact`."""
    return f"{partner}/{fact['id']}"


def _piece(text: str, fact: Mapping[str, Any], *fields: str) -> Piece:
    return Piece(text, inferred_mark(fact, fields or None))


def _reasons(fact: Mapping[str, Any]) -> list[tuple[str, str]]:
    return list((fact.get("inferred") or {}).items())


def _partner_section(partner: PartnerRecord) -> PartnerSection:
    pid = partner["id"]
    groups: list[FactGroup] = []
    for key in CARD_ORDER:
        view = REPORT_VIEWS[key]
        facts: list[Mapping[str, Any]] = partner[key]  # type: ignore[literal-required]
        if facts:
            shown = [view.fact(pid, fact) for fact in view.order(facts)]
            groups.append(FactGroup(SECTION[key].heading, shown))
    codes = "/".join(code for code in (partner["iso2"], partner["iso3"]) if code)
    return PartnerSection(
        id=pid,
        name=partner["name"],
        details=" \u00b7 ".join(part for part in (codes, partner["region"]) if part),
        aliases=list(partner["aliases"]),
        members=[member["name"] for member in partner["members"]],
        groups=groups,
        fact_count=sum(len(group.facts) for group in groups),
    )


def _agreement(pid: str, agreement: Mapping[str, Any]) -> FactView:
    milestones = [
        FactView(
            anchor=_anchor(pid, milestone),
            what=[
                _piece(
                    milestone_kind(milestone) + milestone_rounds(milestone),
                    milestone,
                    "kind",
                    "count",
                )
            ],
            date=_piece(date_span(milestone["date"], milestone["end"]), milestone, "date", "end"),
            details=_details("milestones", milestone, "count"),
            quote=milestone["source"],
            reasons=_reasons(milestone),
        )
        for milestone in agreement["milestones"]
    ]
    return FactView(
        anchor=_anchor(pid, agreement),
        what=[
            _piece(agreement["title"] + ":", agreement, "kind", "title"),
            _piece(agreement_status(agreement), agreement, "status"),
        ],
        details=_details("agreements", agreement),
        quote=agreement["source"],
        reasons=_reasons(agreement),
        children=milestones,
    )


def _framework(pid: str, framework: Mapping[str, Any]) -> FactView:
    details = (
        [("Since", _piece(framework["since"], framework, "since"))] if framework["since"] else []
    )
    return FactView(
        anchor=_anchor(pid, framework),
        what=[
            _piece(framework["name"], framework, "name", "id"),
            _piece(framework_kind(framework), framework, "kind"),
        ],
        details=details + _details("frameworks", framework, "role_date"),
        quote=framework["source"],
        reasons=_reasons(framework),
    )


def _details(section: str, fact: Mapping[str, Any], *hidden: str) -> list[tuple[str, Piece]]:
    """The fact's "detail" fields with a value, each marked when inferred."""
    shown = details(section, fact, hidden)
    return [(field.label, _piece(value, fact, field.name)) for field, value in shown]


_NAMED = ("who", "body", "counterpart", "where")
"""The roles the briefing lists under an event, each by its label."""


def _event(pid: str, event: Mapping[str, Any]) -> FactView:
    named = [field for field in EVERY_SECTION["events"].fields if field.role in _NAMED]
    details = [
        (field.label, _piece(", ".join(event[field.name]), event, field.name))
        for field in named
        if event[field.name]
    ] + _details("events", event)
    return FactView(
        anchor=_anchor(pid, event),
        what=[_piece(event_words(event), event, *EVENT_WHAT_FIELDS)],
        date=_piece(event_date(event, marked=False), event, *WHEN_FIELDS),
        planned=event["planned"],
        details=details,
        quote=event["source"],
        reasons=_reasons(event),
    )


def _in_words(
    section: str, words: Callable[[Mapping[str, Any]], str]
) -> Callable[[str, Mapping[str, Any]], FactView]:
    """The view of a fact that its words, its quote and its reasons say all of."""

    def view(pid: str, fact: Mapping[str, Any]) -> FactView:
        return FactView(
            anchor=_anchor(pid, fact),
            what=[_piece(words(fact), fact)],
            details=_details(section, fact),
            quote=fact["source"],
            reasons=_reasons(fact),
        )

    return view


def _as_given(facts: Sequence[Mapping[str, Any]]) -> Sequence[Mapping[str, Any]]:
    return facts


def _by_date(facts: Sequence[Mapping[str, Any]]) -> Sequence[Mapping[str, Any]]:
    return in_date_order(cast("list[EventRecord]", facts))


class ReportView(NamedTuple):
    """How the page shows a section's facts: one fact (with its facts as children: an
    agreement's milestones), and the order of the section's facts."""

    fact: Callable[[str, Mapping[str, Any]], FactView]
    order: Callable[[Sequence[Mapping[str, Any]]], Sequence[Mapping[str, Any]]] = _as_given


REPORT_VIEWS: dict[str, ReportView] = {
    "agreements": ReportView(_agreement),
    "frameworks": ReportView(_framework),
    "events": ReportView(_event, _by_date),
    "areas": ReportView(_in_words("areas", area_words)),
    "agencies": ReportView(_in_words("agencies", agency_words)),
    "notes": ReportView(_in_words("notes", note_words)),
}
"""How the page shows each section (`coopcli.shape.SECTIONS`), in the card's order,
under the card's heading, in the card's words (`coopcli.render.words`); a test checks
that every section has a view."""


def _heat_map(briefing: Briefing, names: Mapping[str, str]) -> HeatMap:
    matrix = briefing["areas"]
    members = [set(row["countries"]) for row in matrix]
    grid = [
        (
            pid,
            [
                HeatCell(
                    on=pid in inside,
                    label=f"{names[pid]}: {row['label']}",
                    anchor=f"{pid}/{row['id']}" if pid in inside else None,
                )
                for row, inside in zip(matrix, members, strict=True)
            ],
        )
        for pid in (partner["id"] for partner in briefing["partners"])
    ]
    most_areas = max((sum(cell.on for cell in cells) for _, cells in grid), default=0)
    rows = []
    for pid, cells in grid:
        total = sum(cell.on for cell in cells)
        rows.append(HeatRow(pid, names[pid], cells, total, _level(total, most_areas)))
    counts = [len(row["countries"]) for row in matrix]
    most_partners = max(counts, default=0)
    return HeatMap(
        areas=[(row["id"], row["label"]) for row in matrix],
        rows=rows,
        totals=[(count, _level(count, most_partners)) for count in counts],
        total=sum(counts),
    )


def _level(count: int, most: int) -> int:
    """The shade of a total: 0 for none, up to `HEAT_LEVELS` for the largest."""
    return 0 if count == 0 or most == 0 else max(1, math.ceil(HEAT_LEVELS * count / most))


def _statuses(rows: Sequence[AgreementRow]) -> list[StatusGroup]:
    by_status: dict[str, list[AgreementLink]] = {status: [] for status in AGREEMENT_STATUSES}
    for row in rows:
        by_status[row["status"]].append(
            AgreementLink(
                partner=row["country_name"],
                title=_piece(row["title"], row, "status", "kind", "title"),
                anchor=row["fact"],
            )
        )
    return [
        StatusGroup(status, AGREEMENT_STATUSES[status], links)
        for status, links in by_status.items()
    ]


def _timeline_entry(row: TimelineRow, anchor: str) -> TimelineEntry:
    return TimelineEntry(
        anchor=anchor,
        date=_piece(event_date(row, marked=False), row, *WHEN_FIELDS),
        partner=row["country_name"],
        what=event_words(row) if row["type"] == "event" else row["title"],
        planned=row["planned"],
    )


# --- the chart ----------------------------------------------------------------------

_WIDTH = 960.0
_LEFT = 170.0
_RIGHT = _WIDTH - 24.0
_TOP = 58.0
_AXIS = 46.0
_ROW_HEIGHT = 18.0
_LANE_PADDING = 5.0
_MARKER = 8.0
_DETAIL_SHARE = 0.62
"""The part of the axis the last two years take when the chart spans more than four:
the source's recent months are where most facts are, years apart the older ones."""


def _year_start(year: int) -> int:
    """The ordinal of the first day of `year`; of the day after 9999's last for 10000."""
    if year > datetime.MAXYEAR:
        return datetime.date.max.toordinal() + 1
    return datetime.date(year, 1, 1).toordinal()


def _month_start(year: int, month: int) -> int:
    """The ordinal of a month's first day; month 13 is the next year's first month."""
    return _year_start(year + 1) if month > 12 else datetime.date(year, month, 1).toordinal()


def _period(date: str) -> tuple[int, int]:
    """The first day of a date at its precision and the day after its last, as ordinals."""
    year = int(date[:4])
    if len(date) == 4:
        return (_year_start(year), _year_start(year + 1))
    month = int(date[5:7])
    if len(date) == 7:
        return (_month_start(year, month), _month_start(year, month + 1))
    day = datetime.date.fromisoformat(date).toordinal()
    return (day, day + 1)


_MOST_YEAR_LABELS = 12
"""The compressed years are labelled every year, or every few years up to this many."""


class _Scale:
    """Days to x: linear, or with the years before the last two drawn narrower."""

    def __init__(self, first_year: int, last_year: int) -> None:
        self.first_year, self.last_year = first_year, last_year
        self.start = _year_start(first_year)
        self.end = _year_start(last_year + 1)
        self.detail_from: int | None = None
        if last_year - first_year >= 4:
            self.detail_from = last_year - 1
        self.split = _year_start(self.detail_from) if self.detail_from else self.end
        span = _RIGHT - _LEFT
        self.split_x = _LEFT + (span * (1 - _DETAIL_SHARE) if self.detail_from else span)

    def x(self, day: float) -> float:
        if day <= self.split:
            return _LEFT + (self.split_x - _LEFT) * (day - self.start) / (self.split - self.start)
        return self.split_x + (_RIGHT - self.split_x) * (day - self.split) / (self.end - self.split)

    def ticks(self) -> list[ChartTick]:
        first, last = self.first_year, self.last_year
        ticks = []
        compressed_last = (self.detail_from or last + 1) - 1
        step = max(1, math.ceil((compressed_last - first + 1) / _MOST_YEAR_LABELS))
        for year in range(first, compressed_last + 1, step):
            start = _year_start(year)
            ticks.append(ChartTick(self.x(start), "", True))
            middle = (start + _year_start(year + 1)) / 2  # the year's label, in its middle
            ticks.append(ChartTick(self.x(middle), str(year), False, line=False))
        if self.detail_from is not None:
            for year in range(self.detail_from, last + 1):
                for month in range(1, 13):
                    x = self.x(_month_start(year, month))
                    if month == 1:
                        ticks.append(ChartTick(x, str(year), True, anchor="start"))
                    else:
                        ticks.append(ChartTick(x, _MONTHS.get(month, ""), False))
        ticks.append(ChartTick(_RIGHT, "", True))
        return ticks


_MONTHS = {4: "Apr", 7: "Jul", 10: "Oct"}


def _chart(
    rows: Sequence[TimelineRow],
    anchors: Sequence[str],
    partners: Iterable[PartnerRecord],
    document_date: str,
) -> Chart | None:
    """The chart of every dated row, a band per partner in the source's order."""
    dated = [(row, anchor) for row, anchor in zip(rows, anchors, strict=True) if row["date"]]
    if not dated:
        return None
    periods = [_period(row["date"]) for row, _ in dated if row["date"]]
    ends = [_period(row["end"])[1] for row, _ in dated if row["end"]]
    first_day = min(start for start, _ in periods)
    last_day = max([*(stop for _, stop in periods), *ends]) - 1
    document = _period(document_date) if _is_date(document_date) else None
    if document is not None:
        first_day = min(first_day, document[0])
        last_day = max(last_day, document[1] - 1)
    scale = _Scale(
        datetime.date.fromordinal(first_day).year, datetime.date.fromordinal(last_day).year
    )

    by_partner: dict[str, list[tuple[TimelineRow, str]]] = defaultdict(list)
    for row, anchor in dated:
        by_partner[row["country"]].append((row, anchor))
    lanes: list[ChartLane] = []
    points: list[ChartPoint] = []
    top = _TOP
    for partner in partners:
        items = by_partner.get(partner["id"])
        if not items:
            continue
        placed = [_place(row, anchor, scale) for row, anchor in items]
        placed.sort(key=lambda item: item[1])
        row_ends: list[float] = []
        for point_args, left, right in placed:
            free = next((n for n, end in enumerate(row_ends) if end < left), len(row_ends))
            if free == len(row_ends):
                row_ends.append(right)
            else:
                row_ends[free] = right
            y = top + _LANE_PADDING + _ROW_HEIGHT * free + _ROW_HEIGHT / 2
            points.append(ChartPoint(y=y, **point_args))
        height = 2 * _LANE_PADDING + _ROW_HEIGHT * len(row_ends)
        lanes.append(ChartLane(partner["name"], top, height))
        top += height
    return Chart(
        width=_WIDTH,
        height=top + _AXIS,
        left=_LEFT,
        right=_RIGHT,
        top=_TOP,
        bottom=top,
        lanes=lanes,
        points=points,
        ticks=scale.ticks(),
        scale_break=scale.split_x if scale.detail_from else None,
        detail_from=scale.detail_from,
        document_x=scale.x(sum(document) / 2) if document else None,
        first=datetime.date.fromordinal(first_day).isoformat()[:4],
        last=datetime.date.fromordinal(last_day).isoformat()[:4],
    )


def _is_date(text: str) -> bool:
    try:
        _period(text)
    except ValueError:
        return False
    return True


def _place(row: TimelineRow, anchor: str, scale: _Scale) -> tuple[dict[str, Any], float, float]:
    """A point's position and, for laying out the band, the room it takes."""
    assert row["date"] is not None
    start, stop = _period(row["date"])
    end_x: float | None = None
    if row["ongoing"]:
        x, end_x = scale.x(start), _RIGHT
    elif row["end"]:
        x, end_x = scale.x(start), scale.x(_period(row["end"])[1])
    else:
        x = scale.x((start + stop) / 2)  # a year or a month: at its middle
    status = "planned" if row["planned"] else "past"
    span = event_date(row)
    title = f"{span}, {row['country_name']}: {row['title']} ({status})"
    arguments = {
        "anchor": anchor,
        "title": title,
        "planned": row["planned"],
        "x": x,
        "end_x": end_x,
        "open": row["ongoing"],
    }
    return arguments, x - _MARKER, max(x, end_x or x) + _MARKER
