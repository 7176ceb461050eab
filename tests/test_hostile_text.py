"""Data and arguments with markup, escapes and odd characters print literally, never crash;
names that pass for others' are refused."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from conftest import DATA, TEST_DATA, Run

HOSTILE = str(Path(__file__).parent / "data" / "hostile.toml")


@pytest.mark.parametrize("env", [{}, {"FORCE_COLOR": "1"}, {"NO_COLOR": "1"}])
def test_markup_and_emoji_codes_in_data_print_literally(run: Run, env: dict[str, str]) -> None:
    out = run("show", "markup", "--sources", "--data", HOSTILE, env=env).stdout
    flat = " ".join(out.split())
    assert "[bold red]Markup [link=https:example.com]land [blink]" in flat
    assert ":warning: Emoji" in flat and ":thumbs_up:" in flat and "⚠" not in out
    assert "[blink]Visit[/blink]" in flat and "[i]Someone[/i]" in flat


@pytest.mark.parametrize("env", [{}, {"FORCE_COLOR": "1"}])
def test_control_characters_in_data_are_made_visible(run: Run, env: dict[str, str]) -> None:
    out = run("show", "markup", "--sources", "--data", HOSTILE, env=env).stdout
    assert "Ansi\\x1b[31mRed\\x1b[0m" in out
    assert "\\x1b]8;;https://evil.example\\x07" in out
    assert "Nul\\x00" in out and "\\x0d carriage" in out and "Over\\u202eride" in out
    data_escapes = out.replace("\x1b[", "").count("\x1b")
    assert data_escapes == 0 and "\x07" not in out and "\x00" not in out and "\r" not in out


def test_plain_output_has_no_escape_codes(run: Run) -> None:
    for args in (["show", "markup"], ["list"], ["search", "visit"]):
        out = run(*args, "--data", HOSTILE, env={"NO_COLOR": "1", "FORCE_COLOR": ""}).stdout
        assert "\x1b" not in out, args


def test_json_escapes_control_characters_as_json_does(run: Run) -> None:
    result = run("show", "markup", "--json", "--data", HOSTILE)
    assert "\x1b" not in result.stdout and "\\u001b[31m" in result.stdout
    card = json.loads(result.stdout)
    assert "Ansi\x1b[31mRed\x1b[0m" in card["aliases"]
    assert "مرحبا بالعالم" in card["aliases"]


def test_right_to_left_combining_and_long_text_keep_the_layout(run: Run) -> None:
    out = run("show", "markup", "--sources", "--data", HOSTILE, env={"COLUMNS": "60"}).stdout
    assert "مرحبا" in out and "Z\u0335\u0321a" in out
    assert max(len(line) for line in out.splitlines()) <= 60


def test_search_in_hostile_text_matches_literally(run: Run) -> None:
    hits = run.json("search", "[bold]Not", "--data", HOSTILE)
    assert [hit["path"] for hit in hits] == ["notes[0]"]
    assert run.json("search", "مرحبا", "--data", HOSTILE)[0]["field"] == "aliases[3]"


@pytest.mark.parametrize("query", ["   ", "\t"])
def test_a_query_of_only_spaces_is_a_usage_error(run: Run, query: str) -> None:
    result = run("search", query, code=2)
    assert "the search query is empty" in result.stderr


def test_a_ten_thousand_character_country_is_a_short_usage_error(run: Run) -> None:
    result = run("show", "x" * 10_000, code=2)
    assert "no partner matches 'xxxx" in result.stderr
    assert len(result.stderr) < 2_000


@pytest.mark.parametrize("name", ["tun*", "[a-z]+", "'; drop table", '"', "ü" * 300])
def test_odd_country_names_are_usage_errors(run: Run, name: str) -> None:
    result = run("show", name, code=2)
    assert "no partner matches" in result.stderr


def test_a_query_at_the_limits_is_searched(run: Run) -> None:
    assert run("search", "x" * 1_000, "--json").stdout.strip() == "[]"
    assert run("search", " ".join(["visit"] * 32), "--json").stdout.strip() != "[]"
    assert run("search", *["visit"] * 31, "a" * 800, "--json").stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (["x" * 10_000], "the search query has 10,000 characters; the limit is 1,000"),
        (["a" * 500, "b" * 501], "the search query has 1,001 characters; the limit is 1,000"),
        ([" ".join(["visit"] * 33)], "the search query has 33 words; the limit is 32"),
        (
            ["visit"] * 20 + ["a b c d e f g h i j k l m n"],
            "the search query has 34 words; the limit is 32",
        ),
        (["a"] * 500, "the search query has 500 words; the limit is 32"),
    ],
)
def test_a_query_over_the_limits_is_a_usage_error(run: Run, query: list[str], message: str) -> None:
    result = run("search", *query, code=2)
    assert message in result.stderr, result.stderr
    assert result.stdout == ""


# --- look-up names that look like others', and look-up names with '/' -----------------

CYRILLIC = dict(
    zip(
        "aceopxyijsABCEHIJKMOPSTX",
        "\u0430\u0441\u0435\u043e\u0440\u0445\u0443\u0456\u0458\u0455\u0410\u0412"
        "\u0421\u0415\u041d\u0406\u0408\u041a\u041c\u041e\u0420\u0405\u0422\u0425",
        strict=True,
    )
)
"""Latin letters and the Cyrillic ones that look the same."""


def disguised(name: str) -> str | None:
    """`name` with its first letter that has a Cyrillic twin replaced by the twin."""
    at = next((i for i, char in enumerate(name) if char in CYRILLIC), None)
    return None if at is None else name[:at] + CYRILLIC[name[at]] + name[at + 1 :]


def partner_names(partner: dict[str, Any]) -> list[str]:
    """A partner's look-up names but its id (a slug, which no Cyrillic letter passes)."""
    names = []
    for table in [partner, *partner.get("members", [])]:
        names += [table[key] for key in ("name", "iso2", "iso3") if key in table]
        names += table.get("aliases", [])
    return names


