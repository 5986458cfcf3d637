"""What the command line says when it cannot go on: one line, `lessonkit: error: ...`, exit 2,
never click's usage block nor a traceback; a closed pipe ends a command quietly. In process
(CliRunner) and as a real process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, extra, write_lesson
from lessonkit import urls
from lessonkit.cli import main

NOBODY = 65534


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def process(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lessonkit", *args], capture_output=True, text=True, **kwargs)


def assert_one_line_error(exit_code: int, stdout: str, stderr: str, *words: str) -> str:
    assert exit_code == 2, (stdout, stderr)
    assert stdout == ""
    assert stderr.count("\n") == 1 and stderr.startswith("lessonkit: error: "), stderr
    assert "Traceback" not in stderr and "Usage:" not in stderr and "internal error" not in stderr
    for word in words:
        assert word in stderr, stderr
    return stderr.rstrip("\n")


# --- usage errors: one line ending in where to read more (issue 17, item 4) ----------------------

USAGE_ERRORS = [
    (["lint", "--format", "nonsense"], "lint", "'nonsense' is not one of"),
    (["lint", "--jobs", "0"], "lint", "0 is not in the range"),
    (["lint", "--jobs"], "lint", "'--jobs' requires an argument"),  # raised by click without its command
    (["lint", "--bogus"], "lint", "no such option '--bogus'"),
    (["lint", "--select", "LK999"], "lint", "no rule matches 'LK999'"),
    (["outline"], "outline", "missing argument 'FILES...'"),
    (["outline", "x.md", "--format", "yaml"], "outline", "'yaml' is not one of"),
    (["rules", "--bogus"], "rules", "no such option"),
    (["schedule", "--format", "pdf"], "schedule", "'pdf' is not one of"),
    (["schedule", "-o", "a.md", "--check", "b.md"], "schedule", "use either -o or --check"),
    (["server", "--tcp"], "server", "no such option"),
    (["nosuch"], "", "no such command 'nosuch'"),
    (["--bogus"], "", "no such option '--bogus'"),
]


@pytest.mark.parametrize("args, command, words", USAGE_ERRORS, ids=[" ".join(case[0]) for case in USAGE_ERRORS])
def test_a_usage_error_is_one_line_naming_the_help_to_read(args, command, words, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    line = assert_one_line_error(result.exit_code, result.stdout, result.stderr, words)
    assert line.endswith(f"; see {' '.join(filter(None, ('lessonkit', command)))} --help")


def test_a_usage_error_from_a_real_process(tmp_path):
    for args, command in ((["lint", "--format", "nonsense"], "lint"), (["nosuch"], "")):
        result = process(*args, cwd=tmp_path)
        line = assert_one_line_error(result.returncode, result.stdout, result.stderr)
        assert line.endswith(f"see {' '.join(filter(None, ('lessonkit', command)))} --help")


def test_help_is_still_help():
    assert run("lint", "--help").stdout.startswith("Usage: lessonkit lint")
    bare = run()  # no command: the group's help, as click gives it
    assert "Commands:" in bare.output and "error" not in bare.output


# --- a closed pipe (issue 17, item 3) -------------------------------------------------------------

@pytest.mark.parametrize("args", [["rules"], ["rules", "LK101"], ["lint", "--no-cache", "lesson"],
                                  ["outline", "lesson/episodes/01-introduction.md"], ["schedule", "lesson"],
                                  ["--help"]], ids=" ".join)
def test_a_reader_that_went_away_ends_the_command_quietly(args):
    # `lessonkit rules | head -1`, made certain: the reading end is closed before the first write
    reading, writing = os.pipe()
    os.close(reading)
    try:
        result = subprocess.run([sys.executable, "-m", "lessonkit", *args], stdout=writing, stderr=subprocess.PIPE,
                                text=True, cwd=ROOT)
    finally:
        os.close(writing)
    assert result.stderr == ""  # no "internal error: BrokenPipeError", no "Exception ignored"
    assert result.returncode == 1  # as click ends --help whose reader went away


def test_project_addresses_are_said_once_and_published(monkeypatch):
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        tomllib = pytest.importorskip("tomli", reason=extra("tomli"))
    published = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert published == {"Homepage": urls.REPOSITORY, "Documentation": urls.DOCS, "Issues": urls.ISSUES,
                         "Changelog": urls.CHANGELOG}

    from lessonkit.cli import lint as lint_command

    def broken():  # a bug in lessonkit, as the user meets it
        raise KeyError("LK000")

    monkeypatch.setattr(lint_command, "all_rules", broken)
    result = run("rules")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"lessonkit: error: internal error: KeyError: 'LK000' (please report it at {urls.ISSUES})\n"


# --- a folder that cannot be listed (issue 17, item 2) --------------------------------------------

@contextmanager
def as_a_normal_user():
    """Run the block without the rights of root, as a normal user has none, so that a folder
    without permissions cannot be listed. Root's real and saved ids stay: it takes them back."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture
