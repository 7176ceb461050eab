"""Regenerate the terminal pictures in docs/images from real runs of coop.

    python scripts/pictures.py            # rewrite the SVG files
    python scripts/pictures.py --check    # exit 1 if any is out of date

Each picture is a run of the installed `coop` with colours forced on, recorded by rich
and exported as SVG: nothing is drawn by hand.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.text import Text

IMAGES = Path(__file__).resolve().parents[1] / "docs" / "images"
COOP = str(Path(sys.executable).parent / "coop")

PICTURES = {
    "show-tunisia.svg": (["show", "tunisia"], 100),
    "areas.svg": (["areas"], 80),
}


def picture(args: list[str], width: int) -> str:
    """The SVG of `coop ARGS` as a terminal `width` columns wide shows it."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": str(width), "COOP_CACHE_DIR": cache}
        env.pop("NO_COLOR", None)
        env.pop("COOP_DATA", None)
        output = subprocess.run(
            [COOP, *args], env=env, capture_output=True, text=True, check=True
        ).stdout
    console = Console(record=True, width=width, file=open(os.devnull, "w"), force_terminal=True)  # noqa: SIM115
    console.print(Text.from_ansi(output), end="")
    return console.export_svg(title="coop " + " ".join(args))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only report pictures that are out of date"
    )
    check = parser.parse_args().check
    stale = []
    for name, (args, width) in PICTURES.items():
        svg = picture(args, width)
        path = IMAGES / name
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != svg:
                stale.append(name)
        else:
            path.write_text(svg, encoding="utf-8")
    if stale:
        raise SystemExit(f"out of date: {', '.join(stale)} (run python scripts/pictures.py)")


if __name__ == "__main__":
    main()
