"""What a run pays to read the shipped schema and records: `json` (imported, then parsing
the files) against the generated module `coopcli._built`; prints medians of fresh processes.

    python benchmarks/shipped_load.py [--runs 25]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from coopcli import _built

PROBE = """
import enum, re, sys, time, typing
import coopcli
start = time.perf_counter()
if sys.argv[1] == "json":
    import json
    for name in sys.argv[2:]:
        json.loads(open(name, "rb").read())
else:
    from coopcli import _built
    _built.schema(), _built.records()
print((time.perf_counter() - start) * 1000)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25)
    runs = parser.parse_args().runs
    folder = Path(tempfile.mkdtemp(prefix="coop-shipped-"))
    files = []
    for name, value in (("schema", _built.schema()), ("records", _built.records())):
        files.append(folder / f"{name}.json")
        files[-1].write_text(json.dumps(value, ensure_ascii=False, indent=1), encoding="utf-8")
    for way, extra in (("json", [str(f) for f in files]), ("built", [])):
        times = [
            float(subprocess.run([sys.executable, "-c", PROBE, way, *extra], capture_output=True,
                                 text=True, check=True).stdout)
            for _ in range(runs)
        ]  # fmt: skip
        print(f"{way}: {statistics.median(times):.2f} ms (median of {runs} processes)")


if __name__ == "__main__":
    main()
