"""`coop export`: the dataset, or the partners a filter keeps, as JSON, NDJSON, CSV,
TOML (to stdout or to a file) or SQLite (to a file only); and the files it refuses to
write. The database's content is tested in tests/test_sqlite.py."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import Run


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
    assert "valid: 14 partners, 195 facts" in run("validate", str(path)).stdout
    for partner in ("tunisia", "western-balkans", "turkey"):
        assert run.json("show", partner, "--data", str(path)) == run.json("show", partner)
    again = tmp_path / "again.toml"
    run("export", "--format", "toml", "--output", str(again), "--data", str(path))
    assert again.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_an_exported_edition_names_its_schema_and_finds_it_beside_it(
    run: Run, tmp_path: Path
) -> None:
    from coopcli.shipped import schema_path

    edition = tmp_path / "edition.toml"
    run("export", "--format", "toml", "--output", str(edition))
    assert edition.read_text(encoding="utf-8").splitlines()[0] == "#:schema countries.schema.json"
    schema = tmp_path / "countries.schema.json"
    assert schema.read_bytes() == schema_path().read_bytes()
    assert json.loads(schema.read_text(encoding="utf-8")) == json.loads(run("schema").stdout)
    # written to stdout, the edition names it too (the README: `coop schema > ...` beside it)
    assert run("export", "--format", "toml").stdout.startswith("#:schema countries.schema.json\n")


def test_a_schema_already_beside_an_edition_is_left_alone_and_named(
    run: Run, tmp_path: Path
) -> None:
    schema = tmp_path / "countries.schema.json"
    schema.write_text("{}", encoding="utf-8")
    edition = tmp_path / "west.toml"
    result = run("export", "-f", "toml", "--region", "Western Africa", "-o", str(edition))
    assert (
        result.stderr == f"wrote 3 partners to {edition}; its schema, {schema}, was there already\n"
    )
    assert schema.read_text(encoding="utf-8") == "{}"
    for other in ("json", "csv"):  # only a dataset file names a schema
        run("export", "-f", other, "-o", str(tmp_path / f"x.{other}"))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "countries.schema.json",
        "west.toml",
        "x.csv",
        "x.json",
    ]


def test_export_filters_like_list(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "smuggling.toml"
    result = run("export", "--format", "toml", "--area", "search_rescue", "--output", str(path))
    schema = tmp_path / "countries.schema.json"
    assert result.stderr == f"wrote 2 partners to {path} and its schema to {schema}\n"
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
    from coopcli.shipped import dataset_path as shipped_path

    shipped = shipped_path()
    before = shipped.read_bytes()
    result = run("export", "--format", "toml", "--output", str(shipped), "--force", code=2)
    assert "ships with coop" in result.stderr
    assert shipped.read_bytes() == before


def test_export_into_a_missing_folder_is_one_clear_line(run: Run, tmp_path: Path) -> None:
    result = run("export", "--output", str(tmp_path / "no" / "such" / "x.json"), code=1)
    assert result.stderr.startswith("coop: cannot write") and "Traceback" not in result.stderr


def test_export_sqlite_is_refused_on_stdout(run: Run) -> None:
    for args in ([], ["--output", "-"]):
        result = run("export", "--format", "sqlite", *args, code=2)
        assert result.stdout == ""
        assert result.stderr.endswith(
            "Error: --format sqlite writes a file only: add --output FILE\n"
        )


def test_export_sqlite_writes_the_same_bytes_and_never_overwrites_without_force(
    run: Run, tmp_path: Path
) -> None:
    first, second = tmp_path / "coop.db", tmp_path / "again.db"
    assert (
        run("export", "-f", "sqlite", "-o", str(first)).stderr == f"wrote 14 partners to {first}\n"
    )
    run("export", "-f", "sqlite", "-o", str(second))
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes().startswith(b"SQLite format 3\x00")
    second.write_bytes(b"precious")
    refused = run("export", "-f", "sqlite", "-o", str(second), code=2)
    assert f"{second} exists; add --force to replace it" in refused.stderr
    assert second.read_bytes() == b"precious"
    run("export", "-f", "sqlite", "-o", str(second), "--force")
    assert second.read_bytes() == first.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again.db", "coop.db"]


def test_export_sqlite_filters_like_list(run: Run, tmp_path: Path) -> None:
    import contextlib
    import sqlite3

    path = tmp_path / "west.db"
    run("export", "-f", "sqlite", "--region", "Western Africa", "-o", str(path))
    with contextlib.closing(sqlite3.connect(path)) as db:
        ids = [row[0] for row in db.execute("SELECT id FROM partners ORDER BY rowid")]
        assert ids == [p["id"] for p in run.json("list", "--region", "Western Africa")]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        countries = {row[0] for row in db.execute("SELECT country FROM search")}
        assert countries == set(ids)


NO_PARTNER = ["--country", "tunisia", "--region", "Western Africa"]
"""Filters that together keep no partner."""


@pytest.mark.parametrize(
    ("output_format", "to_file"), [("toml", True), ("toml", False), ("sqlite", True)]
)
def test_a_dataset_export_that_keeps_no_partner_is_a_usage_error(
    run: Run, tmp_path: Path, output_format: str, to_file: bool
) -> None:
    path = tmp_path / f"e.{output_format}"
    where = ["--output", str(path)] if to_file else []
    result = run("export", "-f", output_format, *NO_PARTNER, *where, code=2)
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1].startswith("Error: no partner matches the filters;")
    assert list(tmp_path.iterdir()) == []


def test_a_dataset_export_of_one_partner_is_valid(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "e.toml"
    run("export", "-f", "toml", "--country", "tunisia", "--output", str(path))
    assert run("validate", str(path)).stdout.startswith(f"{path}: valid: 1 partner, ")


@pytest.mark.parametrize("output_format", ["json", "ndjson", "csv"])
def test_an_export_that_keeps_no_partner_is_an_empty_document(
    run: Run, tmp_path: Path, output_format: str
) -> None:
    text = run("export", "-f", output_format, *NO_PARTNER).stdout
    path = tmp_path / f"e.{output_format}"
    run("export", "-f", output_format, *NO_PARTNER, "--output", str(path))
    with path.open(encoding="utf-8", newline="") as file:
        assert file.read().replace("\r\n", "\n") == text
    if output_format == "json":
        assert json.loads(text)["partners"] == []
    elif output_format == "ndjson":
        assert text == ""
    else:
        assert list(csv.DictReader(io.StringIO(text, newline=""))) == []
        assert text.startswith("country,country_name,")
    assert run("list", *NO_PARTNER, "--json").stdout == "[]\n"


def test_export_writes_the_registry_of_things(run: Run, tmp_path: Path) -> None:
    exported = json.loads(run("export", "--format", "json", "--country", "iraq").stdout)
    assert list(exported) == ["meta", "things", "partners"]
    assert exported["meta"]["schema_version"] == 4
    ids = [thing["id"] for thing in exported["things"]]  # every thing, whatever is kept
    assert {"josep-borrell", "europol", "partnership-cooperation-agreement"} <= set(ids)
    path = tmp_path / "edition.toml"
    run("export", "--format", "toml", "--output", str(path))
    text = path.read_text(encoding="utf-8")
    assert "[[things]]" in text and "[[things.identified]]" in text
    assert (
        run("--data", str(path), "people", "hrvp", "--json").stdout
        == run("people", "hrvp", "--json").stdout
    )


def test_a_file_of_layout_3_exports_as_layout_3_without_things(run: Run) -> None:
    old = str(Path(__file__).parents[1] / "data" / "views.toml")
    exported = json.loads(run("--data", old, "export", "--format", "json").stdout)
    assert list(exported) == ["meta", "partners"] and exported["meta"]["schema_version"] == 3


def test_an_edition_is_not_written_under_its_schemas_name(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "countries.schema.json"
    result = run("export", "-f", "toml", "-o", str(target), code=2)
    assert "cannot be named countries.schema.json" in result.stderr
    assert not target.exists()


def test_an_edition_whose_schema_cannot_be_written_is_still_reported(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk after the edition: it stays, and coop says it wrote it, then why the
    schema is missing (exit 1)."""
    from coopcli.cli.commands import export
    from coopcli.errors import CoopError

    def full(*args: object, **kwargs: object) -> None:
        raise CoopError("cannot write countries.schema.json: No space left on device")

    monkeypatch.setattr(export, "save_beside", full)
    target = tmp_path / "edition.toml"
    result = run("export", "-f", "toml", "-o", str(target), code=1)
    assert result.stderr.splitlines() == [
        f"wrote 14 partners to {target}",
        "coop: cannot write countries.schema.json: No space left on device",
    ]
    assert target.is_file()
