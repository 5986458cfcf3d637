"""Nothing lost: lint never writes to the lesson (its only write is its own parse cache, which
--no-cache and LESSONKIT_CACHE_DIR keep out of the lesson); `schedule -o` writes through a
temporary file and a rename, keeps the old file when generation fails, and refuses to write
outside an existing folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, write_lesson
from lessonkit.cli import main




def snapshot(folder: Path) -> dict:
    """Every entry under folder: bytes (or link target) and modification time, in nanoseconds."""
    state = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        if path.is_symlink():
            content = ("link", os.readlink(path))
        elif path.is_file():
            content = path.read_bytes() if os.access(path, os.R_OK) else "unreadable"
        else:
            content = "folder"
        state[path.relative_to(folder).as_posix()] = (content, info.st_mtime_ns, info.st_mode)
    return state


@pytest.fixture
def messy_lesson(tmp_path):
    """The demo lesson plus bad inputs of every kind, folder mtimes settled."""
    root = tmp_path / "lesson"
    # without the parse cache `make demo` leaves in the demo lesson
    shutil.copytree(ROOT / "lesson", root, symlinks=True, ignore=shutil.ignore_patterns(".lessonkit_cache"))
    write_lesson(root, {
        "episodes/binary.md": b"\x00\x01\x02",
        "episodes/latin1.md": b"caf\xe9\n",
        "episodes/utf16.md": "---\ntitle: x\n---\n".encode("utf-16"),
        "episodes/crlf.md": b"---\r\ntitle: x\r\n---\r\n\r\n::: callout\r\n",
        "episodes/bom.md": b"\xef\xbb\xbf---\ntitle: x\n---\n\n[a](nowhere.md)\n",
        "episodes/unclosed.md": "---\ntitle: x\n\n::: callout\n",
        "learners/empty.md": "",
    }, basic=False)
    os.symlink("loop-b.md", root / "episodes" / "loop-a.md")
    os.symlink("loop-a.md", root / "episodes" / "loop-b.md")
    # listed, so that they are built pages, whose findings a whole-lesson run reports
    config = (root / "config.yaml").read_text(encoding="utf-8")
    listed = "".join(f"- {name}.md\n" for name in ("binary", "latin1", "utf16", "crlf", "bom", "unclosed", "loop-a", "loop-b"))
    config = config.replace("- 07-outlook.md\n", "- 07-outlook.md\n" + listed).replace("- reference.md\n", "- reference.md\n- empty.md\n")
    (root / "config.yaml").write_text(config, encoding="utf-8")
    return root


@pytest.mark.parametrize("options", [[], ["--format", "json"], ["--format", "sarif"], ["--format", "github"],
                                     ["--statistics", "--strict"], ["--select", "LK1"]],
                         ids=["text", "json", "sarif", "github", "statistics", "select"])
def test_lint_writes_nothing(messy_lesson, tmp_path, options, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    for target in (messy_lesson, messy_lesson / "episodes", messy_lesson / "episodes" / "crlf.md"):
        result = CliRunner().invoke(main, ["lint", "--no-cache", *options, str(target)])
        assert result.exit_code == 1, result.output
    result = CliRunner().invoke(main, ["outline", str(messy_lesson / "episodes" / "crlf.md")])
    assert result.exit_code == 0
    assert snapshot(tmp_path) == before


def test_lint_with_cache_writes_only_its_cache(messy_lesson, tmp_path, monkeypatch):
    monkeypatch.delenv("LESSONKIT_CACHE_DIR", raising=False)
    before = snapshot(messy_lesson)
    for _ in range(2):  # cold, then warm
        assert CliRunner().invoke(main, ["lint", str(messy_lesson)]).exit_code == 1
    after = snapshot(messy_lesson)
    added = {path for path in after if path not in before}
    assert added and all(path.startswith(".lessonkit_cache") for path in added)
    assert (messy_lesson / ".lessonkit_cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    assert {path: state for path, state in after.items() if path not in added} == before


def test_lint_with_cache_elsewhere_leaves_the_lesson_alone(messy_lesson, tmp_path, monkeypatch):
    monkeypatch.setenv("LESSONKIT_CACHE_DIR", str(tmp_path / "cache"))
    before = snapshot(messy_lesson)
    assert CliRunner().invoke(main, ["lint", str(messy_lesson)]).exit_code == 1
    assert snapshot(messy_lesson) == before
    assert any((tmp_path / "cache" / "pages").iterdir())


def test_lint_output_file_is_the_only_change(messy_lesson, tmp_path):
    before = snapshot(messy_lesson)
    report = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--format", "json", "-o", str(report), str(messy_lesson)])
    assert result.exit_code == 1
    assert report.read_text().startswith("[")
    assert snapshot(messy_lesson) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lesson", "report.json"]  # no temporary left


# --- schedule -o --------------------------------------------------------------------------------

@pytest.fixture
def lesson(tmp_path):
    root = tmp_path / "lesson"
    shutil.copytree(ROOT / "lesson", root)
    return root


def test_schedule_writes_through_a_temporary_file_and_rename(lesson, tmp_path, monkeypatch):
    out = tmp_path / "out" / "schedule.md"
    out.parent.mkdir()
    out.write_text("old schedule\n")
    os.chmod(out, 0o640)
    renames = []
    real_replace = os.replace

    def spy(source, destination):
        renames.append((Path(source), Path(destination), Path(source).read_text()))
        return real_replace(source, destination)

    monkeypatch.setattr(os, "replace", spy)
    result = CliRunner().invoke(main, ["schedule", str(lesson), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(renames) == 1
    source, destination, written = renames[0]
    assert destination == out and source.parent == out.parent and source != out
    assert written == out.read_text() and "old schedule" not in written
    assert (out.stat().st_mode & 0o777) == 0o640  # the old file's permissions are kept
    assert sorted(p.name for p in out.parent.iterdir()) == ["schedule.md"]


@pytest.mark.parametrize("args", [["--start", "25:00"], ["--days", "1"], ["--format", "ics"],
                                  ["--template", "/nonexistent/template.md"]],
                         ids=["bad-start", "does-not-fit", "ics-without-date", "missing-template"])
def test_schedule_failure_keeps_the_old_file(lesson, tmp_path, args):
    out = tmp_path / "schedule.md"
    out.write_text("old schedule\n")
    before = snapshot(tmp_path)
    result = CliRunner().invoke(main, ["schedule", str(lesson), *args, "-o", str(out)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("lessonkit: error: "), result.stderr
    assert snapshot(tmp_path) == before


def test_schedule_failure_while_writing_keeps_the_old_file(lesson, tmp_path, monkeypatch):
    out = tmp_path / "schedule.md"
    out.write_text("old schedule\n")
    before = snapshot(tmp_path)

    def full_disk(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    result = CliRunner().invoke(main, ["schedule", str(lesson), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"lessonkit: error: {out}: cannot write: No space left on device"
    assert snapshot(tmp_path) == before  # old file intact, no temporary left behind


def test_schedule_failure_in_a_broken_lesson_keeps_the_old_file(lesson, tmp_path):
    (lesson / "config.yaml").write_bytes(b"\x00\x00")
    out = tmp_path / "schedule.md"
    out.write_text("old schedule\n")
    before = snapshot(tmp_path)
    result = CliRunner().invoke(main, ["schedule", str(lesson), "-o", str(out)])
    assert result.exit_code == 2 and "config.yaml" in result.stderr
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("where", ["missing/schedule.md", "missing/deeper/schedule.md", "."],
                         ids=["missing-folder", "missing-folders", "a-folder"])
def test_schedule_refuses_to_write_outside_an_existing_folder(lesson, tmp_path, where):
    before = snapshot(tmp_path)
    out = tmp_path / where
    result = CliRunner().invoke(main, ["schedule", str(lesson), "-o", str(out)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("lessonkit: error: "), result.stderr
    assert snapshot(tmp_path) == before  # no folder created, nothing written