def assert_each_refused(
    run: Run, tmp_path: Path, document: dict[str, Any], owners: dict[str, str]
) -> None:
    """`document` fails validation with one problem per disguised name of `owners`, each
    saying whose name it looks like and which letter differs."""
    path = tmp_path / "impostors.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    problems = run("validate", str(path), code=1).stderr.splitlines()
    assert len(problems) == len(owners), problems[:3]
    for fake, owner in owners.items():
        found = [problem for problem in problems if f"name {fake!r} looks like " in problem]
        assert len(found) == 1 and f" of {owner} (it has U+04" in found[0], (fake, found)


def test_every_look_up_name_of_the_shipped_data_in_disguise_is_refused(
    run: Run, tmp_path: Path
) -> None:
    """No two look-up names of the shipped data look alike (it validates); a partner and
    a thing that take every one of them, each with one Cyrillic letter, are refused, one
    problem a name, naming whose name it looks like."""
    run("validate", str(DATA))
    document = tomllib.loads(DATA.read_text(encoding="utf-8"))
    names = {  # each look-up name -> its owner
        **{
            name: f"'{partner['id']}'"
            for partner in document["partners"]
            for name in partner_names(partner)
        },
        **{
            name: f"thing '{thing['id']}'"
            for thing in document["things"]
            for name in [thing["name"], *thing.get("written", []), *thing.get("aliases", [])]
        },
    }
    owners = {fake: owner for name, owner in names.items() if (fake := disguised(name))}
    assert len(owners) > 0.9 * len(names)  # nearly every name has a letter to disguise
    partner_fakes = [fake for fake, owner in owners.items() if not owner.startswith("thing")]
    thing_fakes = [fake for fake, owner in owners.items() if owner.startswith("thing")]
    impostor = {key: document["partners"][0][key] for key in ("kind", "region")}
    document["partners"].append({"id": "impostor", "name": "Impostor", **impostor})
    document["partners"][-1]["aliases"] = partner_fakes
    document["things"].append(
        {"id": "impostor", "kind": "body", "name": "Impostor body", "aliases": thing_fakes}
    )
    assert_each_refused(run, tmp_path, document, owners)


