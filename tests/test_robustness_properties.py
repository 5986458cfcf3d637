"""Property-based tests over generated Markdown: lint and outline never raise, every reported
line lies inside the file, the div tree is a proper tree, and where pandoc's rules reduce to a
stack count the unclosed and stray counts are exact. Also replays the fuzz corpus and crashes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent / "fuzz"))
import target  # noqa: E402  (tests/fuzz/target.py: the fuzz target and its invariants)

from conftest import write_lesson  # noqa: E402
from lessonkit.cli import main  # noqa: E402
from lessonkit.markdown.parser import parse_page  # noqa: E402

FUZZ = Path(__file__).resolve().parent / "fuzz"
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(target.markdown_documents())
def test_lint_and_outline_never_raise_and_stay_inside_the_file(text):
    target.check_text(text)


@FAST
@given(target.fuzz_inputs())
def test_any_bytes_never_raise(data):
    target.check(data)


@settings(max_examples=100, deadline=None)
@given(target.markdown_documents(), st.sampled_from(["---\ntitle: T\nteaching: 5\nexercises: 5\n---\n", "---\n", ""]))
def test_front_matter_then_markdown(body, front):
    target.check_text(front + body)
    target.check_text(front + body, rmd=True)


# --- an exact reference where pandoc's rules reduce to a stack count ---------------------------

BLOCK = st.one_of(
    st.sampled_from(["callout", "challenge", "solution", "x", "{.callout}", "{#a .b}"]).map(lambda c: ("open", c)),
    st.just(("close", None)),
    st.sampled_from(["Some text.", "## A heading", "- not a list here"[:0] + "More *text*."]).map(lambda t: ("text", t)),
)


def reference(blocks):
    """(unclosed openers' indexes, stray closers' indexes, parent of each opener) by a stack."""
    stack, stray, parent = [], [], {}
    for index, (kind, _) in enumerate(blocks):
        if kind == "open":
            parent[index] = stack[-1] if stack else None
            stack.append(index)
        elif kind == "close":
            if stack:
                stack.pop()
            else:
                stray.append(index)
    return stack, stray, parent


@settings(max_examples=200, deadline=None)
@given(st.lists(BLOCK, max_size=30), st.integers(3, 12))
def test_unclosed_and_stray_counts_match_a_stack(blocks, width):
    """Only column-1 `::: name` openers and bare closers, blank lines between: a stack is exact."""
    lines = []
    for kind, value in blocks:
        lines.append(f"{':' * width} {value}" if kind == "open" else ":" * width if kind == "close" else value)
    text = "\n\n".join(lines) + "\n"
    parsed = parse_page(text)
    unclosed, stray, parent = reference(blocks)
    line_of = {index: 2 * index + 1 for index in range(len(blocks))}
    assert [d.line for d in parsed.unclosed_divs] == [line_of[i] for i in unclosed]
    assert [f.line for f in parsed.stray_closers] == [line_of[i] for i in stray]
    assert [d.line for d in parsed.all_divs] == [line_of[i] for i in sorted(parent)]
    by_line = {d.line: d for d in parsed.all_divs}
    for index, up in parent.items():
        div = by_line[line_of[index]]
        assert (div.parent.line if div.parent else None) == (line_of[up] if up is not None else None)
    target.check_tree(parsed, target.line_count(text))


# --- the command line on generated pages ---------------------------------------------------------

@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=target.markdown_documents())
def test_cli_on_generated_pages(tmp_path_factory, body):
    root = write_lesson(tmp_path_factory.mktemp("gen") / "lesson",
                        {"episodes/intro.md": "---\ntitle: T\nteaching: 5\nexercises: 5\n---\n\n" + body})
    page = root / "episodes" / "intro.md"
    lines = target.line_count(page.read_text())
    result = CliRunner().invoke(main, ["lint", "--format", "json", str(root)])
    assert result.exit_code in (0, 1), result.output
    for finding in json.loads(result.stdout):
        if finding["path"] == str(page.resolve()):
            assert 1 <= finding["line"] <= lines, finding
    result = CliRunner().invoke(main, ["outline", "--format", "json", str(page)])
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert result.stderr.startswith("lessonkit: error: ") and "empty file" in result.stderr
    else:
        json.loads(result.stdout)


# --- the fuzz corpus and crashes, replayed ----------------------------------------------------------

CORPUS_FILES = sorted(p for folder in ("corpus", "crashes") for p in (FUZZ / folder).glob("*") if p.is_file())


@pytest.mark.parametrize("path", CORPUS_FILES, ids=[f"{p.parent.name}/{p.name}" for p in CORPUS_FILES])
def test_fuzz_corpus_replays(path):
    target.check(path.read_bytes())


def test_lk304_lines_inside_a_one_line_episode():
    _, findings = target.lint_text("## Only a heading\n")
    assert all(f.line <= 1 for f in findings if f.code == "LK304")


@pytest.mark.slow
def test_fuzz_driver_runs_clean_briefly():
    """The `make fuzz` driver itself, for a few seconds with the hypothesis engine."""
    result = subprocess.run([sys.executable, str(FUZZ / "run_fuzz.py"), "--seconds", "5", "--engine", "hypothesis"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no crash" in result.stdout
