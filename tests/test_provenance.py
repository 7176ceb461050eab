"""Inferred values are visible, the audit's corrections hold, quotes are proven by coop."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import registry
from coopcli.proof import quotes
from coopcli.shipped import dataset_path as shipped_path

from conftest import DATA, REPO, Run

MINIMAL = Path(__file__).parent / "data" / "minimal.toml"


def _edition(tmp_path: Path, meta_line: str, event_lines: str = "") -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace('source_file = "none.txt"', f'source_file = "none.txt"\n{meta_line}', 1)
    marker = 'title = "A visit"\n'
    text = text.replace(marker, marker + event_lines, 1)
    path = tmp_path / "edition.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_layout_2_is_read_and_layout_1_still_is(run: Run, tmp_path: Path) -> None:
    inferred = 'inferred.date = "read from the document\'s date"\n'
    path = _edition(tmp_path, "schema_version = 2", inferred)
    assert "valid: 2 partners" in run("validate", str(path)).stdout
    event = run.json("show", "tunisia", "--data", str(path))["events"][0]
    assert event["inferred"] == {"date": "read from the document's date"}
    assert list(event)[-2:] == ["inferred", "source"]
    assert "valid: 2 partners" in run("validate", str(MINIMAL)).stdout
    assert run.json("show", "tunisia", "--data", str(MINIMAL))["events"][0]["inferred"] is None


def test_an_unknown_layout_is_refused(run: Run, tmp_path: Path) -> None:
    path = _edition(tmp_path, "schema_version = 5")
    result = run("validate", str(path), code=1)
    assert result.stderr == (
        f"{path}:7: meta.schema_version: 5 is not allowed here; valid values: 1, 2, 3 or 4\n"
    )


# --- every inferred value is in the data, where --json and the card show it ---------

SECTIONS = registry.SECTIONS

INFERRED = [
    ("tunisia", "agreements[0]", ["status"]),
    ("tunisia", "agreements[1]", ["status"]),
    ("tunisia", "events[2]", ["date", "end"]),
    ("libya", "frameworks[2]", ["id", "name"]),
    ("libya", "events[0]", ["ongoing"]),
    ("libya", "areas[1]", ["id"]),
    ("libya", "areas[4]", ["id"]),
    ("turkey", "agreements[0]", ["status"]),
    ("turkey", "agreements[0].milestones[0]", ["kind"]),
    ("turkey", "agencies[0]", ["stage"]),
    ("western-balkans", "events[0]", ["date"]),
    ("western-balkans", "events[4]", ["planned"]),
    ("western-balkans", "events[5]", ["date", "end"]),
    ("mauritania", "frameworks[1]", ["id", "name"]),
    ("ethiopia", "agreements[1]", ["status"]),
    ("niger", "frameworks[4]", ["id"]),
    ("niger", "areas[3]", ["id"]),
    ("niger", "areas[9]", ["id"]),
    ("afghanistan", "areas[6]", ["id"]),
    ("pakistan", "frameworks[1]", ["kind"]),
    ("pakistan", "events[0]", ["bodies"]),
    ("iraq", "events[0]", ["kind"]),
    ("iraq", "events[1]", ["date"]),
    ("iraq", "events[2]", ["bodies", "counterparts"]),
    ("iraq", "areas[1]", ["id"]),
    ("bangladesh", "agreements[0]", ["status"]),
    ("bangladesh", "areas[6]", ["id"]),
]
"""Every fact whose value the quote does not state literally, and which fields."""


def _exported(run: Run) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(run("export", "--format", "json").stdout)
    return document


def test_exactly_these_facts_carry_inferred_and_every_fact_object_has_the_key(run: Run) -> None:
    carried = []
    for partner in _exported(run)["partners"]:
        for section in SECTIONS:
            for position, fact in enumerate(partner[section]):
                facts = [(f"{section}[{position}]", fact)]
                facts += [
                    (f"{section}[{position}].milestones[{step}]", milestone)
                    for step, milestone in enumerate(fact.get("milestones", []))
                ]
                for path, one in facts:
                    assert list(one)[-2:] == ["inferred", "source"], (partner["id"], path)
                    if one["inferred"] is not None:
                        assert one["inferred"] and all(one["inferred"].values())
                        carried.append((partner["id"], path, sorted(one["inferred"])))
    assert carried == INFERRED


def test_the_data_keeps_comments_only_for_headings_look_ups_and_quotes() -> None:
    comments = [
        line
        for line in DATA.read_text(encoding="utf-8").splitlines()
        if line.startswith("#") and not line.startswith("# --- ")
    ]
    assert comments == [
        "#:schema ../schema/countries.schema.json",
        "# The name comes from one sentence and the status from the next, so the quote spans both.",
        "# XK / XKX are user-assigned codes in common use for Kosovo, not codes assigned by ISO 3166.",
        "# The protection area quotes the reception centres and the protection of vulnerable migrants.",
    ]


def test_the_hrvp_visit_iraq_meeting_and_february_visit_say_why_their_year(run: Run) -> None:
    tunisia = run.json("show", "tunisia")["events"][2]
    assert tunisia["source"] == "HRVP visited Tunisia on 9-10 September"
    assert "no year" in tunisia["inferred"]["date"] and "no year" in tunisia["inferred"]["end"]
    iraq = run.json("show", "iraq")["events"][1]
    assert iraq["date"] == "2021-07-30" and "no year" in iraq["inferred"]["date"]
    balkans = run.json("show", "western-balkans")["events"][0]
    assert balkans["date"] == "2021-02" and "February" in balkans["inferred"]["date"]


def test_search_does_not_match_the_reasons(run: Run) -> None:
    # "document" occurs in reasons only: they are coop's words, not the source's.
    reasons = " ".join(str(f["inferred"]) for f in _all_facts(run))
    assert "document" in reasons
    assert run.json("search", "document") == []


def _all_facts(run: Run) -> list[dict[str, Any]]:
    return [
        fact
        for partner in _exported(run)["partners"]
        for section in SECTIONS
        for fact in partner[section]
    ]


# --- the audit's corrections, through the CLI ------------------------------------------


def test_1_tunisia_agreements_quote_the_negotiations_and_the_mandates_stay_quoted(
    run: Run,
) -> None:
    rows = run.json("agreements", "--country", "tunisia", "--status", "rounds_held")
    assert [r["kind"] for r in rows] == ["readmission", "visa_facilitation"]
    for row in rows:
        assert row["source"] == "Five rounds of negotiations were held between 2016 and 2019."
        assert list(row["inferred"]) == ["status"]
        mandate = row["milestones"][0]
        assert mandate["kind"] == "mandate" and mandate["source"].startswith(
            "There are bilateral mandates for readmission and visa facilitation agreements."
        )


def test_2_the_association_councils_name_a_counterpart_not_a_place(run: Run) -> None:
    councils = [e for e in run.json("show", "western-balkans")["events"] if e["kind"] == "council"]
    assert [(e["counterparts"], e["places"]) for e in councils] == [
        (["Albania"], []),
        (["Bosnia and Herzegovina"], []),
    ]
    hits = run.json("search", "albania", "council")
    assert {h["path"] for h in hits} == {"events[2]", "events[3]"}
    assert any("counterparts[0]" in h["fields"] for h in hits)


def test_3_libya_visits_since_april_2021_are_an_open_range(run: Run) -> None:
    (row,) = run.json("timeline", "--country", "libya", "--from", "2021-05")
    assert (row["date"], row["end"], row["ongoing"]) == ("2021-04", None, True)
    assert run.json("timeline", "--country", "libya", "--to", "2021-03") == []
    assert len(run.json("timeline", "--country", "libya", "--from", "2030")) == 1
    assert run("timeline", "--country", "libya").stdout.startswith("since 2021-04*\t")
    assert "since 2021-04*" in run("show", "libya").stdout
    assert run.json("show", "libya")["events"][0]["ongoing"] is True


def test_4_iraq_informal_dialogue_is_a_dialogue(run: Run) -> None:
    rows = run.json("timeline", "--kind", "dialogue")
    assert [(r["country"], r["date"]) for r in rows if r["country"] == "iraq"] == [
        ("iraq", "2021-02")
    ]
    assert {"algeria", "iraq"} <= {r["country"] for r in rows}


def test_5_nigeria_has_the_ministerial_as_a_framework(run: Run) -> None:
    (group,) = run.json("frameworks", "EU-Nigeria Ministerial")
    assert (group["id"], group["kind"], group["countries"]) == (
        "eu-nigeria-ministerial",
        "ministerial",
        ["nigeria"],
    )
    assert (
        "Joint Communique of he EU-Nigeria Ministerial (November 2020)"
        in (group["members"][0]["source"])
    )


def test_6_libya_is_in_the_emergency_transit_mechanism(run: Run) -> None:
    (group,) = run.json("frameworks", "emergency transit")
    assert group["id"] == "emergency-transit-mechanism"
    assert group["countries"] == ["libya", "niger"]
    libya = group["members"][0]
    assert libya["source"] == "including humanitarian evacuations via the ETMs in Niger and Rwanda"
    assert set(libya["inferred"]) == {"id", "name"}


def test_7_iraq_projects_are_notes_like_pakistans(run: Run) -> None:
    notes = run.json("show", "iraq")["notes"]
    assert [(n["kind"], n["source"]) for n in notes] == [
        ("project", "elaboration of the Iraqi National Migration Strategy"),
        ("project", "Migrant Resource Centre"),
    ]
    hits = run.json("search", "migrant", "resource", "centre")
    assert {(h["country"], h["section"]) for h in hits} >= {
        ("iraq", "notes"),
        ("pakistan", "notes"),
    }


def test_8_western_balkans_areas_are_those_the_source_names(run: Run) -> None:
    (row,) = [r for r in run.json("list") if r["id"] == "western-balkans"]
    assert row["areas"] == [
        "governance",
        "irregular_migration",
        "smuggling",
        "trafficking",
        "border_management",
        "return_readmission",
        "asylum",
    ]
    notes = run.json("show", "western-balkans")["notes"]
    assert [(n["kind"], n["source"]) for n in notes] == [("focus", "information exchange")]


def test_9_the_awareness_label_adds_no_words(run: Run) -> None:
    (awareness,) = [r for r in run.json("areas") if r["id"] == "awareness"]
    assert awareness["label"] == "Awareness raising"
    assert awareness["countries"] == ["mauritania", "nigeria"]
    assert {h["country"] for h in run.json("search", "diaspora")} == {"mauritania"}


def test_10_agreed_reads_agreed_and_the_readme_says_ids_are_the_contract(run: Run) -> None:
    out = run("agreements", "--status", "agreed").stdout
    assert "Agreed" in out and "not applied" not in out
    readme = (REPO / "docs" / "json.md").read_text(encoding="utf-8")
    assert (
        "`agreed` (text or procedures agreed or concluded; the source does not say they "
        "are applied)" in " ".join(readme.split())
    )
    assert "ids are the contract, labels are not" in readme


def test_11_the_document_date_rests_on_stated_years_only(run: Run) -> None:
    meta = _exported(run)["meta"]
    assert meta["date"] == "2021-09"
    assert "HRVP" not in meta["date_reasoning"]
    assert "Várhelyi" in meta["date_reasoning"] and "6 October 2021" in meta["date_reasoning"]


# --- human output marks what is inferred ---------------------------------------------

FOOTNOTE = "* inferred: coop's reading, not the source's words;"


def test_the_card_marks_inferred_values_and_points_to_the_reasons(run: Run) -> None:
    out = " ".join(run("show", "tunisia").stdout.split())
    assert "2021-09-09/10*" in out and "Negotiation rounds held*" in out
    assert "2020-08*" not in out and "In place*" not in out
    assert f"{FOOTNOTE} `coop show tunisia --sources` gives the reasons" in out
    assert FOOTNOTE not in run("show", "morocco").stdout


def test_show_sources_spells_out_every_reason_under_its_fact(run: Run) -> None:
    out = " ".join(run("show", "tunisia", "--sources").stdout.split())
    hrvp = out.index("“HRVP visited Tunisia on 9-10 September”")
    assert out.index("* inferred date: the text gives no year", hrvp) > hrvp
    assert "* inferred end: the text gives no year" in out
    assert out.count("* inferred status:") == 2
    assert f"{FOOTNOTE} the reason is under each fact" in out
    card = run.json("show", "tunisia")
    reasons = [
        reason
        for fact in card["agreements"] + card["events"]
        for reason in (fact["inferred"] or {}).values()
    ]
    assert len(reasons) == 4 and all(" ".join(reason.split()) in out for reason in reasons)


def test_tables_mark_inferred_cells_with_a_footnote(run: Run) -> None:
    out = run("timeline", "--country", "iraq", env={"COOP_FORCE_TTY": "1"}).stdout
    assert "2021-07-30*" in out and "dialogue*" in out and FOOTNOTE in out
    out = run("agreements", "--status", "agreed", env={"COOP_FORCE_TTY": "1"}).stdout
    assert out.count("Agreed*") == 2 and FOOTNOTE in out
    piped = run("agreements", "--status", "agreed").stdout  # the mark stays, the footnote not
    assert piped.count("Agreed*") == 2 and FOOTNOTE not in piped
    out = run("agreements", "--country", "pakistan").stdout
    assert "*" not in out
    csv_text = run("timeline", "--country", "iraq", "--format", "csv").stdout
    assert "\n2021-07-30,,false," in csv_text.replace("\r\n", "\n") and "*" not in csv_text


def test_reasons_print_literally(run: Run, tmp_path: Path) -> None:
    reason = 'inferred.date = "[bold]x[/bold] :warning: \\u001b[31m"\n'
    path = _edition(tmp_path, "schema_version = 2", reason)
    out = run("show", "tunisia", "--sources", "--data", str(path), env={"FORCE_COLOR": "1"})
    assert "[bold]x[/bold] :warning: \\x1b[31m" in out.stdout
    assert "2021-05*" in run("show", "tunisia", "--data", str(path)).stdout


# --- rows and exports carry inferred --------------------------------------------------


def test_rows_carry_inferred_just_before_source(run: Run) -> None:
    rows = run.json("agreements", "--country", "bangladesh")
    assert list(rows[0])[-2:] == ["inferred", "source"] and "status" in rows[0]["inferred"]
    for row in run.json("timeline"):
        assert list(row)[-2:] == ["inferred", "source"]
    (hrvp,) = [r for r in run.json("timeline", "--country", "tunisia") if r["date"] == "2021-09-09"]
    assert set(hrvp["inferred"]) == {"date", "end"}
    hits = run.json("search", "saving", "lives")
    assert [(h["country"], h["path"], h["inferred"]) for h in hits] == [
        ("libya", "areas[4]", {"id": "saving lives at sea counted as search and rescue"})
    ]
    assert all(h["inferred"] is None for h in run.json("search", "morocco"))
    (row,) = [r for r in run.json("areas", "search_rescue") if r["country"] == "libya"]
    assert list(row)[-2:] == ["inferred", "source"] and row["inferred"]


def test_export_csv_has_one_inferred_column(run: Run) -> None:
    import csv
    import io

    text = run("export", "--format", "csv", "--country", "tunisia").stdout
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0])[14:16] == ["inferred", "source"]  # 0.3's last two, kept in place
    (hrvp,) = [r for r in rows if r["source"] == "HRVP visited Tunisia on 9-10 September"]
    assert hrvp["inferred"].startswith("date: the text gives no year")
    assert "; end: the text gives no year" in hrvp["inferred"]
    assert all(r["inferred"] == "" for r in rows if r["section"] == "areas")
    lines = run("export", "--format", "ndjson", "--country", "libya").stdout.splitlines()
    assert json.loads(lines[0])["events"][0]["inferred"] == {
        "ongoing": "visits 'since April 2021' that 'have framed cooperation with Libya so far', "
        "with no end given: read as still going on when the document was written"
    }


# --- coop validate --source: the proof the tests run, for editors --------------------


def _source_file(tmp_path: Path, source_text: str) -> Path:
    path = tmp_path / "source.txt"
    path.write_text(source_text, encoding="utf-8")
    return path


def test_validate_source_proves_the_shipped_data_against_the_real_source(
    run: Run, source_text: str, tmp_path: Path
) -> None:
    """Every partner 100%, each part covered by its own partner's quotes."""
    source = _source_file(tmp_path, source_text)
    result = run("validate", "--source", str(source), "--verbose", "--min-coverage", "100")
    # `coop validate` alone checks the dataset coop ships: the installed copy under CI
    names = [partner["name"] for partner in run.json("list")]
    assert result.stdout == (
        f"{shipped_path()}: valid: 14 partners, {run.json('info')['facts']} facts\n"
        "coverage: 100.0% of the source text\n" + "".join(f"  100.0%  {name}\n" for name in names)
    )
    assert result.stderr == ""


