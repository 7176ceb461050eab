"""Every fact's quote is verbatim, and together the quotes cover the whole source."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from typing import Any

from conftest import DATA


def quotes(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, quote) for every `source` value in the dataset."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "source" and isinstance(value, str):
                yield path, value
            else:
                yield from quotes(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for position, item in enumerate(node):
            yield from quotes(item, f"{path}[{position}]")


def normalise(text: str) -> str:
    return " ".join(text.split())


def test_every_quote_is_verbatim_in_the_source(source_text: str) -> None:
    document = tomllib.loads(DATA.read_text(encoding="utf-8"))
    found = list(quotes(document))
    assert len(found) > 150
    missing = [(path, quote) for path, quote in found if normalise(quote) not in source_text]
    assert missing == []


def partner_sections(source_text: str, names: list[str]) -> dict[str, str]:
    """The source split at each partner's heading, which opens its paragraph."""
    starts = []
    position = 0
    for name in names:
        position = source_text.index(name + " ", position)
        starts.append(position)
    ends = [*starts[1:], len(source_text)]
    return {name: source_text[a:b] for name, a, b in zip(names, starts, ends, strict=True)}


def test_every_quote_comes_from_its_own_partners_paragraph(source_text: str) -> None:
    document = tomllib.loads(DATA.read_text(encoding="utf-8"))
    sections = partner_sections(source_text, [p["name"] for p in document["partners"]])
    misplaced = [
        (partner["id"], path, quote)
        for partner in document["partners"]
        for path, quote in quotes(partner)
        if normalise(quote) not in sections[partner["name"]]
    ]
    assert misplaced == []


def test_every_fact_of_the_source_is_quoted_somewhere(source_text: str) -> None:
    """Mark each character that some quote covers; what is left must be headers, glue, or
    a phrase the paragraph repeats that one of the same partner's quotes already holds."""
    document = tomllib.loads(DATA.read_text(encoding="utf-8"))
    covered = [False] * len(source_text)
    for _, quote in quotes(document):
        needle = normalise(quote)
        start = source_text.find(needle)
        while start != -1:
            covered[start : start + len(needle)] = [True] * len(needle)
            start = source_text.find(needle, start + 1)
    names = [p["name"] for p in document["partners"]]
    sections = partner_sections(source_text, names)
    section_starts = sorted((source_text.index(text), name) for name, text in sections.items())
    own_quotes = {p["name"]: [normalise(q) for _, q in quotes(p)] for p in document["partners"]}
    headers = set(names) | {document["meta"]["title"]}
    glue = re.compile(r"^[\s.,;:()&]*(and|as well as|as well as on|including|with)?[\s.,;:()]*$")
    marked = "".join("\x00" if c else ch for c, ch in zip(covered, source_text, strict=True))
    leftovers = []
    for gap in re.finditer(r"[^\x00]+", marked):
        words = gap.group()
        for header in sorted(headers, key=len, reverse=True):
            words = words.replace(header, " ")
        if glue.match(words.strip()):
            continue
        owner = [name for start, name in section_starts if start <= gap.start()]
        phrase = words.strip(" ;,.")
        if owner and any(phrase in quote for quote in own_quotes[owner[-1]]):
            continue
        leftovers.append(gap.group())
    assert leftovers == []


def test_meta_names_the_source_file_and_its_title(source_text: str) -> None:
    document = tomllib.loads(DATA.read_text(encoding="utf-8"))
    assert source_text.startswith(document["meta"]["title"])
    assert (
        document["meta"]["source_file"] == "eu-migration-cooperation-key-third-countries-2021.txt"
    )
