"""Human output with rich: tables and cards on a terminal, plain text elsewhere.

Data never passes through rich markup: every piece of it is wrapped in `Text` after
`coopcli.terminal.visible` has made control characters visible, so `[bold]`, `:warning:`
or an ANSI escape in the data prints as those characters. When stdout is not a terminal,
or NO_COLOR is set, output carries no colour, no styles and no box drawing.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Sequence
from typing import TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from coopcli.render.base import (
    INFERRED_FOOTNOTE,
    INFERRED_MARK,
    Column,
    Output,
    Sink,
    is_inferred,
)
from coopcli.terminal import visible


def safe(text: str, style: str = "") -> Text:
    """Data as rich `Text`: never read as markup or emoji, control characters visible."""
    return Text(visible(text), style=style)


def width_of(text: str) -> int:
    """The columns `text` takes on a terminal once made visible: a wide character (CJK,
    most emoji) takes two, a combining accent none."""
    return cell_len(visible(text))


def padded(text: str, width: int) -> str:
    """`text` and the spaces that make it `width` columns wide (as `str.ljust` would
    if every character took one column)."""
    return text + " " * max(width - width_of(text), 0)


class _Console(Console):
    """A console that reports a reader gone (`| head`) as the BrokenPipeError it is,
    for the runtime to end the run quietly with 0; rich's own handler exits 1."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, "the reader of the output stopped early")


FORCE_TTY = "COOP_FORCE_TTY"
"""Set (to anything), tables are laid out for a terminal even on a pipe, at COLUMNS
columns (as `gh` has GH_FORCE_TTY): to see, test or record a terminal's layout."""


class Screen:
    """The console and the choices that follow from where output goes."""

    def __init__(self, stream: TextIO, *, inferred_hint: str = "") -> None:
        self.inferred_hint = inferred_hint
        """Where to read the reasons for what a view marks inferred (see `Output`)."""
        probe = _Console(file=stream)
        self.piped = not probe.is_terminal and not os.environ.get(FORCE_TTY)
        """Whether a program reads the output: a listing's table is then one line per
        row, its fields tab-separated (`rows`); cards stay cards."""
        self.plain = not probe.is_terminal or bool(os.environ.get("NO_COLOR"))
        if self.plain:
            self.console: Console = _Console(
                file=stream,
                color_system=None,
                no_color=True,
                emoji=False,
                markup=False,
                highlight=False,
                force_terminal=False,
            )
        else:
            self.console = _Console(file=stream, emoji=False, markup=False, highlight=False)

    @property
    def width(self) -> int:
        """Columns available."""
        return self.console.width

    def style(self, style: str) -> str:
        """`style` on a terminal, nothing in plain output."""
        return "" if self.plain else style

    def table(self, *headers: str) -> Table:
        """A table with the house style: a header rule on a terminal, none when plain.
        Cells wrap at spaces; only a word longer than its column is folded."""
        grid = Table(
            box=None if self.plain else box.SIMPLE_HEAD,
            show_header=True,
            header_style=self.style("bold"),
            pad_edge=False,
            show_edge=False,
        )
        for header in headers:  # a header may come from the data (compare's partners)
            grid.add_column(safe(header), overflow="fold")
        return grid

    def print(self, *renderables: RenderableType) -> None:
        """Print each renderable (a str is shown as literal text)."""
        for renderable in renderables:
            shown = safe(renderable) if isinstance(renderable, str) else renderable
            if not self.plain:
                self.console.print(shown)
                continue
            # Plain text is for grep, diff and files: no padding at the ends of lines.
            with self.console.capture() as captured:
                self.console.print(shown)
            lines = captured.get().split("\n")
            self.console.file.write("\n".join(line.rstrip() for line in lines))

    def rows(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        no_wrap: Sequence[bool] = (),
        styles: Sequence[str] = (),
        main: int | None = None,
    ) -> bool:
        """A listing's table, the one table path of every listing: piped, one line per
        row with tab-separated fields and no header, never wrapped (a tab or newline in
        a field written `\\t`, `\\n`); on a terminal, a header and aligned columns,
        each cell wrapped at spaces under its own column. False, having printed nothing,
        when the columns cannot fit the width without breaking a word. `main` is the
        column that keeps the most room when all must narrow (a timeline's What)."""
        if self.piped:
            for row in rows:
                self.console.file.write("\t".join(tab_field(cell) for cell in row) + "\n")
            return True
        kept = [bool(no_wrap[i]) if i < len(no_wrap) else False for i in range(len(headers))]
        # one space between columns before a range breaks after its `/`, before a word
        for cut, gap in ((False, GAP), (False, 1), (True, GAP), (True, 1)):
            widths = column_widths(headers, rows, kept, self.width, gap=gap, main=main, cut=cut)
            if widths is not None:
                break
        else:
            return False
        looks = [self.style(styles[i]) if i < len(styles) else "" for i in range(len(headers))]
        self._aligned(list(headers), widths, [self.style("bold")] * len(headers), gap)
        if not self.plain:
            self.print(Text("\u2500" * (sum(widths) + gap * (len(widths) - 1)), style="dim"))
        for row in rows:
            self._aligned(list(row), widths, looks, gap)
        return True

    def _aligned(
        self, cells: Sequence[str], widths: Sequence[int], looks: Sequence[str], gap: int
    ) -> None:
        wrapped = [
            wrap_words(visible(cell), width) for cell, width in zip(cells, widths, strict=True)
        ]
        for number in range(max(len(lines) for lines in wrapped)):
            line = Text()
            for column, (lines, width) in enumerate(zip(wrapped, widths, strict=True)):
                piece = lines[number] if number < len(lines) else ""
                if column:
                    line.append(" " * gap)
                last = column == len(widths) - 1
                line.append(piece if last else padded(piece, width), style=looks[column])
            self.print(line)

    def measure(self, renderable: RenderableType) -> int:
        """The width `renderable` needs to show without wrapping."""
        return self.console.measure(renderable).maximum


