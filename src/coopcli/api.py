"""coop's Python API: the dataset and the answers of its queries, as the CLI gives them.

```python
import coopcli

ds = coopcli.load()  # the shipped dataset; coopcli.load("edition.toml") for another
ds.agreements(status="in_place", kind="readmission")
```

`load` returns a `Dataset`. Its query methods return lists of typed rows (TypedDicts,
plain dicts at run time) with exactly the fields of the matching command's `--json`
rows; the CLI's commands call these same methods. Filters take a value or a list of
values ("any of"), written as on the command line: vocabulary ids (`in_place`,
`in-place` and `IN_PLACE` are the same id), partner ids, names, ISO codes or aliases,
region names. A bad value raises `InvalidValue` (a `ValueError`), an unknown partner or
framework `NotFound` (a `LookupError`), an invalid dataset file `DataError`.

Only `Dataset.partners` and `Dataset.partner` build Pydantic models (and import
Pydantic), on first use: the queries work on the validated records that coop's cache
holds, so that importing coop and querying stays as light as the CLI's `--json` path.
Rows share their nested lists and objects (milestones, `inferred`) with the dataset:
copy a row before changing it.
"""

from __future__ import annotations

import functools
import os
import types
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload

from coopcli import dataset as _dataset
from coopcli import query
from coopcli.vocab import AGREEMENT_KINDS, AGREEMENT_STATUSES, AREAS, TIMELINE_KINDS

if TYPE_CHECKING:
    import datetime
    from pathlib import Path

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
        MetaRecord,
        PartnerRecord,
        PartnerRow,
        PersonRow,
        TimelineRow,
    )

__all__ = ["Dataset", "Values", "load"]

_Class = TypeVar("_Class", bound=type)

Values = str | Iterable[str] | None
"""A filter's value: one value, several ("any of"), or None (no filter)."""


