"""The `coop` command line: `application` (the app, the registry of commands, the one
ladder from errors to exit statuses), `options` (shared options), `commands/` (one
module a command), `messages` (every word to stderr), `exits` (`ExitStatus`) and
`runtime` (streams, signals, the exit). Only the invoked command's module is imported."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    import typer

    app: typer.Typer


def __getattr__(name: str) -> Any:
    """`app`: the application with every command registered (tests, documentation)."""
    if name == "app":
        from coopcli.cli.application import full_app

        return full_app()
    raise AttributeError(name)


def main() -> NoReturn:
    """Run the command line (the `coop` script runs it through `coopcli.entry`)."""
    from coopcli.cli.runtime import main as run

    run()
