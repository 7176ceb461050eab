"""A module a command, named as the command, its docstring the command's help; `@command`
registers it when imported. No `from __future__ import annotations` here: Typer reads every
annotation on each run, and string annotations cost it an `eval` each."""
