"""Time and peak memory of the costliest files that pass coop's limits; prints a Markdown table.

    python benchmarks/worst_case.py [--only NAME ...] [--keep FOLDER]

Each shape below fills a file with one construct, as much of it as the limits of
`coopcli.limits` let through (the first of bytes, lines, items or characters per line
to bind), and runs `coop validate FILE` on it with no cache: the cost of judging it
(parsing, validating, locating every problem). `first-run` is `coop list --data FILE --json`
on the largest valid dataset within the limits (`make_dataset.py` scaled up), a run that
validates and writes the cache; `completion` completes a partner id over the costliest
invalid shape. Then each shape of issue 27 (`ISSUE_27`): a file built to be the worst
case of one command, and the commands it costs (a view on a terminal runs with
FORCE_COLOR and COOP_FORCE_TTY, its output thrown away as a pipe's would be). Peak
memory is the kernel's accounting of the child (`/usr/bin/time`'s %M).
docs/performance.md records the last run; docs/limits.md quotes its worst figures.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import tomli_w

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from coopcli import cache, limits  # noqa: E402
from make_dataset import SHIPPED, scaled  # noqa: E402

COOP = str(Path(sys.executable).parent / "coop")
HEAD = (
    '[meta]\ntitle = "t"\ndate = "2021"\ndate_reasoning = "r"\ncovers = "c"\n'
    'source_file = "s.txt"\n\n[[partners]]\nid = "p"\nname = "P"\nregion = "R"\n'
)
"""A partner table to hang the shapes that need one on (`aliases = [...]`)."""


def fill(head: str, line: Callable[[int], str]) -> str:
    """`head`, then `line(n)` for n = 0, 1, ... while bytes, lines, items and tables all
    stay within the limits (1% to spare for the head; every line costs as the first)."""
    items, tables = limits.check_limits(line(0) + "\n", "x")
    budget_bytes = limits.MAX_BYTES * 99 // 100 - len(head.encode())
    budget_lines = limits.MAX_LINES * 99 // 100 - head.count("\n")
    budget_items = limits.MAX_ITEMS * 99 // 100 - 40
    budget_tables = limits.MAX_TABLES * 99 // 100 - 10
    parts = [head]
    used = 0
    for number in range(budget_lines):
        text = line(number) + "\n"
        used += len(text.encode())
        count = number + 1
        if used > budget_bytes or count * items > budget_items or count * tables > budget_tables:
            break
        assert len(text) <= limits.MAX_LINE_CHARS
        parts.append(text)
    return "".join(parts)


def _repeat(unit: str, around: int = 16) -> str:
    return unit * ((limits.MAX_LINE_CHARS - around) // len(unit))


DEPTH = limits.MAX_NESTING
SHAPES: dict[str, Callable[[], str]] = {
    "nested arrays (100 deep)": lambda: fill("", lambda n: f"x{n} = " + "[" * DEPTH + "]" * DEPTH),
    "empty arrays": lambda: fill("", lambda n: f"x{n} = [" + _repeat("[],") + "]"),
    "inline tables": lambda: fill("", lambda n: f"x{n} = [" + _repeat("{},") + "]"),
    "integers in an array": lambda: fill("", lambda n: f"x{n} = [" + _repeat("1,") + "]"),
    "tables": lambda: fill("", lambda n: f"[t{n}]"),
    "arrays of tables": lambda: fill("", lambda n: "[[t]]"),
    "dotted keys (31 parts)": lambda: fill("", lambda n: f"a{n}." + ".".join(["b"] * 30) + "=1"),
    "unknown keys": lambda: fill("", lambda n: f"k{n} = 1"),
    "wrong values (one error each)": lambda: (
        fill(HEAD + "aliases = [\n", lambda n: _repeat("1,")) + "]\n"
    ),
    "strings of escapes": lambda: fill("", lambda n: f'x{n} = "' + _repeat("\\t") + '"'),
    "comments": lambda: fill("", lambda n: "#" + "c" * (limits.MAX_LINE_CHARS - 2)),
}


def many_partners_and_a_large_source(folder: Path, count: int = 5_000) -> list[str]:
    """`coop validate FILE --source TEXT` over `count` partners, each heading a paragraph
    of a 1 MB text with passages no quote covers, a quote found nowhere and, for every
    tenth, a quote of the next partner's part (issue 27: 28 s for 1,000 partners in 0.4,
    as each uncovered passage was checked against every partner's name)."""
    lines, partners = ["Cooperation with many partners\n\n"], []
    for n in range(count):
        lines.append(
            f"Partner {n}  Commissioner {n} visited the capital in May 2021. An unquoted "
            f"sentence follows here. Cooperation on return number {n} continues. Another "
            f"sentence that nobody quotes, {n}.\n\n"
        )
        quotes = [f"Commissioner {n} visited the capital in May 2021.", f"return number {n}"]
        quotes += [f"A quote found nowhere, number {n}."]
        quotes += [f"Commissioner {n + 1} visited the capital"] if n % 10 == 0 else []
        notes = [{"kind": "focus", "title": quote, "source": quote} for quote in quotes]
        partners.append({"id": f"p{n}", "name": f"Partner {n}", "region": "R", "notes": notes})
    meta = tomllib.loads(HEAD)["meta"] | {"title": "Cooperation with many partners"}
    data, source = folder / "many-partners.toml", folder / "many-partners.txt"
    data.write_text(tomli_w.dumps({"meta": meta, "partners": partners}), encoding="utf-8")
    source.write_text("".join(lines), encoding="utf-8")
    return [COOP, "validate", str(data), "--source", str(source)]


