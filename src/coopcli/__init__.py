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
        Briefing,
        Change,
        Comparison,
        DatasetRecord,
        FactRow,
        FoundFact,
        FrameworkGroup,
        Hit,
        PartnerRecord,
        PartnerRow,
        PersonRow,
        TimelineRow,
    )

_PUBLIC = {
    "load": "coopcli.api",
    "Dataset": "coopcli.api",
    "Values": "coopcli.api",
    "CoopError": "coopcli.errors",
    "DataError": "coopcli.errors",
    "InvalidValue": "coopcli.errors",
    "NotFound": "coopcli.errors",
    "Problem": "coopcli.errors",
    "UsageError": "coopcli.errors",
    "Partner": "coopcli.model",
    "AgreementRow": "coopcli.records",
    "AreaQuote": "coopcli.records",
    "AreaRow": "coopcli.records",
    "Briefing": "coopcli.records",
    "Change": "coopcli.records",
    "Comparison": "coopcli.records",
    "DatasetRecord": "coopcli.records",
    "FactRow": "coopcli.records",
    "FoundFact": "coopcli.records",
    "FrameworkGroup": "coopcli.records",
    "Hit": "coopcli.records",
    "PartnerRecord": "coopcli.records",
    "PartnerRow": "coopcli.records",
    "PersonRow": "coopcli.records",
    "TimelineRow": "coopcli.records",
}

__all__ = [
    "AgreementRow",
    "AreaQuote",
    "AreaRow",
    "Briefing",
    "Change",
    "Comparison",
    "CoopError",
    "DataError",
    "Dataset",
    "DatasetRecord",
    "FactRow",
    "FoundFact",
    "FrameworkGroup",
    "Hit",
    "InvalidValue",
    "NotFound",
    "Partner",
    "PartnerRecord",
    "PartnerRow",
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
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'coopcli' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