def minimal_with(tmp_path: Path, **aliases: list[str]) -> Path:
    """tests/data/minimal.toml (Tunisia, TN, TUN; Niger, NE, NER) with these aliases."""
    document = tomllib.loads((TEST_DATA / "minimal.toml").read_text(encoding="utf-8"))
    for partner in document["partners"]:
        partner["aliases"] = aliases.get(partner["id"], [])
    path = tmp_path / "edition.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("alias", "looks_like", "unlike"),
    [
        ("M\u043erocco", "Morocco", "U+043E CYRILLIC SMALL LETTER O"),
        ("\u0422unisia", "Tunisia", "U+0422 CYRILLIC CAPITAL LETTER TE"),  # as written
        ("\u03a4UN", "TUN", "U+03A4 GREEK CAPITAL LETTER TAU"),
        ("tuni\u0455ia", "tunisia", "U+0455 CYRILLIC SMALL LETTER DZE"),  # without case
        ("M\u041eROCCO", "Morocco", "U+041E CYRILLIC CAPITAL LETTER O"),
        ("\u0422un\u0456s\u0456\u0430", "Tunisia", "U+0422 CYRILLIC CAPITAL LETTER TE, U+0456"),
        ("Tun\u200bisia", "Tunisia", "U+200B ZERO WIDTH SPACE"),  # invisible inside
        ("Tunisi\u0251", "Tunisia", "U+0251 LATIN SMALL LETTER ALPHA"),
    ],
)
def test_a_name_that_looks_like_another_partners_is_refused_naming_both(
    run: Run, tmp_path: Path, alias: str, looks_like: str, unlike: str
) -> None:
    path = minimal_with(tmp_path, tunisia=["Morocco"], niger=[alias])
    err = run("validate", str(path), code=1).stderr
    assert err.count("\n") == 1, err
    assert f"niger.aliases[0]: look-up name {alias!r} looks like {looks_like!r} of 'tunisia'" in err
    assert f"(it has {unlike}" in err


def test_a_thing_named_like_a_partner_is_refused(run: Run, tmp_path: Path) -> None:
    text = DATA.read_text(encoding="utf-8")
    thing = '[[things]]\nid = "fake"\nkind = "state"\nname = "M\\u043erocco"\n\n'
    path = tmp_path / "edition.toml"
    path.write_text(text.replace("[[things]]", thing + "[[things]]", 1), encoding="utf-8")
    err = run("validate", str(path), code=1).stderr
    assert err.count("\n") == 1, err
    assert "things[0].name: name 'M\u043erocco' looks like 'Morocco' of 'morocco'" in err


@pytest.mark.parametrize("codes", [["AI", "AL"], ["NI", "NL"], ["LI", "LL"], ["TN", "IN"]])
def test_names_that_differ_on_a_page_are_not_lookalikes(
    run: Run, tmp_path: Path, codes: list[str]
) -> None:
    """Anguilla's and Albania's codes: a capital I looks like a small l, not a capital L."""
    run("validate", str(minimal_with(tmp_path, tunisia=codes[:1], niger=codes[1:])))


def test_the_table_of_lookalikes_is_read_only_to_validate(tmp_path: Path) -> None:
    hook = (
        "import runpy, sys; sys.addaudithook(lambda event, args: event == 'open'"
        " and str(args[0]).endswith('confusables.txt') and print('read', file=sys.stderr));"
        " runpy.run_module('coopcli', run_name='__main__')"
    )

    def reads_the_table(*args: str) -> bool:
        command = [sys.executable, "-c", hook, *args]
        env = {"COOP_CACHE_DIR": str(tmp_path), "PATH": ""}
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
        return "read" in done.stderr.splitlines()

    edition = minimal_with(tmp_path)
    assert not reads_the_table("show", "tunisia", "--json")
    assert reads_the_table("list", "--data", str(edition))  # validated, then cached
    assert not reads_the_table("list", "--data", str(edition))
    assert reads_the_table("validate", str(edition))


