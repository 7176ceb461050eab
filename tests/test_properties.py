"""Property-based tests: arbitrary text, TOML and bytes never end in a traceback."""

from __future__ import annotations

from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from coopcli.cli import app
from coopcli.errors import DataError
from coopcli.validation import validate_bytes

MINIMAL = Path(__file__).parent / "data" / "minimal.toml"
runner = CliRunner()
quick = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

cli_text = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=200
)


def exits_cleanly(args: list[str], codes: set[int]) -> int:
    result = runner.invoke(app, args)
    assert result.exit_code in codes, (args, result.exit_code, result.stderr, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result.exit_code


@quick
@given(words=st.lists(cli_text, min_size=1, max_size=4))
def test_search_answers_any_text_with_hits_or_a_usage_error(words: list[str]) -> None:
    exits_cleanly(["search", "--json", "--", *words], {0, 2})


@quick
@given(name=cli_text)
def test_country_look_up_answers_any_text_with_a_card_or_a_usage_error(name: str) -> None:
    exits_cleanly(["show", "--json", "--", name], {0, 2})


toml_scalars = st.one_of(
    st.text(max_size=30), st.integers(), st.booleans(), st.floats(allow_nan=False)
)
toml_values = st.recursive(
    toml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
dataset_keys = st.sampled_from(
    ["meta", "partners", "id", "name", "region", "agreements", "status", "date", "source"]
)
documents = st.dictionaries(st.one_of(dataset_keys, st.text(max_size=10)), toml_values, max_size=5)


@quick
@given(document=documents)
def test_any_toml_document_is_valid_or_a_clean_data_error(document: dict[str, object]) -> None:
    try:
        content = tomli_w.dumps(document).encode()
    except (TypeError, ValueError):
        return
    try:
        validate_bytes(content, "doc.toml")
    except DataError as error:
        assert error.problems and all(str(p).startswith("doc.toml:") for p in error.problems)


@quick
@given(content=st.binary(max_size=400))
def test_any_bytes_are_a_clean_data_error(content: bytes) -> None:
    try:
        validate_bytes(content, "blob.toml")
    except DataError as error:
        assert all(str(p).startswith("blob.toml:") for p in error.problems)


@quick
@given(data=st.data())
def test_an_edited_real_dataset_is_valid_or_a_clean_data_error(data: st.DataObject) -> None:
    """Delete, duplicate or rewrite lines of a valid file, as a hurried editor would."""
    lines = MINIMAL.read_text(encoding="utf-8").splitlines()
    for _ in range(data.draw(st.integers(1, 3))):
        position = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["delete", "duplicate", "rewrite", "cut"]))
        if action == "delete":
            del lines[position]
        elif action == "duplicate":
            lines.insert(position, lines[position])
        elif action == "cut":
            lines[position] = lines[position][
                : data.draw(st.integers(0, max(len(lines[position]) - 1, 0)))
            ]
        else:
            lines[position] = data.draw(st.text(max_size=40))
        if not lines:
            lines = [""]
    try:
        validate_bytes("\n".join(lines).encode("utf-8", "surrogatepass"), "edited.toml")
    except DataError as error:
        assert all(p.line is None or p.line >= 1 for p in error.problems)


@quick
@given(content=st.binary(max_size=300))
def test_the_cli_answers_any_dataset_bytes_with_exit_0_or_1(
    tmp_path_factory, content: bytes
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("blob") / "data.toml"
    path.write_bytes(content)
    exits_cleanly(["validate", str(path)], {0, 1})
    exits_cleanly(["list", "--json", "--data", str(path)], {0, 1})
