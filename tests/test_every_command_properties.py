"""Every command, driven with generated arguments and generated datasets, ends with a
documented exit code and never a traceback."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from coopcli.cli import app
from registry import EVERY_COMMAND

from conftest import DATA

runner = CliRunner()
DOCUMENTED = {0, 1, 2}
"""Exit codes a run in-process can end with (signals are tested on the entry point)."""

WORDS = [
    "tunisia", "TN", "Türkiye", "serbia", "wb", "smuggling", "in_place", "readmission",
    "visit", "2021", "2021-09", "2021-02-30", "٢٠٢١", "json", "csv", "ndjson", "toml",
    "table", "-", "", " ", "x" * 2000, "\x1b[2J", "[bold]", ":warning:", "\u202e", "..",
    "/dev/null", "--", "northern-africa", "Western Balkans", "budapest", "old.toml",
]  # fmt: skip
FLAGS = [
    "--json", "--format", "-f", "--country", "-c", "--region", "--area", "--status",
    "--kind", "--from", "--to", "--planned", "--past", "--sources", "--output", "--force",
    "--data", "--source", "--min-coverage", "--verbose", "--help", "--bogus", "-x",
]  # fmt: skip

argument = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(FLAGS),
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=30),
)


def exits_cleanly(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code in DOCUMENTED, (args, result.exit_code, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        result.exception,
    )
    assert "Traceback" not in result.stdout + result.stderr


@settings(max_examples=300, deadline=None)
@given(
    command=st.sampled_from(sorted(EVERY_COMMAND)),
    args=st.lists(argument, max_size=6),
)
def test_every_command_with_any_arguments_exits_with_a_documented_code(
    command: str, args: list[str]
) -> None:
    if "--output" in args or "-o" in args:  # never write into the working folder
        args = [a for a in args if a not in {"--output", "-o"}]
    exits_cleanly([command, *args])


def document_strategy() -> st.SearchStrategy[dict[str, Any]]:
    """The shipped dataset with one field of one partner replaced by generated TOML."""
    base = tomllib.loads(DATA.read_text(encoding="utf-8"))
    scalar = st.one_of(
        st.text(max_size=20), st.integers(), st.booleans(), st.floats(allow_nan=False)
    )
    value = st.recursive(scalar, lambda inner: st.lists(inner, max_size=3), max_leaves=6)

    @st.composite
    def edited(draw: st.DrawFn) -> dict[str, Any]:
        document = {"meta": dict(base["meta"]), "partners": [dict(p) for p in base["partners"]]}
        partner = document["partners"][draw(st.integers(0, len(document["partners"]) - 1))]
        key = draw(st.sampled_from([*partner.keys(), "extra"]))
        partner[key] = draw(value)
        return document

    return edited()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=document_strategy(), command=st.sampled_from(sorted(set(EVERY_COMMAND) - {"help"})))
def test_every_command_with_a_generated_dataset_exits_with_a_documented_code(
    tmp_path_factory: Any, document: dict[str, Any], command: str
) -> None:
    path: Path = tmp_path_factory.mktemp("generated") / "data.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    args = {
        "show": ["tunisia"],
        "search": ["migration"],
        "compare": ["morocco", "tunisia"],
        "diff": [str(DATA), str(path)],
        "validate": [str(path)],
        "areas": ["smuggling"],
    }.get(command, [])
    data = [] if command in {"diff", "validate", "schema"} else ["--data", str(path)]
    exits_cleanly([command, *args, *data])