def _values(value: Values) -> list[str]:
    """A filter's values as a list (a single string is one value, not its letters)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


# --- the arguments of every public method, checked in one place ------------------------
#
# Each public method of `Dataset` is wrapped (by `_check_arguments`, below the class) so
# that every argument is checked by the checker of its annotation before the method runs:
# a wrong type is a TypeError naming the parameter, never an AttributeError from deep
# inside or a silent empty answer (`planned="no"`). A method with a parameter whose
# annotation has no checker here fails at import, so a new one cannot forget its checks.


def _shown(value: object) -> str:
    """A wrong argument as a message shows it: its type, and its value if it is short."""
    text = repr(value)
    kind = type(value).__name__
    return f"{kind} {text}" if len(text) <= 40 else kind


def _check_text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name}: expected a string, got {_shown(value)}")
    return value


def _check_optional_text(name: str, value: object) -> str | None:
    return None if value is None else _check_text(name, value)


def _check_values(name: str, value: object) -> list[str]:
    """A filter: None, a string, or an iterable of strings (as a list)."""
    if value is None or isinstance(value, str):
        return _values(value)
    if isinstance(value, (bytes, bytearray, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(f"{name}: expected a string or an iterable of strings, got {_shown(value)}")
    values = list(value)
    for item in values:
        if not isinstance(item, str):
            raise TypeError(f"{name}: expected strings only, got {_shown(item)} among them")
    return values


def _check_words(name: str, value: object) -> list[str]:
    """Search words: a string or an iterable of strings (None is no query)."""
    if value is None:
        raise TypeError(f"{name}: expected a string or an iterable of strings, got None")
    return _check_values(name, value)


def _check_flag(name: str, value: object) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise TypeError(f"{name}: expected True, False or None, got {_shown(value)}")
    return value


def _check_bool(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name}: expected True or False, got {_shown(value)}")
    return value


def _check_optional_path(name: str, value: object) -> object:
    if value is not None and not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{name}: expected the path of a dataset file or None, got {_shown(value)}")
    return value


def _check_date(name: str, value: object) -> str | None:
    """A date as text at any precision, or a `datetime.date` (a datetime: its day)."""
    from coopcli.analysis import check_date

    if value is None:
        return None
    if not isinstance(value, str):
        import datetime

        if not isinstance(value, datetime.date):
            raise TypeError(
                f"{name}: expected a date as text ('2021', '2021-05', '2021-05-17') or a "
                f"datetime.date, got {_shown(value)}"
            )
        value = datetime.date(value.year, value.month, value.day).isoformat()
    return check_date(value, name)


def _check_dataset_or_path(name: str, value: object) -> object:
    if not isinstance(value, (Dataset, str, os.PathLike)):
        raise TypeError(
            f"{name}: expected a Dataset or the path of a dataset file, got {_shown(value)}"
        )
    return value


_CHECKERS: dict[str, Callable[[str, object], object]] = {
    "Values": _check_values,
    "str": _check_text,
    "str | None": _check_optional_text,
    "str | Iterable[str]": _check_words,
    "bool | None": _check_flag,
    "bool": _check_bool,
    "str | os.PathLike[str] | None": _check_optional_path,
    "str | datetime.date | None": _check_date,
    "Dataset | str | os.PathLike[str]": _check_dataset_or_path,
}
"""The checker of each parameter annotation that `load` and the public methods of
`Dataset` use (the annotations are strings: `from __future__ import annotations`)."""

_VARARGS = 0x04
"""`inspect.CO_VARARGS` (a function takes `*args`), without importing `inspect`."""


_Function = TypeVar("_Function", bound=Callable[..., Any])


def _checked(method: _Function, *, is_method: bool = True) -> _Function:
    """`method` with each argument checked (and normalised) by its annotation's checker
    (`self` aside, for a method)."""
    code = method.__code__
    first = 1 if is_method else 0
    named = code.co_varnames[first : code.co_argcount + code.co_kwonlyargcount]
    positional = code.co_varnames[first : code.co_argcount]
    variadic = None
    if code.co_flags & _VARARGS:
        variadic = code.co_varnames[code.co_argcount + code.co_kwonlyargcount]
    checkers: dict[str, Callable[[str, object], object]] = {}
    for parameter in (*named, *([variadic] if variadic else [])):
        annotation = method.__annotations__.get(parameter)
        if annotation not in _CHECKERS:
            raise TypeError(
                f"{method.__qualname__}: no check for parameter {parameter!r} "
                f"({annotation}); add one to coopcli.api._CHECKERS"
            )
        checkers[parameter] = _CHECKERS[annotation]

    @functools.wraps(method)
    def checked(*args: Any, **kwargs: Any) -> Any:
        given = list(args[first:])
        for position, value in enumerate(args[first:]):
            if position < len(positional):
                parameter = positional[position]
            elif variadic is not None:
                parameter = variadic
            else:
                break  # too many arguments: the call itself says so
            given[position] = checkers[parameter](parameter, value)
        for parameter, value in kwargs.items():
            if parameter in checkers:  # an unknown keyword: the call itself says so
                kwargs[parameter] = checkers[parameter](parameter, value)
        return method(*args[:first], *given, **kwargs)

    return cast("_Function", checked)


def _check_arguments(cls: _Class) -> _Class:
    """Wrap every public method of `cls` in `_checked` (properties are left alone)."""
    for attribute, value in list(vars(cls).items()):
        if not attribute.startswith("_") and isinstance(value, types.FunctionType):
            setattr(cls, attribute, _checked(value))
    return cls


def _checked_function(function: _Function) -> _Function:
    """`function` (not a method) with each argument checked, as `_checked` does."""
    return _checked(function, is_method=False)


@_checked_function
def load(path: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> Dataset:
    """Load and validate a dataset file: `path`, or the dataset that ships with coop.

    A file coop has validated before is read from its cache (see the README; `use_cache`
    False, like COOP_NO_CACHE=1, validates again). Raises `DataError` for a file that
    cannot be read or is not valid, listing every problem as `PATH:LINE: where: what`.
    """
    return Dataset(_dataset.load(path, use_cache=use_cache))


@_check_arguments
class Dataset:
    """A validated dataset and its queries (the CLI's, answer for answer).

    Made by `load()`. The query methods take keyword filters, each a value or a list of
    values ("any of"; filters together are "all of"): `country` (partner ids, names, ISO
    codes, aliases or member countries), `region` (region names, case and accents aside)
    and `area` (area ids).
    """

    __slots__ = ("_loaded", "_models")

    def __init__(self, loaded: _dataset.ValidatedFile) -> None:
        """Wrap a loaded dataset (use `coopcli.load()` to make one)."""
        self._loaded = loaded
        self._models: list[Partner] | None = None

    def __repr__(self) -> str:
        return f"<coopcli.Dataset {str(self.path)!r}: {len(self.records['partners'])} partners>"

    # --- what the dataset is ------------------------------------------------------------

    @property
    def path(self) -> Path:
        """The dataset file this was loaded from."""
        return self._loaded.path

    @property
    def shipped(self) -> bool:
        """Whether this is the dataset that ships with coop."""
        return self._loaded.shipped

    @property
    def meta(self) -> MetaRecord:
        """The dataset's `[meta]` table: title, date, what it covers, its source file."""
        return self._loaded.records["meta"]

    @property
    def records(self) -> DatasetRecord:
        """The whole validated dataset as plain dicts and lists (the form of `coop export
        --format json`); shared with the queries, so treat it as read-only."""
        return self._loaded.records

    @property
    def partners(self) -> list[Partner]:
        """Every partner as a Pydantic model (`coopcli.model.Partner`, frozen), in the
        source's order. Built, and Pydantic imported, on first access."""
        return list(self._partner_models())

    def _partner_models(self) -> list[Partner]:
        if self._models is None:
            from coopcli.model import Partner

            self._models = [Partner.model_validate(p) for p in self.records["partners"]]
        return self._models

    def partner(self, name: str) -> Partner:
        """The partner `name` names, as a Pydantic model: its id, name, ISO code, an
        alias or, for a region, a member country, ignoring case and accents
        (`"Türkiye"`, `"TN"`, `"serbia"`). Raises `NotFound`, with the closest names."""
        record = query.find_partner(self.records, name)
        position = next(n for n, p in enumerate(self.records["partners"]) if p is record)
        return self._partner_models()[position]

    def partner_record(self, name: str) -> PartnerRecord:
        """The partner `name` names (as for `partner`), as `coop show NAME --json` gives
        it: plain dicts and lists. Raises `NotFound`."""
        return query.find_partner(self.records, name)

    def fact(self, name: str) -> FoundFact:
        """The fact `name` names, `PARTNER/ID` (`"tunisia/visit-2021-05"`; the partner as
        for `partner`, `"TN/visit-2021-05"` too), as `coop show PARTNER/ID` gives it: its
        `record` (the fact object), `section`, `path` and partner. Raises `NotFound`,
        with the partner's closest fact names."""
        return query.find_fact(self.records, name)

    def select(
        self,
        *,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
    ) -> list[PartnerRecord]:
        """The partners the filters keep, in the source's order, as records. `framework`
        keeps the partners in a framework (its id, or words of its name or look-up name:
        `"budapest"`, `"etm"`). Raises `InvalidValue` for an unknown region or area,
        `NotFound` for an unknown partner or framework."""
        return query.select_partners(
            self.records,
            countries=_values(country),
            regions=_values(region),
            areas=_values(area),
            frameworks=_values(framework),
        )

    # --- queries: each the rows of one command's --json --------------------------------

    def partner_rows(
        self,
        *,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
    ) -> list[PartnerRow]:
        """The rows of `coop list`: `id`, `name`, `kind`, `region`, `iso2`, `iso3`,
        `aliases`, `members` (names) and `areas` (ids) of each partner the filters keep."""
        return query.partner_rows(
            self.select(country=country, region=region, area=area, framework=framework)
        )

    def agreements(
        self,
        *,
        status: Values = None,
        kind: Values = None,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
    ) -> list[AgreementRow]:
        """The rows of `coop agreements`: each agreement of the partners the filters keep
        whose `status` and `kind` are any of the given ids. Raises `InvalidValue` for an
        id outside the vocabulary (the message lists the valid ones)."""
        statuses = query.choose_all(_values(status), AGREEMENT_STATUSES, "status")
        kinds = query.choose_all(_values(kind), AGREEMENT_KINDS, "kind")
        partners = self.select(country=country, region=region, area=area, framework=framework)
        return query.agreement_rows(partners, statuses=statuses, kinds=kinds)

    def search(
        self,
        words: str | Iterable[str],
        *,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
        person: Values = None,
    ) -> list[Hit]:
        """The rows of `coop search`: every fact (of the partners the filters keep) in
        whose texts all the words occur, each as the start of a word, case and accents
        aside (`"smuggl trafficking"` or `["smuggl", "trafficking"]`). A hit whose match
        of some word lies only in its quote is `quote_only`; those come last. `person`
        keeps the events that name any of them (as for `timeline`). Raises
        `InvalidValue` for an empty query, or one over 32 words or 1,000 characters,
        `NotFound` for a person no event names."""
        folded = query.query_words([words] if isinstance(words, str) else list(words))
        people = query.choose_names(self.records, _values(person), query.PERSON_FIELDS, "person")
        partners = self.select(country=country, region=region, area=area, framework=framework)
        return query.search(partners, folded, self._loaded.haystacks, people=people)

    def timeline(
        self,
        *,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
        kind: Values = None,
        planned: bool | None = None,
        since: str | datetime.date | None = None,
        until: str | datetime.date | None = None,
        person: Values = None,
        place: Values = None,
    ) -> list[TimelineRow]:
        """The rows of `coop timeline`: every event and agreement milestone of the
        partners the filters keep, in date order (undated planned items last).

        `kind`: event or milestone kinds; `planned`: True for what had not happened when
        the source was written, False for what had, None for both; `since`/`until`
        (`"2021"`, `"2021-05"`, `"2021-05-17"` or a `datetime.date`): only what overlaps
        that range, both ends inclusive. `person`: only the events that name any of them
        among their `people` or `counterparts`, each word of a name the start of a word,
        case and accents aside (`"johansson"`, `"von der leyen"`); `place` likewise for
        the `places` an event names. Raises `InvalidValue` for a bad kind or date, or a
        range that ends before it starts, `NotFound` for a person or place no event names."""
        from coopcli import analysis

        start = cast("str | None", since)  # made text by `_check_date`
        end = cast("str | None", until)
        analysis.check_range(start, end, ("since", "until"))
        kinds = query.choose_all(_values(kind), TIMELINE_KINDS, "kind")
        people = query.choose_names(self.records, _values(person), query.PERSON_FIELDS, "person")
        places = query.choose_names(self.records, _values(place), query.PLACE_FIELDS, "place")
        partners = self.select(country=country, region=region, area=area, framework=framework)
        return analysis.timeline(
            partners,
            start=start,
            end=end,
            planned=planned,
            kinds=kinds,
            people=people,
            places=places,
        )

    def people(self, name: str | None = None) -> list[PersonRow]:
        """The rows of `coop people`: every person the events name, verbatim as the
        source names them (never merged), alphabetically, each with its events as
        timeline rows in date order; with `name`, only the people it matches (each word
        the start of a word of the name, case and accents aside: `"johansson"`). Raises
        `NotFound`, with the closest names, when it matches nobody."""
        from coopcli import analysis

        if name is None:
            return analysis.people(self.records["partners"])
        (words,) = query.choose_names(self.records, [name], ("people",), "person")
        return analysis.people(self.records["partners"], words)

    @overload
    def areas(self, area: None = None) -> list[AreaRow]: ...
    @overload
    def areas(self, area: str) -> list[AreaQuote]: ...
    def areas(self, area: str | None = None) -> list[AreaRow] | list[AreaQuote]:
        """The rows of `coop areas`: without `area`, one row per cooperation area (in
        vocabulary order) with the ids of the partners in it; with an area id, the
        partners under it, each with its quote (`coop areas ID`). Raises `InvalidValue`
        for an unknown area id."""
        from coopcli import analysis

        partners = self.records["partners"]
        if area is None:
            return analysis.area_matrix(partners)
        return analysis.area_quotes(partners, query.choose(area, AREAS, "area"))

    def frameworks(self, name: str | None = None) -> list[FrameworkGroup]:
        """The rows of `coop frameworks`: each framework or process with the partners
        in it, most partners first; with `name`, only those whose id or name contains
        it. Raises `NotFound` when none does, `InvalidValue` for an empty name."""
        from coopcli import analysis

        groups = analysis.framework_groups(self.records["partners"])
        return groups if name is None else analysis.find_frameworks(groups, name)

    def compare(self, *names: str) -> Comparison:
        """The object of `coop compare`: two or more partners side by side. Raises
        `NotFound` for a name that matches no partner, `InvalidValue` for fewer than two
        different partners."""
        from coopcli import analysis

        return analysis.compare([query.find_partner(self.records, name) for name in names])

    def diff(self, other: Dataset | str | os.PathLike[str]) -> list[Change]:
        """The rows of `coop diff`: what changed from this edition to `other` (a
        `Dataset` or the path of a dataset file, loaded as `load` does)."""
        from coopcli import analysis

        newer = other if isinstance(other, Dataset) else load(other)
        return analysis.diff(self.records, newer.records)

    def document(
        self,
        *,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
    ) -> DatasetRecord:
        """What `coop export --format json` writes: `{"meta": ..., "partners": [...]}`,
        the partners the filters keep, in this coop's data layout (`schema_version`)."""
        from coopcli.records import SCHEMA_VERSION

        partners = self.select(country=country, region=region, area=area, framework=framework)
        return {"meta": {**self.meta, "schema_version": SCHEMA_VERSION}, "partners": partners}

    def briefing(
        self,
        *,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
    ) -> Briefing:
        """What `coop report` draws: the dataset's `meta`, the partners the filters keep
        (with all their facts), how many partners the dataset holds, and the answers of
        `areas`, `agreements` and `timeline` over the partners kept. Raises `NotFound`
        and `InvalidValue` as `select` does."""
        from coopcli import analysis

        partners = self.select(country=country, region=region, area=area, framework=framework)
        return {
            "meta": self.meta,
            "partners": partners,
            "partners_in_dataset": len(self.records["partners"]),
            "areas": analysis.area_matrix(partners),
            "agreements": self.agreements(
                country=country, region=region, area=area, framework=framework
            ),
            "timeline": self.timeline(
                country=country, region=region, area=area, framework=framework
            ),
        }

    def fact_rows(
        self,
        *,
        country: Values = None,
        region: Values = None,
        area: Values = None,
        framework: Values = None,
    ) -> list[FactRow]:
        """What `coop export --format csv` writes, as rows: one per fact (agreement
        milestones have rows of their own), lists kept as lists."""
        from coopcli import analysis

        return analysis.fact_rows(
            self.select(country=country, region=region, area=area, framework=framework)
        )