# --- issue 27: a file made to be the worst case of a command, and the commands -------------

MINIMAL = HERE.parent / "tests" / "data" / "minimal.toml"
TERMINAL = {"FORCE_COLOR": "1", "COOP_FORCE_TTY": "1", "COLUMNS": "100"}
Run = tuple[str, list[str], dict[str, str]]  # the row's name, coop's arguments, environment


def _minimal_with(folder: Path, name: str, old: str, new: str) -> Path:
    path = folder / name
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return path


def _quoted(folder: Path, name: str, line: str, where: str = "agreement") -> Path:
    """The minimal dataset, the quote of its agreement (or area) a multi-line string of
    `line`s before its own words: 800 lines, or as many as 94% of the byte limit."""
    lines: list[str] = []
    size = 0
    while size < limits.MAX_BYTES * 94 // 100 - 9_999 and len(lines) < 800:
        lines.append(line)
        size += len(lines[-1].encode()) + 1
    opening, closing = {
        "agreement": ('"There are', 'agreements."'),
        "area": ('"search and', 'desert"'),
    }[where]
    text = MINIMAL.read_text(encoding="utf-8").replace(closing, closing + '""', 1)
    path = folder / name
    quote = "\n".join(lines)
    path.write_text(text.replace(opening, f'"""\n{quote}\n{opening[1:]}', 1), encoding="utf-8")
    return path


_WORDS = "migrant smuggling readmission cooperation border visa return partnership "
_LINE = (_WORDS * 125)[:9_000]


def long_strings(folder: Path) -> Iterator[Run]:
    """The limits' pre-scan over one multi-line string of megabytes: plain, and of escaped
    quotes (a pattern once kept a backtracking entry a character: 1.1 GB, 9.5 s)."""
    for name, body in (("plain", _LINE), ("escaped quotes", '\\"' * 4_500)):
        path = _quoted(folder, f"string-{name.split()[0]}.toml", body)
        yield f"validate (one string, {name})", ["validate", str(path)], {}


def crowd(folder: Path) -> Iterator[Run]:
    """One event naming 10,000 people (each person's row repeated every name: gigabytes);
    refused now, by the limit of names in an event's list."""
    names = "".join(f'"Person {n}",\n' for n in range(10_000))
    path = _minimal_with(
        folder, "crowd.toml", 'kind = "visit"', f'kind = "visit"\npeople = [{names}]'
    )
    yield "people --json (one event naming 10,000)", ["people", "--json", "--data", str(path)], {}


