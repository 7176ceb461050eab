"""Prove a dataset's quotes against its source text (`coop validate --source`), each in
its own partner's part of the text, and measure how much of each part the partner's
quotes cover (its heading and connecting words between quotes are not counted against
them). No I/O. Finding the parts is linear in the text and the names; each quote is
searched once, in its own part (so that many partners cost what one text costs), and of
those not there, the first `LOOKED_FOR` in the whole text."""

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
_SENTENCE_ENDS = (".", "!", "?")
_END = ""  # the key of a name's end in the trie of names (no word is empty)
LOOKED_FOR = 100
"""How many quotes not in their partner's part are looked for in the whole text: each
costs a pass over it, so that a dataset of thousands costs no more than a hundred."""


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


class Part(NamedTuple):
    """A partner's part of the normalised text: from its heading (`start` to `body`, the
    name as the source writes it) to the next partner's heading (`end`)."""

    start: int
    body: int
    end: int


def split_parts(
    source_text: str, partners: Sequence[Mapping[str, Any]], title: str = ""
) -> tuple[str, list[Part | None]]:
    """The normalised `source_text` and each partner's part of it (None: its names head
    no paragraph). A name or alias heads a paragraph where it begins a sentence: at the
    text's start, after its `title` or after a word that ends with `.`, `!` or `?`, whole
    words; a partner's first such place starts its part. Line breaks do not matter."""
    trie: dict[str, Any] = {}
    for index, partner in enumerate(partners):
        for name in (partner["name"], *partner.get("aliases", ())):
            node = trie
            for word in name.split():
                node = node.setdefault(word, {})
            node.setdefault(_END, index)
    words = source_text.split()
    text = " ".join(words)
    after_title = len(title.split()) if (text + " ").startswith(title + " ") else 0
    heads: dict[int, tuple[int, int]] = {}
    offset = 0
    for number, word in enumerate(words):
        if number in (0, after_title) or words[number - 1].endswith(_SENTENCE_ENDS):
            node, length, found, at = trie, offset - 1, None, number
            while at < len(words) and words[at] in node:  # to the sentence's end: linear
                node, length = node[words[at]], length + len(words[at]) + 1
                if _END in node:
                    found = node[_END], length
                if words[at].endswith(_SENTENCE_ENDS):
                    break
                at += 1
            if found is not None and found[0] not in heads:
                heads[found[0]] = (offset, found[1])
        offset += len(word) + 1
    starts = sorted(start for start, _ in heads.values())
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=False))
    found_parts = {index: Part(start, body, ends[start]) for index, (start, body) in heads.items()}
    return text, [found_parts.get(index) for index in range(len(partners))]


def _is_glue(gap: str) -> bool:
    """Whether `gap` is punctuation around at most one connecting word. (Stripping: a
    regular expression backtracked for seconds over 40,000 dots.)"""
    word = gap.lstrip(_GLUE_BEFORE).rstrip(_GLUE_AFTER)
    return not word or word in _GLUE_WORDS


def _mark_occurrences(text: str, needle: str, covered: bytearray, start: int, end: int) -> bool:
    """Mark in `covered` what every occurrence of `needle` in `text[start:end]` covers, in
    linear time (a needle that overlaps itself, `...`, is followed along the overlap at
    once); whether there is one."""
    size = len(needle)
    reach = start
    at = text.find(needle, start, end)
    while at != -1:
        stop = at + size
        following = text.find(needle, at + 1, end)
        if 0 <= following < stop:
            # The shift is a period of the needle: each further repeat of its last
            # `shift` characters in the text is one more occurrence.
            tail = needle[size - (following - at) :]
            stop += len(tail) * _repeats(text, tail, stop, end)
            following = text.find(needle, stop - size + 1, end)
        begin = max(at, reach)
        covered[begin:stop] = b"\x01" * (stop - begin)
        reach = stop
        at = following
    return reach > start


def _repeats(text: str, unit: str, position: int, end: int) -> int:
    """How many times `unit` repeats in `text[:end]` from `position` (doubling, then halving)."""
    count, block, units = 0, unit, 1
    while text.startswith(block, position, end):
        position, count = position + len(block), count + units
        block, units = block + block, units * 2
    while units > 1:
        units //= 2
        block = block[: len(unit) * units]
        if text.startswith(block, position, end):
            position, count = position + len(block), count + units
    return count


