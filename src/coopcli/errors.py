"""The errors coop raises; the command line maps each to its exit status in one place
(`coopcli.cli.exits`)."""

from __future__ import annotations

from typing import NamedTuple


class CoopError(Exception):
    """Base of every error coop reports to a user without a traceback."""


class Problem(NamedTuple):
    """One problem in a dataset file, printed as `PATH:LINE: where: what`: the file's
    `path`, the 1-based `line` (None when the problem is the whole file), `where` in the
    data (`tunisia.agreements[1].status`) and `what` is wrong."""

    path: str
    line: int | None
    where: str
    what: str

    def __repr__(self) -> str:
        return f"Problem({self})"

    def __str__(self) -> str:
        line = f"{self.line}:" if self.line is not None else ""
        return f"{self.path}:{line} {self.where}: {self.what}"


class DataError(CoopError):
    """A dataset file that cannot be read or is not valid (exit 1). `problems` holds
    each problem (path, line, where, what); the message lists them, one per line, as
    `PATH:LINE: where: what`."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


class UsageError(CoopError):
    """A user's mistake on the command line: an unknown country, a bad value (exit 2)."""


def shorten(value: str, limit: int = 60) -> str:
    """`value` quoted for a message, cut to `limit` characters."""
    return repr(value if len(value) <= limit else value[:limit] + "...")


class InvalidValue(UsageError, ValueError):
    """A value outside its vocabulary or form (an unknown status, area, region or format,
    a malformed date, an empty query): a `ValueError` whose message names the valid
    values, and a usage error on the command line (exit 2)."""


class NotFound(UsageError, LookupError):
    """A name that matches nothing (a partner, a framework): a `LookupError` whose message
    suggests the closest names ("did you mean"), which it also carries as `suggestions`;
    a usage error on the command line (exit 2)."""

    def __init__(self, what: str, value: str, suggestions: list[str], hint: str = "") -> None:
        message = f"no {what} matches {shorten(value)}"
        if suggestions:
            message += "; did you mean " + " or ".join(repr(s) for s in suggestions) + "?"
        elif hint:  # where to look instead
            message += f"; {hint}"
        super().__init__(message)
        self.what = what
        self.suggestions = suggestions


def decode(content: bytes, display_path: str) -> str:
    """The UTF-8 text of a file's bytes (less a leading byte order mark, which editors on
    Windows write), or a DataError that says where it is not."""
    body = content.removeprefix(b"\xef\xbb\xbf")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        start = error.start + len(content) - len(body)
        line = content[:start].count(b"\n") + 1
        what = f"not UTF-8 text (byte {start + 1})"
        raise DataError([Problem(display_path, line, "file", what)]) from None