@pytest.mark.parametrize(
    ("aliases", "where"),
    [
        ({"tunisia": ["Tunis/Carthage"]}, "tunisia.aliases[0]"),
        ({"niger": ["Niger", "N/E"]}, "niger.aliases[1]"),
    ],
)
def test_a_look_up_name_with_a_slash_is_refused(
    run: Run, tmp_path: Path, aliases: dict[str, list[str]], where: str
) -> None:
    """`coop show PARTNER/ID` names a fact: a partner's name with a '/' could not be shown."""
    path = minimal_with(tmp_path, **aliases)
    name = aliases[where.split(".")[0]][-1]
    expected = f"{where}: look-up name {name!r} has a '/': coop show would read it as PARTNER/ID"
    assert expected in run("validate", str(path), code=1).stderr
    assert expected in run("show", name, "--data", str(path), code=1).stderr


def test_two_ascii_codes_that_skeletons_confuse_are_two_names(run: Run, tmp_path: Path) -> None:
    """Iran (IRN) beside Bermuda (BM) and the Isle of Man (IM): real codes, which UTS #39
    reads alike once folded ("rn" is "m"), are told apart; a Cyrillic disguise is not."""
    shipped = DATA.read_text(encoding="utf-8")
    extra = (
        '\n[[partners]]\nid = "iran"\nname = "Iran"\nregion = "Southern Asia"\niso2 = "IR"\n'
        'iso3 = "IRN"\n\n[[partners]]\nid = "isle-of-man"\nname = "Isle of Man"\n'
        'region = "Northern Europe"\niso2 = "IM"\n\n[[partners]]\nid = "bermuda"\n'
        'name = "Bermuda"\nregion = "Northern America"\niso2 = "BM"\niso3 = "BMU"\n'
    )
    path = tmp_path / "codes.toml"
    path.write_text(shipped + extra, encoding="utf-8")
    assert run("validate", str(path)).exit_code == 0
    path.write_text(shipped + extra.replace('"Bermuda"', '"Ir\u0430n"'), encoding="utf-8")
    result = run("validate", str(path), code=1)
    assert "looks like 'Iran' of 'iran'" in result.stderr


def test_every_framework_and_agreement_name_of_a_layout_3_file_in_disguise_is_refused(
    run: Run, tmp_path: Path
) -> None:
    """Layout 1-3 has no registry to compare names by their looks: the names of its
    frameworks and agreements are compared among themselves. A framework that takes each
    of them with one Cyrillic letter is refused, one problem a name, naming the owner."""
    document = tomllib.loads((TEST_DATA / "countries-0.4.toml").read_text(encoding="utf-8"))
    names: dict[str, str] = {}  # each look-up name -> its owner
    for partner in document["partners"]:
        for framework in partner.get("frameworks", []):
            for name in [framework["name"], *framework.get("names", [])]:
                names.setdefault(name, f"framework '{framework['id']}'")
        for agreement in partner.get("agreements", []):
            for name in agreement.get("names", []):
                names.setdefault(name, f"the agreements of kind {agreement['kind']!r}")
    owners = {fake: owner for name, owner in names.items() if (fake := disguised(name))}
    assert len(owners) > 30  # the 0.4 data's frameworks and agreements
    impostor = {"id": "impostor", "name": "Impostor", "kind": "dialogue", "source": "x"}
    document["partners"][-1].setdefault("frameworks", []).append(impostor | {"names": [*owners]})
    assert_each_refused(run, tmp_path, document, owners)