class Coverage(NamedTuple):
    """How much of the source, or of a partner's part, the quotes cover; the passages
    they leave out (of the whole source: those in no partner's part); each partner's."""

    share: float  # of the normalised text's characters, 0.0 to 1.0
    uncovered: list[str]  # passages no quote covers nor exemption allows, in text order
    by_partner: Mapping[str, Coverage] = {}

    def percent(self) -> str:
        """The share as `99.9%`, rounded down: `100.0%` only when nothing is uncovered."""
        return f"{math.floor(self.share * 1000) / 10:.1f}%"


def _prove(
    dataset: Mapping[str, Any], source_text: str, source_name: str
) -> tuple[Coverage, list[tuple[KeyPath, str]]]:
    """What no quote covers (headings and glue aside), in the whole text and in each
    part, and the problems (where in the dataset, what): each quote not in its partner's
    part, saying where it is, and each partner whose names head no paragraph."""
    partners = dataset["partners"]
    title = normalise(dataset["meta"]["title"])
    text, parts = split_parts(source_text, partners, title)
    covered = bytearray(len(text))
    if text.startswith(title):  # the title line belongs to no partner
        covered[: len(title)] = b"\x01" * len(title)
    heads = sorted((part.start, part.end, index) for index, part in enumerate(parts) if part)
    starts = [start for start, _, _ in heads]
    problems: list[tuple[KeyPath, str]] = []
    looked_for = 0
    for index, (partner, part) in enumerate(zip(partners, parts, strict=True)):
        needles: dict[str, list[KeyPath]] = {}  # each quote searched once
        for path, quote in quotes(partner, ("partners", index)):
            needles.setdefault(normalise(quote), []).append(path)
        if part is None:
            what = f"heads no paragraph of {source_name} (docs/data.md, Proving quotes)"
            problems.append((("partners", index, "name"), what))
        else:
            covered[part.start : part.body] = b"\x01" * (part.body - part.start)
        for needle, paths in needles.items():
            if not needle or (
                part and _mark_occurrences(text, needle, covered, part.start, part.end)
            ):
                continue
            looked_for += 1  # through the whole text: a bounded number of times
            what = f"quote not in {partner['name']}'s part of {source_name}"
            if looked_for > LOOKED_FOR:
                what += f" (over {LOOKED_FOR} such quotes: not looked for elsewhere)"
            elif (at := text.find(needle)) == -1:
                what = f"quote not found in {source_name}"
            else:
                owner = bisect.bisect_right(starts, at)
                place = f"in {partners[heads[owner - 1][2]]['name']}'s" if owner else "before every"
                what += f": found {place} part"
            problems += [(path, what) for path in paths]

    def gaps(start: int, end: int) -> list[str]:
        found = (text[gap.start() : gap.end()] for gap in _UNCOVERED.finditer(covered, start, end))
        return [passage for passage in found if not _is_glue(passage)]

    outside = gaps(0, starts[0] if starts else len(text))  # the title's line: no part
    by_partner = {partner["id"]: Coverage(0.0, []) for partner in partners}
    left = sum(map(len, outside))
    for start, end, index in heads:
        passages = gaps(start, end)
        lost = sum(map(len, passages))
        by_partner[partners[index]["id"]] = Coverage(1 - lost / (end - start), passages)
        left += lost
    share = 1 - left / len(text) if text else 0.0
    return Coverage(share, outside, by_partner), problems


def coverage(dataset: Mapping[str, Any], source_text: str) -> Coverage:
    """The coverage of a validated `dataset`'s source text, each partner's part by its
    own quotes."""
    return _prove(dataset, source_text, "the source")[0]


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
    """Each quote not in its partner's part of `source_text` as a problem at its line,
    each partner whose names head no paragraph too, the coverage, and a warning if the
    text is not the one `meta.source_sha256` records."""
    warnings: list[str] = []
    recorded = dataset["meta"].get("source_sha256")
    actual = hashlib.sha256(normalise(source_text).encode("utf-8")).hexdigest()
    if recorded and recorded != actual:
        warnings.append(
            f"warning: {source_name} is not the document this dataset was built from "
            f"(its SHA-256 is {actual[:12]}..., meta.source_sha256 says {recorded[:12]}...)"
        )
    from coopcli.validation import where

    (measured, found), lines = _prove(dataset, source_text, source_name), key_lines(dataset_text)
    problems = [
        Problem(display_path, line_of(lines, path), where(path, dataset), what)
        for path, what in found
    ]
    problems.sort(key=lambda problem: problem.line or 0)
    return SourceReport(problems, warnings, measured)
