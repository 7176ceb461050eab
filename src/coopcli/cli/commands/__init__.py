"""One module per command, each registered on `coopcli.cli.application.app` when imported.

A command is its module and nothing else: the module's file name is the command's name
(`list.py` is `coop list`), `coopcli.cli.application.COMMANDS` is this folder's listing,
and the command's `@command(..., position=N)` gives its place in `coop --help`.

These modules do not use `from __future__ import annotations`: Typer reads every
parameter's annotation on every run, and string annotations cost it an `eval` and a
`compile` each (about 1 ms of a 40 ms run). A test keeps it so.
"""
