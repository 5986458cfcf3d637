"""The lesson model as an editor uses it: one page's text replaced (Lesson.with_text), the parse
cache across loads, and where a lesson is found."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import BASIC_EPISODE, write_lesson
from lessonkit.cache import MemoryCache
from lessonkit.errors import LessonError
from lessonkit.lesson import find_root, load_lesson
from lessonkit.lint import lint_lesson
from lessonkit.settings import load_settings


@pytest.fixture
def lesson(tmp_path):
    root = write_lesson(tmp_path / "lesson", {"episodes/second.md": BASIC_EPISODE.replace("## Section", "## Results"),
                                              "links.md": "[home]: https://example.org\n"})
    with open(root / "config.yaml", "a", encoding="utf-8") as stream:
        stream.write("- second.md\n")
    return root


@pytest.fixture
def parses(monkeypatch):
    """The bodies parse_page is called on, in order."""
    import lessonkit.markdown.parser as parser

    seen = []
    real = parser.parse_page

    def counting(body, references):
        seen.append(body)
        return real(body, references)

    monkeypatch.setattr(parser, "parse_page", counting)
    return seen


def test_with_text_parses_only_that_page_and_shares_the_rest(lesson, parses):
    old = load_lesson(lesson)
    intro = lesson / "episodes" / "intro.md"
    parses.clear()
    text = BASIC_EPISODE.replace("## Section", "## Renamed")
    new = old.with_text(intro, text)
    assert len(parses) == 1 and "## Renamed" in parses[0]
    assert new.page("episodes/intro.md").text == text
    assert [h.text for h in new.page("episodes/intro.md").parsed.headings] == ["Renamed"]
    for rel, page in old.pages.items():
        if rel != "episodes/intro.md":
            assert new.pages[rel] is page
    assert [p.rel for p in new.episodes] == [p.rel for p in old.episodes]
    assert new.episodes[0] is new.page("episodes/intro.md")
    # the old lesson is as it was: what was linted of it stays true
    assert old.page("episodes/intro.md").text == BASIC_EPISODE
    assert old.site is not new.site


def test_with_text_lints_as_a_fresh_load(lesson):
    intro = lesson / "episodes" / "intro.md"
    text = BASIC_EPISODE.replace("Text.", "See [results](second.md#nowhere).\nSome text.\n::: callout\nHi.\n:::")
    incremental = load_lesson(lesson).with_text(intro, text)
    fresh = load_lesson(lesson, {intro.resolve(): text})
    settings = load_settings(fresh)
    assert lint_lesson(incremental, settings).findings == lint_lesson(fresh, settings).findings
    assert {f.code for f in lint_lesson(incremental, settings).findings} >= {"LK105", "LK202"}


def test_with_text_declines_what_changes_more_than_one_page(lesson):
    current = load_lesson(lesson)
    assert current.with_text(lesson / "config.yaml", "title: x\n") is None
    assert current.with_text(lesson / "links.md", "[home]: https://example.com\n") is None
    assert current.with_text(lesson / "README.md", "# Readme\n") is None
    assert current.with_text(lesson / "episodes" / "new.md", "# New\n") is None


def test_a_warm_cache_parses_nothing_again(lesson, parses):
    cache = MemoryCache()
    load_lesson(lesson, cache=cache)
    first = len(parses)
    load_lesson(lesson, cache=cache)
    assert len(parses) == first


def test_memory_cache_trim_keeps_what_was_used_since(lesson, parses):
    cache = MemoryCache()
    intro = (lesson / "episodes" / "intro.md").resolve()
    current = load_lesson(lesson, cache=cache)
    for number in range(3):  # versions typed in the editor
        current = current.with_text(intro, BASIC_EPISODE + f"\nline {number}\n", cache)
    cache.trim()
    load_lesson(lesson, cache=cache)  # a full load uses the pages as they are on disk
    cache.trim()
    assert len(cache.pages) == len(current.pages)  # the typed versions are gone
    parses.clear()
    load_lesson(lesson, cache=cache)
    assert parses == []


def test_memory_cache_drops_the_least_recently_used(lesson):
    cache = MemoryCache(limit=2)
    references: dict = {}
    cache.put(None, "a", references, "A")
    cache.put(None, "b", references, "B")
    assert cache.get(None, "a", references) == "A"  # a is now the most recently used
    cache.put(None, "c", references, "C")
    assert cache.get(None, "b", references) is None
    assert cache.get(None, "a", references) == "A" and cache.get(None, "c", references) == "C"


def test_a_folder_without_config_yaml_is_no_lesson_and_its_pages_say_which(tmp_path):
    root = write_lesson(tmp_path / "bare", {"episodes/intro.md": BASIC_EPISODE, "learners/setup.md": "Setup.\n"},
                        basic=False)
    for page in (root, root / "episodes" / "intro.md", root / "learners" / "setup.md"):
        with pytest.raises(LessonError) as refused:
            find_root(page)
        assert refused.value.path == root.resolve() and "has episodes/ but no config.yaml" in refused.value.message


def test_every_rule_is_registered_after_one_rule_module_was_imported():
    """The language server imports a rule module (for the div classes) before any lint."""
    from lessonkit.rules import all_rules

    code = "import lessonkit.rules.divs\nfrom lessonkit.rules import all_rules\nprint(len(all_rules()))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(run.stdout) == len(all_rules()) > 30
