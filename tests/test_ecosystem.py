"""Schema for editors, exports, `coop info`, completion, help and the README pictures."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from coopcli.cli import app

from conftest import DATA, REPO, Run

SCHEMA = REPO / "schema" / "countries.schema.json"
COOP = str(Path(sys.executable).parent / "coop")
COMMANDS = [
    "list",
    "show",
    "search",
    "agreements",
    "timeline",
    "areas",
    "frameworks",
    "compare",
    "diff",
    "schema",
    "export",
    "info",
    "validate",
    "help",
]


def properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for model_name, model in schema["$defs"].items():
        for field, spec in model["properties"].items():
            yield f"{model_name}.{field}", spec
    for field, spec in schema["properties"].items():
        yield field, spec


def test_schema_is_draft_2020_12_with_a_title_and_description_on_every_field(run: Run) -> None:
    schema = json.loads(run("schema").stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    for name, spec in properties(schema):
        assert spec.get("title") and spec.get("description"), name
    for model in schema["$defs"].values():
        assert model.get("description")


def test_schema_vocabularies_are_enums_with_labels(run: Run) -> None:
    schema = json.loads(run("schema").stdout)
    status = schema["$defs"]["Agreement"]["properties"]["status"]
    assert status["enum"] == ["mandate", "negotiating", "agreed", "in_place", "on_hold"]
    assert status["enumDescriptions"][3] == "In place"
    assert status["x-taplo"]["docs"]["enumValues"] == status["enumDescriptions"]
    area = schema["$defs"]["Area"]["properties"]["id"]
    assert "search_rescue" in area["enum"] and "Search and rescue" in area["enumDescriptions"]


def test_committed_schema_is_in_sync_with_the_models(run: Run) -> None:
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == json.loads(run("schema").stdout), (
        "run: coop schema > schema/countries.schema.json"
    )


def test_dataset_names_its_schema_for_editors() -> None:
    first_line = DATA.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "#:schema ../schema/countries.schema.json"
    assert (DATA.parent / first_line.split(" ", 1)[1]).resolve() == SCHEMA.resolve()


def test_shipped_dataset_validates_against_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    document = tomllib.loads(DATA.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(document)) == []
    document["partners"][1]["agreements"][0]["status"] = "signed"
    document["partners"][0]["stauts"] = "x"
    assert len(list(validator.iter_errors(document))) == 2


def test_export_json_is_the_dataset_document(run: Run) -> None:
    exported = json.loads(run("export", "--format", "json").stdout)
    assert exported["meta"]["date"] == "2021-09"
    assert [p["id"] for p in exported["partners"]] == [p["id"] for p in run.json("list")]
    assert exported["partners"][1] == run.json("show", "tunisia")


def test_export_ndjson_has_a_partner_per_line(run: Run) -> None:
    lines = run("export", "--format", "ndjson", "--region", "Southern Asia").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["afghanistan", "pakistan", "bangladesh"]


def test_export_csv_has_a_fact_per_row(run: Run) -> None:
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout, newline="")))
    assert {"country", "section", "path", "kind", "status", "date", "source"} <= rows[0].keys()
    pakistan = [r for r in rows if r["country"] == "pakistan" and r["section"] == "agreements"]
    assert [(r["kind"], r["status"]) for r in pakistan] == [("readmission", "in_place")]
    assert any(r["section"] == "milestones" and r["date"] == "2010" for r in rows)
    assert len(rows) > 185


def test_export_toml_round_trips_through_validate(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    run("export", "--format", "toml", "--output", str(path))
    assert "valid: 14 partners, 188 facts" in run("validate", str(path)).stdout
    for partner in ("tunisia", "western-balkans", "turkey"):
        assert run.json("show", partner, "--data", str(path)) == run.json("show", partner)
    again = tmp_path / "again.toml"
    run("export", "--format", "toml", "--output", str(again), "--data", str(path))
    assert again.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_export_filters_like_list(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "smuggling.toml"
    result = run("export", "--format", "toml", "--area", "search_rescue", "--output", str(path))
    assert result.stderr == f"wrote 2 partners to {path}\n"
    assert [p["id"] for p in run.json("list", "--data", str(path))] == ["libya", "niger"]


def test_export_never_overwrites_without_force(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("precious", encoding="utf-8")
    assert "add --force" in run("export", "--format", "csv", "--output", str(path), code=2).stderr
    assert path.read_text(encoding="utf-8") == "precious"
    run("export", "--format", "csv", "--output", str(path), "--force")
    assert path.read_text(encoding="utf-8").startswith("country,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.csv"]


def test_export_never_writes_the_shipped_dataset(run: Run) -> None:
    from coopcli.dataset import shipped_path

    shipped = shipped_path()
    before = shipped.read_bytes()
    result = run("export", "--format", "toml", "--output", str(shipped), "--force", code=2)
    assert "ships with coop" in result.stderr
    assert shipped.read_bytes() == before


def test_export_into_a_missing_folder_is_one_clear_line(run: Run, tmp_path: Path) -> None:
    result = run("export", "--output", str(tmp_path / "no" / "such" / "x.json"), code=1)
    assert result.stderr.startswith("coop: cannot write") and "Traceback" not in result.stderr


def test_info_names_the_dataset_and_the_schema(run: Run, tmp_path: Path) -> None:
    info = run.json("info")
    assert info["shipped"] is True and info["partners"] == 14 and info["date"] == "2021-09"
    assert info["title"].startswith("Cooperation with key third countries")
    assert Path(info["schema"]).is_file()
    other = tmp_path / "other.toml"
    run("export", "--format", "toml", "--country", "niger", "--output", str(other))
    info = run.json("info", env={"COOP_DATA": str(other)})
    assert (
        info["dataset"] == str(other.resolve())
        and info["shipped"] is False
        and info["partners"] == 1
    )
    out = run("info").stdout
    assert "partners  14" in out and "schema" in out


def complete(words: str, tmp_path: Path) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "COOP_DATA"}
    env.update(
        _COOP_COMPLETE="complete_bash",
        COMP_WORDS=words,
        COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        COOP_CACHE_DIR=str(tmp_path),
    )
    return subprocess.run(
        [COOP], env=env, capture_output=True, text=True, check=True
    ).stdout.split()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("coop show ni", ["nigeria", "niger"]),
        ("coop show Tür", ["Türkiye"]),
        ("coop show Serb", ["Serbia"]),
        ("coop compare morocco tu", ["tunisia", "turkey"]),
        ("coop agreements --status ne", ["negotiating"]),
        ("coop agreements --kind vi", ["visa_facilitation"]),
        ("coop list --area s", ["smuggling", "search_rescue"]),
        ("coop list --region southern-a", ["southern-asia"]),
        ("coop list --format n", ["ndjson"]),
        ("coop timeline --kind s", ["summit", "signed"]),
        ("coop export --format t", ["toml"]),
    ],
)
def test_completion_offers_values(tmp_path: Path, words: str, expected: list[str]) -> None:
    assert complete(words, tmp_path) == expected


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_ends_with_real_examples(run: Run, command: str) -> None:
    lines = [line.strip() for line in run(command, "--help").stdout.splitlines() if line.strip()]
    assert lines[-1].startswith(f"$ coop {command}") or lines[-1].startswith("$ COOP_DATA")
    examples = [line for line in lines if line.startswith("$ ")]
    assert 2 <= len(examples) <= 3


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    from typer.main import get_command

    names = set(get_command(app).commands)  # type: ignore[attr-defined]
    assert names == set(COMMANDS)
    for name in names:
        assert f"coop {name}" in readme, name


def test_coop_alone_prints_an_overview(run: Run) -> None:
    out = run().stdout
    assert "coop show tunisia" in out and "coop --help" in out and len(out.splitlines()) < 20


def test_the_readme_pictures_come_from_a_real_run() -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import pictures
    finally:
        sys.path.pop(0)
    svg = pictures.picture(["show", "tunisia"], 100)
    assert svg.startswith("<svg") and "Under&#160;negotiation" in svg
    for name in pictures.PICTURES:
        assert (REPO / "docs" / "images" / name).read_text(encoding="utf-8").startswith("<svg")


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_completion_offer_partner_ids(tmp_path: Path, shell: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COOP_DATA"}
    env.update(
        _COOP_COMPLETE=f"complete_{shell}",
        _TYPER_COMPLETE_ARGS="coop show tu",
        COOP_CACHE_DIR=str(tmp_path),
    )
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    out = subprocess.run([COOP], env=env, capture_output=True, text=True, check=True).stdout
    assert "tunisia" in out and "turkey" in out and "morocco" not in out
    env["_TYPER_COMPLETE_ARGS"] = "coop sh"
    assert (
        "show" in subprocess.run([COOP], env=env, capture_output=True, text=True, check=True).stdout
    )


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_for_each_shell(tmp_path: Path, shell: str) -> None:
    env = {**os.environ, "_COOP_COMPLETE": f"source_{shell}"}
    script = subprocess.run([COOP], env=env, capture_output=True, text=True, check=True).stdout
    assert "_COOP_COMPLETE=complete_" + shell in script