def huge_quote(folder: Path) -> Iterator[Run]:
    """One quote of megabytes in every view that shows it, piped and on a terminal (rich
    split the wrapped text at each line by copying the rest: 4 MB, 30 s), and its shapes
    that cost a view most: a line break in every other character (at the line limit), one
    word, a letter that folds to two (ß) in every search hit, and a hit in every word."""
    words = _quoted(folder, "quote.toml", _LINE)
    area = _quoted(folder, "quote-area.toml", _LINE, "area")
    breaks = _quoted(folder, "quote-breaks.toml", "a\\n" * 240)  # 198,000 in all
    word = _quoted(folder, "quote-word.toml", "x" * 9_000 + "\\")
    sharp = _quoted(folder, "quote-sharp.toml", ("smugglingß " * 820)[:9_000])
    letters = _quoted(folder, "quote-letters.toml", "s " * 4_500)
    for where, environment in (("piped", {}), ("terminal", TERMINAL)):
        for path, args in (
            (words, ["show", "tunisia", "--sources"]),
            (words, ["show", "tunisia/readmission"]),
            (words, ["search", "smuggling"]),
            (area, ["areas", "search_rescue"]),
            (breaks, ["show", "tunisia/readmission"]),
            (word, ["show", "tunisia/readmission"]),
            (sharp, ["search", "smuggling"]),
            (letters, ["search", "s"]),
        ):
            title = f"{' '.join(args)} ({path.stem}, {where})"
            yield title, [*args, "--data", str(path)], environment


def alike_facts(folder: Path) -> Iterator[Run]:
    """Layout 1: 28,000 identical notes, whose derived ids were numbered quadratically."""
    note = '[[partners.notes]]\nkind = "context"\ntitle = "A note"\nsource = "A note."\n\n'
    path = _minimal_with(
        folder, "alike.toml", "[[partners.agreements]]", note * 28_000 + "[[partners.agreements]]"
    )
    yield "validate (28,000 alike notes, layout 1: derived ids)", ["validate", str(path)], {}


def many_countries(folder: Path) -> Iterator[Run]:
    """2,000 --country names over 15,000 partners (each value folded every look-up name)."""
    partners = "".join(
        f'[[partners]]\nid = "p{n}"\nname = "Partner {n}"\nregion = "R"\naliases = ["Alias {n}"]\n\n'
        for n in range(15_000)
    )
    path = folder / "partners.toml"
    head = MINIMAL.read_text(encoding="utf-8").split("[[partners]]", 1)[0]
    path.write_text(head + partners, encoding="utf-8")
    names = [argument for n in range(0, 15_000, 7) for argument in ("-c", f"alias {n}")]
    yield "list (2,143 --country over 15,000 partners)", ["list", "--data", str(path), *names], {}


def timeline_lanes(folder: Path) -> Iterator[Run]:
    """The page's timeline: 24,000 events on one date (each point scanned every row of its
    band before it: 9.5 s)."""
    event = '[[partners.events]]\nkind = "visit"\ntitle = "A visit"\ndate = "2021-05"\nsource = "A visit."\n\n'
    path = _minimal_with(
        folder, "events.toml", "[[partners.events]]", event * 24_000 + "[[partners.events]]"
    )
    page = str(folder / "page.html")
    yield (
        "report (24,000 events on one date)",
        ["report", "--data", str(path), "-o", page, "--force"],
        {},
    )


ISSUE_27: dict[str, Callable[[Path], Iterator[Run]]] = {
    "long strings": long_strings,
    "names on one event": crowd,
    "a huge quote": huge_quote,
    "alike facts": alike_facts,
    "many --country names": many_countries,
    "timeline lanes": timeline_lanes,
}


