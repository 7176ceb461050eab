"""Write a synthetic dataset N times the shipped one, for scale benchmarks.

    python benchmarks/make_dataset.py --scale 100 --output /tmp/big.toml

Copy 0 is the shipped data as it is. Copy k of each partner gets the id `ID-k`, the name
`NAME k`, numbered aliases and member names, and look-up codes no other partner uses
(ISO-shaped but made up; alpha-2 runs out after some 650 codes, so later copies have
none). Its facts keep their structure (kinds, statuses, dates, ids), but every text a
fact holds (quote, title, name, role, people, places, reasons) is reworded: each word
replaced by one drawn from the shipped data's own words, so lengths and letters stay
alike while no text repeats. Repeated quotes would flatter the cache, which stores
equal strings once. The output is deterministic (a seeded generator) and valid:
`coop validate` accepts it.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import string
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import tomli_w

from coopcli.textfold import lookalikes

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "countries.toml"
FACT_SECTIONS = ("frameworks", "agreements", "events", "areas", "agencies", "notes")
TEXT_FIELDS = ("source", "title", "when", "role")
TEXT_LISTS = ("people", "bodies", "counterparts", "places")
WORD = re.compile(r"[^\W\d_]+")


def _codes(length: int, taken: set[str]) -> Iterator[str]:
    """Codes that neither equal nor look like (`lookalikes`) a name or code in `taken`,
    to which each is added as it is given."""
    for letters in itertools.product(string.ascii_uppercase, repeat=length):
        code = "".join(letters)
        if not (keys := {code, *lookalikes(code)}) & taken:
            taken.update(keys)
            yield code


def _lookup_names(partners: list[dict[str, Any]]) -> set[str]:
    """Every look-up name of the shipped partners, upper-cased, and what it looks like: no
    made-up code may equal or look like one (coop refuses a name two partners share)."""
    names: set[str] = set()
    for partner in partners:
        for entry in [partner, *partner.get("members", [])]:
            given = [entry[key] for key in ("id", "name", "iso2", "iso3") if key in entry]
            for name in [*given, *entry.get("aliases", [])]:
                names.update((name.upper(), *lookalikes(name)))
    return names


class Rewording:
    """Replaces every word of a text by a word of the shipped data, deterministically."""

    def __init__(self, document: dict[str, Any], seed: int = 2021) -> None:
        words: set[str] = set()
        for partner in document["partners"]:
            for section in FACT_SECTIONS:
                for fact in partner.get(section, []):
                    words.update(WORD.findall(fact.get("source", "")))
        self.words = sorted(word.lower() for word in words if len(word) > 1)
        self.random = random.Random(seed)

    def text(self, text: str) -> str:
        def replace(match: re.Match[str]) -> str:
            word = self.random.choice(self.words)
            return word.capitalize() if match.group()[0].isupper() else word

        return WORD.sub(replace, text)

    def fact(self, fact: dict[str, Any], section: str) -> dict[str, Any]:
        copy = dict(fact)
        for key in TEXT_FIELDS:
            if key in copy:
                copy[key] = self.text(copy[key])
        for key in TEXT_LISTS:
            if key in copy:
                copy[key] = [self.text(value) for value in copy[key]]
        if "inferred" in copy:
            copy["inferred"] = {key: self.text(why) for key, why in copy["inferred"].items()}
        if "milestones" in copy:
            copy["milestones"] = [self.fact(step, "milestones") for step in copy["milestones"]]
        return copy


def scaled(document: dict[str, Any], scale: int) -> dict[str, Any]:
    """The document with its partners repeated `scale` times under unique names, every
    copy's facts reworded."""
    partners = document["partners"]
    taken = _lookup_names(partners)
    alpha2, alpha3 = _codes(2, taken), _codes(3, taken)
    rewording = Rewording(document)
    result = [*partners]
    for copy in range(1, scale):
        for partner in partners:
            clone = {
                **partner,
                "id": f"{partner['id']}-{copy}",
                "name": f"{partner['name']} {copy}",
            }
            clone["aliases"] = [f"{alias} {copy}" for alias in partner.get("aliases", [])]
            for key, codes in (("iso2", alpha2), ("iso3", alpha3)):
                clone.pop(key, None)
                code = next(codes, None)
                if code is not None and key in partner:
                    clone[key] = code
            members = []
            for member in partner.get("members", []):
                twin = {"name": f"{member['name']} {copy}"}
                for key, codes in (("iso2", alpha2), ("iso3", alpha3)):
                    code = next(codes, None)
                    if code is not None:
                        twin[key] = code
                twin["aliases"] = [f"{alias} {copy}" for alias in member.get("aliases", [])]
                members.append(twin)
            if members:
                clone["members"] = members
            for section in FACT_SECTIONS:
                if section in partner:
                    clone[section] = [rewording.fact(f, section) for f in partner[section]]
            # A framework is shared by id across partners and its names are unique to it:
            # copy k gets its own framework, named the same way in every partner.
            clone["frameworks"] = [
                {
                    **framework,
                    "id": f"{framework['id']}-{copy}",
                    "name": f"{framework['name']} {copy}",
                }
                | (
                    {"names": [f"{n} {copy}" for n in framework["names"]]}
                    if "names" in framework
                    else {}
                )
                for framework in clone.get("frameworks", [])
            ]
            result.append(clone)
    if scale == 1:
        return document
    # The copies' reworded names are claimed by no thing: a file of layout 3, without any,
    # as the benchmark datasets of 0.4 were.
    return layout_3({**document, "meta": dict(document["meta"]), "partners": result})


def layout_3(document: dict[str, Any]) -> dict[str, Any]:
    """`document` made a file of layout 3, in place: no registry of things, nor what layout
    4 added to facts (qualifiers, second quotes, a condition, the status `not_activated`,
    undated milestones), so that its names need no thing."""
    document.pop("things", None)
    document["meta"]["schema_version"] = 3
    for partner in document["partners"]:
        for key in ("frameworks", "agreements", "events", "areas", "agencies", "notes"):
            for fact in partner.get(key, []):
                for added in ("qualifiers", "also_quoted", "condition"):
                    fact.pop(added, None)
                if fact.get("status") == "not_activated":
                    fact["status"] = "agreed"
                if "milestones" in fact:
                    fact["milestones"] = [m for m in fact["milestones"] if "date" in m]
    return document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100, help="how many times the shipped data")
    parser.add_argument("--output", type=Path, required=True, help="where to write the TOML")
    parser.add_argument("--source", type=Path, default=SHIPPED, help="dataset to scale up")
    arguments = parser.parse_args()
    if arguments.scale < 1:
        parser.error("--scale must be at least 1")
    document = tomllib.loads(arguments.source.read_text(encoding="utf-8"))
    arguments.output.write_text(tomli_w.dumps(scaled(document, arguments.scale)), encoding="utf-8")


if __name__ == "__main__":
    main()