GAP = 2
"""Spaces between two columns of a listing's table."""


def tab_field(text: str) -> str:
    """A field of a tab-separated line: control characters visible, and a tab or a
    newline written `\\t`, `\\n`, so that a row stays one line of its fields."""
    return visible(text).replace("\t", "\\t").replace("\n", "\\n")


def column_widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    no_wrap: Sequence[bool],
    width: int,
    *,
    gap: int = GAP,
    main: int | None = None,
    cut: bool = False,
) -> list[int] | None:
    """The width of each column: what its widest cell needs when all fit; else each
    column's longest word at least (a `no_wrap` column its widest cell; with `cut`, the
    longest piece of a word cut after a `/`), the widest narrowed first
    (`main` counting half its width: it keeps about twice the room). None when even
    the longest pieces of words do not fit."""
    count = len(headers)
    cells = [[headers[i], *(row[i] for row in rows)] for i in range(count)]
    natural = [max(_line_width(cell) for cell in column) for column in cells]
    room = width - gap * (count - 1)
    if sum(natural) <= room:
        return natural
    least = [
        natural[i] if no_wrap[i] else max(_word_width(cell, cut) for cell in cells[i])
        for i in range(count)
    ]
    if sum(least) > room:
        return None
    widths = list(natural)
    while sum(widths) > room:  # narrow the widest column that can be, one at a time
        widest = max(
            (i for i in range(count) if widths[i] > least[i]),
            key=lambda i: widths[i] / 2 if i == main else widths[i],
        )
        widths[widest] -= 1
    return widths


def _line_width(text: str) -> int:
    return max(width_of(line) for line in text.split("\n"))


def _word_width(text: str, cut: bool = True) -> int:
    """The widest word of `text`; with `cut`, the widest piece of a word cut after `/`."""
    words = text.split()
    return max(
        (width_of(piece) for word in words for piece in (_pieces(word) if cut else [word])),
        default=0,
    )


def _pieces(word: str) -> list[str]:
    """A word cut after each `/`, where a line may break (a path, a date range)."""
    return re.findall(r"[^/]*/|[^/]+", word) or [word]


