"""Whole-process timings of coop against the floor of its stack; prints a Markdown table.

    python benchmarks/bench.py [--pairs 21]

Each comparison runs its two commands alternately, `--pairs` times each, and compares
their medians: wall time (or peak memory, from the kernel's accounting of each child).
Targets are those of the performance issue; docs/performance.md records the last run.
Run it with the venv in which coop is installed; it uses a cache folder of its own.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
COOP = str(Path(PYTHON).parent / "coop")


class Run:
    """One command: how to run it and what it costs."""

    def __init__(self, argv: list[str], env: dict[str, str] | None = None) -> None:
        self.argv = argv
        self.env = env

    def once(self, base_env: dict[str, str]) -> tuple[float, float]:
        """Wall seconds and peak resident memory in MB of one run."""
        env = {**base_env, **(self.env or {})}
        start = time.perf_counter()
        process = subprocess.Popen(
            self.argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        assert process.stderr is not None
        error = process.stderr.read()
        process.stderr.close()
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{' '.join(self.argv)} failed: {error.decode()}")
        return elapsed, usage.ru_maxrss / 1024


class Comparison(NamedTuple):
    """Two commands run alternately: the medians of each one's time (ms) and memory
    (MB), and the median of the pairs' time ratios, a/b (each pair ran back to back, so
    a drift of the machine's speed over the row cancels out of it)."""

    a_ms: float
    b_ms: float
    a_mb: float
    b_mb: float
    ratio: float


def compare(
    a: Run, b: Run, pairs: int, env: dict[str, str], before_a: Path | None = None
) -> Comparison:
    """`a` and `b` run alternately `pairs` times each; with `before_a`, that cache
    folder is removed before each run of `a` (a first run)."""
    a.once(env), b.once(env)  # warm the file system cache and coop's own
    times_a, times_b, memory_a, memory_b = [], [], [], []
    for _ in range(pairs):
        for run, times, memory in ((a, times_a, memory_a), (b, times_b, memory_b)):
            if run is a and before_a is not None:
                shutil.rmtree(before_a, ignore_errors=True)
            seconds, megabytes = run.once(env)
            times.append(seconds * 1000)
            memory.append(megabytes)
    return Comparison(
        statistics.median(times_a),
        statistics.median(times_b),
        statistics.median(memory_a),
        statistics.median(memory_b),
        statistics.median(x / y for x, y in zip(times_a, times_b, strict=True)),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=21, help="runs of each command (at least 15)")
    pairs = max(parser.parse_args().pairs, 15)

    work = Path(tempfile.mkdtemp(prefix="coop-bench-"))
    cache = work / "cache"
    big = work / "big.toml"
    subprocess.run(
        [PYTHON, str(HERE / "make_dataset.py"), "--scale", "100", "--output", str(big)], check=True
    )
    # A file written in the last few seconds is cached by its bytes, not its identity
    # (coopcli.cache.RACY_SECONDS): let it settle, as a user's dataset has.
    time.sleep(4)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"NO_COLOR", "FORCE_COLOR", "COOP_DATA", "COOP_NO_CACHE"}
    }
    env["COOP_CACHE_DIR"] = str(cache)
    terminal = {"FORCE_COLOR": "1", "COLUMNS": "100", "TERM": "xterm-256color"}

    typer_floor = Run([PYTHON, "-c", "import typer"])
    exit_floor = Run([PYTHON, "-c", "import typer, os; os._exit(0)"])
    rich_floor = Run([PYTHON, "-c", "import typer, rich.console, rich.table"], terminal)
    completion = {
        "_COOP_COMPLETE": "complete_bash",
        "COMP_WORDS": "coop show tu",
        "COMP_CWORD": "2",
    }
    offered = subprocess.run(
        [COOP], env={**env, **completion}, capture_output=True, text=True
    ).stdout.split()

    load_before = os.getloadavg()
    typer_ms, exit_ms, *_ = compare(typer_floor, exit_floor, pairs, env)
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; load average "
        f"{load_before[0]:.2f} (1 min) at the start; {pairs} alternating pairs per row; medians.\n"
    )
    print(
        f"Floors: `import typer` {typer_ms:.1f} ms; `import typer; os._exit(0)` {exit_ms:.1f} ms "
        f"({exit_ms / typer_ms:.2f}x of the first).\n"
    )

    def row(label: str, run: Run, floor: Run, target: str, cold: bool = False) -> None:
        ms, floor_ms, mb, floor_mb, _ = compare(run, floor, pairs, env, cache if cold else None)
        against_exit = f"{ms / exit_ms:.2f}x" if floor is typer_floor else "-"
        print(
            f"| {label} | {ms:.1f} ms | {floor_ms:.1f} ms | {ms / floor_ms:.2f}x | "
            f"{against_exit} | {mb:.0f} MB ({floor_mb:.0f}) | {target} |"
        )

    header = (
        "| command | coop | floor | ratio | vs teardown-free floor | peak memory (floor) | target |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
    )
    print("Warm (cache filled); floor `import typer` unless said:\n")
    print(header)
    for args in (
        ["show", "tunisia", "--json"],
        ["agreements", "--status", "negotiating", "--json"],
        ["search", "smuggling", "--json"],
    ):
        row("coop " + " ".join(args), Run([COOP, *args]), typer_floor, "1.25x")
    row("complete `coop show tu` (bash)", Run([COOP], completion), typer_floor, "1.25x")
    for args in (["show", "tunisia"], ["list"]):
        row(
            f"coop {' '.join(args)} (terminal; floor: import typer, rich)",
            Run([COOP, *args], terminal),
            rich_floor,
            "1.25x",
        )
    for args in (
        ["search", "smuggling", "--json"],
        ["agreements", "--status", "in_place", "--json"],
    ):
        row(
            f"coop {' '.join(args)} --data BIG",
            Run([COOP, *args, "--data", str(big)]),
            typer_floor,
            "-",
        )
    # The briefing renders the whole dataset through a template: its floor is the
    # export of the same dataset, which reads and writes as much.
    row(
        "coop report (floor: coop export --format json)",
        Run([COOP, "report"]),
        Run([COOP, "export", "--format", "json"]),
        "3x",
    )

    print("\nCold (first run: the cache emptied before every run of coop):\n")
    print(header)
    row(
        "coop show tunisia --json",
        Run([COOP, "show", "tunisia", "--json"]),
        typer_floor,
        "2x",
        cold=True,
    )
    row("coop validate (never cached)", Run([COOP, "validate"]), typer_floor, "2x")
    for args, target in (
        (["search", "smuggling", "--json"], "8x, < 100 MB"),
        (["agreements", "--status", "in_place", "--json"], "-"),
    ):
        row(
            f"coop {' '.join(args)} --data BIG",
            Run([COOP, *args, "--data", str(big)]),
            typer_floor,
            target,
            cold=True,
        )
    print(f"\nLoad average (1 min) at the end: {os.getloadavg()[0]:.2f}.")
    print(f"Completion of `coop show tu` offered: {' '.join(offered)}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
