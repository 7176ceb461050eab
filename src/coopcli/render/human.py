"""Human output with rich. Data is never markup: every piece is `Text` made `visible`.
Off a terminal, or with NO_COLOR, no colour, no styles and no box drawing."""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterator, Sequence
from typing import TextIO

from rich import box
from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, RenderableType
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from coopcli.render.base import INFERRED_FOOTNOTE, INFERRED_MARK, Output, Sink, is_inferred
from coopcli.terminal import visible

GAP = 2  # spaces between two columns of a listing's table


class LineText(Text):
    """rich's `Text`, rendered a line at a time. rich renders wrapped text as one segment
    per style, which every print, padding and table cell splits at each newline by copying
    what follows it: quadratic in a long text (a 4 MB quote: 30 s). A word too long for
    any line is folded a few thousand characters at a time (whole lines, but for wide
    characters): rich's folding keeps some 100 bytes a character (a 7 MB word: 817 MB)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        text: Text = self
        piece = options.max_width * (5_000 // max(options.max_width, 1) + 1)  # whole lines
        cuts = [
            start
            for word in re.finditer(rf"\S{{{piece + 1},}}", self.plain)
            for start in range(word.start() + piece, word.end(), piece)
        ]
        if cuts:
            text = Text("\n").join(self.divide(cuts))
            text.justify, text.overflow, text.no_wrap = self.justify, self.overflow, self.no_wrap
            text.end = self.end
        for segment in Text.__rich_console__(text, console, options):
            if segment.control or "\n" not in segment.text:
                yield segment
                continue
            *lines, rest = segment.text.split("\n")
            yield from (Segment(line + "\n", segment.style) for line in lines)
            if rest:
                yield Segment(rest, segment.style)


def safe(text: str, style: str = "") -> Text:
    """Data as rich `Text`: never markup or emoji, control characters visible."""
    return LineText(visible(text), style=style)


def width_of(text: str) -> int:
    """The columns `text` takes once visible (a wide character two, an accent none)."""
    return cell_len(visible(text))


def padded(text: str, width: int) -> str:  # on the right, to `width` columns
    return text + " " * max(width - width_of(text), 0)


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # A reader gone (`| head`) is the BrokenPipeError `coopcli.cli.exits` ends quietly on.
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, "the reader of the output stopped early")


class Screen:
    """The console and where output goes. `piped`: a listing is a tab-separated line per
    row (COOP_FORCE_TTY lays out for a terminal at COLUMNS, as `gh` has GH_FORCE_TTY)."""

    def __init__(self, stream: TextIO, *, inferred_hint: str = "") -> None:
        self.inferred_hint = inferred_hint
        probe = _Console(file=stream)
        self.piped = not probe.is_terminal and not os.environ.get("COOP_FORCE_TTY")
        self.plain = not probe.is_terminal or bool(os.environ.get("NO_COLOR"))
        self.console: Console = _Console(
            file=stream,
            emoji=False,
            markup=False,
            highlight=False,
            no_color=True if self.plain else None,
            color_system=None if self.plain else "auto",
            force_terminal=False if self.plain else None,
        )

    @property
    def width(self) -> int:
        return self.console.width

    def style(self, style: str) -> str:  # nothing in plain output
        return "" if self.plain else style

    def table(self, *headers: str) -> Table:
        grid = Table(
            box=None if self.plain else box.SIMPLE_HEAD,
            header_style=self.style("bold"),
            pad_edge=False,
            show_edge=False,
        )
        for header in headers:  # a header may come from the data (compare's partners)
            grid.add_column(safe(header), overflow="fold")
        return grid

    def print(self, *renderables: RenderableType) -> None:
        """Print each renderable (a str as literal text); plain, no spaces at line ends."""
        for renderable in renderables:
            shown = safe(renderable) if isinstance(renderable, str) else renderable
            if not self.plain:
                self.console.print(shown)
                continue
            with self.console.capture() as captured:
                self.console.print(shown)
            self.console.file.write("\n".join(line.rstrip() for line in captured.get().split("\n")))

    def rows(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        no_wrap: Sequence[bool] = (),
        styles: Sequence[str] = (),
        main: int | None = None,
    ) -> bool:
        """A listing. Piped: a line per row, tab-separated (a tab or newline as `\\t`, `\\n`).
        Else a header and aligned columns, cells wrapped, `main` keeping the most room;
        False, having printed nothing, when they cannot fit without breaking a word."""
        if self.piped:
            for row in rows:
                fields = (visible(cell).replace("\t", "\\t").replace("\n", "\\n") for cell in row)
                self.console.file.write("\t".join(fields) + "\n")
            return True
        count = len(headers)
        # one space between columns before a range breaks before its `/`, or a word
        for cut, gap in ((False, GAP), (False, 1), (True, GAP), (True, 1)):
            widths = column_widths(headers, rows, no_wrap, self.width, gap=gap, main=main, cut=cut)
            if widths is not None:
                break
        else:
            return False
        looks = [self.style(style) for style in styles] + [""] * (count - len(styles))
        self.aligned(headers, widths, [self.style("bold")] * count, gap)
        if not self.plain:
            self.print(Text("\u2500" * (sum(widths) + gap * (count - 1)), style="dim"))
        for row in rows:
            self.aligned(row, widths, looks, gap)
        return True

    def aligned(
        self, cells: Sequence[str], widths: Sequence[int], looks: Sequence[str], gap: int
    ) -> None:
        """A row of `cells`, each wrapped to its width, `gap` spaces apart."""
        wrapped = [wrap_words(visible(c), w) for c, w in zip(cells, widths, strict=True)]
        for number in range(max(len(lines) for lines in wrapped)):
            line = Text()
            for column, (lines, width) in enumerate(zip(wrapped, widths, strict=True)):
                piece = lines[number] if number < len(lines) else ""
                if column:
                    line.append(" " * gap)
                last = column == len(widths) - 1
                line.append(piece if last else padded(piece, width), style=looks[column])
            self.print(line)


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
    """Each column's width: its widest cell when all fit; else the widest narrowed first
    (`main` last) down to its longest word (with `cut`, piece of a word cut before
    a `/`; `no_wrap`: its widest cell). None when even those do not fit."""
    count = len(headers)
    cells = [[headers[i], *(row[i] for row in rows)] for i in range(count)]
    natural = [max(width_of(line) for c in column for line in c.split("\n")) for column in cells]
    room = width - gap * (count - 1)
    if sum(natural) <= room:
        return natural
    split = _pieces if cut else lambda word: [word]
    least = [
        natural[i]
        if i < len(no_wrap) and no_wrap[i]
        else max((width_of(p) for c in cells[i] for w in c.split() for p in split(w)), default=0)
        for i in range(count)
    ]
    if sum(least) > room:
        return None
    widths = list(natural)
    while sum(widths) > room:  # narrow the widest column that can be, one at a time
        narrower = [i for i in range(count) if widths[i] > least[i]]
        widest = max([i for i in narrower if i != main] or narrower, key=widths.__getitem__)
        widths[widest] -= 1
    return widths


def height(rows: Sequence[Sequence[str]], widths: Sequence[int]) -> int:
    """The lines `rows` take once each cell is wrapped to its column's width."""
    return sum(
        max(len(wrap_words(visible(c), w)) for c, w in zip(r, widths, strict=True)) for r in rows
    )


