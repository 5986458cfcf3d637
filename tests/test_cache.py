"""The parse cache: warm runs report exactly what cold runs do; anything in the cache folder that
lessonkit did not write (corrupt, truncated, foreign, hostile) is a miss, never an error and
never executed; concurrent runs leave it valid."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, corpus_lessons, episode, write_lesson
from lessonkit import cache
from lessonkit.cache import DiskCache, MemoryCache
from lessonkit.cli import main
from lessonkit.lesson import Lesson

BROKEN = episode("See [the setup](setup.md), ![a plot](fig/plot.png) and [a label][missing].\n\n"
                 "::: challenge\n## Try\n")


def lint_json(*args: str, env: dict | None = None) -> str:
    environment = dict(os.environ, **(env or {}))
    done = subprocess.run([sys.executable, "-m", "lessonkit", "lint", "-f", "json", *args], capture_output=True,
                          text=True, env=environment, cwd=ROOT)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def entries(root: Path, kind: str = "pages") -> list[Path]:
    return sorted((root / ".lessonkit_cache" / kind).glob("*.json"))


def forget_reports(root: Path) -> None:
    """Drop the stored lint reports, so that the next run reads the parse cache."""
    for entry in entries(root, "reports"):
        entry.unlink()


@pytest.fixture
def lesson(tmp_path, monkeypatch):
    monkeypatch.delenv("LESSONKIT_CACHE_DIR", raising=False)
    return write_lesson(tmp_path / "lesson", {"episodes/intro.md": BROKEN})


def test_warm_run_reads_the_cache_and_reports_the_same(lesson):
    cold = CliRunner().invoke(main, ["lint", "-f", "json", str(lesson)]).stdout
    assert len(entries(lesson)) == 3  # index.md, learners/setup.md, episodes/intro.md
    stamps = [p.stat().st_mtime_ns for p in entries(lesson)]
    warm = CliRunner().invoke(main, ["lint", "-f", "json", str(lesson)]).stdout
    assert warm == cold and "LK206" in cold and "LK101" in cold
    assert [p.stat().st_mtime_ns for p in entries(lesson)] == stamps  # nothing written when warm


def test_a_report_is_reused_only_while_what_it_read_holds(lesson):
    """Each change below alters the findings; a warm run must see it as a cold run does."""
    def same_as_cold() -> str:
        warm = CliRunner().invoke(main, ["lint", "-f", "json", str(lesson)]).stdout
        assert warm == CliRunner().invoke(main, ["lint", "--no-cache", "-f", "json", str(lesson)]).stdout
        return warm

    first = same_as_cold()
    assert "fig/plot.png" in first and "LK201" in first
    (lesson / "episodes" / "fig").mkdir()
    (lesson / "episodes" / "fig" / "plot.png").write_bytes(b"")  # a new file the link now finds
    assert "LK201" not in same_as_cold()
    (lesson / ".lessonkit.toml").write_text('ignore = ["LK101"]\n')  # settings appear
    assert "LK101" not in same_as_cold()
    (lesson / ".lessonkit.toml").unlink()
    assert "LK101" in same_as_cold()
    (lesson / "config.yaml").write_text((lesson / "config.yaml").read_text().replace("- intro.md", "- gone.md"))
    assert "LK504" in same_as_cold()


def test_a_changed_page_is_parsed_again(lesson):
    CliRunner().invoke(main, ["lint", str(lesson)])
    assert len(entries(lesson, "reports")) == 1
    page = lesson / "episodes/intro.md"
    page.write_text(BROKEN + ":::\n")
    result = CliRunner().invoke(main, ["lint", "-f", "json", str(lesson)]).stdout
    assert "LK101" not in result
    assert result == CliRunner().invoke(main, ["lint", "--no-cache", "-f", "json", str(lesson)]).stdout


def test_links_md_is_part_of_every_key(lesson):
    CliRunner().invoke(main, ["lint", str(lesson)])
    (lesson / "links.md").write_text("[missing]: https://example.org\n")
    result = CliRunner().invoke(main, ["lint", "-f", "json", str(lesson)]).stdout
    assert "LK206" not in result


HOSTILE = [
    b"",
    b"{",
    b"[1, 2, 3]",
    b'{"key": "x", "page": []}',
    b"\x00\x01binary",
    pickle.dumps({"key": "x"}),
]


@pytest.mark.parametrize("kind", ["pages", "reports"])
@pytest.mark.parametrize("content", HOSTILE, ids=["empty", "truncated", "list", "wrong-key", "binary", "pickle"])
def test_a_bad_entry_is_a_miss_and_is_rewritten(lesson, content, kind):
    cold = CliRunner().invoke(main, ["lint", "-f", "json", str(lesson)]).stdout
    if kind == "pages":
        forget_reports(lesson)
    for entry in entries(lesson, kind):
        entry.write_bytes(content)
    again = CliRunner().invoke(main, ["lint", "-f", "json", str(lesson)])
    assert again.exit_code == 1 and again.stdout == cold
    for entry in entries(lesson, kind):
        assert json.loads(entry.read_bytes())["key"]  # written anew


def _tamper(lesson: Path, change) -> None:
    """Keep each entry's key (so it would be used) but change its page data."""
    for entry in entries(lesson):
        stored = json.loads(entry.read_bytes())
        change(stored["page"])
        entry.write_text(json.dumps(stored))