def wrap_words(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns, broken at spaces (and at its own
    newlines); a word longer than `width` breaks after a `/` (a path, a date range), and
    only a piece still too long is folded."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            if cell_len(word) > width:
                if line:
                    out.append(line)
                    line = ""
                for piece in _pieces(word):
                    while cell_len(piece) > width:  # only a piece longer than its column folds
                        if line:
                            out.append(line)
                            line = ""
                        cut = _fold_at(piece, width)
                        out.append(piece[:cut])
                        piece = piece[cut:]
                    if cell_len(line + piece) <= width:
                        line += piece
                    else:
                        out.append(line)
                        line = piece
                continue
            if not line:
                line = word
            elif cell_len(line) + 1 + cell_len(word) <= width:
                line += " " + word
            else:
                out.append(line)
                line = word
        out.append(line)
    return out


def _fold_at(word: str, width: int) -> int:
    cut = 0
    while cut < len(word) and cell_len(word[: cut + 1]) <= width:
        cut += 1
    return max(cut, 1)


def write_table(output: Output, sink: Sink) -> None:
    """The table format: the command's own view, or one row per item in the columns
    marked for tables."""
    screen = Screen(sink.stream, inferred_hint=output.inferred_hint)
    if output.human is not None:
        output.human(screen)
        return
    if not output.rows:
        screen.print(output.empty_message)
        return
    columns: Sequence[Column] = [column for column in output.columns if column.in_table]
    marked = False
    cells: list[list[str]] = []
    for row in output.rows:
        line = []
        for spec in columns:
            text = spec.text(row)
            if is_inferred(row, spec.inferred):
                text += INFERRED_MARK
                marked = True
            line.append(text)
        cells.append(line)
    headers = [column.header for column in columns]
    if not screen.rows(headers, cells, no_wrap=[column.no_wrap for column in columns]):
        grid = screen.table(*headers)  # narrower than its longest words: rich folds them
        for spec, column in zip(columns, grid.columns, strict=True):
            column.no_wrap = spec.no_wrap
        for line in cells:
            grid.add_row(*(safe(cell) for cell in line))
        screen.print(grid)
    if marked and not screen.piped:
        screen.print(inferred_footnote(screen))


def inferred_footnote(screen: Screen) -> Padding:
    """The footnote of a view that marks inferred values, wrapped under its text, with
    the screen's hint (where to read the reasons) on a line of its own."""
    hint = f"\n{screen.inferred_hint}" if screen.inferred_hint else ""
    text = safe(INFERRED_FOOTNOTE + hint, screen.style("dim"))
    return hanging(Text(INFERRED_MARK + " ", style=screen.style("dim")), text)


def packed(screen: Screen, label: str, entries: Sequence[str], indent: int = 0) -> Padding:
    """`label` then the entries, comma-separated, wrapped between entries only, under
    the first entry (an entry such as `IRQ Iraq (8)` never breaks)."""
    prefix = Text(visible(label), style=screen.style("dim"))
    width = max(screen.width - indent - width_of(label), 10)
    lines: list[str] = []
    for entry in entries:
        shown = visible(entry)
        if lines and cell_len(lines[-1]) + 2 + cell_len(shown) + 1 <= width:  # 1: a comma
            lines[-1] += ", " + shown
        else:
            if lines:
                lines[-1] += ","
            lines.append(shown)
    return hanging(prefix, Text("\n".join(lines)), indent)


def heading(screen: Screen, text: str) -> Text:
    """A section heading."""
    return Text("\n" + text, style=screen.style("bold underline"))


def indented(text: Text, indent: int) -> Padding:
    """`text` indented by `indent` columns, its wrapped lines too."""
    return Padding(text, (0, 0, 0, indent), expand=False)


def quoted(screen: Screen, source: str, indent: int = 4) -> Padding:
    """A verbatim quote, set off from the fact it supports."""
    quote = Text("\u201c" + visible(source) + "\u201d", style=screen.style("dim italic"))
    return indented(quote, indent)


def hanging(prefix: Text, body: Text, indent: int = 0) -> Padding:
    """`prefix`, then `body`, whose wrapped lines start under the body, not the prefix."""
    if not prefix.plain:  # rich wraps a grid with an empty column too early
        return Padding(body, (0, 0, 0, indent), expand=False)
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(prefix, body)
    return Padding(grid, (0, 0, 0, indent), expand=False)


def bullet(text: Text, indent: int = 2) -> Padding:
    """A list item: a dash, then `text`, wrapped lines under the text, not the dash."""
    return hanging(Text("- "), text, indent)
