"""Inferred values are visible, the audit's corrections hold, quotes are proven by coop."""

from __future__ import annotations

from pathlib import Path

from conftest import Run

MINIMAL = Path(__file__).parent / "data" / "minimal.toml"


def _edition(tmp_path: Path, meta_line: str, event_lines: str = "") -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace('source_file = "none.txt"', f'source_file = "none.txt"\n{meta_line}', 1)
    marker = 'title = "A visit"\n'
    text = text.replace(marker, marker + event_lines, 1)
    path = tmp_path / "edition.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_layout_2_is_read_and_layout_1_still_is(run: Run, tmp_path: Path) -> None:
    inferred = 'inferred.date = "read from the document\'s date"\n'
    path = _edition(tmp_path, "schema_version = 2", inferred)
    assert "valid: 2 partners" in run("validate", str(path)).stdout
    event = run.json("show", "tunisia", "--data", str(path))["events"][0]
    assert event["inferred"] == {"date": "read from the document's date"}
    assert list(event)[-2:] == ["inferred", "source"]
    assert "valid: 2 partners" in run("validate", str(MINIMAL)).stdout
    assert run.json("show", "tunisia", "--data", str(MINIMAL))["events"][0]["inferred"] is None


def test_an_unknown_layout_is_refused(run: Run, tmp_path: Path) -> None:
    path = _edition(tmp_path, "schema_version = 3")
    result = run("validate", str(path), code=1)
    assert result.stderr == (
        f"{path}:7: meta.schema_version: 3 is not allowed here; valid values: 1 or 2\n"
    )
