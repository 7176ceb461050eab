"""The Python API's arguments: every public method (and `load`) checks every parameter,
so a wrong type is a TypeError naming the parameter, never an AttributeError from deep
inside or a silent wrong answer; a look-up name with a control character matches
nothing. The methods are read from the class: a new one is tested as soon as it exists."""

from __future__ import annotations

import datetime
import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import coopcli

from conftest import DATA, Run


@pytest.fixture(scope="module")
def ds() -> coopcli.Dataset:
    return coopcli.load()


PUBLIC_METHODS = sorted(
    name
    for name, value in vars(coopcli.Dataset).items()
    if not name.startswith("_") and inspect.isfunction(value)
)
CALLABLES = ["load", *PUBLIC_METHODS]

VALID: dict[str, Any] = {
    "Values": None,
    "str": "tunisia",
    "str | None": None,
    "str | Iterable[str]": "smuggling",
    "bool | None": None,
    "bool": True,
    "str | datetime.date | None": None,
    "Dataset | str | os.PathLike[str]": str(DATA),
    "str | os.PathLike[str] | None": None,
}
"""A valid value of each annotation a public parameter has."""

VALID_FOR: dict[tuple[str, str], Any] = {("fact", "name"): "tunisia/readmission"}
"""Where a parameter's valid values are narrower than its annotation's: a fact's name."""

WRONG: dict[str, list[Any]] = {
    "Values": [1, True, b"tunisia", [None], ["tunisia", 2], object()],
    "str": [1, None, b"tunisia", ["tunisia"], True],
    "str | None": [1, b"x", ["x"], False],
    "str | Iterable[str]": [None, 1, b"smuggling", [1], ["smuggling", None]],
    "bool | None": ["no", "yes", "true", 1, 0, []],
    "bool": ["no", 1, None],
    "str | datetime.date | None": [2021, 2021.5, ["2021"], b"2021", True],
    "Dataset | str | os.PathLike[str]": [1, None, ["x"], b"x.toml"],
    "str | os.PathLike[str] | None": [1, ["x"], b"x.toml", False],
}
"""Values of the wrong type for each annotation: each must be a TypeError naming the
parameter."""


def target(ds: coopcli.Dataset, name: str) -> Callable[..., Any]:
    return coopcli.load if name == "load" else getattr(ds, name)


def parameters(name: str) -> list[inspect.Parameter]:
    function = coopcli.load if name == "load" else getattr(coopcli.Dataset, name)
    return [p for p in inspect.signature(function).parameters.values() if p.name != "self"]


def call(ds: coopcli.Dataset, name: str, wrong: str, value: Any) -> Any:
    """Call `name` with valid arguments but `value` for the parameter `wrong`."""
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for parameter in parameters(name):
        valid = VALID_FOR.get((name, parameter.name), VALID[str(parameter.annotation)])
        given = value if parameter.name == wrong else valid
        if parameter.kind is parameter.VAR_POSITIONAL:  # compare(*names): two of them
            args += ["morocco", given] if parameter.name == wrong else ["morocco", "tunisia"]
        elif parameter.kind is parameter.POSITIONAL_OR_KEYWORD:
            args.append(given)
        elif parameter.name == wrong:
            kwargs[parameter.name] = given
    return target(ds, name)(*args, **kwargs)


CASES = [
    (name, parameter.name, value)
    for name in CALLABLES
    for parameter in parameters(name)
    for value in WRONG[str(parameter.annotation)]
]


def test_every_annotation_of_a_public_parameter_has_cases() -> None:
    assert len(PUBLIC_METHODS) >= 13
    used = {str(p.annotation) for name in CALLABLES for p in parameters(name)}
    assert used == set(WRONG) == set(VALID)


@pytest.mark.parametrize(
    ("name", "parameter", "value"),
    CASES,
    ids=[f"{n}-{p}-{type(v).__name__}{i}" for i, (n, p, v) in enumerate(CASES)],
)
def test_a_wrong_type_is_a_type_error_naming_the_parameter(
    ds: coopcli.Dataset, name: str, parameter: str, value: Any
) -> None:
    with pytest.raises(TypeError, match=rf"^{re.escape(parameter)}: expected "):
        call(ds, name, parameter, value)


@pytest.mark.parametrize("name", CALLABLES)
def test_valid_arguments_still_answer(ds: coopcli.Dataset, name: str) -> None:
    assert call(ds, name, "", None) is not None


@pytest.mark.parametrize("planned", ["no", "yes", "False", 0, 1])
def test_planned_as_text_or_a_number_is_no_longer_silently_nothing(
    ds: coopcli.Dataset, planned: Any
) -> None:
    with pytest.raises(TypeError, match=r"^planned: expected True, False or None, got "):
        ds.timeline(planned=planned)
    assert ds.timeline(planned=True) and ds.timeline(planned=False)


