"""The `coop` command line: `application` (the app of a run), `options` (`@command`, the
shared options and their completion), `commands/` (a module a command) and `exits` (the
end of a run: its words on stderr, its exit status)."""

from typing import Any


def __getattr__(name: str) -> Any:
    """`app`: the application with every command registered (tests, documentation)."""
    if name == "app":
        from coopcli.cli.application import full_app

        return full_app()
    raise AttributeError(name)
