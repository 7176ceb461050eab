"""One module per command, named as the command, registered by `@command` when imported.

No `from __future__ import annotations` here: Typer reads every annotation on each run,
and string annotations cost it an `eval` each.
"""
