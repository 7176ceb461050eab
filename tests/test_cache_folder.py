"""Where the validation cache goes: the platform's cache folder under an existing home,
an absolute `XDG_CACHE_HOME`, or no cache at all, never a folder in a surprising place
(`HOME=/nonexistent`, a relative `XDG_CACHE_HOME` under the current folder)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from coopcli import cache

from conftest import COOP, TEST_DATA

MINIMAL = TEST_DATA / "minimal.toml"  # small: every run here validates it afresh


def coop(args: list[str], cwd: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    """The installed `coop` on a user's file (the shipped data needs no cache), with no
    cache setting but `variables`."""
    hidden = {"COOP_CACHE_DIR", "COOP_NO_CACHE", "XDG_CACHE_HOME", "HOME"}
    env = {k: v for k, v in os.environ.items() if k not in hidden}
    env.update(COOP_DATA=str(MINIMAL), **variables)
    return subprocess.run(
        [COOP, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def everything_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture
def work(tmp_path: Path) -> Path:
    path = tmp_path / "work"
    path.mkdir()
    return path


def test_a_home_that_does_not_exist_means_no_cache(tmp_path: Path, work: Path) -> None:
    home = tmp_path / "nonexistent"
    listed = coop(["list", "--json"], work, HOME=str(home))
    assert (listed.returncode, listed.stderr) == (0, "")
    assert [p["id"] for p in json.loads(listed.stdout)] == ["tunisia", "niger"]
    info = coop(["info", "--json"], work, HOME=str(home))
    assert json.loads(info.stdout)["cache"] is None
    assert not home.exists()
    assert everything_under(work) == []


@pytest.mark.parametrize("relative", ["cache", "./cache", "a/b"])
def test_a_relative_xdg_cache_home_is_ignored(tmp_path: Path, work: Path, relative: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    result = coop(["list", "--json"], work, HOME=str(home), XDG_CACHE_HOME=relative)
    assert (result.returncode, result.stderr) == (0, "")
    assert everything_under(work) == []
    info = coop(["info", "--json"], work, HOME=str(home), XDG_CACHE_HOME=relative)
    assert json.loads(info.stdout)["cache"] == str(home / ".cache" / "coop")
    assert any((home / ".cache" / "coop").iterdir())


def test_a_missing_cache_folder_under_an_existing_home_is_created(
    tmp_path: Path, work: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    result = coop(["list", "--json"], work, HOME=str(home))
    assert (result.returncode, result.stderr) == (0, "")
    folder = home / ".cache" / "coop"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert any(p.name.endswith(".coopcache") for p in folder.iterdir())


def test_an_absolute_xdg_cache_home_is_used_and_created(tmp_path: Path, work: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    xdg = tmp_path / "xdg-cache"
    result = coop(["list", "--json"], work, HOME=str(home), XDG_CACHE_HOME=str(xdg))
    assert (result.returncode, result.stderr) == (0, "")
    assert any((xdg / "coop").iterdir())
    assert not (home / ".cache").exists()


def test_an_xdg_cache_home_hanging_from_nothing_falls_back_to_the_home(
    tmp_path: Path, work: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    xdg = tmp_path / "nonexistent" / "cache"
    result = coop(["list", "--json"], work, HOME=str(home), XDG_CACHE_HOME=str(xdg))
    assert (result.returncode, result.stderr) == (0, "")
    assert not (tmp_path / "nonexistent").exists()
    assert any((home / ".cache" / "coop").iterdir())


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG layout")
@pytest.mark.parametrize(
    ("home", "xdg", "expected"),
    [
        ("HOME", None, "HOME/.cache/coop"),
        ("HOME", "XDG", "XDG/coop"),
        ("HOME", "relative", "HOME/.cache/coop"),
        ("HOME", "", "HOME/.cache/coop"),
        ("MISSING", None, None),
        ("MISSING", "relative", None),
        ("MISSING", "XDG", "XDG/coop"),
        ("", None, None),
        ("relative-home", None, None),
    ],
)
def test_cache_dir_chooses_by_the_rules(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    home: str,
    xdg: str | None,
    expected: str | None,
) -> None:
    places = {"HOME": tmp_path / "home", "MISSING": tmp_path / "missing", "XDG": tmp_path / "x"}
    places["HOME"].mkdir()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "relative-home").mkdir()
    monkeypatch.delenv("COOP_CACHE_DIR", raising=False)
    monkeypatch.setenv("HOME", str(places.get(home, home)))
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", str(places.get(xdg, xdg)))
    chosen = cache.cache_dir()
    if expected is None:
        assert chosen is None
    else:
        first, _, rest = expected.partition("/")
        assert chosen == places[first] / rest


def test_the_explicit_folder_and_the_switch_still_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "missing"))
    monkeypatch.setenv("COOP_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"
    monkeypatch.setenv("COOP_NO_CACHE", "1")
    assert cache.cache_dir() is None


@pytest.mark.parametrize("kind", ["a file", "a device", "a chain of folders", "relative"])
def test_a_cache_dir_that_is_no_folder_coop_may_use_means_no_cache(
    tmp_path: Path, work: Path, kind: str
) -> None:
    """COOP_CACHE_DIR naming a file, a device, a folder under a missing one or a relative
    path: no cache, nothing created, and `coop info` does not name it as the cache."""
    afile = tmp_path / "afile"
    afile.write_text("x")
    given = {
        "a file": str(afile),
        "a device": "/dev/null",
        "a chain of folders": str(tmp_path / "missing" / "cache"),
        "relative": "cache",
    }[kind]
    listed = coop(["list", "--json"], work, COOP_CACHE_DIR=given)
    assert (listed.returncode, listed.stderr) == (0, "")
    info = coop(["info", "--json"], work, COOP_CACHE_DIR=given)
    assert json.loads(info.stdout)["cache"] is None
    assert afile.read_text() == "x" and not (tmp_path / "missing").exists()
    assert everything_under(work) == []
