"""Render writes each rule once: highlighting follows search's own match, and the words
addressed to the command line's user are the command line's (`coopcli.cli.exits`)."""

from __future__ import annotations

import ast
import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from coopcli.api import occurs
from coopcli.render.views import match_spans
from coopcli.textfold import fold

from conftest import REPO

RENDER = REPO / "src" / "coopcli" / "render"

words = st.text(alphabet="aAéÉ-_ .1", min_size=1, max_size=4).filter(lambda w: fold(w) == w)
texts = st.text(alphabet="aAéÉ-_ .1xÄ", max_size=20)


@settings(max_examples=300, deadline=None)
@given(word=words, text=texts)
def test_a_word_is_highlighted_exactly_where_search_finds_it(word: str, text: str) -> None:
    spans = match_spans(text, [word])
    assert bool(spans) == occurs(word, fold(text))
    for start, end in spans:
        assert fold(text[start:end]) == word


def _strings_that_are_not_docstrings(tree: ast.AST) -> list[tuple[int, str]]:
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    # attribute docstrings (a string right after an assignment) document, too
    for node in ast.walk(tree):
        for field in ("body", "orelse"):
            body = getattr(node, field, None)
            if isinstance(body, list):
                for before, after in itertools.pairwise(body):
                    if isinstance(before, ast.Assign | ast.AnnAssign) and isinstance(
                        after, ast.Expr
                    ):
                        docstrings.add(id(after.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_renderer_words_a_command_line_option() -> None:
    # an option (`--force`) or a command to type (`coop show ...`)
    option = re.compile(r"(?<![\w-])--[a-z]|`coop ")
    found = [
        f"{path.name}:{line}: {text!r}"
        for path in sorted(RENDER.glob("*.py"))
        for line, text in _strings_that_are_not_docstrings(ast.parse(path.read_text()))
        if option.search(text)
    ]
    assert not found, "words for the command line's user go in coopcli.cli.exits"
