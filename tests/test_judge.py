"""The judge (tests/judge.py): every rule has a claim check, each check passes the findings of a
lesson written here and fails made-up findings whose claim is false, the batched renders are
sandpaper's command line, and every finding on the 60 shared lessons passes its check or is a
documented exception."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import judge  # noqa: E402
from built_page import _command, as_sandpaper_reads, html_tokens, render_many  # noqa: E402
from conftest import BASIC_CONFIG, CORPUS, NEEDS, episode, write_lesson

from lessonkit.lesson import Lesson  # noqa: E402
from lessonkit.lint import lint_lesson  # noqa: E402
from lessonkit.rules import all_rules  # noqa: E402
from lessonkit.settings import load_settings  # noqa: E402

MORE = CORPUS.parent / "corpus-more"
EP = "episodes/intro.md"
N = "\u00a0"


@pytest.fixture(scope="module")
def cache(pytestconfig) -> Path:
    return Path(pytestconfig.cache.mkdir("judge"))


# --- the registry ----------------------------------------------------------------------------


def test_every_rule_has_a_claim_check_and_every_check_a_rule():
    codes = {rule.code for rule in all_rules()}
    assert sorted(codes - set(judge.CHECKS)) == [], "rules with no claim check in tests/judge.py"
    assert sorted(set(judge.CHECKS) - codes) == [], "claim checks of rules that do not exist"


def test_every_claim_check_has_a_case():
    assert sorted(set(judge.CHECKS) - set(CASES)) == [], "claim checks with no case below"


def test_every_check_is_documented():
    undocumented = sorted(code for code, check in judge.CHECKS.items() if not (check.__doc__ or "").strip())
    assert undocumented == []


# --- one case per rule: its findings pass, made-up ones fail ----------------------------------


@dataclass
class Case:
    """A lesson (files over the basic one) on which the rule finds something, and made-up
    findings, (path, line, column, message[, [end line,] end column]), whose claim is false."""

    files: dict
    false: list = field(default_factory=list)
    findings: int = 1  # how many findings of the rule the lesson has
    false_files: dict | None = None  # the lesson of the made-up findings, when not the same


def ep(body: str) -> dict:
    return {EP: episode(body)}


CONFIG_EPISODES = BASIC_CONFIG.replace("- intro.md\n", "- intro.md\n- loops.md\n")
LOOPS = {"episodes/loops.md": episode("## While loops\n\nText.\n")}
OTHER_ADDRESSES = BASIC_CONFIG.replace("source: https://github.com/example/test-lesson\n",
                                       "source: 'https://github.com/swcarpentry/python-novice-gapminder'\n"
                                       "url: 'https://swcarpentry.github.io/python-novice-gapminder'\n")
STYLES_LINKS = ("See [the episode](https://github.com/example/test-lesson/blob/gh-pages/_episodes/01-intro.md) and "
                "[another lesson](https://github.com/swcarpentry/shell-novice/blob/gh-pages/_episodes/02-filedir.md).\n")
OWN_REMOTE = ('[core]\n\tbare = false\n[remote "origin"]\n'
              '\turl = git@github.com:BioNT-Training/python-novice-gapminder-it.git\n'
              '\tfetch = +refs/heads/*:refs/remotes/origin/*\n')

CASES: dict[str, Case] = {
    "LK001": Case({EP: b"\xff\xfe#\x00 \x00T\x00"}, [("index.md", 1, 1, "index.md: invalid UTF-8")]),
    "LK101": Case(ep("::: callout\nClosed.\n:::\n\n::: challenge\n## Sum\n\nAdd.\n"), [
        (EP, 7, 1, "Fenced div 'callout' opened here is never closed; pandoc closes it at the end of the page "
                   "(line 14), so everything up to there is inside this callout"),
        (EP, 11, 1, "Fenced div 'challenge' opened here is never closed; pandoc closes it at the end of the page "
                    "(line 12), so everything up to there is inside this challenge")]),
    "LK102": Case(ep("::: callout\nText.\n:::\n:::\n"), [(EP, 9, 1, "Closing fence with no open div: pandoc shows it "
                                                                    "as text ':::'")]),
    "LK103": Case(ep("::: Challenge\n## T\n\nText.\n:::\n\n::: callout\n## C\n\nText.\n:::\n"), [
        (EP, 13, 1, "Unknown div class 'callout'"),
        (EP, 7, 1, "Unknown div class 'Challenge'; did you mean 'tip'?")]),
    "LK104": Case(ep("::: solution\nAnswer.\n:::\n\n::: challenge\n## Q\n\n::: solution\nA.\n:::\n:::\n\n"
                     "::: challenge\n## R\n:::\n\n::: hint\nH.\n:::\n\n::: solution\nS.\n:::\n\n"
                     "::: callout\n## Note\n\n::: solution\nFix.\n:::\n:::\n"), [
        (EP, 14, 1, "'solution' is not inside a challenge, nor right after one: it renders as a collapsible answer "
                    "with no exercise box around its question; put it inside the challenge it answers (or use "
                    "'spoiler' for a collapsible section)"),
        (EP, 24, 1, "'hint' is not inside a challenge, nor right after one: it renders as a collapsible answer "
                    "with no exercise box around its question; put it inside the challenge it answers"),
        (EP, 28, 1, "'solution' is not inside a challenge, nor right after one: it renders as a collapsible answer "
                    "with no exercise box around its question; put it inside the challenge it answers"),
        (EP, 35, 1, "'solution' is not inside a challenge, nor right after one: it renders as a collapsible answer "
                    "with no exercise box around its question; put it inside the challenge it answers"),
        (EP, 11, 1, "'challenge' inside a solution: close the solution (and the challenge) first")]),
    "LK109": Case(ep("Run the job.\n\n::: solution\n## Slurm\n\n`sbatch job.sh`\n:::\n\n::: challenge\n## Q\n"
                     ":::\n\n::: solution\n## PBS\n\n`qsub job.sh`\n:::\n"), [
        (EP, 9, 1, "'solution' titled 'PBS' stands on its own, after no challenge: the built page shows a collapsible "
                   "section styled as an answer where nothing was asked; for a collapsible section, use 'spoiler'"),
        (EP, 20, 1, "'solution' titled 'PBS' stands on its own, after no challenge: the built page shows a "
                    "collapsible section styled as an answer where nothing was asked; for a collapsible section, "
                    "use 'spoiler'")]),
    "LK105": Case(ep("Some text.\n::: callout\nNote.\n:::\n\nMore.\n\n::: callout\nA real one.\n:::\n"), [
        (EP, 14, 1, "Div opener '::: callout' directly under text is part of the paragraph; add a blank line above "
                    "it")]),
    "LK106": Case(ep("::: challenge extra\n## Loops\n:::\n\n::: callout\nFine.\n:::\n"), [
        (EP, 11, 1, "Malformed fence '::: callout': opener with more than one word after the colons is text to "
                    "pandoc; keep one class or use {.class} attributes")]),
    "LK201": Case({"config.yaml": CONFIG_EPISODES, **LOOPS,
                   **ep("See the [next episode](next.md) and the [loops](loops.md).\n")}, [
        (EP, 7, 41, "Link target 'loops.md' does not exist on the built site (no such page, nor file in fig/, files/ "
                    "or data/)"),
        (EP, 7, 9, "Link target 'next.md' does not exist on the built site (no such page, nor file in fig/, files/ "
                   "or data/); did you mean 'nowhere.md'?")]),
    "LK202": Case({**ep("## Loading data\n\nAs in [the section](#load-data) and [that](#loading-data).\n\n"
                        "[A commit](../learners/reference.md#commit) and "
                        "[morphology](../learners/reference.md#Morphological operations).\n"),
                   "learners/reference.md": "---\ntitle: Glossary\n---\n\ncommit\n:   To record.\n\n"
                                            "<h5 id=\"morph\">Morphological Operations</h5>\n\nShapes.\n"}, [
        (EP, 9, 36, "Anchor '#loading-data' matches no id in this page; link to a heading id or add {#loading-data} "
                    "to the target"),
        (EP, 9, 7, "Anchor '#load-data' matches no id in this page; did you mean '#elsewhere'?"),
        (EP, 11, 48, "Anchor '#Morph ops' matches no id in learners/reference.md; did you mean '#morph'?"),
        (EP, 11, 1, "Anchor '#commit' matches no id in learners/reference.md; 'record' (learners/reference.md:6) is a "
                    "definition-list term, and pandoc gives a term no id: write the term as '[record]{#commit}'")],
                  findings=3),
    "LK203": Case(ep("![](fig/a.png)\n\n![A plot](fig/b.png)\n"), [
        (EP, 9, 1, "Image 'fig/b.png' has no alternative text; describe it in the brackets, or add {alt=\"\"} if it "
                   "is purely decorative")]),
    "LK204": Case(ep("Read [here](https://example.org/data) about the [here](https://cran.r-project.org/package=here) "
                     "package.\n"), [
        (EP, 7, 49, "Link text 'here' does not say where the link leads; use the name of the target instead")]),
    "LK205": Case(ep("Get the [data](http://www.gapminder.org/data/), or [this](https://www.gapminder.org/).\n"), [
        (EP, 7, 52, "Link 'https://www.gapminder.org/' uses http://; use https:// (check that the site answers on it)"),
        (EP, 7, 52, "Link 'http://www.gapminder.org/data/' uses http://; use https:// (check that the site answers on "
                    "it)"),
        (EP, 7, 1, "Bare URL 'http://nowhere.org/' uses http:// (pandoc makes it a link); use https://")]),
    "LK206": Case(ep("Use the [shell lesson][shell] and the [python lesson][py].\n\n[py]: https://example.org/\n"), [
        (EP, 7, 39, "Reference link label 'py' is not defined in this page or links.md; pandoc shows the brackets "
                    "as text. Add '[py]: URL' to links.md or fix the label")]),
    "LK207": Case({**ep("![Plot](/fig/plot.png) and ![Plot](fig/plot.png)\n"), "episodes/fig/plot.png": b"png"}, [
        (EP, 7, 28, "Image target 'fig/plot.png' starts at the server root, which is outside the lesson when it is "
                    "served under a sub-path; use a relative path such as 'fig/plot.png'")]),
    "LK208": Case(ep("See the [docs]() and the [site](https://example.org/).\n"), [
        (EP, 7, 26, "Link 'site' has an empty target; fill in the URL or remove the link")]),
    "LK209": Case({"config.yaml": CONFIG_EPISODES, **LOOPS, **ep("See [loops](loops) and [more](loops.md).\n")}, [
        (EP, 7, 24, "Link target 'loops.md' has no extension: it reaches loops.html only where the server adds "
                    "'.html' (GitHub Pages does), not in sandpaper's preview or an offline copy; write 'loops.md'"),
        (EP, 7, 5, "Link target 'loops' has no extension: it names it as a folder, 'loops/', which the site does not "
                   "have: GitHub Pages answers 404 there too (it serves loops.html only for 'loops'), as do "
                   "sandpaper's preview and an offline copy; write 'loops.md'")]),
    "LK210": Case(ep("Follow the [shell lesson] [shell] and the [python lesson][shell].\n\n"
                     "[shell]: https://example.org/\n"), [
        (EP, 7, 43, "'[python lesson] [shell]' is two bracket groups for pandoc, not one reference link as kramdown "
                    "read it: pandoc prints '[python lesson]' as text, brackets and all, and links only 'shell'; "
                    "write '[python lesson][shell]'")]),
    "LK211": Case(ep("![A plot](fig/a.png) {width=50%}\n\n![B](fig/b.png){width=50%}\n"), [
        (EP, 9, 16, "pandoc prints '{width=50%}' as text: attributes must follow the image's ')' directly, with no "
                    "space or line break between, so the image gets none of them", 27)]),
    "LK301": Case({EP: "---\ntitle: T\nteaching: 5\nexercises: 5\n\nNo closing fence.\n",
                   "learners/setup.md": "---\ntitle: Setup\n---\n\nInstall.\n"}, [
        ("learners/setup.md", 1, 1, "Front matter is never closed: add a line '---' after its last key"),
        ("learners/setup.md", 1, 1, "Front matter fence '---' is not exactly '---': sandpaper looks for a line '---' "
                                    "and reads past this header; write '---' with nothing after it")]),
    "LK302": Case({EP: "---\nteaching: 5\nexercises: 5\n---\n\nText.\n",
                   "profiles/ana.md": "---\nabout: Ana\n---\n\nAna records.\n"}, [
        ("learners/setup.md", 1, 1, "No 'title' in the front matter: add 'title: ...' (sandpaper uses it as the page "
                                    "heading and in the menu)"),
        ("profiles/ana.md", 1, 1, "No 'title' in the front matter: add 'title: ...' (sandpaper uses it as the page "
                                  "heading and in the menu)")]),
    "LK303": Case({EP: "---\ntitle: T\nteaching: 1:30\nexercises: 5\n---\n\nText.\n"}, [
        (EP, 4, 1, "'exercises' '5' is not a whole number of minutes; sandpaper counts 5 minutes instead: write a "
                   "whole number of minutes"),
        (EP, 1, 1, "No 'teaching' time in the front matter: sandpaper counts 5 minutes for it; add teaching: N with "
                   "the minutes")]),
    "LK304": Case({**ep("::: questions\n- Why?\n:::\n\n::: objectives\n- Learn.\n:::\n\n## Section\n"),
                   "config.yaml": BASIC_CONFIG + "- part.Rmd\n",
                   "episodes/part.Rmd": episode("::: questions\n- Why?\n:::\n\n```{r, child='files/end.md'}\n```\n"),
                   "episodes/files/end.md": "## End\n\n::: keypoints\n- Done.\n:::\n"}, [
        (EP, 15, 1, "Episode has no 'objectives' block (sandpaper shows it in the overview box): add a '::: "
                    "objectives' div after the questions"),
        ("episodes/part.Rmd", 12, 1, "Episode has no 'keypoints' block (sandpaper shows it in the summary page): add "
                                     "a '::: keypoints' div at the end of the episode")], findings=2),
    "LK401": Case(ep("# Loops\n\nText.\n\n::: callout\n# A box title\n\nText.\n:::\n\n## Fine\n"), [
        (EP, 12, 1, "Level-1 heading 'A box title': the page title is the level 1; use '##' for a section"),
        (EP, 17, 1, "Level-1 heading 'Fine': the page title is the level 1; use '##' for a section")], findings=1),
    "LK402": Case({**ep("## Loops\n\n#### For loops\n\n### While\n\n::: callout\n## Note\n:::\n\n#### After\n\n"
                        "###### Deep\n"),
                   "config.yaml": BASIC_CONFIG + "- card.md\n- box.md\n",
                   "episodes/card.md": episode("::: questions\n- Q?\n:::\n\n::: objectives\n- O.\n:::\n\n"
                                               "### First\n\n## Real\n\n### Part\n"),
                   "episodes/box.md": episode("::: callout\n## Tip\n:::\n\n### First\n\n## Real\n")}, [
        (EP, 11, 1, "Heading level 3 follows level 2, skipping level 3: use ### or add the missing level"),
        (EP, 9, 1, "Heading level 4 follows level 1 (the page title), skipping level 2: use ## or add the missing "
                   "level"),
        (EP, 17, 1, "Heading level 4 follows level 2, skipping level 3: use ### or add the missing level"),
        ("episodes/card.md", 19, 1, "The episode's first section is a level-3 heading: on the built page it reads as "
                                    "part of the Overview box above it (an h2), and the sidebar, which lists the "
                                    "episode's level-2 sections, leaves it out: use ##"),
        (EP, 11, 1, "The episode's first section is a level-3 heading: on the built page it reads as part of the "
                    "Overview box above it (an h2), and the sidebar, which lists the episode's level-2 sections, "
                    "leaves it out: use ##"),
        ("episodes/box.md", 13, 1, "The episode's first section is a level-2 heading: with no level-2 heading above "
                                   "it: the sidebar, which lists the episode's level-2 sections, leaves it out: use "
                                   "##")], findings=4),
    "LK403": Case(ep("##\n\nText.\n\n## Full\n"), [
        (EP, 11, 1, "Heading has no text: write its text or remove the heading marks")]),
    "LK404": Case(ep("## Setup\n\nText.\n\n## Setup\n\nMore.\n\n## Part A\n\n> ## Exercise\n>\n> A.\n\n"
                     "## Part B\n\n> ## Exercise\n>\n> B.\n"), [
        (EP, 23, 1, "Heading 'Exercise' repeats the heading of line 17 in the same section: give it a distinct "
                    "title")]),
    "LK405": Case(ep("Most versions work, but:\n- For Keras, use 2.4.\n- For sklearn, 1.0.\n\nA list:\n\n- One.\n"), [
        (EP, 13, 1, "List item directly under a line of text: pandoc renders it as part of that paragraph; add a blank "
                    "line above it")]),
    "LK406": Case(ep(f"1. one\n2. two\n\n{N * 3}under two\n\nSome text.\n\n{N * 4}More words, indented by a word "
                     "processor.\n"), [
        (EP, 10, 1, "Indented with no-break spaces (U+00A0), which pandoc reads as text, not indentation: this line "
                    "is paragraph text, where ordinary spaces would make it part of the list item on line 7; replace "
                    "them with spaces"),
        (EP, 14, 1, "Indented with no-break spaces (U+00A0), which pandoc reads as text, not indentation: this line "
                    "is paragraph text, where ordinary spaces would make it a list item; replace them with spaces")],
        findings=2),
    "LK407": Case(ep("What can go wrong?\n\n- - -\n## Data management\n\nText.\n\n- - -\n\n## After\n"), [
        (EP, 7, 1, "pandoc reads lines 7-14 as a multiline table, so the heading '## After' (line 16) is text in its "
                   "cells; if the dashes are meant as a horizontal rule, leave a blank line after them (or write "
                   "***)")]),
    "LK501": Case({"config.yaml": "title: T\nepisodes:\n- intro.md\ntitle: Again\n"}, [
        ("config.yaml", 2, 1, "Key 'episodes' appears twice in config.yaml; R's YAML reader stops on duplicate keys: "
                              "keep one"),
        ("config.yaml", 1, 1, "config.yaml is not valid YAML (oops): fix it so that sandpaper can read it")]),
    "LK502": Case({"config.yaml": "carpentry: incubator\nlife_cycle: beta\nsource: https://github.com/e/l\n"
                                  "contact: a@b.org\nepisodes:\n- intro.md\n"}, [
        ("config.yaml", 1, 1, "config.yaml has no 'episodes' key (sandpaper stops with 'episodes is not listed'; list "
                              "the episode files in order, or leave it blank to take them all): add it"),
        ("config.yaml", 1, 1, "The lesson 'title' in config.yaml is empty: give the lesson a title")]),
    "LK503": Case({"config.yaml": BASIC_CONFIG.replace("life_cycle: beta", "life_cycle: beta-testing")}, [
        ("config.yaml", 4, 1, "'episodes: []' is an empty list, so the lesson is built with no episodes: list the "
                              "files, or leave it blank for all of them")]),
    "LK504": Case({"config.yaml": CONFIG_EPISODES}, [
        ("config.yaml", 6, 1, "'intro.md' is listed under 'episodes' but there is no episodes/intro.md: fix the name "
                              "or remove the entry")]),
    "LK505": Case({**LOOPS, "config.yaml": BASIC_CONFIG + "learners:\n- setup.md\n",
                   "learners/discuss.md": "---\ntitle: Discussion\n---\n\nFIXME\n",
                   "learners/reference.md": "---\ntitle: Reference\n---\n\n## Glossary\n"}, [
        (EP, 1, 1, "episodes/intro.md is not listed under 'episodes' in config.yaml, so sandpaper does not build it (a "
                   "draft): add it to the list when it is ready"),
        ("learners/discuss.md", 1, 1, "learners/discuss.md is not listed under 'learners' in config.yaml, so "
                                      "sandpaper does not build it; it has no front matter, so it reads as a planning "
                                      "note, not a page: leave it (put '<!-- lessonkit-disable-file -->' at its top to "
                                      "say so), or give it front matter and list it"),
        ("episodes/loops.md", 1, 1, "episodes/loops.md is not listed under 'episodes' in config.yaml, so sandpaper "
                                    "does not build it; it is sandpaper's placeholder page ('FIXME'), a leftover: "
                                    "delete it"),
        ("learners/setup.md", 1, 1, "learners/setup.md is not listed under 'learners' in config.yaml, so sandpaper "
                                    "does not build it (a draft): add it to the list when it is ready"),
        ("learners/reference.md", 1, 1, "learners/reference.md is not listed under 'learners' in config.yaml, so "
                                        "sandpaper does not build it, yet the menu of every page links its "
                                        "'Glossary' entry to instructor/instructor-notes.html, which leads nowhere "
                                        "without it: add it to the list (and write it, if it is still a "
                                        "placeholder)")], findings=3),
    "LK506": Case({"config.yaml": BASIC_CONFIG + "lifecycle: beta\n"}, [
        ("config.yaml", 3, 1, "Unknown config.yaml key 'life_cycle', which sandpaper ignores; did you mean "
                              "'life_cycle'?")]),
    "LK507": Case({"config.yaml": BASIC_CONFIG.replace("contact: team@example.org\n", "")}, [
        ("config.yaml", 1, 1, "config.yaml has no 'source': the 'Edit this page' and 'View source' links are broken; "
                              "add it")]),
    "LK601": Case({"index.md": "---\nsite: sandpaper::sandpaper_site\n---\n\nA lesson.\n"}, [
        ("index.Rmd", 1, 1, "No prerequisites block in the home page (there is no index.md nor index.Rmd): add a "
                            "'::: prereq' div with a '## Prerequisites' heading listing what learners need to know"),
        ("index.Rmd", 1, 1, "No prerequisites block in index.Rmd: add a '::: prereq' div with a '## Prerequisites' "
                            "heading listing what learners need to know"),
        ("index.Rmd", 5, 1, "The prerequisites are written as a section, not in a prerequisites block: sandpaper "
                            "shows only a '::: prereq' div as the home page's Prerequisite box; put the section inside "
                            "one")],
                  # an R Markdown lesson's home page, with the box: sandpaper knits index.Rmd to the home page
                  false_files={"index.md": None, "index.Rmd": "---\nsite: sandpaper::sandpaper_site\n---\n\n"
                                                              "::: prereq\n## Prerequisites\n\n- Some R.\n:::\n"}),
    "LK602": Case({"index.md": "---\nsite: sandpaper::sandpaper_site\n---\n\n::: prereq\n## Prerequisites\n:::\n"}, [
        (EP, 7, 1, "The prerequisites block ('prereq') has nothing but its heading: list what learners need to know "
                   "before the lesson inside it")]),
    "LK603": Case({"learners/setup.md": None}, [
        ("config.yaml", 1, 1, "No setup page: add learners/setup.md saying what learners install and download before "
                              "the lesson")], false_files={}),
    "LK604": Case({**ep("```python\nimport cv2\nimport numpy\n```\n"),
                   "learners/setup.md": "---\ntitle: Setup\n---\n\nInstall Python and `pip install numpy`.\n"}, [
        (EP, 9, 1, "Python package 'numpy' is used here but the setup page never gets learners to install it: tell "
                   "them to install 'numpy' in learners/setup.md")]),
    "LK701": Case({EP: "---\ntitle: T\nteaching: 80\nexercises: 40\n---\n\nText.\n"}, [
        (EP, 3, 1, "Episode takes 100 minutes (teaching 60 + exercises 40), longer than a 90-minute block, and marks "
                   "no break: add '::: instructor' with a '## BREAK' heading where a break fits, or split the "
                   "episode")]),
    "LK801": Case(ep("```\nls -l\n```\n\n```bash\nls\n```\n\nCall:\n\nprint(1)\n```\n\n```output\n1\n```\n\n"
                     "+-------+-----+\n| code  | out |\n+=======+=====+\n| ```   | x   |\n| x     |     |\n"
                     "| ```   |     |\n+-------+-----+\n"), [
        (EP, 11, 1, "Code block with no language: write the language after the fence (```bash, ```python, ```output, "
                    "...; ```text for plain text): sandpaper labels and highlights the languages pandoc knows, and "
                    "output"),
        (EP, 30, 3, "Code block with no language: write the language after the fence (```bash, ```python, ```output, "
                    "...; ```text for plain text): sandpaper labels and highlights the languages pandoc knows, and "
                    "output"),
        (EP, 7, 1, "This fence opens a code block whose first line is the fence '```output', shown in the block as "
                   "text")], findings=2),
    "LK802": Case(ep("- item:\n\n  ```/x.py:1: Warning:\n  more\n\n  call(\n  ```\n\nProse.\n\n```text\nfine\n```\n\n"
                     "```r\ny\n```\n\n```python\nx = 1\n\nNext.\n"), [
        (EP, 21, 1, "Code fence '```r' is never closed: pandoc shows it as text and reads the code below as "
                    "Markdown; add a closing fence after the code"),
        (EP, 9, 3, "This line starts like a code fence, but pandoc reads it as text: after '```' it takes one word "
                   "(the language) and {attributes}, not '/x.py:1: Warning:'; so the fence on line 12 that was to "
                   "close the block shows as text too, and the lines between are read as Markdown"),
        (EP, 17, 1, "This line starts like a code fence, but pandoc reads it as text: after '```' it takes one word "
                    "(the language) and {attributes}, not 'text'; so the fence on line 19 that was to close the "
                    "block shows as text too")], findings=2),
    "LK901": Case(ep("> ## Sum a list\n>\n> Add up.\n{: .challenge}\n\nSee {{ site.title }} and the "
                     "[setup]({{ page.root }}/setup.html).\n\n> ## Checklist\n> - done\n\n"
                     "> ### Custom plots\n\nTake five minutes.\n\n::: challenge\n\nSome ideas.\n:::\n\n"
                     "::: callout\n## Noted\n\nText.\n:::\n"), [
        (EP, 12, 38, "Liquid output '{{ page.root }}' from the styles template: sandpaper (pandoc) does not run Liquid "
                     "and shows it as text; write the value or a relative link"),
        (EP, 14, 1, "Block quote headed 'Checklist' is a styles box that sandpaper renders as a quotation: rewrite it "
                    "as a fenced div ('::: callout')"),
        (EP, 17, 1, "Block quote holding only the heading 'Custom plots' is the title of the 'callout' box on line 25, "
                    "which sandpaper titles 'Callout': ..."),  # the next box is the challenge
        (EP, 14, 1, "Block quote holding only the heading 'Checklist' is the title of the 'challenge' box on line 21, "
                    "which sandpaper titles 'Challenge': ...")],  # it holds more than the heading
                  findings=5),
    "LK107": Case(ep("## Sum a list\n\n::: challenge\nAdd up `[1, 2, 3]`.\n:::\n\n## Loops\n\nText.\n\n"
                     "::: challenge\n## Titled\n\nAdd.\n:::\n"), [
        (EP, 17, 1, "This challenge has no heading of its own, so sandpaper titles its box 'Challenge', and the "
                    "heading 'Loops' (line 13) just above it stays outside the box, a section holding only the box: "
                    "move the heading below the opener"),
        (EP, 9, 1, "This challenge has no heading of its own, so sandpaper titles its box 'Challenge', and the heading "
                   "'Loops' (line 13) just above it stays outside the box, a section holding only the box: move the "
                   "heading below the opener")]),
    "LK108": Case(ep("Add a `publishDir` directive.\n\n::: challenge\n\n::: solution\n`publishDir \"results\"`\n:::\n\n"
                     ":::\n\n::: challenge\nWhat is 2 + 2?\n\n::: solution\n4\n:::\n:::\n\n"
                     "::: challenge\n::: solution\nFive.\n:::\n:::\n"), [
        (EP, 17, 1, "This challenge holds nothing but its solution: the built page shows an empty box titled "
                    "'Challenge', then the solution's button, and the question stays outside the box: move the opener "
                    "above the question"),
        (EP, 9, 1, "This challenge holds nothing but its hint: the built page shows an empty box titled 'Challenge', "
                   "then the hint's button, and the question stays outside the box: move the opener above the "
                   "question"),
        (EP, 9, 1, "This challenge holds nothing but its solution: the built page shows an empty box titled "
                   "'Challenge', then the solution's button, and no question stands right above the box: write the "
                   "question in it, above the solution"),
        (EP, 25, 1, "This challenge holds nothing but its solution: the built page shows an empty box titled "
                    "'Challenge', then the solution's button, and the question stays outside the box: move the opener "
                    "above the question")], findings=2),
    "LK212": Case(ep("Read the [shell lesson] (https://example.org/shell/) and the [shell] (https://example.org/x/).\n\n"
                     "[shell]: https://example.org/\n\n## Loops\n\nSee [loops] (#loops) and [plan] (#the-plan).\n"), [
        (EP, 13, 5, "'[loops] (#loops)' is no link: pandoc reads a link only when '(' follows ']' directly, so the "
                    "page shows '[loops]' in brackets and '(#loops)' as text; remove the space"),  # the heading's link
        (EP, 13, 5, "'[loops] (#loops)' is no link: pandoc reads a link only when '(' follows ']' directly, so the "
                    "page shows '[loops]' in brackets and '(#loops)' as text; remove the space, and mend the target: "
                    "'#loops' leads nowhere on the built site"),
        (EP, 7, 10, "'[shell lesson] (https://example.org/shell/)' is no link: pandoc reads a link only when '(' "
                    "follows ']' directly, so the page shows '[shell lesson]' in brackets and "
                    "'(https://example.org/shell/)' as text; remove the space, and mend the target: "
                    "'https://example.org/shell/' leads nowhere on the built site"),
        (EP, 7, 62, "'[shell] (https://example.org/x/)' is no link: pandoc reads a link only when '(' follows ']' "
                    "directly, so the page shows '[shell]' in brackets and '(https://example.org/x/)' as text; remove "
                    "the space")], findings=2),
    "LK213": Case(ep("![pandas_join_types](fig/pandas_join_types.png)\n\n![Venn diagrams of joins](fig/joins.png)\n\n"
                     "![image001](fig/image001.png){alt=\"A map of the sites\"}\n"), [
        (EP, 9, 1, "Alternative text 'Venn diagrams of joins' is the image's file name: a screen reader announces the "
                   "name, not what the image shows; describe the image"),
        (EP, 11, 1, "Alternative text 'image001' is the image's file name: a screen reader announces the name, not "
                    "what the image shows; describe the image")]),
    "LK305": Case({"profiles/learner-profiles.md": "---\ntitle: FIXME\n---\n\nThis is a placeholder file. Please "
                                                   "add content here.\n",
                   "learners/reference.md": "---\ntitle: Glossary\n---\n\nFIXME\n\n```\nls\n```\n",
                   **ep("Loops repeat.\n\nFIXME\n\nMore text.\n")}, [
        ("learners/reference.md", 5, 1, "The page's only text is the lesson template's placeholder (the text "
                                        "'FIXME'), which the built site shows: write the page, or delete it (and its "
                                        "entry in config.yaml, if listed there)"),
        (EP, 11, 1, "The text 'More text.' is a placeholder of the lesson template, shown on the built page: write "
                    "what belongs there, or delete it"),
        (EP, 9, 1, "The page's only text is the lesson template's placeholder (the text 'FIXME'), which the built site "
                   "shows: write the page, or delete it (and its entry in config.yaml, if listed there)"),
        ("profiles/learner-profiles.md", 2, 1, "The title 'FIXME' is a placeholder of the lesson template, shown on "
                                               "the built page: write what belongs there, or delete it"),
        (EP, 2, 1, "The title 'FIXME' is a placeholder of the lesson template, shown on the built page: write what "
                   "belongs there, or delete it")],
        findings=3),
    "LK306": Case({"config.yaml": BASIC_CONFIG.replace("- intro.md\n", "- intro.md\n- loops.md\n- more.md\n"
                                                                     "- last.md\n"),
                   **{f"episodes/{name}.md": f"---\ntitle: {name}\nteaching: {minutes[0]}\nexercises: {minutes[1]}\n"
                                             "---\n\nText.\n"
                      for name, minutes in (("intro", (10, 2)), ("loops", (10, 2)), ("more", (10, 2)),
                                            ("last", (30, 10)))}}, [
        ("episodes/last.md", 3, 1, "teaching: 10 and exercises: 2 are the template's defaults, and 3 of the lesson's 4 "
                                   "episodes still have them: the schedule counts 12 minutes for this episode; write "
                                   "the minutes it takes"),
        (EP, 3, 1, "teaching: 10 and exercises: 2 are the template's defaults, and 3 of the lesson's 3 episodes still "
                   "have them: the schedule counts 12 minutes for this episode; write the minutes it takes")],
        findings=3),
    "LK408": Case(ep("Table: Markdown and what it renders.\n+-----+-----+\n| A   | B   |\n+=====+=====+\n"
                     "| 1   | 2   |\n+-----+-----+\n\nText.\n\n+-----+-----+\n| C   | D   |\n+=====+=====+\n"
                     "| 3   | 4   |\n+-----+-----+\n"), [
        (EP, 17, 1, "Grid table on lines 17-21 is directly under a line of text: pandoc reads it as part of that "
                    "paragraph and shows its borders as text; add a blank line above the table")]),
    "LK409": Case(ep("Then specify the file `microbes.csv.\n\nAnd `ls` lists files.\n"), [
        (EP, 9, 5, "This backtick (`) pairs with no other run of 1 in its paragraph, so pandoc shows it as a literal ` "
                   "and the text it was meant to mark is not code: add the missing backtick (or escape one meant as a "
                   "character as \\`)")]),
    "LK410": Case(ep("The ****shell**** is a program, and **bash** is one.\n"), [
        (EP, 7, 37, "pandoc reads no emphasis from a run of 2 '*' and shows '**bash**' with its *s: write **text** for "
                    "bold", 45)]),
    "LK411": Case(ep("Then plot $\\sqrt{x}$ and compare df$height and df$weight.\n\nOr plot $y = ax + b$.\n"), [
        (EP, 7, 11, "pandoc reads '$\\sqrt{x}$' as TeX math (sandpaper's reader takes $...$ for a formula), so the "
                    "page shows it in MathJax's italics, not as the text written: write code as code (`...`), or "
                    "escape the dollar signs (\\$)", 21),
        (EP, 9, 9, "pandoc reads '$y = ax + b$' as TeX math (sandpaper's reader takes $...$ for a formula), so the "
                   "page shows it in MathJax's italics, not as the text written: write code as code (`...`), or escape "
                   "the dollar signs (\\$)", 21)]),
    "LK508": Case({"config.yaml": BASIC_CONFIG + "carpentry_description: 'Lesson Description'\n"}, [
        ("config.yaml", 2, 1, "'title: Lesson Title' is the lesson template's placeholder: every page and the "
                              "browser's tab are titled 'Lesson Title'; give the lesson its title")]),
    "LK509": Case({"config.yaml": OTHER_ADDRESSES, ".git/config": OWN_REMOTE}, [
        ("config.yaml", 4, 1, "'source' names swcarpentry/python-novice-gapminder, but this lesson's git remote is "
                              "example/other-lesson: every page's 'Edit this page' and 'View source' links lead there; "
                              "write this lesson's own address (https://github.com/example/other-lesson)"),
        ("config.yaml", 5, 1, "'url' names python-novice-gapminder-it, but this lesson's git remote is "
                              "BioNT-Training/python-novice-gapminder-it: every page's address in the site's metadata "
                              "(and its citation) is that lesson's site; write this lesson's own address "
                              "(https://biont-training.github.io/python-novice-gapminder-it)")], findings=2),
    "LK902": Case(ep(STYLES_LINKS), [
        (EP, 7, 99, "Link into this lesson's repository as the old styles template laid it out ('_episodes/'): the "
                    "move to the Workbench renamed the folder and made gh-pages the built site, so GitHub answers 404; "
                    "if it still exists, it is now episodes/02-filedir.md on the default branch"),
        (EP, 7, 5, "Link into this lesson's repository as the old styles template laid it out ('_episodes/'): the "
                   "move to the Workbench renamed the folder and made gh-pages the built site, so GitHub answers 404; "
                   "if it still exists, it is now episodes/01-intro.md on the default branch")],
        false_files={**ep(STYLES_LINKS), ".git/config": OWN_REMOTE}),
    "LK903": Case(ep("> Write code, not too much.\n>\n> Michael Koontz {:\n> .quotation}\n\n```\nx {:\n.y}\n```\n"), [
        (EP, 13, 3, "Kramdown attribute list '{: .y}' from the styles template, split over lines 13-14: sandpaper "
                    "shows it as text; delete it", 14, 4)]),
}


def _lesson(tmp_path, case: Case) -> Path:
    return write_lesson(tmp_path / "lesson", case.files)


def _verdicts(root: Path, code: str, cache: Path, extra=()):
    lesson = Lesson.load(root)
    findings = [f for f in lint_lesson(lesson, load_settings(lesson)).findings if f.code == code]
    renders = judge.Renders(cache)
    claims = judge.claims_of(lesson, findings, renders)
    made_up = [judge.Claim(code, root / rel, line, column, *_end(line, column, end), message, lesson, renders)
               for rel, line, column, message, *end in extra]
    verdicts = judge.judge(claims + made_up, renders)
    return verdicts[: len(claims)], verdicts[len(claims):]


def _end(line: int, column: int, end: list) -> tuple[int, int]:
    """A made-up finding's end: (end line, end column), an end column on its line, or its start."""
    return (end[0], end[1]) if len(end) == 2 else (line, end[0]) if end else (line, column)


