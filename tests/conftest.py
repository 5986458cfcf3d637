"""Shared test helpers: small lessons written into a temporary folder, and lint runs on them."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"  # beside the checkout (a git worktree must be a sibling of it)
CORPUS = SHARED / "corpus"  # 20 real lessons, every finding on them read
CORPUS_MORE = SHARED / "corpus-more"  # 40 more, kept apart (see its README)
CORPORA = {"corpus": CORPUS, "corpus-more": CORPUS_MORE}

# Why a test skips, said the same way wherever one does: `pytest -rs` lists the reasons.
NEEDS = {
    "corpus": "needs ../shared/corpus (the real lessons)",
    "corpus-more": "needs ../shared/corpus-more (more real lessons)",
    "oracle": "needs ../shared/oracle (sandpaper's Lua filter and pandoc call)",
    "chromium": "needs chromium (apt install chromium)",
    "sample lesson": "needs the sample lesson (lesson/ in the repository)",
}


def extra(name: str) -> str:
    """The reason of a test that needs a package of the test extra."""
    return f"needs {name} (pip install -e '.[test]')"


def shared(name: str) -> Path:
    """The folder ../shared/NAME, or a skip saying that the test needs it."""
    folder = SHARED / name
    if not folder.is_dir():
        pytest.skip(NEEDS[name])
    return folder

BASIC_CONFIG = """\
carpentry: incubator
title: Test lesson
life_cycle: beta
source: https://github.com/example/test-lesson
contact: team@example.org
episodes:
- intro.md
"""

BASIC_EPISODE = """\
---
title: Introduction
teaching: 10
exercises: 5
---

:::::::::::::::::::::::::::::::::::::: questions

- What is this?

::::::::::::::::::::::::::::::::::::::::::::::::

::::::::::::::::::::::::::::::::::::: objectives

- Learn this.

::::::::::::::::::::::::::::::::::::::::::::::::

## Section

Text.

::::::::::::::::::::::::::::::::::::: keypoints

- This is it.

::::::::::::::::::::::::::::::::::::::::::::::::
"""

BASIC_INDEX = """\
---
site: sandpaper::sandpaper_site
---

A lesson.

:::::::::::::::::::::::::::::::::::::::::: prereq

## Prerequisites

- Python

::::::::::::::::::::::::::::::::::::::::::::::::::
"""

BASIC_SETUP = """\
---
title: Setup
---

Install Python.
"""


@pytest.fixture(autouse=True, scope="session")
def cache_outside_the_lessons(tmp_path_factory):
    """Tests lint the corpus and the sample lesson: lessonkit's cache goes to a temporary folder
    instead of theirs (tests of the cache itself set or unset LESSONKIT_CACHE_DIR)."""
    os.environ["LESSONKIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("lessonkit-cache"))


def episode(body: str) -> str:
    """An episode page (title, 5 + 5 minutes) whose body starts on line 7."""
    return "---\ntitle: T\nteaching: 5\nexercises: 5\n---\n\n" + body


def summary_line(report: str) -> str:
    """The line of a text report that counts the findings (a line on fixes may follow it)."""
    return next(line for line in reversed(report.splitlines()) if line.startswith(("Found ", "No problems found")))


def write_lesson(root: Path, files: dict[str, str | bytes | None], basic: bool = True) -> Path:
    """Write a lesson: a basic clean lesson (config.yaml, index.md, one episode, setup.md)
    overlaid with files (path -> text, dedented; bytes written as is; None removes the file)."""
    base = {
        "config.yaml": BASIC_CONFIG,
        "index.md": BASIC_INDEX,
        "episodes/intro.md": BASIC_EPISODE,
        "learners/setup.md": BASIC_SETUP,
    } if basic else {}
    base.update(files)
    for name, content in base.items():
        path = root / name
        if content is None:
            if path.exists():
                path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture
def lesson_dir(tmp_path):
    """A function that writes a lesson (see write_lesson) under tmp_path and returns its root."""

    def make(files: dict | None = None, basic: bool = True, name: str = "lesson") -> Path:
        return write_lesson(tmp_path / name, files or {}, basic)

    return make


def lint_findings(root: Path, select: str | None = None, in_full: tuple[str, ...] = (), **settings):
    """Findings of a lint of the lesson at root, optionally only the selected rules; the pages in
    in_full (paths relative to root) are linted in full even if sandpaper does not build them,
    as when they are named on the command line."""
    from lessonkit.lesson import Lesson
    from lessonkit.lint import lint_lesson
    from lessonkit.settings import load_settings

    lesson = Lesson.load(root)
    chosen = load_settings(lesson)
    if select:
        chosen.select = [select]
    for key, value in settings.items():
        setattr(chosen, key, value)
    named = frozenset((root / rel).resolve() for rel in in_full)
    return lint_lesson(lesson, chosen, in_full=named).findings


def codes_at(findings) -> list[tuple[str, str, int]]:
    """(code, path relative to the lesson, line) of each finding, for compact assertions."""
    out = []
    for f in findings:
        parts = f.path.parts
        rel = "/".join(parts[parts.index("lesson") + 1 :]) if "lesson" in parts else f.path.name
        out.append((f.code, rel, f.line))
    return out


def corpus_lessons(folder: Path) -> list[Path]:
    """The lessons of a corpus folder (each has a config.yaml), by name."""
    return sorted(p for p in folder.iterdir() if (p / "config.yaml").is_file())


def corpus_pages(folder: Path) -> list[Path]:
    """Every page (.md, .Rmd) of the lessons of a corpus folder, by path."""
    return sorted(p for p in folder.glob("*/**/*") if p.suffix in (".md", ".Rmd") and p.is_file())


@pytest.fixture
def corpus():
    """The 20 lessons of ../shared/corpus."""
    return shared("corpus")


@pytest.fixture(scope="module")
def oracle() -> Path:
    """../shared/oracle, with sandpaper's Lua filter, or a skip saying the test needs it."""
    folder = shared("oracle")
    if not (folder / "lesson.lua").is_file():
        pytest.skip(NEEDS["oracle"])
    return folder


@pytest.fixture(params=list(CORPORA))
def corpus_folder(request) -> Path:
    """Each corpus folder in turn (../shared/corpus, then ../shared/corpus-more); a test of an
    absent folder skips."""
    return shared(request.param)
