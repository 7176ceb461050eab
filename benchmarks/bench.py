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


def compare(a: Run, b: Run, pairs: int, env: dict[str, str]) -> tuple[float, float, float, float]:
    """Medians of time (ms) and memory (MB) of `a` and `b`, run alternately."""
    a.once(env), b.once(env)  # warm the file system cache and coop's own
    times_a, times_b, memory_a, memory_b = [], [], [], []
    for _ in range(pairs):
        for run, times, memory in ((a, times_a, memory_a), (b, times_b, memory_b)):
            seconds, megabytes = run.once(env)
            times.append(seconds * 1000)
            memory.append(megabytes)
    return (
        statistics.median(times_a),
        statistics.median(times_b),
        statistics.median(memory_a),
        statistics.median(memory_b),
    )


def cold(run: Run, env: dict[str, str], cache: Path, repeats: int = 5) -> tuple[float, float]:
    """Median time (ms) and memory of `run` with an empty cache each time."""
    times, memory = [], []
    for _ in range(repeats):
        shutil.rmtree(cache, ignore_errors=True)
        seconds, megabytes = run.once(env)
        times.append(seconds * 1000)
        memory.append(megabytes)
    return statistics.median(times), statistics.median(memory)


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
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"NO_COLOR", "FORCE_COLOR", "COOP_DATA", "COOP_NO_CACHE"}
    }
    env["COOP_CACHE_DIR"] = str(cache)
    terminal = {"FORCE_COLOR": "1", "COLUMNS": "100", "TERM": "xterm-256color"}

    typer_floor = Run([PYTHON, "-c", "import typer"])
    rich_floor = Run([PYTHON, "-c", "import typer, rich.console, rich.table"], terminal)
    completion = {
        "_COOP_COMPLETE": "complete_bash",
        "COMP_WORDS": "coop show tu",
        "COMP_CWORD": "2",
    }
    offered = subprocess.run(
        [COOP], env={**env, **completion}, capture_output=True, text=True
    ).stdout.split()

    rows: list[tuple[str, str, float, float, str, float, bool]] = []

    def time_row(label: str, run: Run, floor: Run, floor_label: str, target: float) -> None:
        ms, floor_ms, _, _ = compare(run, floor, pairs, env)
        rows.append((label, floor_label, ms, floor_ms, "time", target, ms / floor_ms <= target))

    time_row(
        "coop show tunisia --json",
        Run([COOP, "show", "tunisia", "--json"]),
        typer_floor,
        "import typer",
        1.25,
    )
    time_row(
        "coop agreements --status negotiating --json",
        Run([COOP, "agreements", "--status", "negotiating", "--json"]),
        typer_floor,
        "import typer",
        1.25,
    )
    time_row(
        "coop search smuggling --json",
        Run([COOP, "search", "smuggling", "--json"]),
        typer_floor,
        "import typer",
        1.25,
    )
    time_row(
        "coop show tunisia (terminal)",
        Run([COOP, "show", "tunisia"], terminal),
        rich_floor,
        "import typer, rich",
        1.25,
    )
    time_row(
        "coop list (terminal)",
        Run([COOP, "list"], terminal),
        rich_floor,
        "import typer, rich",
        1.25,
    )
    time_row(
        "complete `coop show tu` (bash)", Run([COOP], completion), typer_floor, "import typer", 1.25
    )
    for args in (
        ["search", "smuggling", "--json"],
        ["agreements", "--status", "in_place", "--json"],
    ):
        label = "coop " + " ".join(args)
        time_row(
            f"{label} --data BIG (warm)",
            Run([COOP, *args, "--data", str(big)]),
            Run([COOP, *args]),
            "same, shipped data",
            2.0,
        )
    _, _, show_mb, typer_mb = compare(
        Run([COOP, "show", "tunisia", "--json"]), typer_floor, pairs, env
    )
    rows.append(
        (
            "coop show tunisia --json",
            "import typer",
            show_mb,
            typer_mb,
            "memory",
            1.3,
            show_mb / typer_mb <= 1.3,
        )
    )

    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; {pairs} alternating pairs per comparison; medians.\n"
    )
    print("| command | compared with | coop | floor | ratio | target |")
    print("| --- | --- | ---: | ---: | ---: | --- |")
    for label, floor_label, value, floor_value, kind, target, ok in rows:
        unit = "ms" if kind == "time" else "MB"
        mark = "ok" if ok else "MISSED"
        print(
            f"| {label} | {floor_label} | {value:.1f} {unit} | {floor_value:.1f} {unit} | "
            f"{value / floor_value:.2f}x | {kind} <= {target}x: {mark} |"
        )

    print("\n| scale (1,400 partners) | time | peak memory | target |")
    print("| --- | ---: | ---: | --- |")
    for args in (
        ["search", "smuggling", "--json"],
        ["agreements", "--status", "in_place", "--json"],
    ):
        run = Run([COOP, *args, "--data", str(big)])
        cold_ms, cold_mb = cold(run, env, cache)
        warm_ms, warm_mb = compare(run, run, pairs, env)[0], compare(run, run, 3, env)[2]
        label = "coop " + " ".join(args) + " --data BIG"
        ok = cold_ms < 1000 and max(cold_mb, warm_mb) < 100
        print(
            f"| {label}, cold (empty cache) | {cold_ms:.0f} ms | {cold_mb:.0f} MB | "
            f"< 1000 ms, < 100 MB: {'ok' if ok else 'MISSED'} |"
        )
        print(
            f"| {label}, warm | {warm_ms:.0f} ms | {warm_mb:.0f} MB | < 100 MB: {'ok' if warm_mb < 100 else 'MISSED'} |"
        )

    print(f"\nCompletion of `coop show tu` offered: {' '.join(offered)}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
