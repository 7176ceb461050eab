"""Why coop pins typer below 0.29: time a do-nothing Typer app under two Typer versions.

    python benchmarks/typer_versions.py [--versions 0.28.0 0.29.2] [--runs 21]

Builds a throw-away venv per version (needs the package index), then times
`python app.py --name x` (one command, one string option) and `python -c "import typer"`
in each, alternating. Re-run it before raising the bound in pyproject.toml.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

APP = """
import typer

app = typer.Typer()


@app.command()
def main(name: str = "world", count: int = 1) -> None:
    pass


app()
"""


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", nargs="+", default=["0.28.0", "0.29.2"])
    parser.add_argument("--runs", type=int, default=21)
    arguments = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="typer-versions-"))
    (work / "app.py").write_text(APP)
    pythons = {}
    for version in arguments.versions:
        folder = work / version
        venv.create(folder, with_pip=True)
        python = str(folder / "bin" / "python")
        subprocess.run([python, "-m", "pip", "install", "-q", f"typer=={version}"], check=True)
        pythons[version] = python
    app_times: dict[str, list[float]] = {v: [] for v in pythons}
    import_times: dict[str, list[float]] = {v: [] for v in pythons}
    for python in pythons.values():  # warm up
        timed([python, str(work / "app.py"), "--name", "x"])
    for _ in range(arguments.runs):
        for version, python in pythons.items():
            app_times[version].append(timed([python, str(work / "app.py"), "--name", "x"]))
            import_times[version].append(timed([python, "-c", "import typer"]))
    print(f"Python {sys.version.split()[0]}; {arguments.runs} runs each; medians.\n")
    print("| typer | do-nothing app | import typer |")
    print("| --- | ---: | ---: |")
    for version in pythons:
        print(
            f"| {version} | {statistics.median(app_times[version]):.0f} ms | "
            f"{statistics.median(import_times[version]):.0f} ms |"
        )


if __name__ == "__main__":
    main()
