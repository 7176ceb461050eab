"""The installed `coop` entry point under pipes, signals and full disks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import tomli_w

MINIMAL = Path(__file__).parent / "data" / "minimal.toml"
COOP = str(Path(sys.executable).parent / "coop")


def environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR", "COOP_DATA"}}
    env["COOP_CACHE_DIR"] = str(tmp_path / "cache")
    return env


@pytest.fixture(scope="module")
def many_partners(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid dataset whose JSON listing is far larger than a pipe's buffer."""
    document = tomllib.loads(MINIMAL.read_text(encoding="utf-8"))
    template = document["partners"][0]
    document["partners"] = [
        {**template, "id": f"partner-{n}", "name": f"Partner {n}", "iso2": None, "iso3": None}
        for n in range(600)
    ]
    for partner in document["partners"]:
        del partner["iso2"], partner["iso3"]
    path = tmp_path_factory.mktemp("data") / "many.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return path


def test_the_entry_point_works_from_any_folder(tmp_path: Path) -> None:
    result = subprocess.run(
        [COOP, "show", "tunisia", "--json"],
        cwd=tmp_path,
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert '"id": "tunisia"' in result.stdout


def test_python_dash_m_works(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "coopcli", "--version"],
        cwd=tmp_path,
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and result.stdout.startswith("coop ")


@pytest.mark.parametrize(
    "args", [["list", "--json"], ["list"], ["search", "visit", "--format", "ndjson"]]
)
def test_a_reader_that_stops_early_gets_no_traceback(
    tmp_path: Path, many_partners: Path, args: list[str]
) -> None:
    process = subprocess.Popen(
        [COOP, *args, "--data", str(many_partners)],
        env=environment(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert len(process.stdout.read(20)) == 20
    process.stdout.close()
    process.wait(timeout=30)
    assert process.stderr.read() == b""


def test_a_shell_pipe_into_head_is_quiet(tmp_path: Path, many_partners: Path) -> None:
    result = subprocess.run(
        f"'{COOP}' list --json --data '{many_partners}' | head -c 20",
        shell=True,
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout == '[{"id": "partner-0", "name"'[:20]
    assert result.stderr == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "args", [["list", "--json"], ["show", "tunisia"], ["agreements", "--format", "csv"]]
)
def test_a_full_disk_is_one_line_on_stderr(tmp_path: Path, args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [COOP, *args],
            env=environment(tmp_path),
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert result.returncode == 1
    assert result.stderr == "coop: cannot write output: No space left on device\n"


def test_ctrl_c_while_writing_exits_130_without_a_traceback(
    tmp_path: Path, many_partners: Path
) -> None:
    # Signal only once coop has shown it is running its own code: it has written its
    # first byte. Nobody reads the rest, so it is blocked on a full pipe when the signal
    # arrives, whatever the machine's load.
    process = subprocess.Popen(
        [COOP, "list", "--json", "--data", str(many_partners)],
        env=environment(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stdout.read(1) == b"["
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert stderr == b""
    assert process.returncode == 130


def test_ctrl_c_while_the_cli_imports_exits_130_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The window between Python's start-up and coop's own code, made deterministic: the
    # import of the CLI is what the Ctrl-C interrupts.
    from coopcli import entry

    exits: list[int] = []

    class Interrupted(Exception):
        pass

    def interrupted_import(name: str, *args: object, **kwargs: object) -> object:
        if name == "coopcli.cli":
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)

    def fake_exit(code: int) -> None:
        exits.append(code)
        raise Interrupted

    import builtins

    real_import = builtins.__import__
    monkeypatch.setattr(builtins, "__import__", interrupted_import)
    monkeypatch.setattr(os, "_exit", fake_exit)
    with pytest.raises(Interrupted):
        entry.main()
    assert exits == [130]
    captured = capsys.readouterr()
    assert captured.out == captured.err == ""


def test_a_closed_stdout_is_one_line_on_stderr(tmp_path: Path) -> None:
    result = subprocess.run(
        f"'{COOP}' list --json >&-",
        shell=True,
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == "coop: cannot write output: stdout is closed\n"


def test_help_and_usage_errors_are_plain_text_when_not_on_a_terminal(tmp_path: Path) -> None:
    env = environment(tmp_path)
    help_text = subprocess.run(
        [COOP, "show", "--help"], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert (
        help_text.startswith("Usage: coop show")
        and "\u256d" not in help_text
        and "\x1b" not in help_text
    )
    assert help_text.rstrip().endswith("$ coop show TN/visit-2021-05 --json | jq .source")
    error = subprocess.run(
        [COOP, "show", "tunsia"], env=env, capture_output=True, text=True, check=False
    )
    assert error.returncode == 2
    assert error.stderr.endswith("Error: no partner matches 'tunsia'; did you mean 'tunisia'?\n")
    assert "\u256d" not in error.stderr


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_and_sighup_end_quietly_with_their_exit_codes(
    tmp_path: Path, many_partners: Path, signum: int, code: int
) -> None:
    process = subprocess.Popen(
        [COOP, "export", "--format", "ndjson", "--data", str(many_partners)],
        env=environment(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stdout.read(1) == b"{"  # running coop's own code, blocked on the pipe
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr) == (code, b"")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_while_an_export_file_is_written_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int
) -> None:
    # The handler the runtime installs raises where the program is; here it is raised
    # at the moment the finished temporary file would be linked into place.
    from coopcli.cli.exits import Terminated, terminate
    from coopcli.render import files

    def interrupted(*args: object) -> None:
        terminate(signum, None)

    monkeypatch.setattr(files.os, "link", interrupted)
    monkeypatch.setattr(files.os, "replace", interrupted)
    target = tmp_path / "out.json"
    with pytest.raises(Terminated) as raised:
        files.write_atomically(str(target), "{}", force=False, protected=tmp_path / "x")
    assert raised.value.status == 128 + signum
    assert list(tmp_path.iterdir()) == []
