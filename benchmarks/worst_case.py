"""Time and peak memory of the costliest files that pass coop's limits; prints a Markdown table.

    python benchmarks/worst_case.py [--only NAME ...] [--keep FOLDER]

Each shape below fills a file with one construct, as much of it as the limits of
`coopcli.limits` let through (the first of bytes, lines, items or characters per line
to bind), and runs `coop validate FILE` on it with no cache: the cost of judging it
(parsing, validating, locating every problem). `first-run` is `coop list --data FILE --json`
on the largest valid dataset within the limits (`make_dataset.py` scaled up), a run that
validates and writes the cache; `completion` completes a partner id over the costliest
invalid shape. Peak memory is the kernel's accounting of the child (`/usr/bin/time`'s %M).
docs/performance.md records the last run; the README quotes its worst figures.
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