def test_validate_source_reports_an_altered_quote_at_its_line(
    run: Run, source_text: str, tmp_path: Path
) -> None:
    text = DATA.read_text(encoding="utf-8")
    original = 'source = "Cooperation with Europol is beginning."'
    line = text.splitlines().index(original) + 1
    edition = tmp_path / "edition.toml"
    edition.write_text(
        text.replace(original, 'source = "Cooperation with Europol is starting."'), "utf-8"
    )
    source = _source_file(tmp_path, source_text)
    result = run("validate", str(edition), "--source", str(source), "--verbose", code=1)
    assert result.stderr == (
        f"{edition}:{line}: tunisia.agencies[0].source: quote not found in {source}\n"
    )
    lines = result.stdout.splitlines()
    assert lines[1].startswith("coverage: 99.")
    tunisia = lines.index("   95.4%  Tunisia")
    assert lines[tunisia + 1 : tunisia + 3] == [
        "    uncovered: Cooperation with Europol is beginning.",
        "  100.0%  Algeria",
    ]


def test_validate_source_below_min_coverage_is_an_error(
    run: Run, source_text: str, tmp_path: Path
) -> None:
    """--min-coverage applies to the whole text and to each partner's part."""
    source = _source_file(tmp_path, source_text + "\n\nA new paragraph no quote covers yet.")
    result = run("validate", "--source", str(source))
    assert "coverage: 99." in result.stdout and "   95.1%  Bangladesh\n" in result.stdout
    assert "is not the document this dataset was built from" in result.stderr
    result = run("validate", "--source", str(source), "--min-coverage", "99.5", code=1)
    assert result.stderr.endswith(
        "coop: coverage below --min-coverage 99.5%: the source text 99.4%, "
        "Afghanistan's part 97.6%, Bangladesh's part 95.1%\n"
    ) or result.stderr.endswith(  # with Afghanistan's clause covered (helper D's data)
        "coop: coverage below --min-coverage 99.5%: Bangladesh's part 95.1%\n"
    )
    assert run("validate", "--source", str(source), "--min-coverage", "95").exit_code == 0
    verbose = run("validate", "--source", str(source), "-v").stdout
    assert "   95.1%  Bangladesh\n    uncovered: A new paragraph" in verbose


