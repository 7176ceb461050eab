"""Write a synthetic dataset N times the shipped one, for scale benchmarks.

    python benchmarks/make_dataset.py --scale 100 --output /tmp/big.toml

Copy k of each partner gets the id `ID-k`, the name `NAME k`, numbered aliases and member
names, and look-up codes no other partner uses (ISO-shaped but made up; alpha-2 runs out
after 676 codes, so later copies have none). Every fact is kept as it is, quotes
included. The output is deterministic and valid: `coop validate` accepts it.
"""

from __future__ import annotations

import argparse
import itertools
import string
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import tomli_w

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "countries.toml"


def _codes(length: int, taken: set[str]) -> Iterator[str]:
    for letters in itertools.product(string.ascii_uppercase, repeat=length):
        code = "".join(letters)
        if code not in taken:
            yield code


def scaled(document: dict[str, Any], scale: int) -> dict[str, Any]:
    """The document with its partners repeated `scale` times under unique names."""
    partners = document["partners"]
    taken2 = {p["iso2"] for p in partners if "iso2" in p} | {
        m["iso2"] for p in partners for m in p.get("members", []) if "iso2" in m
    }
    taken3 = {p["iso3"] for p in partners if "iso3" in p} | {
        m["iso3"] for p in partners for m in p.get("members", []) if "iso3" in m
    }
    alpha2, alpha3 = _codes(2, taken2), _codes(3, taken3)
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
            result.append(clone)
    return {**document, "partners": result}


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
