"""`coop info`: which dataset is in use and what it holds; its details, JSON."""

from __future__ import annotations

from pathlib import Path

from coopcli import __version__

from conftest import Run, compare_with_expected


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


def test_info_whole_output(run: Run) -> None:
    # The version and the paths differ from one checkout to the next: each becomes a
    # placeholder, which needs it on one line of its own, so the terminal is wide enough
    # for any path (how a long value wraps under its key is tested below).
    env = {"COLUMNS": "1000", "COOP_NO_CACHE": "1"}
    paths = run.json("info", env=env)
    out = run("info", env=env).stdout
    placeholders = {
        paths["dataset"]: "<dataset>",
        paths["schema"]: "<schema>",
        f"version   {__version__}\n": "version   <version>\n",
    }
    for value, placeholder in placeholders.items():
        assert value in out, value
        out = out.replace(value, placeholder)
    compare_with_expected("info", out, columns=1000)


def test_info_wraps_a_long_value_under_itself(run: Run) -> None:
    out = run("info", env={"COLUMNS": "60"}).stdout
    title = [line for line in out.splitlines() if line.startswith("title")]
    assert len(title) == 1
    following = out.splitlines()[out.splitlines().index(title[0]) + 1]
    assert following.startswith(" " * len("version   ")) and following.strip()
    assert max(len(line) for line in out.splitlines()) <= 60  # paths fold under their key