def _pieces(word: str) -> list[str]:
    """A word cut before each `/`, where a line may break, so that the next line shows it
    goes on (a path: `/home` `/me`; a date range: `2021-09-09` `/10`)."""
    return re.findall(r"/?[^/]+|/", word) or [word]


def wrap_words(text: str, width: int) -> list[str]:
    """`text` in lines of `width` columns at most, broken at spaces and newlines; a longer
    word starts a line and breaks before a `/`, and only a piece still too long is folded."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            fits = cell_len(word) <= width
            if not fits and line:
                out.append(line)
                line = ""
            for piece in [word] if fits else _pieces(word):
                if cell_len(piece) > width:
                    *folded, piece = chop_cells(piece, width)
                    out += [line, *folded] if line else folded
                    line = ""
                joined = f"{line} {piece}" if line and fits else line + piece
                if cell_len(joined) <= width:
                    line = joined
                else:
                    out.append(line)
                    line = piece
        out.append(line)
    return out


def write_table(output: Output, sink: Sink) -> None:
    """The command's own view, or a row per item in its table columns."""
    screen = Screen(sink.stream, inferred_hint=output.inferred_hint)
    if output.human is not None:
        output.human(screen)
        return
    if not output.rows:
        screen.print(output.empty_message)
        return
    columns = [column for column in output.columns if column.in_table]
    cells = [[column.text(row, table=True) for column in columns] for row in output.rows]
    headers = [column.header for column in columns]
    if not screen.rows(headers, cells, no_wrap=[column.no_wrap for column in columns]):
        grid = screen.table(*headers)  # narrower than its longest words: rich folds them
        for spec, column in zip(columns, grid.columns, strict=True):
            column.no_wrap = spec.no_wrap
        for line in cells:
            grid.add_row(*(safe(cell) for cell in line))
        screen.print(grid)
    marked = any(is_inferred(row, c.inferred) for row in output.rows for c in columns)
    if marked and not screen.piped:
        screen.print(inferred_footnote(screen))


def inferred_footnote(screen: Screen) -> Padding:
    """The footnote under a view that marks values, and the hint on a line of its own."""
    hint = f"\n{screen.inferred_hint}" if screen.inferred_hint else ""
    return inferred_note(screen, INFERRED_FOOTNOTE + hint)


def inferred_note(screen: Screen, text: str, indent: int = 0) -> Padding:
    return labelled(screen, INFERRED_MARK + " ", safe(text, screen.style("dim")), indent)


def labelled(screen: Screen, label: str, body: Text, indent: int = 0) -> Padding:
    """`label`, dim, then `body`, wrapped under itself."""
    return hanging(Text(visible(label), style=screen.style("dim")), body, indent)


def packed(screen: Screen, label: str, entries: Sequence[str], indent: int = 0) -> Padding:
    """`label` then the entries, comma-separated, wrapped between entries only."""
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
    return labelled(screen, label, LineText("\n".join(lines)), indent)


def quoted(screen: Screen, source: str, indent: int = 4) -> Padding:
    quote = LineText("\u201c" + visible(source) + "\u201d", style=screen.style("dim italic"))
    return Padding(quote, (0, 0, 0, indent), expand=False)


def hanging(prefix: Text, body: Text, indent: int = 0) -> Padding:
    """`prefix`, then `body`, whose wrapped lines start under the body, not the prefix."""
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(prefix, body)
    return Padding(grid, (0, 0, 0, indent), expand=False)


def bullet(text: Text, indent: int = 2) -> Padding:
    return hanging(Text("- "), text, indent)
