"""The rules a dataset's values must keep that the JSON Schema cannot say, written once.

The Pydantic models (`coopcli.model`) apply them as validators, and the fast path
(`coopcli.fastpath`) applies the same functions to the fields whose schema pattern is
the one named here. Plain Python only: this module is imported without Pydantic.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

TEXT_PATTERN = r"\S"
"""The schema pattern of text (`Text`, `Source`): a field with it also gets `visible`."""

PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
"""The schema pattern of a partial date: a field with it also gets `real_date`.
[0-9], not \\d, which also takes Arabic-Indic, full-width and other digits."""

_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def real_date(value: str) -> str:
    """Reject partial dates that match the pattern but name no real day or month."""
    match = _PARTIAL_DATE.fullmatch(value)
    if match is None:  # the pattern constraint has already said why
        return value
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None
    return value


def visible(value: str) -> str:
    """Reject text made only of invisible characters (zero-width spaces, joiners,
    direction marks, controls), which the pattern's `\\S` lets through."""
    for char in value:
        if unicodedata.category(char)[0] not in "CZ":
            return value
    shown = ", ".join(dict.fromkeys(f"U+{ord(char):04X}" for char in value[:8]))
    raise ValueError(f"empty text where text is required (only invisible {shown})")


def exact_int(value: object) -> object:
    """Let only a real integer reach a Literal of integers, which in lax mode would
    also take 1.0 or True for 1."""
    if type(value) is not int:
        raise ValueError(f"Input should be a valid integer (got {value!r})")
    return value
