"""The `coop` console script: one `try` around everything the run does, from the import
of the CLI on (as httpie does), so that a Ctrl-C during start-up exits 130 quietly."""

import gc
import os
import sys
import time

# A run is short and frees almost nothing until it ends: collect a thousand times less
# often than Python's default (as mypy does), 4 ms of a 60 ms run (docs/performance.md).
gc.set_threshold(200_000, 30, 30)


def pause_if_asked(stage: str) -> None:
    """For tests of signals: `_COOP_PAUSE_AT=STAGE` makes coop say `coop: paused at STAGE`
    on stderr when it reaches STAGE, then wait up to a minute for a signal."""
    if os.environ.get("_COOP_PAUSE_AT") == stage:
        os.write(2, f"coop: paused at {stage}\n".encode())
        time.sleep(60)


def _run_app() -> None:
    from coopcli.cli.application import app_for

    app_for(sys.argv)(prog_name="coop")


def main() -> None:
    """Import the CLI and run it; a Ctrl-C at any point exits 130, quietly."""
    try:
        pause_if_asked("start")
        from coopcli.cli.exits import main as run

        pause_if_asked("imported")
        run(_run_app, pause_if_asked)
    except BaseException as error:
        # Python 3.11 wraps an interrupt during the creation of a class in a RuntimeError
        # ("Error calling __set_name__"): a Ctrl-C all the same
        if isinstance(error, KeyboardInterrupt) or isinstance(error.__cause__, KeyboardInterrupt):
            os._exit(130)  # ExitStatus.SIGINT, written out: exits may not be imported yet
        raise