def open_lesson(monkeypatch):
    """A copy of the sample lesson in a folder any user may enter (a normal user's view of it)."""
    folder = Path(tempfile.mkdtemp(prefix="lessonkit-permissions-"))
    folder.chmod(0o755)
    shutil.copytree(ROOT / "lesson", folder / "lesson")
    monkeypatch.setenv("LESSONKIT_CACHE_DIR", str(folder / "cache"))
    try:
        yield folder / "lesson"
    finally:
        for path in (folder / "lesson", folder / "lesson" / "episodes"):
            path.chmod(0o755)
        shutil.rmtree(folder)


@pytest.mark.skipif(not hasattr(os, "seteuid"), reason="needs POSIX file permissions")
@pytest.mark.parametrize("locked", ["episodes", "."])
def test_a_folder_that_cannot_be_listed_is_one_line_naming_it(open_lesson, locked):
    page = open_lesson / "episodes" / "01-introduction.md"
    commands = [("lint", str(page)), ("lint", str(open_lesson / "episodes")), ("lint", str(open_lesson)),
                ("outline", str(page)), ("schedule", str(open_lesson))]
    for args in commands:
        assert run(*args).exit_code in (0, 1)  # readable: and what the commands need is loaded
    folder = (open_lesson / locked).resolve()
    folder.chmod(0)
    try:
        with as_a_normal_user():
            results = [run(*args) for args in commands]
    finally:
        folder.chmod(0o755)
    for args, result in zip(commands, results):
        line = assert_one_line_error(result.exit_code, result.stdout, result.stderr)
        assert line == f"lessonkit: error: {folder}: cannot list folder: Permission denied", args


# --- a folder with episodes/ but no config.yaml (issue 17, item 14) -------------------------------

def test_a_folder_without_config_yaml_is_no_lesson_for_any_command(tmp_path, monkeypatch):
    bare = write_lesson(tmp_path / "bare", {"episodes/intro.md": "---\ntitle: Intro\n---\n\nText.\n",
                                            "learners/setup.md": "---\ntitle: Setup\n---\n\nInstall.\n"},
                        basic=False)
    monkeypatch.chdir(bare)
    expected = (f"lessonkit: error: {bare.resolve()}: has episodes/ but no config.yaml: not a lesson sandpaper can "
                "build; add config.yaml with at least 'title' and 'episodes'")
    for args in (["lint"], ["lint", "episodes/intro.md"], ["lint", "episodes"], ["lint", "learners/setup.md"],
                 ["outline", "episodes/intro.md"], ["schedule"], ["lint", "--fix", "--unsafe-fixes"]):
        result = run(*args)
        assert assert_one_line_error(result.exit_code, result.stdout, result.stderr) == expected, args
    assert not (bare / "config.yaml").exists()  # nothing pointed at, nothing written
    result = process("lint", "--format", "json", cwd=bare)
    assert assert_one_line_error(result.returncode, result.stdout, result.stderr) == expected
