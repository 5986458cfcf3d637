"""`lessonkit server` as a command: without the server extra it says what to install, and the
other commands never load the server's dependencies."""

from __future__ import annotations

import subprocess
import sys

BLOCK_PYGLS = "import sys; sys.modules['pygls'] = None\n"


def run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_without_the_server_extra_one_line_says_what_to_install():
    result = run(BLOCK_PYGLS + "from lessonkit.cli import main\nmain(['server'])")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "lessonkit: error: lessonkit server needs pygls and lsprotocol (pygls is missing): "
        "pip install 'lessonkit[server]'"]


def test_without_pygls_nor_lsprotocol_both_are_named():
    result = run("import sys; sys.modules['pygls'] = sys.modules['lsprotocol'] = None\n"
                 "from lessonkit.cli import main\nmain(['server'])")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "lessonkit: error: lessonkit server needs pygls and lsprotocol (pygls and lsprotocol are missing): "
        "pip install 'lessonkit[server]'"]


def test_a_documents_lines_are_split_once_for_each_text():
    from pathlib import Path

    from lessonkit.server.lessons import Document

    document = Document("file:///page.md", Path("/page.md"), "one\ntwo")
    assert document.lines == ["one", "two"] and document.lines is document.lines  # not again per finding
    document.text = "three"
    assert document.lines == ["three"]


def test_lint_and_help_do_not_load_the_server():
    code = ("import sys\nfrom click.testing import CliRunner\nfrom lessonkit.cli import main\n"
            "CliRunner().invoke(main, ['--help'])\nCliRunner().invoke(main, ['lint', 'lesson'])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol') "
            "or m.startswith('lessonkit.server')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=sys.path[0] or None)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_documents_outside_a_lesson_are_explained_once_for_each_folder(tmp_path):
    from lessonkit.server.lessons import Document, Lessons

    logged, shown = [], []
    lessons = Lessons(lambda message, level: logged.append(level), lambda message, level: shown.append((message, level)))
    for name in ("notes/a.md", "notes/b.md", "other/c.md"):
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_text("# Notes\n", encoding="utf-8")
        assert lessons.open(Document(path.as_uri(), path.resolve(), "# Notes\n")) is None
    assert logged == ["info"] * 3  # the log has every one
    assert [level for _, level in shown] == ["warning", "warning"]  # the user is told once per folder
    assert "a.md is not inside a sandpaper lesson" in shown[0][0] and str((tmp_path / "other").resolve()) in shown[1][0]