def test_the_attacks_of_the_report_are_type_errors_naming_the_parameter(
    ds: coopcli.Dataset,
) -> None:
    with pytest.raises(TypeError, match=r"^name: expected a string, got int 1$"):
        ds.partner(1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^region: expected strings only, got NoneType None"):
        ds.select(region=[None])  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"^since: expected a date as text .* got int 2021$"):
        ds.timeline(since=2021)  # type: ignore[arg-type]


def test_iterables_and_dates_are_still_taken(ds: coopcli.Dataset) -> None:
    by_list = ds.select(country=["tunisia", "morocco"])
    assert ds.select(country=(c for c in ["tunisia", "morocco"])) == by_list
    assert ds.select(country={"tunisia"}) == ds.select(country="tunisia")
    assert ds.search(iter(["smuggl", "traffick"])) == ds.search("smuggl traffick")
    on_a_day = ds.timeline(since="2021-09-01", until="2021-09-30")
    assert ds.timeline(since=datetime.date(2021, 9, 1), until=datetime.date(2021, 9, 30)) == (
        on_a_day
    )
    assert ds.timeline(since=datetime.datetime(2021, 9, 1, 23, 59)) == ds.timeline(
        since="2021-09-01"
    )
    assert ds.diff(Path(DATA)) == ds.diff(ds) == []


CONTROLS = ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\u200b", "\u202e", "\ufeff", "\U000e0041"]


@pytest.mark.parametrize("control", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
@pytest.mark.parametrize("where", ["end", "middle", "start"])
def test_a_look_up_name_with_a_control_character_never_matches(
    ds: coopcli.Dataset, control: str, where: str
) -> None:
    name = {"end": "Tunisia" + control, "middle": "Tuni" + control + "sia"}.get(
        where, control + "Tunisia"
    )
    for look_up in (ds.partner, ds.partner_record, lambda n: ds.select(country=n)):
        with pytest.raises(coopcli.NotFound) as caught:
            look_up(name)
        assert caught.value.suggestions == ["tunisia"]
    with pytest.raises(coopcli.NotFound):
        ds.compare(name, "morocco")
    with pytest.raises(coopcli.InvalidValue):
        ds.select(region="Northern" + control + "Africa")
    with pytest.raises(coopcli.InvalidValue):
        ds.agreements(status="in_place" + control)


def test_spaces_and_line_ends_around_a_name_still_match(ds: coopcli.Dataset) -> None:
    assert ds.partner(" Tunisia\n").id == ds.partner("\tTN\r\n").id == "tunisia"
    assert ds.partner("Türkiye").id == "turkey"


def test_the_cli_refuses_a_name_with_a_control_character_as_well(run: Run) -> None:
    result = run("show", "tunisia\x01", code=2)
    assert "no partner matches 'tunisia\\x01'; did you mean 'tunisia'?" in result.stderr
    assert run("list", "--region", "Northern\x1bAfrica", code=2).stdout == ""


@pytest.mark.parametrize("path", ["x\x00.toml", "a\udcff.toml"], ids=["nul", "surrogate"])
def test_a_path_no_file_can_have_is_a_data_error(path: str) -> None:
    """A NUL or a lone surrogate in a path: DataError (no such file), as docs/api.md says,
    not a ValueError or UnicodeEncodeError from deep inside."""
    with pytest.raises(coopcli.DataError) as raised:
        coopcli.load(path)
    assert "no such file" in str(raised.value)


_MANY_COUNTRIES = """
import resource
from pathlib import Path
resource.setrlimit(resource.RLIMIT_CPU, (10, 10))
from coopcli.api import Dataset
from coopcli.dataset import ValidatedFile
empty = {key: [] for key in ("members", "frameworks", "agreements", "events", "areas", "agencies", "notes")}
partners = [
    {"id": f"p{n}", "name": f"Partner {n}", "kind": "country", "region": "R", "iso2": None,
     "iso3": None, "aliases": [f"Alias {n}"], **empty}
    for n in range(15_000)
]
ds = Dataset(ValidatedFile(Path("many.toml"), False, {"meta": {}, "things": [], "partners": partners}))
kept = ds.select(country=[f"alias {n}" for n in range(0, 15_000, 7)])
print(len(kept), kept[1]["id"])
"""


def test_many_country_names_over_many_partners_cost_linear_time() -> None:
    """2,143 names over 15,000 partners: the look-up names are folded once, not once a
    name (34 s before)."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _MANY_COUNTRIES], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout) == (0, "2143 p7\n"), done.stderr[-300:]


def test_an_integer_too_long_to_print_is_a_type_error_naming_the_parameter(
    ds: coopcli.Dataset,
) -> None:
    with pytest.raises(TypeError, match=r"^name: expected a string, got int$"):
        ds.partner(10**5000)  # type: ignore[arg-type]
