"""The `coop` console script: exit on Ctrl-C quietly even while the CLI is still importing.

Importing the CLI takes a few dozen milliseconds; a Ctrl-C in that window would otherwise
end in a KeyboardInterrupt traceback from deep inside an import. A plain `try` around the
import (as httpie does) closes that window without a signal handler of our own, and keeps
this module free of imports: the earlier a Ctrl-C can be caught, the smaller the window
in which Python's own start-up is the only one that could report it.
"""


def main() -> None:
    """Import the CLI, then run it; a Ctrl-C during the import exits quietly, with the
    status of an interrupted run."""
    try:
        from coopcli.cli import main as run
    except KeyboardInterrupt:
        import os

        from coopcli.cli.exits import ExitStatus

        os._exit(ExitStatus.SIGINT)
    run()
