"""What the README and docs/ promise: every link resolves, every example runs with the
exit status it implies (`# exit N` in its comment, else 0), and the tables that restate
the code match it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coopcli import vocab
from registry import long_options

from conftest import REPO, Run, run_example

DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
NOT_RUN = ("coop --install-completion", "coop --show-completion")
"""Examples that change the user's shell: shown, not run."""
EXIT = re.compile(r"#.*\bexit (\d+)\b")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def examples(path: Path) -> list[str]:
    """The `coop` lines of the document's ```sh blocks, in order, and the lines that make
    a dataset file for them."""
    blocks = re.findall(r"```sh\n(.*?)```", read(path), re.DOTALL)
    lines = [line.strip() for block in blocks for line in block.splitlines()]
    return [
        line
        for line in lines
        if (line.startswith("coop ") or re.search(r"> [\w.-]+\.toml", line))
        and not line.startswith(NOT_RUN)
    ]


def every_example_once() -> list[tuple[Path, str]]:
    """Each example once (the README's are also in docs/commands.md), in its first document."""
    seen: set[str] = set()
    found = []
    for path in DOCUMENTS:
        for line in examples(path):
            if line not in seen:
                seen.add(line)
                found.append((path, line))
    return found


EXAMPLES = every_example_once()


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """A fresh folder per document, where its examples run in order."""
    return {path: tmp_path_factory.mktemp(path.stem) for path in DOCUMENTS}


