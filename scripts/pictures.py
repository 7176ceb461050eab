"""Regenerate the pictures in docs/images from real runs of coop.

    python scripts/pictures.py            # rewrite the SVG files, and the report's PNG
    python scripts/pictures.py --check    # exit 1 if any SVG is out of date (the suite
                                          # checks them too: tests/test_every_command.py)

Each terminal picture is a run of the installed `coop` with colours forced on, recorded
by rich and exported as SVG; the briefing's picture is a page `coop report` wrote, as
headless Chromium shows it 1,280 pixels wide: nothing is drawn by hand.
"""

from __future__ import annotations

import argparse
import os
import shutil
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


REPORT_PICTURE = "report.png"
REPORT_WINDOW = (1280, 1500)

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",  # root in a container: the sandbox needs user namespaces
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    # without these Chromium reaches for the network on its own
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
)
"""How coop's tests and pictures run Chromium: headless, offline, nothing of a profile."""


def chromium_command(binary: str, profile: str, url: str, *mode: str) -> list[str]:
    """The command line that opens `url` in headless Chromium with a fresh `profile`
    folder, to `--dump-dom`, `--print-to-pdf=FILE` or `--screenshot=FILE` it."""
    return [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *mode, url]


def report_picture(path: Path) -> None:
    """A screenshot of `coop report`'s page, as a 1,280-pixel-wide window shows its top."""
    binary = shutil.which("chromium")
    if binary is None:
        raise SystemExit("the report's picture needs Chromium: apt-get install chromium")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "briefing.html"
        env = {**os.environ, "COOP_CACHE_DIR": folder}
        env.pop("COOP_DATA", None)
        subprocess.run([COOP, "report", "--output", str(page)], env=env, check=True)
        width, height = REPORT_WINDOW
        mode = (f"--screenshot={path}", f"--window-size={width},{height}")
        command = chromium_command(binary, str(Path(folder) / "profile"), page.as_uri(), *mode)
        subprocess.run(command, capture_output=True, check=True, timeout=120)


def picture(args: list[str], width: int) -> str:
    """The SVG of `coop ARGS` as a terminal `width` columns wide shows it."""
    with tempfile.TemporaryDirectory() as cache:
        # the same colours whatever terminal runs this (TERM=dumb would drop them)
        env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": str(width), "COOP_CACHE_DIR": cache}
        env |= {"TERM": "xterm-256color"}
        for name in ("NO_COLOR", "COLORTERM", "COOP_DATA"):
            env.pop(name, None)
        output = subprocess.run(
            [COOP, *args], env=env, capture_output=True, text=True, check=True
        ).stdout
    # width and height both given, and the colours, so that this terminal's (TERM=dumb:
    # 80 columns, no colour) changes nothing
    console = Console(
        record=True,
        width=width,
        height=25,
        file=open(os.devnull, "w"),  # noqa: SIM115
        force_terminal=True,
        color_system="truecolor",
    )
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
    if not check:  # a PNG differs by a pixel from one machine's fonts to another's
        report_picture(IMAGES / REPORT_PICTURE)
    if stale:
        raise SystemExit(f"out of date: {', '.join(stale)} (run python scripts/pictures.py)")


if __name__ == "__main__":
    main()