@pytest.mark.parametrize("code", sorted(CASES))
def test_claim_check_passes_true_findings_and_fails_false_ones(oracle, cache, tmp_path, code):
    case = CASES[code]
    assert case.false, "a case needs made-up findings whose claim is false, or the check could pass anything"
    true, false = _verdicts(_lesson(tmp_path, case), code, cache, () if case.false_files is not None else case.false)
    if case.false_files is not None:
        _, false = _verdicts(write_lesson(tmp_path / "other", case.false_files), code, cache, case.false)
    assert len(true) == case.findings, [str(v) for v in true]
    assert [str(v) for v in true if v.problem] == []
    assert [str(v) for v in false if not v.problem] == [], "made-up findings the check lets pass"
    # each fails on what the page shows, not on a place or message the check cannot read
    assert [str(v) for v in false if v.problem.startswith(("cannot judge", "the check failed"))] == []


def test_a_finding_whose_message_the_check_cannot_read_fails(oracle, cache, tmp_path):
    _, [verdict] = _verdicts(_lesson(tmp_path, CASES["LK402"]), "LK402", cache, [(EP, 9, 1, "Something else")])
    assert verdict.problem.startswith("cannot judge")


# --- the renders are sandpaper's --------------------------------------------------------------

SANDPAPER_PAGE = ("---\ntitle: T\n---\n\n::: callout\n## Note\n\nNo. 3 and e.g. this, c. 1990.\n:::\n\n"
                  "| a | b |\n|---|---|\n| 1 | 2 |\n\n\tindented with a tab\n\n- item\n\n"
                  "-------- -------\nA long   column\n-------- -------\n\n:::: challenge\n## Q\n\n"
                  "::: solution\nA.\n:::\n::::\n")


