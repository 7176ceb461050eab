"""The installed `coop` entry point under pipes, signals and full disks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import tomli_w

from conftest import COOP

MINIMAL = Path(__file__).parent / "data" / "minimal.toml"


def as_in_the_foreground(argv: list[str]) -> list[str]:
    """`argv` started as a terminal's foreground job is: with SIGINT at its default.

    A job that a non-interactive shell starts in the background (`pytest &`, a CI runner)
    inherits SIGINT ignored, and so does every process it starts; Python then keeps it
    ignored and never raises KeyboardInterrupt, which is right for coop and wrong for a
    test of what Ctrl-C does. The default is restored before coop is executed."""
    restore = (
        "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
        "os.execv(sys.argv[1], sys.argv[1:])"
    )
    return [sys.executable, "-c", restore, *argv]


def with_sigint_ignored(argv: list[str]) -> list[str]:
    """`argv` started as a background job of a script is: with SIGINT ignored."""
    ignore = (
        "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_IGN); "
        "os.execv(sys.argv[1], sys.argv[1:])"
    )
    return [sys.executable, "-c", ignore, *argv]


def environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR", "COOP_DATA"}}
    env["COOP_CACHE_DIR"] = str(tmp_path / "cache")
    return env


@pytest.fixture(scope="module")
def many_partners(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid dataset whose JSON listing is far larger than a pipe's buffer. Its tests
    share one cache, `environment(many_partners.parent)`: it is validated once, not once
    a test (what they check happens once coop writes)."""
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
        env=environment(many_partners.parent),
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
        env=environment(many_partners.parent),
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
        as_in_the_foreground([COOP, "list", "--json", "--data", str(many_partners)]),
        env=environment(many_partners.parent),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stdout.read(1) == b"["
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert stderr == b""
    assert process.returncode == 130


def test_a_coop_started_with_ctrl_c_ignored_keeps_ignoring_it(
    tmp_path: Path, many_partners: Path
) -> None:
    # A background job of a script (`coop export ... &`) is meant to survive the Ctrl-C
    # typed at the terminal for the script: coop keeps the disposition it inherits.
    process = subprocess.Popen(
        with_sigint_ignored([COOP, "list", "--json", "--data", str(many_partners)]),
        env=environment(many_partners.parent),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    first = os.read(process.stdout.fileno(), 1)  # unbuffered: communicate reads the rest
    assert first == b"["
    process.send_signal(signal.SIGINT)
    rest, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr) == (0, b"")
    assert len(json.loads(first + rest)) == 600


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
        if name == "coopcli.cli.exits":
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


