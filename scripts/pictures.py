"""Regenerate the pictures in docs/images from real runs of coop.

    python scripts/pictures.py            # rewrite the SVG files, and the report's PNGs
    python scripts/pictures.py --check    # exit 1 if any SVG is out of date (the suite
                                          # checks them too: tests/test_every_command.py)

Each terminal picture is a run of the installed `coop` with colours forced on, recorded
by rich and exported as SVG; the briefing's pictures are a page `coop report` wrote, as headless
Chromium shows it 390 pixels wide and prints its first page: nothing is drawn by hand.
"""

from __future__ import annotations

import argparse
import base64
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

IMAGES = Path(__file__).resolve().parents[1] / "docs" / "images"
COOP = str(Path(sys.executable).parent / "coop")

PICTURES = {
    "show-tunisia.svg": (["show", "tunisia"], 100),
    "areas.svg": (["areas"], 80),
}


REPORT_PICTURES = {"report.png": 390, "report-printed.png": 0}
"""The briefing at 390 pixels (a phone) and its first printed page (width 0: A4)."""
REPORT_WINDOW = (390, 1400)
PRINTED_WINDOW = (703, 1009)  # A4 within its margins, at 96 pixels an inch
PAGE_TWO = "document.querySelector('.page-start').getBoundingClientRect().top"

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


class Browser:
    """One headless Chromium, driven over the DevTools protocol on a pipe
    (`--remote-debugging-pipe`: commands in on fd 3, answers out on fd 4, each a JSON
    text ended by NUL), with one tab. The page's policy forbids scripts in it; the
    protocol's `Runtime.evaluate` is the browser's, not the page's."""

    def __init__(self, binary: str, profile: str) -> None:
        commands, self._to = os.pipe()
        self._from, answers = os.pipe()
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (commands, answers)]

        def as_fds_3_and_4() -> None:  # in the child, before Chromium starts
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.process = subprocess.Popen(  # a dup2 between fork and exec: no thread runs
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=as_fds_3_and_4,
        )
        for fd in (commands, answers, *high):
            os.close(fd)
        self._buffer, self._count, self.session = b"", 0, ""
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.send("Page.enable")

    def send(self, method: str, **params: Any) -> Any:
        """A command's result (its events in between are dropped, but a load's)."""
        self._count += 1
        message: dict[str, Any] = {"id": self._count, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        os.write(self._to, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._next()
            if answer.get("id") == self._count:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]
            self.loaded |= answer.get("method") == "Page.loadEventFired"

    loaded = False

    def _next(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the protocol's pipe")
            self._buffer += chunk
        text, self._buffer = self._buffer.split(b"\0", 1)
        answer: dict[str, Any] = json.loads(text)
        return answer

    def open(self, url: str, width: int, height: int, *, printed: bool = False) -> None:
        """`url` in a window `width` by `height` CSS pixels, as a screen (or print) shows it."""
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width, height=height, deviceScaleFactor=1, mobile=False,
        )  # fmt: skip
        self.send("Emulation.setEmulatedMedia", media="print" if printed else "screen")
        self.loaded = False
        if "loaderId" not in self.send("Page.navigate", url=url):
            return  # the same page, another #fragment: no load
        while not self.loaded:
            self.loaded = self._next().get("method") == "Page.loadEventFired"

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression, evaluated by the protocol in the page."""
        answer = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in answer:
            raise RuntimeError(f"{expression}: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    def screenshot(self, height: float | None = None) -> bytes:
        """The window as a PNG; with `height`, the page's top that high, whatever the window."""
        width = self.evaluate("innerWidth")
        clip = {"clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}}
        shot = self.send("Page.captureScreenshot", format="png", **(clip if height else {}))
        return base64.b64decode(shot["data"])

    def pdf(self) -> bytes:
        """The page printed as its stylesheet says (A4, its margins, page numbers)."""
        self.send("Emulation.setEmulatedMedia", media="")  # print's own, not a screen's
        printed = self.send(
            "Page.printToPDF",
            preferCSSPageSize=True,
            printBackground=True,
            generateDocumentOutline=True,  # the headings, with their pages
        )
        return base64.b64decode(printed["data"])

    def close(self) -> None:
        os.close(self._to)  # Chromium exits when its pipe closes
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._from)


def report_pictures(folder: Path) -> None:
    """A screenshot of `coop report`'s page 390 pixels wide, and of its first printed page."""
    binary = shutil.which("chromium")
    if binary is None:
        raise SystemExit("the report's pictures need Chromium: apt-get install chromium")
    with tempfile.TemporaryDirectory() as work:
        page = Path(work) / "briefing.html"
        env = {**os.environ, "COOP_CACHE_DIR": work}
        env.pop("COOP_DATA", None)
        subprocess.run([COOP, "report", "--output", str(page)], env=env, check=True)
        browser = Browser(binary, str(Path(work) / "profile"))
        try:
            for name, width in REPORT_PICTURES.items():
                size = (width, REPORT_WINDOW[1]) if width else PRINTED_WINDOW
                browser.open(page.as_uri(), *size, printed=not width)
                # printed, page 1 ends where page 2 starts, the agreements by status
                end = None if width else browser.evaluate(PAGE_TWO)
                (folder / name).write_bytes(browser.screenshot(end))
        finally:
            browser.close()


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
        report_pictures(IMAGES)
    if stale:
        raise SystemExit(f"out of date: {', '.join(stale)} (run python scripts/pictures.py)")


if __name__ == "__main__":
    main()
