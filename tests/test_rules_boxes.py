"""Box structure (LK104's answers, LK107, LK108, LK109): challenges whose title, question or
answer sits outside the box, as the built page shows them (sandpaper's filter,
../shared/oracle/lesson.lua) and as fixed."""

from __future__ import annotations

import re
import textwrap

import pytest

from built_page import LUA_FILTER, html_tokens, read_built_page, render_pages
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


def built(texts: list[str], tmp_path) -> list:
    """The built pages of the texts, as HTML tokens to compare."""
    if not LUA_FILTER.is_file():
        pytest.skip(NEEDS["oracle"])
    return [html_tokens(render.html) for render in render_pages([t.encode() for t in texts], tmp_path / "renders")]


# --- LK104 div-misplaced: where a solution stands ------------------------------------------------

CHALLENGE = "## Part\n\n::: challenge\n### Sum\n\nAdd up 1 and 2.\n"
ANSWERS = "::: hint\nUse +.\n:::\n\n::: solution\nIt is 3.\n:::\n"


@pytest.mark.parametrize("answers", [ANSWERS, "::: solution\nIt is 3.\n:::\n"])
def test_an_answer_right_after_its_challenge_builds_the_same_page(lesson_dir, tmp_path, answers):
    # the filter moves every answer out of the challenge to just after its box (challenge_block)
    after = episode(CHALLENGE + ":::\n\n" + answers)
    nested = episode(CHALLENGE + "\n" + answers + ":::\n")
    assert lint_findings(lesson_dir({EP: after}), "LK1") == []
    first, second = built([after, nested], tmp_path)
    assert first == second


def test_an_answer_after_a_discussion_or_in_another_box_passes(lesson_dir, tmp_path):
    discussion = "::: discussion\n### Why?\n\nTalk about it.\n:::\n\n::: solution\nBecause.\n:::\n"
    callout = ("::: callout\n## Git not detected\n\nRStudio may not find Git. See the solution below:\n\n"
               "::: solution\n## Solution\nSet the path to git.\n:::\n:::\n")
    instructor = "::: instructor\nAsk the room first.\n\n::: hint\nPoint at the prompt.\n:::\n:::\n"
    root = lesson_dir({EP: episode(discussion + "\n" + callout + "\n" + instructor)})
    assert lint_findings(root, "LK1") == []
    [page] = built([episode(callout)], tmp_path)
    around = divs_around(page, "Set the path to git.")
    assert around[0] == "callout" and "accordion challenge-accordion accordion-flush" in around


def divs_around(tokens: list, text: str) -> list[str]:
    """The classes of the divs that hold the text, outermost first."""
    stack = []
    for token in tokens:
        if token[:2] == ("start", "div"):
            stack.append(dict(token[2]).get("class", ""))
        elif token[:2] == ("end", "div"):
            stack.pop()
        elif token == ("text", text):
            return stack
    raise AssertionError(f"{text!r} is not on the page")


@pytest.mark.parametrize("between", ["Here is how to do it.\n\n", "## Another section\n\n", ""])
def test_an_answer_away_from_any_challenge_is_an_error(lesson_dir, between):
    body = (CHALLENGE + ":::\n\n" + between if between else "Add up 1 and 2.\n\n") + "::: solution\nIt is 3.\n:::\n"
    [finding] = lint_findings(lesson_dir({EP: episode(body)}), "LK1")
    assert finding.code == "LK104" and finding.severity == "error"
    assert finding.message.startswith("'solution' is not inside a challenge, nor right after one")


# --- LK109 solution-as-collapsible ---------------------------------------------------------------

SCRIPTS = ("Submit the script with your scheduler.\n\n```r\nlibrary(pbdMPI)\n```\n\n"
           "::: solution\n## Slurm\n\n```bash\nsbatch job.sh\n```\n:::\n\n"
           "::: solution\n## PBS\n\n```bash\nqsub job.sh\n```\n:::\n")


def test_titled_solutions_after_no_challenge_are_collapsibles(lesson_dir, tmp_path):
    findings = lint_findings(lesson_dir({EP: episode(SCRIPTS)}), "LK1")
    assert codes_at(findings) == [("LK109", EP, 13), ("LK109", EP, 21)]
    assert {f.severity for f in findings} == {"warning"}
    assert findings[0].message == ("'solution' titled 'Slurm' stands on its own, after no challenge: the built page "
                                   "shows a collapsible section styled as an answer where nothing was asked; for "
                                   "alternatives side by side (here with 'PBS'), use 'group-tab' or 'tab'; for one "
                                   "collapsible section, 'spoiler'")
    [page] = built([episode(SCRIPTS)], tmp_path)
    assert ("start", "button", (("aria-controls", "collapseSolution1"), ("aria-expanded", "false"),
                                ("class", "accordion-button solution-button collapsed"),
                                ("data-bs-target", "#collapseSolution1"), ("data-bs-toggle", "collapse"),
                                ("type", "button"))) in page
    assert ("text", "Slurm") in page
    one = "Run it.\n\n::: hint\n## On a laptop\n\nUse `mpirun`.\n:::\n"
    [finding] = lint_findings(lesson_dir({EP: episode(one)}, name="one"), "LK1")
    assert finding.code == "LK109" and finding.message.endswith("for a collapsible section, use 'spoiler'")


@pytest.mark.parametrize("title", ["## Solution", "## Solution 2", "### Lösung", "## Show me the solution"])
def test_a_solution_titled_as_an_answer_is_lk104s(lesson_dir, title):
    body = f"What is 1 + 2?\n\n::: solution\n{title}\n\n3\n:::\n"
    assert [f.code for f in lint_findings(lesson_dir({EP: episode(body)}), "LK1")] == ["LK104"]


def test_collapsibles_on_other_pages_and_in_challenges_pass(lesson_dir):
    root = lesson_dir({"learners/setup.md": "---\ntitle: Setup\n---\n\n" + SCRIPTS,
                       EP: episode("::: challenge\nRun it.\n\n::: solution\n## Slurm\n\n`sbatch`\n:::\n:::\n")})
    assert lint_findings(root, "LK109") == []


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


@pytest.mark.parametrize("code", ["LK104", "LK107", "LK108", "LK109"])
def test_documented_examples_behave_as_documented(lesson_dir, code):
    for label in ("Fails", "Passes"):
        match = re.search(label + r"[^\n]*:\n\n((?:    .*\n|\n)+)", find_rule(code).doc + "\n")
        example = textwrap.dedent(match.group(1)).strip() + "\n"
        found = lint_findings(lesson_dir({EP: episode(example)}, name=f"{code}-{label}"), code)
        assert bool(found) == (label == "Fails"), (code, label)