@pytest.mark.parametrize(
    ("document", "line"),
    EXAMPLES,
    ids=[f"{path.name}:{line[:40]}" for path, line in EXAMPLES],
)
def test_every_example_runs_with_the_exit_status_it_implies(
    folders: dict[Path, Path],
    document: Path,
    line: str,
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = int(status.group(1)) if (status := EXIT.search(line)) else 0
    stdout = run_example(run, line, folders[document], monkeypatch, expected)
    assert stdout or expected or ">" in line or "--output" in line, line


@pytest.mark.parametrize("document", DOCUMENTS, ids=[path.name for path in DOCUMENTS])
def test_the_examples_make_the_files_they_use(document: Path) -> None:
    made: set[str] = set()
    for line in examples(document):
        for name in re.findall(r"[\w.-]+\.toml", line):
            if f"--output {name}" in line or f"> {name}" in line:
                made.add(name)
            else:
                assert name in made, f"{name} is used before an example makes it: {line}"


def anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown file."""
    headings = re.findall(r"^#+ (.+)$", read(path), re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


LINKS = [
    (path, target)
    for path in [*DOCUMENTS, REPO / "CHANGELOG.md"]
    for target in re.findall(r"\]\(([^)\s]+)\)", read(path))
    if not target.startswith(("http://", "https://"))
]


@pytest.mark.parametrize(
    ("document", "target"), LINKS, ids=[f"{path.name}->{target}" for path, target in LINKS]
)
def test_every_link_resolves(document: Path, target: str) -> None:
    file, _, anchor = target.partition("#")
    linked = (document.parent / file).resolve() if file else document
    assert linked.exists(), target
    if anchor:
        assert anchor in anchors(linked), f"{target}: no heading gives #{anchor}"


def test_the_readme_is_a_front_door_linking_every_document() -> None:
    readme = read(REPO / "README.md")
    assert len(readme.splitlines()) <= 300
    for path in DOCUMENTS[1:]:
        assert f"(docs/{path.name})" in readme, path.name


def test_the_command_reference_names_every_command_and_option() -> None:
    reference = read(REPO / "docs" / "commands.md").replace("`", "")
    missing = [
        f"{name}: {words}"
        for name, options in long_options().items()
        for words in [f"coop {name}", *options]
        if words not in reference
    ]
    assert missing == []


JSON_MD = read(REPO / "docs" / "json.md")

README_ROWS = {
    "agreement status": "agreement `status`",
    "agreement kind": "agreement `kind`",
    "milestone kind": "milestone `kind`",
    "area": "area `id`",
    "framework kind": "framework `kind`",
    "event kind": "event `kind`",
    "agency": "agency `name` / `stage`",
    "agency stage": "agency `name` / `stage`",
    "note kind": "note `kind`",
    "partner kind": "partner `kind`",
    "thing kind": "thing `kind`",
}
"""The vocabularies of the dataset's fields, by their row in docs/json.md's table."""

ROW_VOCABULARIES = ["change", "search section", "framework group kind"]
"""The vocabularies of rows coop derives, which the JSON contract names."""

DERIVED_VOCABULARIES = {"timeline kind": "the event kinds and the milestone kinds"}
"""Vocabularies made of others, each of which the table lists."""


@pytest.mark.parametrize("name", list(README_ROWS))
def test_the_vocabulary_table_lists_exactly_the_ids_of_vocab(name: str) -> None:
    table = JSON_MD[JSON_MD.index("## Vocabularies") :]
    row = next(line for line in table.splitlines() if line.startswith(f"| {README_ROWS[name]} |"))
    ids = row.split(" | ")[1]
    if name.startswith("agency"):
        ids = ids.split(" / ")[name == "agency stage"]
    listed = re.findall(r"`([A-Za-z_ ]+)`", ids)
    assert listed == list(vocab.VOCABULARIES[name]), row


@pytest.mark.parametrize("name", ROW_VOCABULARIES)
def test_the_json_contract_names_every_id_of_the_row_vocabularies(name: str) -> None:
    contract = JSON_MD[JSON_MD.index("## JSON contract") : JSON_MD.index("## Vocabularies")]
    for value in vocab.VOCABULARIES[name]:
        assert f"`{value}`" in contract or value in vocab.FRAMEWORK_KINDS, value


def test_the_limits_table_states_the_limits_the_code_enforces() -> None:
    from coopcli import api, limits
    from coopcli.model import Milestone
    from coopcli.validation import MAX_HINTS

    table = read(REPO / "docs" / "limits.md")
    assert f"over {limits.MAX_BYTES // 1_000_000} MB" in table
    assert limits.MAX_BYTES % 1_000_000 == 0
    assert f"of over {limits.MAX_LINES:,} lines" in table
    assert f"of over {limits.MAX_ITEMS:,} keys, values and tables" in table
    assert f"of over {limits.MAX_TABLES:,} tables" in table
    assert f"the first {MAX_HINTS} unknown names" in table
    assert f"nested over {limits.MAX_NESTING} levels" in table
    assert f"over {limits.MAX_KEY_PARTS} parts" in table
    assert f"over {limits.MAX_LINE_CHARS:,} characters" in table
    assert f"over {api.MAX_QUERY_WORDS} words or {api.MAX_QUERY_CHARS:,} characters" in table
    from coopcli.model import MAX_NAMES

    assert f"`places`) of over {MAX_NAMES} |" in table
    count = Milestone.model_json_schema()["properties"]["count"]["anyOf"][0]
    assert f"`count` of rounds: {count['minimum']} to {count['maximum']})" in table


def test_the_changelog_starts_with_this_release_and_names_its_new_ids() -> None:
    """A script's author finds what moved in CHANGELOG.md: its newest release is this
    one, and the ids 0.4 added to the vocabularies are listed under 0.4.0."""
    import coopcli

    changelog = read(REPO / "CHANGELOG.md")
    releases = re.findall(r"^## (\d+\.\d+\.\d+) ", changelog, re.MULTILINE)
    assert releases[0] == coopcli.__version__
    in_0_4 = changelog.split("\n## 0.4.0 ", 1)[1].split("\n## ", 1)[0]
    added_in_0_4 = [
        "rounds_held",
        *(c for c in vocab.CHANGE_KINDS if c.endswith("_changed") and c != "status_changed"),
    ]
    assert [name for name in added_in_0_4 if f"`{name}`" not in in_0_4] == []


def test_the_readmes_first_answer_is_what_a_terminal_shows(run: Run) -> None:
    """The console block under the title: the command's table, then its note on stderr."""
    block = read(REPO / "README.md").split("```console\n", 1)[1].split("```", 1)[0]
    command, *shown = block.splitlines()
    args = command.removeprefix("$ coop ").split()
    env = {"COOP_FORCE_TTY": "1", "COLUMNS": "80", "FORCE_COLOR": "1", "NO_COLOR": ""}
    result = run(*args, env=env)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # the colours a terminal shows
    assert plain.splitlines() + result.stderr.splitlines() == shown
