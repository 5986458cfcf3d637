"""Pages sandpaper does not build (not listed in config.yaml): in a whole-lesson run each gets its
one LK505 and its other findings are only counted ("N more findings on unbuilt pages; lint them
by name"), in every format alike; a page named on the command line (as pre-commit names the
files a commit changes) is linted in full, and fixed in full. In-process and as a process; the
report cache keeps the two kinds of run apart."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import ROOT, episode, summary_line
from lessonkit.cli import main

# Two defects with a safe fix (a list item under text, LK405) and without one (no alt, LK203).
DRAFT = episode("Versions:\n- 2.4\n- 2.5\n\n![](fig/none.png)\n")
HIDDEN = "3 more findings on unbuilt pages; lint them by name."  # LK405, LK203 and LK201 (no such figure)


@pytest.fixture
def lesson(lesson_dir, monkeypatch):
    root = lesson_dir({"episodes/draft.md": DRAFT})
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return root


def lint(*args: str):
    return CliRunner().invoke(main, ["lint", "--no-cache", *args])


def codes(report: str) -> list[tuple[str, str, int]]:
    return [(f["code"], f["path"], f["line"]) for f in json.loads(report)]


def test_a_whole_lesson_run_gives_an_unbuilt_page_its_lk505_alone(lesson):
    result = lint()
    assert result.exit_code == 0  # LK505 is a warning: the built site has no problem
    assert result.stdout.splitlines() == [
        "episodes/draft.md:1:1: LK505 episode-unlisted [warning] episodes/draft.md is not listed under 'episodes' "
        "in config.yaml, so sandpaper does not build it (a draft): add it to the list when it is ready",
        "Found 1 warning in 1 of 5 files.",
        HIDDEN,
    ]
    assert lint("--strict").exit_code == 1


def test_a_page_named_is_linted_in_full(lesson):
    result = lint("--format", "json", "episodes/draft.md")
    assert result.exit_code == 1
    assert codes(result.stdout) == [("LK505", "episodes/draft.md", 1), ("LK405", "episodes/draft.md", 8),
                                    ("LK201", "episodes/draft.md", 11), ("LK203", "episodes/draft.md", 11)]
    assert all("sandpaper does not build this page" in f["message"] for f in json.loads(result.stdout)[1:])
    assert HIDDEN not in lint("episodes/draft.md").stdout
    # named with the whole lesson, it is still named
    assert len(codes(lint("--format", "json", ".", "episodes/draft.md").stdout)) == 4


def test_a_folder_named_is_reported_as_the_whole_lesson(lesson):
    result = lint("episodes")
    assert [line.split(" ")[1] for line in result.stdout.splitlines()[:-2]] == ["LK505"]
    assert result.stdout.splitlines()[-1] == HIDDEN


@pytest.mark.parametrize("output_format", ["json", "sarif", "github"])
def test_every_format_reports_the_same_findings(lesson, output_format):
    """The machine formats hold the findings reported, as the text does, and nothing of the others."""
    report = lint("--format", output_format).stdout
    if output_format == "json":
        assert codes(report) == [("LK505", "episodes/draft.md", 1)]
    elif output_format == "sarif":
        assert [r["ruleId"] for r in json.loads(report)["runs"][0]["results"]] == ["LK505"]
    else:
        assert len(report.splitlines()) == 1 and "title=LK505" in report
    assert HIDDEN not in report


def test_a_whole_lesson_fix_leaves_an_unbuilt_page_as_it_is(lesson):
    before = (lesson / "episodes" / "draft.md").read_bytes()
    assert lint("--fix", "--unsafe-fixes").exit_code == 0
    assert (lesson / "episodes" / "draft.md").read_bytes() == before
    named = lint("--fix", "episodes/draft.md")
    assert "Fixed 1 finding." in named.stdout
    assert b"Versions:\n\n- 2.4" in (lesson / "episodes" / "draft.md").read_bytes()


def test_suppressions_count_before_the_hidden_ones(lesson):
    (lesson / "episodes" / "draft.md").write_text("<!-- lessonkit-disable-file -->\n" + DRAFT, encoding="utf-8")
    assert lint().stdout == "No problems found in 5 files.\n"


def test_the_report_cache_keeps_whole_and_named_runs_apart(lesson, tmp_path):
    env = {"LESSONKIT_CACHE_DIR": str(tmp_path / "cache")}
    runner = CliRunner()
    cold = {args: lint(*args).stdout for args in ((), ("episodes/draft.md",), ("episodes",))}
    for _ in range(2):  # the first round writes each report, the second reads it
        for args, report in cold.items():
            assert runner.invoke(main, ["lint", *args], env=env).stdout == report
    assert len(list((tmp_path / "cache" / "reports").glob("*.json"))) == 3


def test_as_a_process(lesson):
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "lessonkit", "lint", *args], cwd=lesson, env=env,
                              capture_output=True, text=True, timeout=120)

    whole = run()
    assert whole.returncode == 0 and whole.stdout.splitlines()[-1] == HIDDEN
    assert summary_line(whole.stdout) == "Found 1 warning in 1 of 5 files."
    named = run("episodes/draft.md")
    assert named.returncode == 1 and summary_line(named.stdout) == "Found 2 errors, 2 warnings in 1 of 1 file."