EVERY_IMPORT = r"""
import json, os, sys

from coopcli.entry import main  # what the console script does before coop's code runs


class Interrupting:
    # A Ctrl-C at the moment module `target` is imported; every module that coop's own
    # code imports before it is recorded (what those import in turn is interrupted
    # within the same import statement of coop's).
    target = None
    imported = []

    def find_spec(self, name, path=None, module=None):
        if name == self.target:
            raise KeyboardInterrupt
        frame = sys._getframe(1)
        while frame.f_code.co_filename.startswith("<frozen importlib") or (
            frame.f_globals.get("__name__") == "importlib"  # import_module
        ):
            frame = frame.f_back
        if frame.f_globals.get("__name__", "").startswith("coopcli"):
            self.imported.append(name)


def run(args, target=None):
    # One run of `coop ARGS` in a fork of this process, where nothing of coop's is
    # imported yet: (exit code, stderr, the modules it imported).
    stderr_read, stderr_write = os.pipe()
    imported_read, imported_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(stderr_read)
        os.close(imported_read)
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        os.dup2(stderr_write, 2)
        finder = Interrupting()
        finder.target = target
        sys.meta_path.insert(0, finder)
        real_exit = os._exit

        def exit_telling(code):
            os.write(imported_write, "\n".join(finder.imported).encode())
            real_exit(code)

        os._exit = exit_telling
        sys.argv = ["coop", *args]
        try:
            main()
        except BaseException as escaped:
            os.write(2, f"escaped: {escaped!r}".encode())
        real_exit(99)
    os.close(stderr_write)
    os.close(imported_write)
    with os.fdopen(stderr_read, "rb") as stream:
        stderr = stream.read().decode(errors="replace")
    with os.fdopen(imported_read, "rb") as stream:
        imported = stream.read().decode().split("\n")
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), stderr, imported


targets = {}
for args in json.loads(sys.argv[1]):
    run(args)  # fills the cache, as a user's second run finds it
    code, stderr, imported = run(args)
    assert code == 0, stderr
    for module in imported:
        targets.setdefault(module, args)
outcomes = [[module, args, *run(args, module)[:2]] for module, args in targets.items()]
print(json.dumps(outcomes))
"""
"""A Python that runs the console script's code for each module a run imports, in a fork
with a KeyboardInterrupt raised at that module's import; it prints [module, command, exit
code, stderr] for each."""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_ctrl_c_at_every_import_of_a_run_exits_130_quietly(tmp_path: Path) -> None:
    # A Ctrl-C in the first 100 ms lands in an import: each module a run imports, from
    # the CLI's first to the last a command needs (Typer, rich, SQLite), is
    # interrupted in turn, on a cold start with a warm cache.
    export = ["export", "--format", "sqlite", "--force", "--output", str(tmp_path / "e.db")]
    commands = [["show", "tunisia"], ["list", "--json"], export]
    result = subprocess.run(
        [sys.executable, "-c", EVERY_IMPORT, json.dumps(commands)],
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    outcomes = json.loads(result.stdout)
    interrupted = {module for module, *_ in outcomes}
    assert {"coopcli.cli.exits", "typer", "rich.console", "sqlite3"} <= interrupted
    assert [outcome for outcome in outcomes if outcome[2:] != [130, ""]] == []


@pytest.mark.parametrize("stage", ["start", "imported", "finishing"])
@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)],
    ids=["INT", "TERM", "HUP"],
)
def test_a_signal_at_each_stage_of_a_run_ends_it_quietly(
    tmp_path: Path, stage: str, signum: int, code: int
) -> None:
    # coop says when it has reached the stage and waits there: the signal arrives at a
    # known point, whatever the machine's load. Until coop installs its handlers (at
    # the start of the run, after the imports), SIGTERM and SIGHUP end it as they end
    # any process: quietly, with the same exit status in a shell (143, 129).
    process = subprocess.Popen(
        as_in_the_foreground([COOP, "show", "tunisia", "--json"]),
        env={**environment(tmp_path), "_COOP_PAUSE_AT": stage},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    assert process.stderr.readline() == f"coop: paused at {stage}\n".encode()
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=60)
    assert stderr == b""
    if stage in {"start", "imported"} and signum != signal.SIGINT:
        assert process.returncode == -signum
    else:
        assert process.returncode == code
    assert stdout.startswith(b'{"id": "tunisia"') == (stage == "finishing")


def test_a_coop_started_with_hangups_ignored_keeps_ignoring_them(
    tmp_path: Path, many_partners: Path
) -> None:
    # `nohup coop export ... &` survives the end of the terminal's session.
    ignore = (
        "import os, signal, sys; signal.signal(signal.SIGHUP, signal.SIG_IGN); "
        "os.execv(sys.argv[1], sys.argv[1:])"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", ignore, COOP, "list", "--json", "--data", str(many_partners)],
        env=environment(many_partners.parent),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    first = os.read(process.stdout.fileno(), 1)  # running coop's own code, on a full pipe
    process.send_signal(signal.SIGHUP)
    rest, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr) == (0, b"")
    assert len(json.loads(first + rest)) == 600


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
        env=environment(many_partners.parent),
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
    from coopcli.cli.exits import Terminated, status_for, terminate
    from coopcli.render import files

    def interrupted(*args: object) -> None:
        terminate(signum, None)

    monkeypatch.setattr(files.os, "link", interrupted)
    monkeypatch.setattr(files.os, "replace", interrupted)
    target = tmp_path / "out.json"
    with pytest.raises(Terminated) as raised:
        files.write_atomically(str(target), "{}", force=False, protected=tmp_path / "x")
    assert status_for(raised.value) == 128 + signum
    assert list(tmp_path.iterdir()) == []
