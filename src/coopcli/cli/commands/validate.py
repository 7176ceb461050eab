"""`coop validate`: check a dataset file and report every problem."""

from __future__ import annotations

from typing import Annotated

import typer

from coopcli.cli.application import command
from coopcli.cli.messages import echo
from coopcli.cli.options import DataOption, dataset_path
from coopcli.dataset import read_bytes, resolve_path
from coopcli.query import fact_count


@command(
    "validate",
    examples=[
        "coop validate",
        "coop validate edition.toml",
    ],
)
def validate_command(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="[PATH]",
            help="Dataset file to check (default: --data, COOP_DATA or the shipped one).",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
) -> None:
    """Check a dataset file and report every problem as PATH:LINE: where: what.

    Exit status: 0 valid, 1 invalid or unreadable, 2 usage error.
    """
    from coopcli.validation import validate_bytes  # TOML and Pydantic: only here

    file, _ = resolve_path(path if path is not None else dataset_path(ctx, data))
    records = validate_bytes(read_bytes(file), str(file))
    partners = records["partners"]
    echo(f"{file}: valid: {len(partners)} partners, {fact_count(partners)} facts")
