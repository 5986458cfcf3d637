"""The fix engine: edits mapped onto the bytes as written, overlapping fixes deferred to a later
pass, writes only with --fix, --diff writes nothing. Rule-specific fixes are tested with their
rules; these tests use LK105 (a blank line above an opener) as the example fix."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import episode, write_lesson
from lessonkit.cli import main
from lessonkit.findings import Edit
from lessonkit.fix import SourceFile, fix_lesson
from lessonkit.lesson import Lesson
from lessonkit.settings import load_settings

GLUED = episode("Some text.\n::: callout\nNote.\n:::\n")


def _fix(root, unsafe=False):
    lesson = Lesson.load(root)
    return fix_lesson(lesson, load_settings(lesson), unsafe=unsafe)


def test_source_file_maps_edits_onto_crlf_and_bom(tmp_path):
    path = tmp_path / "page.md"
    path.write_bytes(b"\xef\xbb\xbfone\r\ntwo\r\nthree\r\n")
    source = SourceFile.read(path)
    assert source.text == "one\ntwo\nthree\n"
    source.apply(source.ranges([Edit.insert(2, 1, "new\n"), Edit(3, 1, 3, 6, "THREE")]))
    assert source.data == b"\xef\xbb\xbfone\r\nnew\r\ntwo\r\nTHREE\r\n"


def test_source_file_keeps_each_line_end_as_written(tmp_path):
    path = tmp_path / "page.md"
    path.write_bytes(b"a\r\nb\nc\rd")
    source = SourceFile.read(path)
    source.apply(source.ranges([Edit.delete_lines(2, 2), Edit(4, 2, 4, 2, "!")]))
    assert source.data == b"a\r\nc\rd!"


def test_edit_past_the_end_of_a_line_or_file_is_clamped(tmp_path):
    path = tmp_path / "page.md"
    path.write_bytes(b"abc\nxyz")
    source = SourceFile.read(path)
    source.apply(source.ranges([Edit(1, 2, 1, 99, "B"), Edit.insert(9, 1, "!")]))
    assert source.data == b"aB\nxyz!"


def test_fix_applies_and_the_finding_is_gone(tmp_path):
    root = write_lesson(tmp_path / "lesson", {"episodes/intro.md": GLUED})
    outcome = _fix(root)
    assert outcome.fixed == {"LK105": 1}
    assert not [f for f in outcome.result.findings if f.code == "LK105"]
    [changed] = outcome.changed
    assert changed.raw.endswith("Some text.\n\n::: callout\nNote.\n:::\n")
    assert (root / "episodes/intro.md").read_text() == GLUED  # nothing written by the engine


def test_touching_fixes_wait_for_the_next_pass(tmp_path):
    # two openers glued to text on consecutive lines: both fixes insert at adjacent places
    body = "Text.\n::: callout\nA.\n:::\nMore text.\n::: callout\nB.\n:::\n"
    root = write_lesson(tmp_path / "lesson", {"episodes/intro.md": episode(body)})
    outcome = _fix(root)
    assert outcome.fixed == {"LK105": 2} and outcome.converged
    [changed] = outcome.changed
    assert changed.raw.endswith("Text.\n\n::: callout\nA.\n:::\nMore text.\n\n::: callout\nB.\n:::\n")


def test_cli_fix_writes_atomically_and_keeps_mode(tmp_path, monkeypatch):
    root = write_lesson(tmp_path / "lesson", {"episodes/intro.md": GLUED.replace("\n", "\r\n")})
    page = root / "episodes/intro.md"
    os.chmod(page, 0o640)
    untouched = {p: p.read_bytes() for p in root.rglob("*.md") if p != page}
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--fix", "--select", "LK105"])
    assert result.exit_code == 0, result.output
    assert "Fixed 1 finding." in result.output
    assert page.read_bytes() == GLUED.replace("Some text.\n", "Some text.\n\n").replace("\n", "\r\n").encode()
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert {p: p.read_bytes() for p in untouched} == untouched
    assert sorted(p.name for p in page.parent.iterdir()) == ["intro.md"]  # no temporary left


def test_cli_diff_writes_nothing_and_exits_1(tmp_path, monkeypatch):
    root = write_lesson(tmp_path / "lesson", {"episodes/intro.md": GLUED})
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--diff"])
    assert result.exit_code == 1
    assert "--- a/episodes/intro.md\n+++ b/episodes/intro.md\n" in result.stdout
    assert " Some text.\n+\n ::: callout\n" in result.stdout
    assert (root / "episodes/intro.md").read_text() == GLUED
    clean = CliRunner().invoke(main, ["lint", "--no-cache", "--diff", str(write_lesson(tmp_path / "clean", {}))])
    assert clean.exit_code == 0 and clean.stdout == ""


def test_text_report_marks_fixable_findings(tmp_path):
    root = write_lesson(tmp_path / "lesson", {"episodes/intro.md": GLUED})
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--select", "LK105", str(root)])
    assert result.exit_code == 1
    assert "LK105 div-opener-not-separated [*] " in result.output
    assert result.output.rstrip().endswith("[*] 1 fixable with --fix.")


def test_unfixable_setting_keeps_the_fix_from_applying(tmp_path):
    root = write_lesson(tmp_path / "lesson", {"episodes/intro.md": GLUED,
                                              ".lessonkit.toml": 'unfixable = ["div-opener-not-separated"]\n'})
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--fix", str(root)])
    assert result.exit_code == 1
    assert "[*]" not in result.output
    assert (root / "episodes/intro.md").read_text() == GLUED


def test_json_and_sarif_carry_the_fix(tmp_path):
    import json

    root = write_lesson(tmp_path / "lesson", {"episodes/intro.md": GLUED})
    data = json.loads(CliRunner().invoke(main, ["lint", "--no-cache", "-f", "json", "--select", "LK105", str(root)]).stdout)
    assert data[0]["fix"] == {"description": "Add a blank line above the opener", "safe": True,
                              "edits": [{"line": 8, "column": 1, "end_line": 8, "end_column": 1, "text": "\n"}]}
    sarif = json.loads(CliRunner().invoke(main, ["lint", "--no-cache", "-f", "sarif", "--select", "LK105", str(root)]).stdout)
    [replacement] = sarif["runs"][0]["results"][0]["fixes"][0]["artifactChanges"][0]["replacements"]
    assert replacement == {"deletedRegion": {"startLine": 8, "startColumn": 1, "endLine": 8, "endColumn": 1},
                           "insertedContent": {"text": "\n"}}


def test_fix_from_a_subprocess(tmp_path):
    root = write_lesson(tmp_path / "lesson", {"episodes/intro.md": GLUED})
    first = subprocess.run([sys.executable, "-m", "lessonkit", "lint", "--fix", "--select", "LK1", str(root)], capture_output=True, text=True)
    assert first.returncode == 0, first.stdout + first.stderr
    second = subprocess.run([sys.executable, "-m", "lessonkit", "lint", "--diff", str(root)], capture_output=True, text=True)
    assert second.returncode == 0 and second.stdout == ""



def unclosed_challenges(n: int) -> str:
    """n `::: challenge` divs, none closed: each opens inside the one before."""
    return episode("".join(f"::: challenge\n\n## Exercise {i}\n\nAdd {i} and 1.\n\n" for i in range(n)))


def test_many_unclosed_divs_are_all_closed_in_one_pass_and_counted_once_each(tmp_path, monkeypatch):
    from lessonkit import fix as engine

    root = write_lesson(tmp_path / "lesson", {"episodes/intro.md": unclosed_challenges(30)})
    lints = []
    real_lint = engine.lint_lesson
    monkeypatch.setattr(engine, "lint_lesson", lambda *args: lints.append(1) or real_lint(*args))
    outcome = _fix(root, unsafe=True)
    assert outcome.converged and outcome.fixed == {"LK101": 30}
    assert not [f for f in outcome.result.findings if f.code == "LK101"]
    assert len(lints) == 2  # the pass that fixes all 30, and the one that finds nothing left
    [changed] = outcome.changed
    assert changed.raw.endswith("Add 29 and 1.\n" + ":::\n" * 30 + "\n")


def test_cli_fixes_many_unclosed_divs_and_reports_the_count(tmp_path, monkeypatch):
    from pandoc_oracle import pandoc_json

    text = unclosed_challenges(30)
    root = write_lesson(tmp_path / "lesson", {"episodes/intro.md": text})
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--fix", "--unsafe-fixes", "--select", "LK101"])
    assert result.exit_code == 0, result.output
    assert "Fixed 30 findings." in result.output and "did not settle" not in result.output
    after = (root / "episodes/intro.md").read_text()
    assert pandoc_json(after)["blocks"] == pandoc_json(text)["blocks"]  # closed where pandoc closed them
    process = subprocess.run([sys.executable, "-m", "lessonkit", "lint", "--no-cache", "--fix", "--unsafe-fixes",
                              "--select", "LK101", str(write_lesson(tmp_path / "again", {"episodes/intro.md": text}))],
                             capture_output=True, text=True)
    assert process.returncode == 0 and "Fixed 30 findings." in process.stdout, process.stdout + process.stderr


def test_diff_shows_an_unchanged_blank_line_as_context(tmp_path, monkeypatch):
    # a long page, where blank lines are common (difflib's own matcher took them for junk), and a
    # closer written between the last text and the page's last, blank, line
    filler = "".join(f"Paragraph {i}.\n\n" for i in range(150))
    root = write_lesson(tmp_path / "lesson", {"episodes/intro.md": episode(filler + "::: challenge\n## Sum\n\nAdd.\n\n")})
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--diff", "--unsafe-fixes", "--select", "LK101"])
    assert result.exit_code == 1
    assert result.stdout.endswith("\n Add.\n+:::\n \n"), result.stdout


def test_diff_of_a_last_line_without_a_line_end_is_a_valid_patch(tmp_path, monkeypatch):
    root = write_lesson(tmp_path / "lesson", {"episodes/intro.md": episode("::: challenge\n## Sum\n\nAdd.")})
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--diff", "--unsafe-fixes", "--select", "LK101"])
    assert "-Add.\n\\ No newline at end of file\n+Add.\n+:::\n\\ No newline at end of file\n" in result.stdout


def test_taken_ranges_find_every_conflict():
    from lessonkit.fix import TakenRanges

    taken, plain = TakenRanges(), []
    for start, end in [(10, 12), (3, 3), (20, 30), (14, 14)]:
        taken.take(start, end)
        plain.append((start, end))
    for start in range(35):
        for end in range(start, 36):
            expected = any(start <= other_end and other_start <= end for other_start, other_end in plain)
            assert taken.conflicts(start, end) == expected, (start, end)


# --- properties -------------------------------------------------------------------------------

LINES = st.sampled_from([
    "Some text.", "::: callout", ":::", "::: challenge", "> quoted", "> ::: callout", "- item", "",
    "## Heading", "```python", "```", "   ::: indented", "text with é and 🙂",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINES, max_size=14), newline=st.sampled_from(["\n", "\r\n"]), bom=st.booleans())
def test_fixing_is_idempotent_and_keeps_line_ends_and_bom(tmp_path_factory, lines, newline, bom):
    root = write_lesson(tmp_path_factory.mktemp("lesson"), {})
    text = episode("\n".join(lines) + "\n").replace("\n", newline)
    page = root / "episodes/intro.md"
    page.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode())
    outcome = _fix(root, unsafe=True)
    for source in outcome.changed:
        data = source.data
        assert data.startswith(b"\xef\xbb\xbf") == bom
        if newline == "\r\n":
            assert data.count(b"\n") == data.count(b"\r\n")
        else:
            assert b"\r" not in data
        source.path.write_bytes(data)
    again = _fix(root, unsafe=True)
    assert not again.changed and not again.fixed


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet="ab\r\n:é", max_size=40), data=st.data())
def test_bytes_outside_the_edits_are_kept(tmp_path_factory, text, data):
    path = tmp_path_factory.mktemp("file") / "page.md"
    path.write_bytes(text.encode())
    source = SourceFile.read(path)
    lines = source.text.split("\n")
    line = data.draw(st.integers(1, len(lines)))
    column = data.draw(st.integers(1, len(lines[line - 1]) + 1))
    source.apply(source.ranges([Edit.insert(line, column, "X")]))
    assert source.raw.replace("X", "", 1) == text
