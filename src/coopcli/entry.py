"""The `coop` console script: exit 130 on Ctrl-C even while the CLI is still importing.

Importing the CLI takes a few dozen milliseconds; a Ctrl-C in that window would otherwise
end in a KeyboardInterrupt traceback from deep inside an import.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType


def _interrupted(signum: int, frame: FrameType | None) -> None:
    sys.exit(130)


def main() -> None:
    """Install the start-up Ctrl-C handler, then run the CLI."""
    signal.signal(signal.SIGINT, _interrupted)
    from coopcli.cli import main as run

    signal.signal(signal.SIGINT, signal.default_int_handler)
    run()
