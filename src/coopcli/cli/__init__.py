"""The `coop` command line, as a table of contents:

- `application`: the Typer `app`, its root options (`--data`, `--version`), how errors
  become messages, and the registry of commands;
- `options`: every option shared by commands (filters, formats, `--data`), declared once;
- `commands/`: one module per command, named as the command (found by listing the
  folder): parse, call a query, hand the answer to `render`;
- `messages`: every line coop writes to stderr, made visible, and every word addressed
  to the command line's user (`add --force`...);
- `exits`: the exit statuses (`ExitStatus`), and the one mapping of errors and signals
  to them;
- `runtime`: the process: streams, signal handlers, the exit.

Nothing here is imported by the rest of coop. Heavy modules (rich, Pydantic) are
imported inside the paths that need them, and only the invoked command's module is
imported, so that a `--json` query or a Tab completion costs little more than Typer.
"""

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
    """Run the command line (the `coop` script runs it through `coopcli.entry`, which
    also catches a Ctrl-C during this import)."""
    from coopcli.cli.runtime import main as run

    run()
