"""Where the files that ship with coop are: the dataset and its JSON Schema, inside the
wheel or, in a source checkout, at the top of the repository.

It imports nothing of coop's, so that every layer may ask without an import reaching upwards.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).parent
_CHECKOUT = Path(__file__).parents[2]


def dataset_path() -> Path:
    """The dataset that ships with coop."""
    return _shipped(Path("data") / "countries.toml")


def schema_path() -> Path:
    """The JSON Schema of the dataset that ships with coop (`coop schema` prints the same)."""
    return _shipped(Path("schema") / "countries.schema.json")


def _shipped(relative: Path) -> Path:
    inside = _PACKAGE / relative
    return inside if inside.is_file() else _CHECKOUT / relative