def test_batched_renders_are_sandpapers_command_line(oracle, tmp_path):
    data = ("\ufeff" + SANDPAPER_PAGE).replace("\n", "\r\n").encode("utf-8")
    [render] = render_many([("html", as_sandpaper_reads(data))], tmp_path / "cache")
    cli = subprocess.run(_command(), input=data, capture_output=True, check=True).stdout.decode("utf-8")
    assert html_tokens(render.html) == html_tokens(cli)
    [read] = render_many([("read", as_sandpaper_reads(data))], tmp_path / "cache")
    reading = subprocess.run([*_command()[:3], "--preserve-tabs", "--indented-code-classes=sh", "-t", "json"],
                             input=data, capture_output=True, check=True).stdout
    assert json.loads(read.html)["blocks"] == json.loads(reading)["blocks"]


# --- every finding on the 60 shared lessons -----------------------------------------------------


@pytest.mark.slow
def test_every_corpus_finding_passes_its_claim_check(oracle, cache):
    if not CORPUS.is_dir() or not MORE.is_dir():
        pytest.skip(NEEDS["corpus"] + " and " + NEEDS["corpus-more"][len("needs "):])
    roots = sorted(p for folder in (CORPUS, MORE) for p in folder.iterdir() if p.is_dir())
    assert len(roots) == 60
    start = time.perf_counter()
    checked, failed, problems = Counter(), Counter(), []
    seen = set()
    for root in roots:
        lesson = Lesson.load(root)
        renders = judge.Renders(cache)
        findings = lint_lesson(lesson, load_settings(lesson)).findings
        for verdict in judge.judge(judge.claims_of(lesson, findings, renders), renders):
            checked[verdict.claim.code] += 1
            if verdict.problem is None:
                continue
            failed[verdict.claim.code] += 1
            if verdict.key in judge.EXCEPTIONS:
                seen.add(verdict.key)
            else:
                problems.append(str(verdict))
    stale = sorted(set(judge.EXCEPTIONS) - seen)
    print(f"\njudge: {sum(checked.values())} findings on {len(roots)} lessons in {time.perf_counter() - start:.1f} s; "
          + ", ".join(f"{code} {checked[code]}" + (f" ({failed[code]} failed)" if failed[code] else "")
                      for code in sorted(checked)))
    assert not problems, f"{len(problems)} findings whose claim fails:\n" + "\n".join(problems)
    assert not stale, f"exceptions whose claim holds now (or that no longer exist): drop them: {stale}"


