"""`coop report`: a `Briefing` as one self-contained HTML page (Jinja2, autoescaped, over
plain dicts). It makes no request: an inline stylesheet allowed by its hash, nothing else."""

from __future__ import annotations

import base64
import hashlib
import heapq
import math
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any, cast

from coopcli import __version__
from coopcli.api import in_date_order
from coopcli.render import base, columns
from coopcli.render.base import Output, Sink
from coopcli.shape import CARD_ORDER, EVERY_SECTION, SECTION
from coopcli.terminal import visible
from coopcli.vocab import AGREEMENT_STATUSES

if TYPE_CHECKING:
    from coopcli.records import Briefing, PartnerRecord, TimelineRow

View = dict[str, Any]
Fact = Mapping[str, Any]
ON_MARK, OFF_MARK = "\u25cf", "\u2013"  # the heat map's cells, readable without colour
HEAT_LEVELS = 4


def write_html(output: Output, sink: Sink) -> None:
    """The template, autoescaped, with the stylesheet inline and allowed by its hash."""
    import jinja2
    from markupsafe import Markup

    folder = resources.files("coopcli.render") / "templates"
    stylesheet = (folder / "report.css").read_text(encoding="utf-8")
    if "</" in stylesheet:  # it could end the <style> element early
        raise ValueError("report.css must not contain '</'")
    digest = base64.b64encode(hashlib.sha256(stylesheet.encode("utf-8")).digest()).decode()

    def shown(value: Any) -> Any:  # data made visible before it is escaped; markup as is
        return visible(value) if isinstance(value, str) and not isinstance(value, Markup) else value

    environment = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=shown,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = environment.from_string((folder / "report.html.j2").read_text(encoding="utf-8"))
    policy = f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    page_text = template.render(
        page=page(output.document),
        stylesheet=Markup(stylesheet),
        policy=policy,
        marks=(ON_MARK, OFF_MARK),
        base=base,
        columns=columns,
        sections={key: SECTION[key] for key in CARD_ORDER},
        statuses=AGREEMENT_STATUSES,
        details=details,
        reader_date=reader_date,
        DATE_FIELDS=DATE_FIELDS,
    )
    sink.write(page_text)


def page(briefing: Briefing) -> View:
    partners = [
        {
            **partner,
            "events": in_date_order(partner["events"]),
            "fact_count": sum(len(partner[key]) for key in CARD_ORDER),
        }
        for partner in cast("list[View]", briefing["partners"])
    ]
    timeline = briefing["timeline"]
    return {
        **briefing["meta"],
        "version": __version__,
        "partners_in_dataset": briefing["partners_in_dataset"],
        "filters": _filters_text(briefing),
        "fact_count": sum(partner["fact_count"] for partner in partners),
        "heat_map": _heat_map(briefing),
        "agreements": briefing["agreements"],
        "chart": _chart(timeline, briefing["partners"], briefing["meta"]["date"]),
        "dated": [row for row in timeline if row["date"]],
        "undated": [row for row in timeline if not row["date"]],
        "partners": partners,
    }


_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
DATE_FIELDS = ("date", "end", "ongoing", "when", "since")
"""The fields a date as written says: its mark is theirs (`planned` is marked apart)."""


def reader_date(date: str | None, end: str | None = None, ongoing: bool = False) -> str:
    """A date as a reader writes it: `9-10 September 2021`, `2016-2019`, `February 2021`,
    `30 September to 2 October 2021`, `since April 2021` (the ISO form goes in a title)."""
    if date is None:
        return ""

    def words(parts: list[str]) -> list[str]:  # day, month, year, as far as given
        named = [str(int(parts[2]))] if len(parts) > 2 else []
        return named + ([_MONTH_NAMES[int(parts[1]) - 1]] if len(parts) > 1 else []) + parts[:1]

    first = words(date.split("-"))
    if end is None or end == date:
        text = " ".join(first)
    else:
        last = words(end.split("-"))
        same = 0  # the words both ends share, from the year back
        while same < min(len(first), len(last)) - 1 and first[-1 - same] == last[-1 - same]:
            same += 1
        head, tail = first[: len(first) - same], last
        joint = "-" if len(head) == 1 and len(first) == len(last) else " to "
        text = " ".join(head) + joint + " ".join(tail)
    return f"since {text}" if ongoing else text


def details(section: str, fact: Fact) -> list[tuple[str, str, str]]:
    """A fact's lines of label, text and field: a framework's start, whom and where an
    event names (each role by its label), then its "detail" fields."""
    since = section == "frameworks" and fact["since"]
    rows = [("Since", reader_date(fact["since"]), "since")] if since else []
    rows += [
        (field.label, ", ".join(fact[field.name]), field.name)
        for field in EVERY_SECTION[section].fields
        if field.role in ("who", "body", "counterpart", "where") and fact[field.name]
    ]
    return rows + [(f.label, text, f.name) for f, text in base.details(section, fact)]


def _filters_text(briefing: Briefing) -> str:
    """The filters the page was made with, as its heading says them (an area by its label)."""
    labels = {row["id"]: row["label"] for row in briefing["areas"]}
    return "; ".join(
        f"{name} {' or '.join(labels.get(value, value) if name == 'area' else value for value in values)}"
        for name, values in briefing["filters"].items()
    )