@pytest.mark.parametrize("change", [
    lambda page: page.__setitem__(0, "not a list"),          # all_divs
    lambda page: page[1].append([1, 2, 3]),                   # a heading record of the wrong length
    lambda page: page.__setitem__(len(page) - 1, [1, 2]),     # references: not a mapping
    lambda page: [div.__setitem__(3, "7") for div in page[0]],  # a div's line as a string
    lambda page: [div.__setitem__(-1, 10 ** 6) for div in page[0]],  # a parent out of range
    lambda page: page.pop(),                                   # a field short
], ids=["field-type", "record-length", "mapping", "int-as-string", "dangling-parent", "short"])
def test_entries_are_checked_field_by_field(lesson, change):
    cold = CliRunner().invoke(main, ["lint", "-f", "json", str(lesson)]).stdout
    forget_reports(lesson)
    _tamper(lesson, change)
    assert CliRunner().invoke(main, ["lint", "-f", "json", str(lesson)]).stdout == cold


def test_a_pickle_in_the_cache_is_never_loaded(lesson, tmp_path):
    """A pull request can write files in the cache folder: a pickle that runs a command when
    loaded must stay inert."""
    CliRunner().invoke(main, ["lint", str(lesson)])
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    for entry in entries(lesson) + entries(lesson, "reports"):
        entry.write_bytes(pickle.dumps(Payload()))
    (lesson / ".lessonkit_cache" / "pages" / "extra.pickle").write_bytes(pickle.dumps(Payload()))
    CliRunner().invoke(main, ["lint", str(lesson)])
    assert not marker.exists()


def test_no_cache_and_cache_dir(lesson, tmp_path):
    CliRunner().invoke(main, ["lint", "--no-cache", str(lesson)])
    assert not (lesson / ".lessonkit_cache").exists()
    elsewhere = tmp_path / "elsewhere"
    lint_json(str(lesson), env={"LESSONKIT_CACHE_DIR": str(elsewhere)})
    assert not (lesson / ".lessonkit_cache").exists()
    assert len(list((elsewhere / "pages").glob("*.json"))) == 3
    assert (elsewhere / ".gitignore").read_text().splitlines()[-1] == "*"


def test_an_unwritable_cache_folder_is_no_error(lesson):
    folder = lesson / ".lessonkit_cache"
    folder.write_text("a file where the folder should be")
    result = CliRunner().invoke(main, ["lint", "-f", "json", str(lesson)])
    assert result.exit_code == 1 and "LK101" in result.stdout


def test_concurrent_runs_leave_a_valid_cache(lesson):
    pages = [lesson / f"episodes/e{i}.md" for i in range(12)]
    for index, page in enumerate(pages):
        page.write_text(BROKEN + f"\nParagraph {index}.\n")
    expected = lint_json("--no-cache", str(lesson))
    runs = [subprocess.Popen([sys.executable, "-m", "lessonkit", "lint", "-f", "json", str(lesson)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT) for _ in range(4)]
    outputs = [run.communicate()[0] for run in runs]
    assert outputs == [expected] * 4
    for entry in entries(lesson):
        assert cache.decode(json.loads(entry.read_bytes())["page"]) is not None
    assert not list((lesson / ".lessonkit_cache" / "pages").glob(".entry.*"))  # no temporary left
    assert lint_json(str(lesson)) == expected


def test_memory_cache_shares_unchanged_pages(lesson):
    memory = MemoryCache(DiskCache(lesson / ".lessonkit_cache"))
    first = Lesson.load(lesson, cache=memory)
    page = lesson / "episodes/intro.md"
    second = Lesson.load(lesson, {page.resolve(): BROKEN + ":::\n"}, memory)
    assert second.pages["index.md"].parsed is first.pages["index.md"].parsed
    assert second.pages["episodes/intro.md"].parsed is not first.pages["episodes/intro.md"].parsed
    assert not second.pages["episodes/intro.md"].parsed.unclosed_divs


def test_lint_does_not_import_jinja2_or_a_parser_when_warm(lesson):
    lint_json(str(lesson))  # warm the cache
    code = ("import sys\nfrom lessonkit.cli import main\ntry:\n    main(['lint', sys.argv[1]])\nexcept SystemExit:\n"
            "    pass\nprint(sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'markdown_it', 'mdit_py_plugins', 'pygls')))")
    done = subprocess.run([sys.executable, "-c", code, str(lesson)], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr


def test_jobs_give_the_serial_report(tmp_path, monkeypatch):
    monkeypatch.delenv("LESSONKIT_CACHE_DIR", raising=False)
    lessons = [str(write_lesson(tmp_path / f"lesson{i}", {"episodes/intro.md": BROKEN if i % 2 else episode("Fine.\n")}))
               for i in range(4)]
    serial = lint_json("--no-cache", "--jobs", "1", *lessons)
    assert lint_json("--no-cache", "--jobs", "3", *lessons) == serial
    assert lint_json("--jobs", "2", *lessons) == serial


@pytest.mark.slow
def test_corpus_warm_equals_cold(corpus_folder, tmp_path):
    lessons = [str(p) for p in corpus_lessons(corpus_folder)]
    env = {"LESSONKIT_CACHE_DIR": str(tmp_path / "cache")}
    cold = lint_json("--no-cache", *lessons)
    assert lint_json(*lessons, env=env) == cold  # writes the cache
    assert lint_json(*lessons, env=env) == cold  # reads it
    assert lint_json("--jobs", "2", *lessons, env=env) == cold
