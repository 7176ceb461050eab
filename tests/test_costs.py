"""What a file within the limits costs to show: linear in its size, whatever its shape
(issue 27). Each case runs in a child process under resource limits (CPU time, address
space) set well above the linear cost and below what the quadratic code took; no test
reads a clock."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopcli.render import views
from coopcli.render.views import match_spans
from coopcli.textfold import fold

from conftest import Run

MINIMAL = Path(__file__).parent / "data" / "minimal.toml"

_LIMITED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({memory} * 2**20, {memory} * 2**20))
resource.setrlimit(resource.RLIMIT_CPU, ({seconds}, {seconds}))
"""

_VIEWS = """
from typer.testing import CliRunner
from coopcli.cli import app
data = sys.argv[1]
for terminal, args in ((None, ["show", "tunisia/readmission"]), ("1", ["search", "smuggling"])):
    env = {"COLUMNS": "100", "FORCE_COLOR": terminal, "COOP_FORCE_TTY": terminal}
    out = CliRunner().invoke(app, [*args, "--data", data], env=env).stdout
    print(len(out), out.count("the end."), out.count(chr(27) + "[1;3;7msmuggling"))
"""


def _limited(script: str, *args: str, memory: int, seconds: int) -> list[str]:
    code = _LIMITED.format(memory=memory, seconds=seconds) + script
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.splitlines()


_WORDS = "migrant readmission Straße cooperation border visa return "


@pytest.mark.parametrize(
    ("line", "hits"),
    [("smuggling " + (_WORDS * 160)[:8_990], 220), ("smuggling" + "x" * 8_990 + "\\", 1)],
    ids=["words", "one word"],
)
def test_a_quote_of_megabytes_is_shown_in_time_and_memory_linear_in_it(
    tmp_path: Path, line: str, hits: int
) -> None:
    """A 2 MB quote (a multi-line string, lines of 9,000 characters; or one word, its lines
    joined by a backslash), piped by `show PARTNER/ID` and highlighted by `search` on a
    terminal, which every view that shows a quote shares (`human.quoted`, `human.safe`):
    rich split the wrapped text at each line by copying the rest (2 MB: 9 s), highlighting
    kept 100 bytes a character, and so did rich's folding of a word too long for a line."""
    quote = "\n".join([line] * 220) + "\nthe end."
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace('"There are', f'"""{quote}\nThere are', 1)
    path = tmp_path / "quote.toml"
    path.write_text(text.replace('agreements."\n', 'agreements."""\n'), encoding="utf-8")
    shown = [line.split() for line in _limited(_VIEWS, str(path), memory=250, seconds=8)]
    assert [int(length) > len(quote) * 0.99 for length, _, _ in shown] == [True, True]
    assert [(int(end), int(lit)) for _, end, lit in shown] == [(1, 0), (1, hits)]


_LANES = """
from coopcli.render import report
count = int(sys.argv[1])
row = {"country": "p", "date": "2021-05", "end": None, "ongoing": False}
chart = report._chart([row] * count, [{"id": "p", "name": "P"}], "2021-09")
print(len(chart["points"]), len({point["y"] for point in chart["points"]}))
"""


def test_the_pages_timeline_places_many_events_of_one_date_in_linear_time() -> None:
    """30,000 events on one date: each in a row of its own in the partner's band; every
    point scanned every row before it (24,000 events: 9.5 s)."""
    assert _limited(_LANES, "30000", memory=250, seconds=5) == ["30000 30000"]


_ODD = "aAßéÉ\u0301\ufb01s-. 1"  # ß folds to two letters, a lone accent to none, ﬁ to "fi"


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.text(alphabet="asfi-é", min_size=1, max_size=3), min_size=1, max_size=3),
    text=st.text(alphabet=_ODD, max_size=30),
)
def test_highlighting_maps_a_match_back_to_the_characters_it_came_from(
    words: list[str], text: str
) -> None:
    """The same spans as a list of each folded character's original offset gave, for
    characters that fold to none or to several as well as to one."""
    words = [fold(word) for word in words]
    folded = [fold(char) for char in text]
    offsets = [index for index, piece in enumerate(folded) for _ in piece]
    joined = "".join(folded)
    expected = sorted(
        (offsets[start], offsets[start + len(word) - 1] + 1)
        for word in words
        for start in range(len(joined))
        if joined.startswith(word, start)
        and (not word[0].isalnum() or start == 0 or not joined[start - 1].isalnum())
    )
    assert match_spans(text, words) == expected


def test_a_search_highlights_its_first_ten_thousand_matches(run: Run, tmp_path: Path) -> None:
    """A quote of 30,000 one-letter words, every one a hit: each highlight costs rich some
    40 microseconds and 2 kB (4 million of them, within the limits: minutes, gigabytes), so
    a view highlights its first 10,000 and shows the rest plain."""
    letters = "\n".join(["s " * 3_750] * 8)
    text = MINIMAL.read_text(encoding="utf-8").replace('"There are', f'"""{letters}\nThere', 1)
    path = tmp_path / "letters.toml"
    path.write_text(text.replace('agreements."\n', 'agreements."""\n'), encoding="utf-8")
    env = {"FORCE_COLOR": "1", "COOP_FORCE_TTY": "1", "COLUMNS": "100"}
    out = run("search", "s", "--data", str(path), env=env).stdout
    assert len(re.findall("\x1b\\[1;(?:3;)?7m[sS]\x1b", out)) == views.HIGHLIGHTS == 10_000
    assert out.count("s") > 30_000
    limits = (MINIMAL.parents[2] / "docs" / "limits.md").read_text(encoding="utf-8")
    assert f"highlights the first {views.HIGHLIGHTS:,} matches of its view" in limits
