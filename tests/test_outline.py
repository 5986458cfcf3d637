"""`lessonkit outline`: the tree authors read, through click and as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from lessonkit.cli import main

EPISODE = """\
---
title: Loops
teaching: 10
exercises: 5
---

::::::::::::::::::: challenge

## Sum a list

::::::::: solution

## Solution

Use `sum`.

:::::::::

:::::::::::::::::::

::: callout
Text.
"""


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def test_text_outline_shows_tree_lines_and_unclosed(lesson_dir):
    root = lesson_dir({"episodes/intro.md": EPISODE})
    result = run("outline", root / "episodes" / "intro.md")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].split() == ["7-19", ":::", "challenge"]
    assert "## Sum a list  {#sum-a-list}" in lines[2]
    assert lines[3].split()[:3] == ["11-17", ":::", "solution"]
    assert "never closed; pandoc closes it at line 22" in result.output


def test_json_outline_structure(lesson_dir):
    root = lesson_dir({"episodes/intro.md": EPISODE})
    result = run("outline", "--format", "json", root / "episodes" / "intro.md")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["divs"][0]["class"] == "challenge"
    assert data["divs"][0]["children"][0] | {"children": []} == {
        "class": "solution", "classes": ["solution"], "id": "", "line": 11, "column": 1,
        "end_line": 17, "closed": True, "children": []}
    assert data["unclosed"] == [{"class": "callout", "line": 21, "closed_at": 22, "container": "document"}]
    assert data["stray_closers"] == []
    assert [h["id"] for h in data["headings"]] == ["sum-a-list", "solution"]


def test_outline_as_a_subprocess(lesson_dir):
    root = lesson_dir({"episodes/intro.md": EPISODE})
    done = subprocess.run([sys.executable, "-m", "lessonkit", "outline", "--format", "json", str(root / "episodes" / "intro.md")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["headings"][0]["text"] == "Sum a list"


def test_several_files_give_a_json_list(lesson_dir):
    root = lesson_dir({"episodes/intro.md": EPISODE})
    result = run("outline", "--format", "json", root / "episodes" / "intro.md", root / "index.md")
    assert [d["path"].rsplit("/", 1)[-1] for d in json.loads(result.output)] == ["intro.md", "index.md"]


def test_bad_inputs_exit_2_with_one_line(lesson_dir, tmp_path):
    root = lesson_dir({
        "episodes/binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00",
        "episodes/latin1.md": "caf\xe9\n".encode("latin-1"),
        "episodes/empty.md": "",
    })
    for name, expected in (("binary.md", "binary file"), ("latin1.md", "invalid UTF-8"), ("empty.md", "empty file")):
        result = run("outline", root / "episodes" / name)
        assert result.exit_code == 2, name
        assert expected in result.output and "Traceback" not in result.output
    (tmp_path / "loose.md").write_text("# Hi\n")
    result = run("outline", tmp_path / "loose.md")
    assert result.exit_code == 2 and "config.yaml" in result.output
    result = run("outline", tmp_path / "missing.md")
    assert result.exit_code == 2 and "no such file" in result.output


def test_bom_and_crlf_are_read_as_pandoc_reads_them(lesson_dir):
    text = "\ufeff" + EPISODE.replace("\n", "\r\n")
    root = lesson_dir({"episodes/intro.md": text.encode("utf-8")})
    result = run("outline", "--format", "json", root / "episodes" / "intro.md")
    assert result.exit_code == 0
    assert json.loads(result.output)["divs"][0]["line"] == 7
