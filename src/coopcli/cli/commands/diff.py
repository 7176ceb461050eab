"""What changed between two editions of the dataset: partners added or removed,
agreements whose status moved, areas gained or lost, events added or removed.
Both files are validated first; nothing is printed when nothing differs.

$ coop diff west-africa.toml edition.toml
$ coop diff west-africa.toml edition.toml --json | jq '.[].change'
"""

from typing import Annotated

from coopcli.api import Dataset, load
from coopcli.cli import options as o
from coopcli.errors import DataError, Problem
from coopcli.render import LISTING_FORMATS, Output, columns, views


@o.command(position=1150, formats=LISTING_FORMATS, data=False)
def diff_command(
    old: Annotated[str, o.argument("OLD", "The older dataset file.")],
    new: Annotated[str, o.argument("NEW", "The newer dataset file.")],
) -> Output:
    problems: list[Problem] = []
    editions: list[Dataset] = []
    for path in (old, new):
        try:
            editions.append(load(path))
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    rows = editions[0].diff(editions[1])
    return Output(rows, columns=columns.CHANGES, human=lambda screen: views.changes(screen, rows))
