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


def test_every_fact_of_the_source_is_quoted_somewhere(source_text: str) -> None:
    """Mark each character that some quote covers; what is left must be headers and glue."""
    document = tomllib.loads(DATA.read_text(encoding="utf-8"))
    covered = [False] * len(source_text)
    for _, quote in quotes(document):
        needle = normalise(quote)
        start = source_text.find(needle)
        while start != -1:
            covered[start : start + len(needle)] = [True] * len(needle)
            start = source_text.find(needle, start + 1)
    gaps = re.findall(
        r"[^\x00]+",
        "".join("\x00" if c else ch for c, ch in zip(covered, source_text, strict=True)),
    )
    headers = {p["name"] for p in document["partners"]} | {document["meta"]["title"]}
    glue = re.compile(
        r"^[\s.,;:()&]*(and|as well as|as well as on|including|with|\(|\))?[\s.,;:()]*$"
    )
    leftovers = []
    for gap in gaps:
        words = gap.strip()
        for header in sorted(headers, key=len, reverse=True):
            words = words.replace(header, " ")
        if not glue.match(words.strip()):
            leftovers.append(gap)
    assert leftovers == []


def test_meta_names_the_source_file_and_its_title(source_text: str) -> None:
    document = tomllib.loads(DATA.read_text(encoding="utf-8"))
    assert source_text.startswith(document["meta"]["title"])
    assert (
        document["meta"]["source_file"] == "eu-migration-cooperation-key-third-countries-2021.txt"
    )
