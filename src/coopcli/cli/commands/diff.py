"""`coop diff`: what changed between two editions of the dataset."""

from typing import Annotated

import typer

from coopcli.api import load
from coopcli.cli.application import command
from coopcli.errors import DataError, Problem
from coopcli.render import LISTING_FORMATS, Output, columns, views


@command(
    "diff",
    position=1000,
    formats=LISTING_FORMATS,
    data=False,
    examples=[
        "coop diff old.toml new.toml",
        "coop diff old.toml new.toml --json | jq '.[].change'",
    ],
)
def diff_command(
    old: Annotated[
        str, typer.Argument(metavar="OLD", help="The older dataset file.", show_default=False)
    ],
    new: Annotated[
        str, typer.Argument(metavar="NEW", help="The newer dataset file.", show_default=False)
    ],
) -> Output:
    """What changed between two editions of the dataset: partners added or removed,
    agreements whose status moved, areas gained or lost, events added or removed.
    Both files are validated first; nothing is printed when nothing differs.
    """
    problems: list[Problem] = []
    editions = []
    for path in (old, new):
        try:
            editions.append(load(path))
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    rows = editions[0].diff(editions[1])
    return Output(rows, columns=columns.CHANGES, human=lambda screen: views.changes(screen, rows))
