"""`export --output`: only new names and regular files, no-clobber that holds under a
race, the modes `>` would give, and never a temporary file left behind."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from coopcli.errors import UsageError
from coopcli.render import files
from coopcli.render.base import ExistingFile
from registry import EXPORT_FORMAT_NAMES

from conftest import COOP, Run

NOT_REGULAR = "not a regular file; coop writes only to a new file or over a regular one"


def export(tmp_path: Path, output: str, *extra: str, umask: int = 0o022) -> subprocess.Popen[str]:
    """Start the installed `coop export --format json` with a given umask."""
    env = {k: v for k, v in os.environ.items() if k != "COOP_DATA"}
    env["COOP_CACHE_DIR"] = str(tmp_path / "cache")
    return subprocess.Popen(
        [COOP, "export", "--format", "json", "--output", output, *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        umask=umask,
        cwd=tmp_path,
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    _, stderr = process.communicate(timeout=60)
    return process.returncode, stderr


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def refused(tmp_path: Path, output: str, *extra: str) -> str:
    """The error line of an export that must end in a usage error (exit 2)."""
    code, stderr = finish(export(tmp_path, output, *extra))
    assert code == 2, stderr
    return stderr.splitlines()[-1]


def test_a_fifo_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for force in ([], ["--force"]):
        message = refused(tmp_path, str(fifo), *force)
        assert message == f"Error: {fifo} is a named pipe (FIFO), {NOT_REGULAR}"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_a_device_is_refused_even_with_force(tmp_path: Path, device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    before = os.stat(device)
    message = refused(tmp_path, device, "--force")
    assert message == f"Error: {device} is a character device, {NOT_REGULAR}"
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


LINK_TARGETS = ["real.json", "missing.json", "/dev/null", "/dev/stdout", "folder"]
"""A link to a regular file, to nothing, to a device, to a pipe (stdout is one here) and
to a folder: each is refused as a link, with or without --force."""


@pytest.mark.parametrize("points_to", LINK_TARGETS)
@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_symbolic_link_is_refused_and_left_as_it_is(
    tmp_path: Path, points_to: str, force: list[str]
) -> None:
    (tmp_path / "real.json").write_text("precious", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    link = tmp_path / "out.json"
    link.symlink_to(points_to)
    message = refused(tmp_path, str(link), *force)
    where = points_to if points_to.startswith("/") else f"{tmp_path}/{points_to}"
    assert message == (
        f"Error: {link} is a symbolic link to {where}; coop never writes over a "
        "symbolic link: give the path it points to"
    )
    assert os.readlink(link) == points_to
    assert (tmp_path / "real.json").read_text(encoding="utf-8") == "precious"
    assert not (tmp_path / "missing.json").exists()
    assert leftovers(tmp_path) == []


def test_the_path_a_link_names_is_written_and_the_link_still_reads_it(tmp_path: Path) -> None:
    (tmp_path / "real.json").write_text("old", encoding="utf-8")
    link = tmp_path / "out.json"
    link.symlink_to("real.json")
    message = refused(tmp_path, "out.json", "--force")  # a relative link, named relatively
    assert message.startswith("Error: out.json is a symbolic link to real.json;")
    code, stderr = finish(export(tmp_path, str(tmp_path / "real.json"), "--force"))
    assert code == 0, stderr
    assert os.path.islink(link)
    assert len(json.loads(link.read_text(encoding="utf-8"))["partners"]) == 14


def test_links_among_the_folders_above_are_followed(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "via").symlink_to("real")
    code, stderr = finish(export(tmp_path, str(tmp_path / "via" / "out.json")))
    assert code == 0, stderr
    assert len(json.loads((tmp_path / "real" / "out.json").read_text("utf-8"))["partners"]) == 14
    assert os.path.islink(tmp_path / "via")


def test_a_link_is_refused_for_every_format(run: Run, tmp_path: Path) -> None:
    link = tmp_path / "out"
    link.symlink_to("/dev/null")
    for output_format in EXPORT_FORMAT_NAMES:
        args = ["export", "-f", output_format, "-o", str(link), "--force"]
        assert "is a symbolic link to /dev/null" in run(*args, code=2).stderr
    assert os.readlink(link) == "/dev/null"


def test_a_name_ending_in_a_slash_or_naming_a_folder_is_refused(tmp_path: Path) -> None:
    new = f"{tmp_path}/new-folder/"
    message = refused(tmp_path, new)
    assert message == f"Error: {new} ends in '/'; give a file name, not a folder"
    assert not Path(new).exists()
    message = refused(tmp_path, str(tmp_path), "--force")
    assert message == f"Error: {tmp_path} is a folder; give a file name"


def test_of_racing_exports_to_one_new_name_exactly_one_wins(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    processes = [export(tmp_path, str(target)) for _ in range(4)]
    outcomes = sorted(finish(process) for process in processes)
    assert [code for code, _ in outcomes] == [0, 2, 2, 2], outcomes
    for _, stderr in outcomes[1:]:
        assert f"Error: {target} exists; add --force to replace it" in stderr
    assert len(json.loads(target.read_text(encoding="utf-8"))["partners"]) == 14
    assert leftovers(tmp_path) == []


def test_a_file_that_appears_after_the_check_is_still_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    real_link = os.link

    def someone_else_writes_first(source: str, destination: Path) -> None:
        destination.write_text("theirs", encoding="utf-8")
        real_link(source, destination)

    monkeypatch.setattr(files.os, "link", someone_else_writes_first)
    with pytest.raises(ExistingFile, match="exists"):
        files.write_atomically(str(target), "mine", force=False, protected=tmp_path / "x")
    assert target.read_text(encoding="utf-8") == "theirs"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path: Path, umask: int, mode: int) -> None:
    target = tmp_path / "out.json"
    assert finish(export(tmp_path, str(target), umask=umask))[0] == 0
    assert stat.S_IMODE(target.stat().st_mode) == mode


@pytest.mark.parametrize("mode", [0o664, 0o600, 0o640])
def test_a_replaced_file_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(mode)
    assert finish(export(tmp_path, str(target), "--force", umask=0o077))[0] == 0
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert json.loads(target.read_text(encoding="utf-8"))["meta"]
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("force", [False, True])
def test_an_interrupt_while_placing_the_file_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace" if force else "link", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomically(tmp_path / "out", b"x", force=force, protected=tmp_path / "x")
    assert list(tmp_path.iterdir()) == []


def test_bytes_and_text_are_written_as_given(tmp_path: Path) -> None:
    files.write_atomically(tmp_path / "a.bin", b"\x00\xff", force=False, protected=tmp_path)
    files.write_atomically(tmp_path / "b.txt", "é\n", force=False, protected=tmp_path)
    assert (tmp_path / "a.bin").read_bytes() == b"\x00\xff"
    assert (tmp_path / "b.txt").read_bytes() == "é\n".encode()


def test_a_file_system_without_hard_links_still_never_clobbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(files.os, "link", no_links)
    target = tmp_path / "out.txt"
    files.write_atomically(target, "first", force=False, protected=tmp_path / "x")
    assert target.read_text(encoding="utf-8") == "first"
    with pytest.raises(UsageError, match="exists"):
        files.write_atomically(target, "second", force=False, protected=tmp_path / "x")
    assert target.read_text(encoding="utf-8") == "first"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("length", [238, 255])
def test_a_name_as_long_as_the_file_system_takes_is_written(
    run: Run, tmp_path: Path, length: int
) -> None:
    """The temporary file beside the target has a short name of its own."""
    target = tmp_path / ("é" * ((length - 5) // 2) + "x" * ((length - 5) % 2) + ".json")
    assert len(target.name.encode()) == length
    run("export", "--format", "json", "--output", str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["meta"]["schema_version"] == 4
    assert leftovers(tmp_path) == []
