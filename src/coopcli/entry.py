"""The `coop` console script: exit 130 on Ctrl-C from the first line of coop's own code.

Importing the CLI takes a few dozen milliseconds; a Ctrl-C in that window would otherwise
end in a KeyboardInterrupt traceback from deep inside an import. So `main` is one `try`
around everything the run does, from the import of the CLI to the end (as httpie does),
without a signal handler of its own; `coopcli.cli.runtime` turns what is raised inside
into exit codes, and this `try` catches what it cannot (an interrupt during its imports).
Before `main` runs, the console script imports `coopcli` and this module, which import
nothing: the window in which a Ctrl-C can still print a traceback is Python's own
start-up and a handful of bytecodes, not an import.
"""

PAUSE = "_COOP_PAUSE_AT"
"""For tests of signals only: with `_COOP_PAUSE_AT=STAGE` in the environment, coop says
`coop: paused at STAGE` on stderr when it reaches STAGE, then waits for a signal (for up
to a minute), so that a test can signal it at a known point instead of racing it."""


def pause_if_asked(stage: str) -> None:
    """Wait at `stage` for a signal, if `_COOP_PAUSE_AT` names it (tests only)."""
    import os

    if os.environ.get(PAUSE) != stage:
        return
    import time

    os.write(2, f"coop: paused at {stage}\n".encode())
    time.sleep(60)


def main() -> None:
    """Import the CLI and run it; a Ctrl-C at any point exits 130, quietly."""
    try:
        pause_if_asked("start")
        from coopcli.cli.runtime import main as run

        pause_if_asked("imported")
        run(pause_if_asked)
    except KeyboardInterrupt:
        import os

        # ExitStatus.SIGINT, written out: an import here could itself be interrupted
        # (tests/test_exit_status.py holds the two equal).
        os._exit(130)