# --- the cases of issue 16, sections 3 and 4: what the rules say now holds on the built page ----

ISSUE_16 = {
    "config.yaml": CONFIG_EPISODES.replace("- loops.md\n", "- loops.md\n- quotes.md\n- 07-raster.md\n"),
    **LOOPS,
    "episodes/07-raster.md": episode("Rasters.\n"),
    EP: episode(
        "::: callout\n# Data tip\n\nText.\n:::\n\n"  # 7: a box title, no h1
        "x <- c(1, 2, 3)\n\n# compute the mean\nmean(x)\n\n"  # 13-16: a comment of unfenced code
        "The mean of the values\n- in this case the mean of the column - is 3.\n\n"  # 18-19: a wrapped dash
        f"1. one\n2. two\n\n{N * 3}under two\n\n"  # 21-24: the item on line 22
        f"Some text.\n\n{N * 4}More words, indented by a word processor.\n\n"  # 26-28: delete them
        "The [here](https://cran.r-project.org/package=here) package.\n\n"  # 30: names its target
        "See [rasters](07-raster/), the [setup]({{ page.root }}/setup.html) and "
        "[issues]({{ site.github.repository_url }}/issues).\n\n"  # 32
        "[Loops](loops.md#While-loops) and [this](#somewhere-else).\n"),  # 35
    "episodes/quotes.md": episode(
        "## Part A\n\n> ## Exercise\n>\n> A.\n\n## Part B\n\n> ## Exercise\n>\n> B.\n\n"  # 7-17: no duplicates
        "> ::: challenge\n> ## Sum\n>\n> Add.\n>\n> ::: solution\n> `sum(x)`\n> :::\n> :::\n\n"  # 19: a quoted box
        "> ## Checklist\n> - done\n"),  # 29: a checklist
    "learners/setup.md": "---\ntitle: Setup\n---\n\nSee the [shell lesson](https://swcarpentry.github.io/shell-novice/"
                         "#install-software).\n",
}
ISSUE_16_FINDINGS = {"LK201": 2, "LK202": 2, "LK204": 1, "LK209": 1, "LK401": 1, "LK406": 2, "LK901": 4}


def test_the_issue_16_cases_hold_on_the_built_page(oracle, cache, tmp_path):
    root = write_lesson(tmp_path / "lesson", ISSUE_16)
    lesson = Lesson.load(root)
    findings = lint_lesson(lesson, load_settings(lesson)).findings
    renders = judge.Renders(cache)
    verdicts = judge.judge(judge.claims_of(lesson, findings, renders), renders)
    assert [str(v) for v in verdicts if v.problem] == []
    shown = Counter(f.code for f in findings if f.code != "LK304")  # (the episodes have no questions)
    assert dict(shown) == ISSUE_16_FINDINGS, [(f.code, f.line, f.message) for f in findings]
    messages = " | ".join(f.message for f in findings)
    for said in ("among lines of code with no code fence", "part of the list item on line 22",
                 "delete the no-break spaces", "GitHub Pages answers 404 there too", "('../learners/setup.md')",
                 "'https://github.com/example/test-lesson/issues'", "did you mean '#while-loops'?",
                 "holds the fenced div '::: challenge'", "'::: checklist'"):
        assert said in messages
