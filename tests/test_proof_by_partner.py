"""`coop validate --source` proves each quote in its own partner's part of the source and
reports the coverage of each part (issue 28), in time linear in the text (issue 27).
The rule that finds the parts: docs/data.md, "Proving quotes"; the proof's own cases:
tests/test_source_quotes.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from coopcli.shipped import dataset_path as shipped_path

from conftest import DATA, Run

AFGHANISTAN_CLAUSE = "; integrated border management;"
"""The one passage a partner's own quotes leave, until its fact quotes it (helper D's data)."""


def _source(tmp_path: Path, text: str) -> str:
    path = tmp_path / "source.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_coverage_is_reported_for_each_of_the_14_partners(
    run: Run, source_text: str, tmp_path: Path
) -> None:
    source = _source(tmp_path, source_text)
    report = run.json("validate", "--source", source)
    partners = run.json("list")
    assert list(report) == [
        "file", "partners", "facts", "source", "coverage", "uncovered", "coverage_by_partner"
    ]  # fmt: skip
    assert (report["file"], report["partners"], report["source"]) == (
        str(shipped_path()),
        14,
        source,
    )
    assert report["uncovered"] == []  # the title line is no partner's, and no passage
    by_partner = report["coverage_by_partner"]
    assert [(row["partner"], row["name"]) for row in by_partner] == [
        (partner["id"], partner["name"]) for partner in partners
    ]
    left = {(row["partner"], passage) for row in by_partner for passage in row["uncovered"]}
    assert left <= {("afghanistan", AFGHANISTAN_CLAUSE)}
    assert all(row["coverage"] == 100.0 for row in by_partner if row["partner"] != "afghanistan")
    lines = run("validate", "--source", source).stdout.splitlines()
    shown = [(line[:8], line[10:]) for line in lines[2:]]
    assert [name for _, name in shown] == [partner["name"] for partner in partners]
    assert [p for p, name in shown if name != "Afghanistan"] == ["  100.0%"] * 13


def test_json_without_source_reports_the_file_alone(run: Run) -> None:
    assert run.json("validate") == {
        "file": str(shipped_path()),
        "partners": 14,
        "facts": run.json("info")["facts"],
        "source": None,
        "coverage": None,
        "uncovered": [],
        "coverage_by_partner": [],
    }


def test_a_quote_put_under_another_partner_is_refused_naming_where_it_is(
    run: Run, source_text: str, tmp_path: Path
) -> None:
    """Tunisia's "Cooperation with Europol is beginning." under Morocco: in the source,
    yet not in Morocco's part; JSON still reports the coverage, with exit 1."""
    text = DATA.read_text(encoding="utf-8")
    quote = 'source = "Cooperation with Europol is beginning."'
    morocco_quote = 'source = "Morocco is advancing in its cooperation with Frontex and Europol."'
    edition = tmp_path / "edition.toml"
    edition.write_text(text.replace(morocco_quote, quote), encoding="utf-8")
    line = edition.read_text(encoding="utf-8").splitlines().index(quote) + 1
    source = _source(tmp_path, source_text)
    result = run("validate", str(edition), "--source", source, "--json", code=1)
    problems = [problem.split(": ", 2) for problem in result.stderr.splitlines()]
    assert len(problems) == 2  # two of Morocco's facts quote it
    assert problems[0][0] == f"{edition}:{line}"
    for _, where, what in problems:
        assert where.startswith("morocco.") and where.endswith(".source")
        assert what == f"quote not in Morocco's part of {source}: found in Tunisia's part"
    morocco = json.loads(result.stdout)["coverage_by_partner"][0]
    assert morocco["uncovered"] == [
        "Morocco is advancing in its cooperation with Frontex and Europol."
    ]


# --- many partners over a large text, within resource limits --------------------------

_MANY_PARTNERS = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (500 * 2**20, 500 * 2**20))
resource.setrlimit(resource.RLIMIT_CPU, (10, 10))
from coopcli.proof import prove
count = int(sys.argv[1])
lines, partners = ["Cooperation with many partners\\n\\n"], []
for n in range(count):
    lines.append(
        f"Partner {n}  Commissioner {n} visited the capital in May 2021. An unquoted "
        f"sentence follows here. Cooperation on return number {n} continues.\\n\\n"
    )
    quotes = [f"Commissioner {n} visited the capital in May 2021.", f"return number {n}"]
    quotes += [f"A quote found nowhere, number {n}.", f"Commissioner {n + 1} visited"]
    facts = [{"source": quote} for quote in quotes]
    partners.append({"id": f"p{n}", "name": f"Partner {n}", "aliases": [f"P{n}"], "facts": facts})
document = {"meta": {"title": "Cooperation with many partners"}, "partners": partners}
report = prove(document, "".join(lines), "", "data.toml", "source.txt")
passages = sum(len(c.uncovered) for c in report.coverage.by_partner.values())
print(len(report.problems), len(report.coverage.by_partner), passages)
"""


def test_many_partners_over_a_large_text_cost_what_the_text_costs() -> None:
    """10,000 partners heading the paragraphs of a 1.6 MB text, each with passages no
    quote covers, a quote found nowhere and one of the next partner's part: each
    passage was checked against every name (1,000 partners: 28 s in 0.4) and each
    quote not there searched through the whole text twice; now each quote is searched
    in its own part, and a bounded number of those not there in the whole text."""
    done = subprocess.run(
        [sys.executable, "-c", _MANY_PARTNERS, "10000"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "20000 10000 20000\n"), done.stderr[-300:]
