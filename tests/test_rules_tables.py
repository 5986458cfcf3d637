"""LK408: a grid table under a line of text (its caption, most often), which pandoc prints as
text; checked with pandoc 3.9, and its fix with tests/fix_checks.py."""

from __future__ import annotations

import re
import textwrap

import pytest

from conftest import codes_at, episode, lint_findings
from lessonkit.rules import find_rule
from pandoc_oracle import pandoc_json
from test_fix import fixed, fixes, renders_as_promised

EP = "episodes/intro.md"
GRID = "+-----+-----+\n| a   | b   |\n+=====+=====+\n| 1   | 2   |\n+-----+-----+\n"


def kinds(text: str) -> list[str]:
    return [block["t"] for block in pandoc_json(text)["blocks"]]


@pytest.mark.parametrize("above, message", [
    ("Table: Two columns.\n", "directly under the caption 'Table: Two columns.'"),
    (": Two columns.\n", "directly under the caption ': Two columns.'"),
    ("Some text about it.\n", "directly under a line of text"),
])
def test_a_grid_table_under_text_is_text(lesson_dir, tmp_path, above, message):
    body = above + GRID + "\nAfter.\n"
    [finding] = lint_findings(lesson_dir({EP: episode(body)}), "LK408")
    assert codes_at([finding]) == [("LK408", EP, 8)] and finding.end_line == 12
    assert message in finding.message
    assert "Table" not in kinds(episode(body))
    page, [repair] = fixes(tmp_path, body, "LK408")
    assert repair.safe
    renders_as_promised(page, repair, "LK408")
    assert "Table" in kinds(fixed(tmp_path, body))


def test_in_a_block_quote_the_blank_line_keeps_its_marker(tmp_path):
    body = "> Table: Quoted.\n" + "".join("> " + line + "\n" for line in GRID.splitlines())
    after = fixed(tmp_path, body)
    assert "> Table: Quoted.\n>\n> +-----+" in after
    assert kinds(after) == ["BlockQuote"] and "Table" in str(pandoc_json(after)["blocks"])


@pytest.mark.parametrize("body", [
    "Table: Two columns.\n\n" + GRID,  # separated
    GRID,
    "A sum: 1 +\n+---+ is no table\nat all.\n",
    "Text\n+---+---+\nno rows\n",
])
def test_grid_tables_pandoc_reads_pass(lesson_dir, body):
    assert lint_findings(lesson_dir({EP: episode(body)}), "LK408") == []


def test_documented_examples_behave_as_documented(lesson_dir):
    for label in ("Fails", "Passes"):
        match = re.search(label + r"[^\n]*:\n\n((?:    .*\n|\n)+)", find_rule("LK408").doc + "\n")
        example = textwrap.dedent(match.group(1)).strip() + "\n"
        found = lint_findings(lesson_dir({EP: episode(example)}, name=label), "LK408")
        assert bool(found) == (label == "Fails"), label
        assert ("Table" in kinds(episode(example))) == (label == "Passes")