def _heat_map(briefing: Briefing) -> View:
    """Partners by areas (the template marks the cells): each total with its shade."""
    matrix = briefing["areas"]
    partners = briefing["partners"]
    totals = [sum(p["id"] in row["countries"] for row in matrix) for p in partners]
    counts = [len(row["countries"]) for row in matrix]
    return {
        "areas": matrix,
        "rows": [
            {"partner": p["id"], "name": p["name"], "total": n, "level": _level(n, max(totals))}
            for p, n in zip(partners, totals, strict=True)
        ],
        "totals": [(count, _level(count, max(counts))) for count in counts],
        "total": sum(counts),
    }


def _level(count: int, most: int) -> int:
    """The shade of a total: 0 for none, up to `HEAT_LEVELS` for the largest."""
    return 0 if count == 0 else max(1, math.ceil(HEAT_LEVELS * count / most))


# --- the chart: SVG user units; time in years (a month 1/12 of one, a day 1/372) --------

_WIDTH, _LEFT, _RIGHT, _TOP, _AXIS = 960.0, 170.0, 936.0, 58.0, 46.0
_ROW_HEIGHT, _LANE_PADDING, _MARKER = 18.0, 5.0, 8.0
# The last two years take this share of the axis when the chart spans more than four:
# the source's recent months are where most facts are, years apart the older ones.
_DETAIL_SHARE = 0.62
_LABEL_SPACE = 50.0  # a year's label is about 30 wide
_MONTHS = {4: "Apr", 7: "Jul", 10: "Oct"}


def _period(date: str) -> tuple[float, float]:
    """The start of a date at its precision and the end of it, in years."""
    parts = [int(part) for part in date.split("-")]
    units = (1.0, 1 / 12, 1 / 372)
    start = parts[0] + sum(
        (part - 1) * unit for part, unit in zip(parts[1:], units[1:], strict=False)
    )
    return start, start + units[len(parts) - 1]


def _chart(
    rows: Sequence[TimelineRow], partners: Sequence[PartnerRecord], when: str
) -> View | None:
    """The chart of every dated row, a band per partner in the source's order; the years
    before the last two drawn narrower when it spans more than four."""
    dated = [row for row in rows if row["date"]]
    if not dated:
        return None
    spans = [_period(d) for row in dated for d in (row["date"], row["end"]) if d]
    try:
        document: tuple[float, float] | None = _period(when)
    except ValueError:
        document = None
    spans += [document] if document else []
    first = math.floor(min(start for start, _ in spans))
    last = math.ceil(max(stop for _, stop in spans)) - 1
    detail = last - 1 if last - first >= 4 else None
    split = detail or last + 1
    split_x = _LEFT + (_RIGHT - _LEFT) * (1 - _DETAIL_SHARE if detail else 1)

    def x(year: float) -> float:
        if year <= split:
            return _LEFT + (split_x - _LEFT) * (year - first) / (split - first)
        return split_x + (_RIGHT - split_x) * (year - split) / (last + 1 - split)

    # a year's label every `step` years, at least `_LABEL_SPACE` apart (they never touch)
    step = max(1, math.ceil(_LABEL_SPACE * (split - first) / (split_x - _LEFT)))
    ticks = []  # x, label, major, a line, the label's anchor
    for year in range(first, split, step):  # a line at each year, its label in its middle
        ticks += [
            (x(year), "", True, True, "middle"),
            (x(year + 0.5), str(year), False, False, "middle"),
        ]
    for year in range(detail or split, last + 1):
        ticks.append((x(year), str(year), True, True, "start"))
        ticks += [
            (x(year + m / 12), _MONTHS.get(m + 1, ""), False, True, "middle") for m in range(1, 12)
        ]
    ticks.append((_RIGHT, "", True, True, "middle"))
    lanes: list[View] = []
    points: list[View] = []
    top = _TOP
    by_partner: dict[str, list[View]] = {partner["id"]: [] for partner in partners}
    for row in dated:
        start, stop = _period(row["date"] or "")  # a range to its end (or the edge)
        end_x = _RIGHT if row["ongoing"] else x(_period(row["end"])[1]) if row["end"] else None
        middle = x(start) if end_x else x((start + stop) / 2)  # a year or a month: its middle
        by_partner.setdefault(row["country"], []).append({"row": row, "x": middle, "end_x": end_x})
    for partner in partners:
        placed = sorted(by_partner[partner["id"]], key=lambda point: point["x"])
        if not placed:
            continue
        # each point in the first row of the band it fits in: heaps of the rows in use, by
        # where they end, and of those free (a row once free stays so, x only grows)
        busy: list[tuple[float, int]] = []
        free: list[int] = []
        for point in placed:
            while busy and busy[0][0] < point["x"] - _MARKER:
                heapq.heappush(free, heapq.heappop(busy)[1])
            number = heapq.heappop(free) if free else len(busy)
            heapq.heappush(busy, (max(point["x"], point["end_x"] or 0) + _MARKER, number))
            point["y"] = top + _LANE_PADDING + _ROW_HEIGHT * (number + 0.5)
            points.append(point)
        height = 2 * _LANE_PADDING + _ROW_HEIGHT * (len(busy) + len(free))
        label_y = top + _LANE_PADDING + _ROW_HEIGHT / 2 + 4
        lanes.append({"name": partner["name"], "top": top, "height": height, "label_y": label_y})
        top += height
    return {
        "width": _WIDTH,
        "height": top + _AXIS,
        "left": _LEFT,
        "right": _RIGHT,
        "top": _TOP,
        "bottom": top,
        "lanes": lanes,
        "points": points,
        "ticks": ticks,
        "scale_break": split_x if detail else None,
        "detail_from": detail,
        "document_x": x(sum(document) / 2) if document else None,
        "first": f"{first:04d}",
        "last": f"{last:04d}",
    }
