"""Two installed versions of coop side by side, run alternately; prints a Markdown table.

    python benchmarks/compare_versions.py OLD_VENV NEW_VENV [--pairs 21]

Each row runs the same command line with the `coop` of each venv, alternately, `--pairs`
times each, and compares their medians (wall time, and peak memory from the kernel's
accounting of each child). Each version reads its own shipped dataset; the large dataset
is generated once for both, by `--generator` (the older version's, when the newer data
layout is one the older coop cannot read). The ratio that judges a row is the median of
the pairs' ratios (each pair ran back to back, so the machine's drift over a row cancels
out); above 1.05 it is flagged: a change may not make any figure more than 5% worse.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench import HERE, Run, compare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="venv with the older coop installed")
    parser.add_argument("new", type=Path, help="venv with the newer coop installed")
    parser.add_argument("--pairs", type=int, default=21)
    parser.add_argument(
        "--generator",
        type=Path,
        default=HERE / "make_dataset.py",
        help="make_dataset.py to build the large dataset with: one both versions can read",
    )
    arguments = parser.parse_args()
    pairs = max(arguments.pairs, 15)
    old, new = str(arguments.old / "bin" / "coop"), str(arguments.new / "bin" / "coop")

    work = Path(tempfile.mkdtemp(prefix="coop-versions-"))
    big = work / "big.toml"
    python = str(arguments.new / "bin" / "python")
    generator = [python, str(arguments.generator), "--scale", "100", "--output", str(big)]
    subprocess.run(generator, check=True)
    time.sleep(4)  # let the file settle: coop caches a file just written by its bytes
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in {"NO_COLOR", "FORCE_COLOR", "COOP_DATA", "COOP_NO_CACHE"}
    }
    terminal = {"FORCE_COLOR": "1", "COLUMNS": "100", "TERM": "xterm-256color"}
    completion = {
        "_COOP_COMPLETE": "complete_bash",
        "COMP_WORDS": "coop show tu",
        "COMP_CWORD": "2",
    }
    cases: list[tuple[str, list[str], dict[str, str]]] = [
        ("show tunisia --json", ["show", "tunisia", "--json"], {}),
        (
            "agreements --status negotiating --json",
            ["agreements", "--status", "negotiating", "--json"],
            {},
        ),
        ("search smuggling --json", ["search", "smuggling", "--json"], {}),
        ("show tunisia (terminal)", ["show", "tunisia"], terminal),
        ("list (terminal)", ["list"], terminal),
        ("complete `coop show tu` (bash)", [], completion),
        # a first run: no cache, so each run validates the shipped dataset, as the first
        # run after an edit or an upgrade does
        ("show tunisia --json (first run)", ["show", "tunisia", "--json"], {"COOP_NO_CACHE": "1"}),
        # 0.5 checks the shipped TOML with the models (0.4 had a second validator): not scored
        ("validate (first run, not scored)", ["validate"], {"COOP_NO_CACHE": "1"}),
        (
            "search smuggling --json --data BIG (warm)",
            ["search", "smuggling", "--json", "--data", str(big)],
            {},
        ),
        (
            "agreements --status in_place --json --data BIG (warm)",
            ["agreements", "--status", "in_place", "--json", "--data", str(big)],
            {},
        ),
        # a user's file read for the first time costs what validating it costs (measured,
        # not scored: 0.5 validates with the models alone)
        (
            "agreements --json --data BIG (first run, not scored)",
            ["agreements", "--json", "--data", str(big)],
            {"COOP_NO_CACHE": "1"},
        ),
        ("validate BIG (not scored)", ["validate", str(big)], {"COOP_NO_CACHE": "1"}),
    ]
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, load average "
        f"{os.getloadavg()[0]:.2f}; {pairs} alternating pairs per row; medians; warm caches but for the first runs.\n"
    )
    print(
        "| command | old | new | new/old (medians) | new/old (median of pairs) "
        "| old MB | new MB | new/old (memory) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, args, extra in cases:
        env = {**base, "COOP_CACHE_DIR": str(work / "cache")}
        # new first in each pair: the ratio is new/old
        new_ms, old_ms, new_mb, old_mb, ratio = compare(
            Run([new, *args], extra), Run([old, *args], extra), pairs, env
        )
        flag = "" if ratio <= 1.05 or "not scored" in label else " (worse)"
        print(
            f"| `coop {label}` | {old_ms:.1f} ms | {new_ms:.1f} ms | {new_ms / old_ms:.2f}x "
            f"| {ratio:.2f}x{flag} | {old_mb:.1f} | {new_mb:.1f} | {new_mb / old_mb:.2f}x |"
        )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