def test_validate_source_warns_about_a_different_document(run: Run, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Another document altogether.\n", encoding="utf-8")
    result = run("validate", "--source", str(other), code=1)
    assert result.stderr.startswith(
        f"warning: {other} is not the document this dataset was built from (its SHA-256 is "
    )
    problems = result.stderr.splitlines()[1:]
    quoted = list(quotes(tomllib.loads(DATA.read_text(encoding="utf-8"))))
    assert len(problems) == 14 + len(quoted)  # every partner, every quote (208 in 0.4)
    assert problems[0].startswith(f"{shipped_path()}:")
    assert problems[0].endswith(
        f": morocco.name: heads no paragraph of {other} (docs/data.md, Proving quotes)"
    )
    assert problems[1].endswith(f": morocco.frameworks[0].source: quote not found in {other}")
    assert "coverage: 0.0% of the source text" in result.stdout


def test_validate_source_usage_and_unreadable_files(run: Run, tmp_path: Path) -> None:
    result = run("validate", "--min-coverage", "90", code=2)
    assert "--min-coverage and --verbose need --source FILE" in result.stderr
    for nan in ("nan", "NaN", "-nan"):  # no coverage is below it: it would pass any
        nan_run = run("validate", "--source", "x", "--min-coverage", nan, code=2)
        assert "--min-coverage takes a number from 0 to 100, not nan" in nan_run.stderr
    assert (
        "--min-coverage" in run("validate", "--source", "x", "--min-coverage", "101", code=2).stderr
    )
    missing = tmp_path / "absent.txt"
    result = run("validate", "--source", str(missing), code=1)
    assert result.stderr == f"{missing}: file: no such file\n"
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"ok\n\xff\xfe")
    assert run("validate", "--source", str(binary), code=1).stderr == (
        f"{binary}:2: file: not UTF-8 text (byte 4)\n"
    )
