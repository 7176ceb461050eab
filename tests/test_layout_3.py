"""What layout 3 adds for the third fact-check (look-up names of frameworks and
agreements, the date of a framework role, the status `rounds_held`), and the rules that
keep those names unambiguous, through `coop validate` and both validation paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run

MINIMAL = Path(__file__).parent / "data" / "minimal.toml"

FRAMEWORK = """
[[partners.frameworks]]
id = "{id}"
name = "{name}"
kind = "platform"
names = [{names}]
source = "search and rescue operations in the desert"
"""


def _edition(tmp_path: Path, version: int, tunisia: str = "", niger: str = "") -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace(
        'source_file = "none.txt"', f'source_file = "none.txt"\nschema_version = {version}', 1
    )
    text = text.replace("\n[[partners.agreements]]", tunisia + "\n[[partners.agreements]]", 1)
    if version == 3:  # layout 3 gives every fact an id
        for table, fact_id in (("agreements", "readmission"), ("events", "visit-2021-05")):
            text = text.replace(
                f"[[partners.{table}]]\n", f'[[partners.{table}]]\nid = "{fact_id}"\n', 1
            )
    path = tmp_path / "edition.toml"
    path.write_text(text + niger, encoding="utf-8")
    return path


def _framework(id: str, name: str, *names: str) -> str:
    return FRAMEWORK.format(id=id, name=name, names=", ".join(f'"{n}"' for n in names))


def test_layout_3_reads_names_role_dates_and_rounds_held(run: Run, tmp_path: Path) -> None:
    tunisia = _framework("support-platform", "Support Platform", "SP").replace(
        'names = ["SP"]', 'role = "EU chairs it"\nrole_date = "2021"\nnames = ["SP"]'
    )
    path = _edition(tmp_path, 3, tunisia)
    path.write_text(
        path.read_text(encoding="utf-8").replace('"negotiating"', '"rounds_held"'), "utf-8"
    )
    assert "valid: 2 partners" in run("validate", str(path)).stdout
    card = run.json("show", "tunisia", "--data", str(path))
    (framework,) = card["frameworks"]
    assert (framework["role_date"], framework["names"]) == ("2021", ["SP"])
    assert card["agreements"][0]["status"] == "rounds_held"
    assert card["agreements"][0]["names"] == []
    (row,) = run.json("agreements", "--status", "rounds_held", "--data", str(path))
    assert row["country"] == "tunisia"


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_layout_must_not_use_what_layout_3_added(
    run: Run, tmp_path: Path, version: int
) -> None:
    tunisia = _framework("support-platform", "Support Platform", "SP")
    path = _edition(tmp_path, version, tunisia)
    path.write_text(
        path.read_text(encoding="utf-8").replace('"negotiating"', '"rounds_held"'), "utf-8"
    )
    lines = run("validate", str(path), code=1).stderr.splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == [
        "tunisia.frameworks[0].names: 'names' needs schema_version = 3 in [meta] "
        f"(a version {version} reader rejects it)",
        "tunisia.agreements[0].status: 'rounds_held' needs schema_version = 3 in [meta] "
        f"(a version {version} reader rejects it)",
    ]


def test_a_framework_bad_role_date_is_a_malformed_date(run: Run, tmp_path: Path) -> None:
    tunisia = _framework("support-platform", "Support Platform").replace(
        "names = []", 'role_date = "in 2021"'
    )
    result = run("validate", str(_edition(tmp_path, 3, tunisia)), code=1)
    assert result.stderr.endswith(
        "tunisia.frameworks[0].role_date: malformed date 'in 2021'; "
        "expected YYYY, YYYY-MM or YYYY-MM-DD\n"
    )


def test_partners_in_one_framework_may_share_its_look_up_names(run: Run, tmp_path: Path) -> None:
    same = _framework("support-platform", "Support Platform", "SP")
    path = _edition(tmp_path, 3, same, same)
    assert "valid: 2 partners" in run("validate", str(path)).stdout


@pytest.mark.parametrize(
    ("tunisia", "niger", "problem"),
    [
        (
            _framework("support-platform", "Support Platform", "SP"),
            _framework("search-platform", "Search Platform", "sp"),
            "niger.frameworks[0].names[0]: look-up name 'sp' is also used by "
            "framework 'support-platform'",
        ),
        (
            _framework("support-platform", "Support Platform"),
            _framework("search-platform", "Search Platform", "Support Platform"),
            "niger.frameworks[0].names[0]: look-up name 'Support Platform' names "
            "framework 'support-platform'",
        ),
        (
            _framework("support-platform", "Support Platform"),
            _framework("search-platform", "Search Platform", "SUPPORT-PLATFORM"),
            "niger.frameworks[0].names[0]: look-up name 'SUPPORT-PLATFORM' names "
            "framework 'support-platform'",
        ),
    ],
)
def test_a_look_up_name_belongs_to_one_framework(
    run: Run, tmp_path: Path, tunisia: str, niger: str, problem: str
) -> None:
    path = _edition(tmp_path, 3, tunisia, niger)
    (line,) = run("validate", str(path), code=1).stderr.splitlines()
    assert line.split(": ", 1)[1] == problem
    assert line.startswith(f"{path}:")


def test_an_agreement_look_up_name_is_its_own(run: Run, tmp_path: Path) -> None:
    tunisia = _framework("support-platform", "Support Platform", "RA")
    path = _edition(tmp_path, 3, tunisia)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            'title = "Readmission agreement"\n',
            'title = "Readmission agreement"\nnames = ["RA", "SUPPORT platform"]\n',
        ),
        "utf-8",
    )
    lines = run("validate", str(path), code=1).stderr.splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == [
        "tunisia.agreements[0].names[0]: look-up name 'RA' is also used by "
        "framework 'support-platform'",
        "tunisia.agreements[0].names[1]: look-up name 'SUPPORT platform' names "
        "framework 'support-platform'",
    ]


def test_partners_with_one_kind_of_agreement_share_its_names_and_no_other_kind(
    run: Run, tmp_path: Path
) -> None:
    agreement = (
        '\n[[partners.agreements]]\nid = "{kind}"\nkind = "{kind}"\nstatus = "in_place"\n'
        'title = "{title}"\nnames = ["CAMM"]\nsource = "search and rescue operations in the desert"\n'
    )
    common = agreement.format(kind="common_agenda", title="Common Agenda")
    second = common.replace('id = "common_agenda"', 'id = "another"')
    path = _edition(tmp_path, 3, niger=common + second.replace("Common Agenda", "An Agenda"))
    assert "valid: 2 partners" in run("validate", str(path)).stdout
    other = agreement.format(kind="joint_declaration", title="Joint declaration")
    path = _edition(tmp_path, 3, niger=common + other)
    (line,) = run("validate", str(path), code=1).stderr.splitlines()
    assert line.split(": ", 1)[1] == (
        "niger.agreements[1].names[0]: look-up name 'CAMM' is also used by the agreements "
        "of kind 'common_agenda'"
    )
