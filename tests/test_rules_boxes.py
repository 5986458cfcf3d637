"""Box structure (LK107, LK108): challenges whose title or question sits outside the box, as
the built page shows them (sandpaper's filter, ../shared/oracle/lesson.lua) and as fixed."""

from __future__ import annotations

import re
import textwrap

import pytest

from built_page import LUA_FILTER, read_built_page, render_pages
from conftest import NEEDS, codes_at, episode, lint_findings
from lessonkit.rules import find_rule
from test_fix import fixed, fixes, renders_as_promised

EP = "episodes/intro.md"


def built_titles(text: str, tmp_path) -> list[str]:
    """The titles of the boxes on the built page."""
    if not LUA_FILTER.is_file():
        pytest.skip(NEEDS["oracle"])
    [render] = render_pages([text.encode()], tmp_path / "renders")
    return [heading.text for heading in read_built_page(render.html).headings if "callout-title" in heading.classes]


# --- LK107 challenge-title-outside ---------------------------------------------------------------

TITLE_ABOVE = "## Sum a list\n\n::: challenge\nAdd up `[1, 2, 3]`.\n:::\n\n## Loops\n\nText.\n"


def test_a_heading_alone_above_an_untitled_challenge(lesson_dir, tmp_path):
    [finding] = lint_findings(lesson_dir({EP: episode(TITLE_ABOVE)}), "LK107")
    assert codes_at([finding]) == [("LK107", EP, 9)]
    assert "titles its box 'Challenge'" in finding.message and "'Sum a list' (line 7)" in finding.message
    assert built_titles(episode(TITLE_ABOVE), tmp_path) == ["Challenge"]
    page, [repair] = fixes(tmp_path, TITLE_ABOVE, "LK107")
    assert not repair.safe
    renders_as_promised(page, repair, "LK107")
    after = fixed(tmp_path, TITLE_ABOVE, unsafe=True)
    assert after == episode("::: challenge\n## Sum a list\n\nAdd up `[1, 2, 3]`.\n:::\n\n## Loops\n\nText.\n")
    assert built_titles(after, tmp_path) == ["Sum a list"]


@pytest.mark.parametrize("body", [
    "## Exercises\n\n::: challenge\nOne.\n:::\n\n::: challenge\nTwo.\n:::\n",  # the section's heading
    "## Exercise\n\n::: challenge\nOne.\n:::\n\nMore text in the section.\n",
    "## Exercise\n\n::: challenge\n### Its own title\nOne.\n:::\n",
    "## Exercise\n\nIntro.\n\n::: challenge\nOne.\n:::\n",
    "## Exercise\n\n::: challenge\nOne.\n:::\n\n### A subsection\n",
    "::: instructor\n### A note's title\n\n::: challenge\nOne.\n:::\n:::\n",  # the button of the note
    "::: callout\n### A callout's title\n\n::: challenge\nOne.\n:::\n:::\n",
])
def test_a_heading_of_the_section_passes(lesson_dir, body):
    assert lint_findings(lesson_dir({EP: episode(body)}), "LK107") == []


# --- LK108 challenge-only-solution ---------------------------------------------------------------

ONLY_SOLUTION = ("## Add a publishDir directive\n\nAdd a `publishDir` directive to the process.\n\n"
                 "::: challenge\n\n::: solution\n`publishDir \"results\"`\n:::\n\n:::\n\n### Recap\n\nText.\n")


def test_a_challenge_that_holds_only_its_solution(lesson_dir, tmp_path):
    [finding] = lint_findings(lesson_dir({EP: episode(ONLY_SOLUTION)}), "LK108")
    assert codes_at([finding]) == [("LK108", EP, 11)]
    assert "empty box titled 'Challenge'" in finding.message
    assert built_titles(episode(ONLY_SOLUTION), tmp_path) == ["Challenge"]
    page, [repair] = fixes(tmp_path, ONLY_SOLUTION, "LK108")
    renders_as_promised(page, repair, "LK108")
    after = fixed(tmp_path, ONLY_SOLUTION, unsafe=True)
    assert after == episode("## Add a publishDir directive\n\n::: challenge\n\nAdd a `publishDir` directive to the "
                            "process.\n\n\n::: solution\n`publishDir \"results\"`\n:::\n\n:::\n\n### Recap\n\nText.\n")


def test_a_challenge_of_only_its_solution_under_another_box_has_no_question_to_take_in(lesson_dir):
    body = "::: challenge\nFirst.\n:::\n\n::: challenge\n\n::: solution\nTwo.\n:::\n\n:::\n"
    [finding] = lint_findings(lesson_dir({EP: episode(body)}), "LK108")
    assert codes_at([finding]) == [("LK108", EP, 11)]
    assert "no question stands right above the box: write the question in it" in finding.message
    assert "move the opener" not in finding.message and finding.fix is None


@pytest.mark.parametrize("body", [
    "::: challenge\n## What does `Fr[ea]nc[eh]` match?\n\n::: solution\nFrance.\n:::\n:::\n",  # the title asks
    "::: challenge\nQuestion?\n\n::: solution\nAnswer.\n:::\n:::\n",
    "::: challenge\nQuestion?\n:::\n",
])
def test_a_challenge_with_its_question_passes(lesson_dir, body):
    assert lint_findings(lesson_dir({EP: episode(body)}), "LK108") == []


def test_no_fix_without_a_question_above(tmp_path):
    _, [repair] = fixes(tmp_path, "## Task\n\n::: challenge\n::: solution\nA.\n:::\n:::\n", "LK108")
    assert repair is None


@pytest.mark.parametrize("code", ["LK107", "LK108"])
def test_documented_examples_behave_as_documented(lesson_dir, code):
    for label in ("Fails", "Passes"):
        match = re.search(label + r"[^\n]*:\n\n((?:    .*\n|\n)+)", find_rule(code).doc + "\n")
        example = textwrap.dedent(match.group(1)).strip() + "\n"
        found = lint_findings(lesson_dir({EP: episode(example)}, name=f"{code}-{label}"), code)
        assert bool(found) == (label == "Fails"), (code, label)