def largest_valid_dataset() -> str:
    """The shipped data scaled up as far as the limits allow, as TOML."""
    document = tomllib.loads(SHIPPED.read_text(encoding="utf-8"))
    best = ""
    for scale in range(100, 400, 10):
        text = tomli_w.dumps(scaled(document, scale))
        try:
            limits.check_limits(text, "x")
        except Exception:
            break
        if len(text.encode()) > limits.MAX_BYTES:
            break
        best = text
    return best


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float, float, int, str]:
    """Wall seconds, CPU seconds, peak resident MB, exit code and the last line of
    stderr. CPU time is the figure to compare: wall time grows with the machine's load.
    The child runs under /usr/bin/time, whose own child is forked from a small process:
    the kernel's peak of a child forked from this one would count this one's memory."""
    marker = "@@"
    timed = ["/usr/bin/time", "-f", f"{marker} %e %U %S %M %x", *argv]
    result = subprocess.run(timed, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    lines = result.stderr.decode(errors="replace").strip().splitlines()
    figures = lines.pop().split()
    lines = [line for line in lines if not line.startswith("Command exited with non-zero")]
    assert figures[0] == marker, figures
    wall, user, system, peak_kb, code = figures[1:]
    return (
        float(wall),
        float(user) + float(system),
        int(peak_kb) / 1024,
        int(code),
        (lines[-1] if lines else ""),
    )


Row = tuple[str, str, str, str, str, str]


def rows(folder: Path, only: list[str]) -> Iterator[Row]:
    env = {**os.environ, "COOP_NO_CACHE": "1"}
    worst: tuple[float, Path] = (0.0, folder)

    def row(name: str, size: str, argv: list[str], run_env: dict[str, str]) -> Row:
        wall, cpu, memory, code, last = measure(argv, run_env)
        shown = f"{code}: `{last[-50:]}`" if last else f"{code}"
        return name, size, f"{cpu:.1f} s", f"{wall:.1f} s", f"{memory:.0f} MB", shown

    for name, make in SHAPES.items():
        if only and name not in only:
            continue
        path = folder / (name.split(" (")[0].replace(" ", "-") + ".toml")
        path.write_text(make(), encoding="utf-8")
        result = row(name, _size(path), [COOP, "validate", str(path)], env)
        worst = max(worst, (float(result[2].split()[0]), path))
        yield result
    if not only or "validate-source" in only:
        argv = many_partners_and_a_large_source(folder)
        yield row("validate --source: 5,000 partners", _size(Path(argv[-1])), argv, env)
    if not only or "first-run" in only:
        path = folder / "largest-valid.toml"
        path.write_text(largest_valid_dataset(), encoding="utf-8")
        time.sleep(cache.RACY_SECONDS + 0.5)  # else its first entry is keyed by its bytes
        cached = {**os.environ, "COOP_CACHE_DIR": str(folder / "cache")}
        argv = [COOP, "list", "--data", str(path), "--json"]
        yield row("first run on the largest valid dataset", _size(path), argv, cached)
        yield row("the same, warm (from the cache)", _size(path), argv, cached)
    if worst[0]:
        words = f"coop show --data {worst[1]} tu"
        completion = {**env, "_COOP_COMPLETE": "complete_bash", "COMP_WORDS": words}
        completion["COMP_CWORD"] = "4"
        yield row(f"completion over {worst[1].name}", "", [COOP], completion)
    for name, runs in ISSUE_27.items():
        if only and name not in only:
            continue
        cached = {**os.environ, "COOP_CACHE_DIR": str(folder / "cache")}
        for title, args, extra in runs(folder):
            data = next(Path(arg) for arg in args if arg.endswith(".toml"))
            if "--data" in args:  # validated and cached first: the row is the command's own cost
                measure([COOP, "list", "--json", "--data", str(data)], cached)
            yield row(title, _size(data), [COOP, *args], {**cached, **extra})


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1e6:.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[], help="shape names to run")
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    arguments = parser.parse_args()
    print(
        f"limits: {limits.MAX_BYTES:,} bytes, {limits.MAX_LINES:,} lines, "
        f"{limits.MAX_ITEMS:,} items, {limits.MAX_TABLES:,} tables; "
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]}"
    )
    print()
    print("| file | size | CPU time | wall time | peak memory | exit: last line |")
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as temporary:
        folder = arguments.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        for row in rows(folder, arguments.only):
            print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
