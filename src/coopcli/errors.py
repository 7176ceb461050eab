"""The errors coop raises, each mapped to an exit code in one place (`coopcli.cli`)."""

from __future__ import annotations


class CoopError(Exception):
    """Base of every error coop reports to a user without a traceback."""

    exit_code = 1


class Problem:
    """One problem in a dataset file, printed as `PATH:LINE: where: what`."""

    __slots__ = ("line", "path", "what", "where")

    def __init__(self, path: str, line: int | None, where: str, what: str) -> None:
        self.path = path
        self.line = line
        self.where = where
        self.what = what

    def __repr__(self) -> str:
        return f"Problem({self})"

    def __str__(self) -> str:
        line = f"{self.line}:" if self.line is not None else ""
        return f"{self.path}:{line} {self.where}: {self.what}"


class DataError(CoopError):
    """A dataset file that cannot be read or is not valid (exit 1)."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


class UsageError(CoopError):
    """A user's mistake on the command line: an unknown country, a bad value (exit 2)."""

    exit_code = 2


def shorten(value: str, limit: int = 60) -> str:
    """`value` quoted for a message, cut to `limit` characters."""
    return repr(value if len(value) <= limit else value[:limit] + "...")


class NotFound(UsageError):
    """A name that matches nothing; carries the closest candidates for "did you mean"."""

    def __init__(self, what: str, value: str, suggestions: list[str]) -> None:
        message = f"no {what} matches {shorten(value)}"
        if suggestions:
            message += "; did you mean " + " or ".join(repr(s) for s in suggestions) + "?"
        super().__init__(message)
        self.what = what
        self.suggestions = suggestions
