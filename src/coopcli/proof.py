"""Prove a dataset's quotes against its source text, and measure how much of it they cover.

Pure functions, no I/O: `coop validate --source FILE` and the test suite run the same
proof. A quote is proven when its whitespace-normalised text occurs in the normalised
source; coverage marks, character by character, what some quote covers, and exempts only
headings (partner names, the document's title), short connecting words between quotes,
and a phrase that one of the same partner's quotes already holds.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from coopcli.errors import Problem
from coopcli.locate import KeyPath, LineIndex

_GLUE = re.compile(r"^[\s.,;:()&]*(and|as well as|as well as on|including|with)?[\s.,;:()]*$")
"""What may lie between two quotes uncovered: punctuation and one short connecting word."""


def normalise(text: str) -> str:
    """`text` with every run of whitespace made one space, and none at the ends."""
    return " ".join(text.split())


def source_sha256(text: str) -> str:
    """SHA-256 (hex) of the normalised source text: the same for any layout of its lines."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def quotes(node: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """(path, quote) for every `source` value below `node`, in document order."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key == "source" and isinstance(value, str):
                yield (*path, key), value
            else:
                yield from quotes(value, (*path, key))
    elif isinstance(node, list):
        for position, item in enumerate(node):
            yield from quotes(item, (*path, position))


def missing_quotes(dataset: Mapping[str, Any], source_text: str) -> list[tuple[KeyPath, str]]:
    """The quotes of `dataset` that do not occur in `source_text`, with their paths."""
    text = normalise(source_text)
    return [(path, quote) for path, quote in quotes(dataset) if normalise(quote) not in text]


def partner_sections(source_text: str, names: Sequence[str]) -> dict[str, str]:
    """The normalised source split at each partner's heading, which opens its paragraph.
    A name the text does not hold (in order) gets no section."""
    text = normalise(source_text)
    starts: list[tuple[int, str]] = []
    position = 0
    for name in names:
        found = text.find(name + " ", position)
        if found != -1:
            starts.append((found, name))
            position = found
    ends = [start for start, _ in starts[1:]] + ([len(text)] if starts else [])
    return {name: text[start:end] for (start, name), end in zip(starts, ends, strict=True)}


class Coverage:
    """How much of the source the quotes cover, and the passages they leave out."""

    __slots__ = ("share", "uncovered")

    def __init__(self, share: float, uncovered: list[str]) -> None:
        self.share = share
        """Covered characters over all characters of the normalised text, 0.0 to 1.0."""
        self.uncovered = uncovered
        """Each passage no quote covers and no exemption allows, in text order."""

    def percent(self) -> str:
        """The share as `99.9%`, rounded down: `100.0%` only when nothing is uncovered."""
        return f"{math.floor(self.share * 1000) / 10:.1f}%"


def coverage(dataset: Mapping[str, Any], source_text: str) -> Coverage:
    """Mark each character some quote covers (every occurrence of it); what is left must
    be a heading, glue, or a phrase the same partner's quotes already hold, else it is an
    uncovered passage, and its characters count against the share."""
    text = normalise(source_text)
    if not text:
        return Coverage(0.0, [])
    covered = bytearray(len(text))
    for _, quote in quotes(dataset):
        needle = normalise(quote)
        if not needle:
            continue
        start = text.find(needle)
        while start != -1:
            covered[start : start + len(needle)] = b"\x01" * len(needle)
            start = text.find(needle, start + 1)
    partners = [p for p in dataset.get("partners", []) if isinstance(p, Mapping)]
    names = [p["name"] for p in partners if isinstance(p.get("name"), str)]
    sections = partner_sections(text, names)
    section_starts = sorted((text.index(section), name) for name, section in sections.items())
    own_quotes = {
        p["name"]: [normalise(q) for _, q in quotes(p)]
        for p in partners
        if isinstance(p.get("name"), str)
    }
    meta = dataset.get("meta")
    title = meta.get("title") if isinstance(meta, Mapping) else None
    headers = set(names) | ({title} if isinstance(title, str) else set())
    marked = "".join("\x00" if flag else char for flag, char in zip(covered, text, strict=True))
    uncovered: list[str] = []
    for gap in re.finditer(r"[^\x00]+", marked):
        words = gap.group()
        for header in sorted(headers, key=len, reverse=True):
            words = words.replace(header, " ")
        if _GLUE.match(words.strip()):
            continue
        owner = [name for start, name in section_starts if start <= gap.start()]
        phrase = words.strip(" ;,.")
        if owner and any(phrase in quote for quote in own_quotes.get(owner[-1], [])):
            continue
        uncovered.append(gap.group())
    share = 1 - sum(len(passage) for passage in uncovered) / len(text)
    return Coverage(share, uncovered)


def quote_problems(
    dataset: Mapping[str, Any],
    source_text: str,
    dataset_text: str,
    display_path: str,
    source_name: str,
) -> list[Problem]:
    """Each quote not found in the source, as `PATH:LINE: where: quote not found in FILE`,
    located at its `source` key in the dataset file's text."""
    from coopcli.validation import where

    index = LineIndex(dataset_text)
    return [
        Problem(
            display_path,
            index.line_of(path),
            where(path, dataset),
            f"quote not found in {source_name}",
        )
        for path, _ in missing_quotes(dataset, source_text)
    ]


class SourceReport:
    """What `coop validate --source` tells: problems, warnings and the coverage."""

    __slots__ = ("coverage", "problems", "warnings")

    def __init__(self, problems: list[Problem], warnings: list[str], measured: Coverage) -> None:
        self.problems = problems
        self.warnings = warnings
        self.coverage = measured


def prove(
    dataset: Mapping[str, Any],
    source_text: str,
    dataset_text: str,
    display_path: str,
    source_name: str,
) -> SourceReport:
    """Every quote proven against `source_text`, its coverage measured, and a warning when
    the text is not the document `meta.source_sha256` records."""
    warnings: list[str] = []
    meta = dataset.get("meta")
    recorded = meta.get("source_sha256") if isinstance(meta, Mapping) else None
    actual = source_sha256(source_text)
    if recorded and recorded != actual:
        warnings.append(
            f"warning: {source_name} is not the document this dataset was built from "
            f"(its SHA-256 is {actual[:12]}..., meta.source_sha256 says {recorded[:12]}...)"
        )
    problems = quote_problems(dataset, source_text, dataset_text, display_path, source_name)
    return SourceReport(problems, warnings, coverage(dataset, source_text))
