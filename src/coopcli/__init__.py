"""coop: query the EU's cooperation on migration with key third countries.

As a library (see docs/api.md)::

    import coopcli

    ds = coopcli.load()
    ds.agreements(status="in_place", kind="readmission")

The names in `__all__` are the public API; every other module is internal. They are
imported on first use, so that `import coopcli` (which the `coop` command's start-up
does) costs nothing more.
"""

# No import runs here (the console script's start-up passes through this module before
# coop can catch a Ctrl-C: see `coopcli.entry`), hence no `from __future__ import` and
# no `typing` at run time.
TYPE_CHECKING = False

__version__ = "0.4.0"

if TYPE_CHECKING:
    from typing import Any

    from coopcli.api import Dataset, Values, load
    from coopcli.errors import CoopError, DataError, InvalidValue, NotFound, Problem, UsageError
    from coopcli.model import Partner
    from coopcli.records import (
        AgreementRow,
        AreaQuote,
        AreaRow,
        BodyRow,
        Briefing,
        Change,
        Comparison,
        DatasetRecord,
        FactRef,
        FactRow,
        FoundFact,
        FrameworkGroup,
        Hit,
        PartnerRecord,
        PartnerRow,
        PersonEvent,
        PersonRow,
        TimelineRow,
    )

_MODULES = ("coopcli.errors", "coopcli.api", "coopcli.records", "coopcli.model")
"""Where the public names live, searched in this order (Pydantic's `model` last)."""

__all__ = [
    "AgreementRow",
    "AreaQuote",
    "AreaRow",
    "BodyRow",
    "Briefing",
    "Change",
    "Comparison",
    "CoopError",
    "DataError",
    "Dataset",
    "DatasetRecord",
    "FactRef",
    "FactRow",
    "FoundFact",
    "FrameworkGroup",
    "Hit",
    "InvalidValue",
    "NotFound",
    "Partner",
    "PartnerRecord",
    "PartnerRow",
    "PersonEvent",
    "PersonRow",
    "Problem",
    "TimelineRow",
    "UsageError",
    "Values",
    "__version__",
    "load",
]


def __getattr__(name: str) -> "Any":
    """Import a public name's module when the name is first used."""
    import importlib

    for module in _MODULES if name in __all__ and name != "__version__" else ():
        value = getattr(importlib.import_module(module), name, None)
        if value is not None:
            globals()[name] = value
            return value
    raise AttributeError(f"module 'coopcli' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
