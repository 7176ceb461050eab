"""Prove a dataset's quotes against its source text (`coop validate --source`) and
measure how much of the text they cover (headings, connecting words between quotes and
phrases the partner's quotes already hold are not counted against them). No I/O."""

from __future__ import annotations

import bisect
import hashlib
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from coopcli.errors import Problem
from coopcli.locate import KeyPath, key_lines, line_of

_UNCOVERED = re.compile(b"\x00+")  # a run of characters no quote covers
# What may lie between two quotes uncovered: punctuation and one short connecting word.
_GLUE_WORDS = frozenset({"and", "as well as", "as well as on", "including", "with"})
_GLUE_BEFORE = " .,;:()&"
_GLUE_AFTER = " .,;:()"


def normalise(text: str) -> str:
    """`text` with every run of whitespace made one space, and none at the ends."""
    return " ".join(text.split())


def quotes(node: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """(path, quote) for every `source` value below `node`, and each of `also_quoted`, in
    document order."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key == "source" and isinstance(value, str):
                yield (*path, key), value
            elif key == "also_quoted" and isinstance(value, list):  # a fact's second quotes
                yield from (((*path, key, n), quote) for n, quote in enumerate(value))
            else:
                yield from quotes(value, (*path, key))
    elif isinstance(node, list):
        for position, item in enumerate(node):
            yield from quotes(item, (*path, position))


def missing_quotes(dataset: Mapping[str, Any], source_text: str) -> list[tuple[KeyPath, str]]:
    """The quotes of `dataset` that do not occur in `source_text`, with their paths."""
    text = normalise(source_text)
    return [(path, quote) for path, quote in quotes(dataset) if normalise(quote) not in text]


def section_starts(text: str, names: Sequence[str]) -> list[tuple[int, str]]:
    """Where each partner's section of the normalised `text` starts, in text order."""
    starts: list[tuple[int, str]] = []
    position = 0
    for name in names:
        found = text.find(name + " ", position)
        if found != -1:
            starts.append((found, name))
            position = found
    return starts


def _is_glue(gap: str) -> bool:
    """Whether `gap` is punctuation around at most one connecting word. (Stripping: a
    regular expression backtracked for seconds over 40,000 dots.)"""
    word = gap.lstrip(_GLUE_BEFORE).rstrip(_GLUE_AFTER)
    return not word or word in _GLUE_WORDS


def _mark_occurrences(text: str, needle: str, covered: bytearray) -> None:
    """Mark in `covered` what every occurrence of `needle` in `text` covers, in linear
    time: a needle that overlaps itself (`...`) is followed along the overlap at once."""
    size = len(needle)
    reach = 0
    start = text.find(needle)
    while start != -1:
        end = start + size
        following = text.find(needle, start + 1)
        if 0 <= following < end:
            # The shift is a period of the needle: each further repeat of its last
            # `shift` characters in the text is one more occurrence.
            tail = needle[size - (following - start) :]
            end += len(tail) * _repeats(text, tail, end)
            following = text.find(needle, end - size + 1)
        begin = max(start, reach)
        covered[begin:end] = b"\x01" * (end - begin)
        reach = end
        start = following


def _repeats(text: str, unit: str, position: int) -> int:
    """How many times `unit` repeats in `text` from `position` (doubling, then halving)."""
    count, block, units = 0, unit, 1
    while text.startswith(block, position):
        position, count = position + len(block), count + units
        block, units = block + block, units * 2
    while units > 1:
        units //= 2
        block = block[: len(unit) * units]
        if text.startswith(block, position):
            position, count = position + len(block), count + units
    return count


class Coverage(NamedTuple):
    """How much of the source the quotes cover, and the passages they leave out."""

    share: float  # of the normalised text's characters, 0.0 to 1.0
    uncovered: list[str]  # passages no quote covers nor exemption allows

    def percent(self) -> str:
        """The share as `99.9%`, rounded down: `100.0%` only when nothing is uncovered."""
        return f"{math.floor(self.share * 1000) / 10:.1f}%"


def coverage(dataset: Mapping[str, Any], source_text: str) -> Coverage:
    """Mark what every quote of a validated `dataset` covers; each passage left that is
    not a heading, glue or a phrase its partner's quotes hold counts against the share."""
    text = normalise(source_text)
    if not text:
        return Coverage(0.0, [])
    covered = bytearray(len(text))
    for _, quote in quotes(dataset):
        if needle := normalise(quote):
            _mark_occurrences(text, needle, covered)
    names = [partner["name"] for partner in dataset["partners"]]
    headings = section_starts(text, names)
    starts = [start for start, _ in headings]
    # One string per partner: a phrase of the normalised text holds no newline, so it
    # is in the joined quotes exactly when it is in one of them.
    own_quotes = {
        p["name"]: "\n".join(normalise(q) for _, q in quotes(p)) for p in dataset["partners"]
    }
    longest_first = sorted({*names, dataset["meta"]["title"]}, key=len, reverse=True)
    held: dict[tuple[str, str], bool] = {}
    uncovered: list[str] = []
    for gap in _UNCOVERED.finditer(covered):
        passage = words = text[gap.start() : gap.end()]
        for header in longest_first:
            words = words.replace(header, " ")
        if _is_glue(words):
            continue
        if section := bisect.bisect_right(starts, gap.start()):
            key = (owner := headings[section - 1][1], words.strip(" ;,."))
            if key not in held:
                held[key] = key[1] in own_quotes.get(owner, "")
            if held[key]:
                continue
        uncovered.append(passage)
    share = 1 - sum(len(passage) for passage in uncovered) / len(text)
    return Coverage(share, uncovered)


class SourceReport(NamedTuple):
    """What `coop validate --source` tells: problems, warnings and the coverage."""

    problems: list[Problem]
    warnings: list[str]
    coverage: Coverage


def prove(
    dataset: Mapping[str, Any],
    source_text: str,
    dataset_text: str,
    display_path: str,
    source_name: str,
) -> SourceReport:
    """Each quote not in `source_text` as a problem at its line, the coverage, and a
    warning if the text is not the one `meta.source_sha256` records."""
    warnings: list[str] = []
    recorded = dataset["meta"].get("source_sha256")
    actual = hashlib.sha256(normalise(source_text).encode("utf-8")).hexdigest()
    if recorded and recorded != actual:
        warnings.append(
            f"warning: {source_name} is not the document this dataset was built from "
            f"(its SHA-256 is {actual[:12]}..., meta.source_sha256 says {recorded[:12]}...)"
        )
    from coopcli.validation import where

    lines, what = key_lines(dataset_text), f"quote not found in {source_name}"
    problems = [
        Problem(display_path, line_of(lines, path), where(path, dataset), what)
        for path, _ in missing_quotes(dataset, source_text)
    ]
    return SourceReport(problems, warnings, coverage(dataset, source_text))
