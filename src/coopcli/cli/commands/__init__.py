"""One module per command, each registered on `coopcli.cli.application.app` when imported.

These modules do not use `from __future__ import annotations`: Typer reads every
parameter's annotation on every run, and string annotations cost it an `eval` and a
`compile` each (about 1 ms of a 40 ms run). A test keeps it so.
"""
