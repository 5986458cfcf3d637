"""Template leftovers (LK305, LK306, LK508) and what they stand on: the lesson's own git remotes
(Disk.git_remotes, Lesson.remotes) and the repository an address names (lessonkit.repository)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import BASIC_CONFIG, codes_at, episode, lint_findings
from lessonkit.cli import main
from lessonkit.disk import Disk
from lessonkit.fix import fix_lesson
from lessonkit.lesson import Lesson
from lessonkit.repository import Repository, repository, site
from lessonkit.settings import load_settings

EP = "episodes/intro.md"
PLACEHOLDER_PROFILE = "---\ntitle: FIXME\n---\n\nThis is a placeholder file. Please add content here.\n"
TEMPLATE_SOURCE = BASIC_CONFIG.replace("https://github.com/example/test-lesson",
                                       "'https://github.com/carpentries/workbench-template-md' # FIXME")


def git_config(remotes: dict[str, str]) -> str:
    sections = (f'[remote "{name}"]\n\turl = {url}\n\tfetch = +refs/heads/*:refs/remotes/{name}/*\n'
                for name, url in remotes.items())
    return "[core]\n\tbare = false\n" + "".join(sections)


# --- the lesson's own repository -----------------------------------------------------------------


@pytest.mark.parametrize("address, expected", [
    ("https://github.com/swcarpentry/shell-novice", ("github.com", "swcarpentry", "shell-novice")),
    ("https://github.com/carpentries-incubator/docker-introduction/",
     ("github.com", "carpentries-incubator", "docker-introduction")),
    ("git@github.com:BioNT-Training/hpc-intro-de.git", ("github.com", "BioNT-Training", "hpc-intro-de")),
    ("ssh://git@github.com/unode/shell-novice-french.git", ("github.com", "unode", "shell-novice-french")),
    ("https://github.com/owner/name/tree/main/episodes", ("github.com", "owner", "name")),
    ("https://gitlab.com/group/sub/lesson.git", ("gitlab.com", "group/sub", "lesson")),
    ("https://gitlab.com/group/lesson/-/tree/main", ("gitlab.com", "group", "lesson")),
])
def test_repository_addresses(address, expected):
    found = repository(address)
    assert (found.host, found.owner, found.name) == expected


@pytest.mark.parametrize("address", ["https://github.com/owner", "../lesson.git", "/srv/x.git", "file:///x", ""])
def test_addresses_that_name_no_repository(address):
    assert repository(address) is None


def test_site_addresses():
    assert site("https://swcarpentry.github.io/shell-novice/") == site("https://swcarpentry.github.io/shell-novice")
    assert site("https://swcarpentry.github.io/shell-novice").name == "shell-novice"
    assert site("https://datacarpentry.org/python-ecology-lesson-es").owner is None
    assert site("https://owner.github.io").name == "owner.github.io"
    assert site("https://lesson.example.org/") is None
    assert Repository("github.com", "Owner", "name").pages_address == "https://owner.github.io/name"


def test_remotes_come_from_the_lessons_own_git_config(lesson_dir):
    root = lesson_dir({".git/config": git_config({"upstream": "https://github.com/a/original",
                                                  "origin": "git@github.com:b/copy.git"})})
    assert Disk().git_remotes(root) == [["upstream", "https://github.com/a/original"],
                                        ["origin", "git@github.com:b/copy.git"]]
    assert [r.slug for r in Lesson.load(root).remotes] == ["b/copy", "a/original"]  # origin first


def test_a_worktree_reads_the_remotes_of_its_repository(tmp_path, lesson_dir):
    main_git = tmp_path / "repo.git"
    (main_git / "worktrees" / "wt").mkdir(parents=True)
    (main_git / "config").write_text(git_config({"origin": "https://github.com/a/lesson"}), encoding="utf-8")
    (main_git / "worktrees" / "wt" / "commondir").write_text("../..\n", encoding="utf-8")
    root = lesson_dir({".git": f"gitdir: {main_git / 'worktrees' / 'wt'}\n"})
    assert [r.slug for r in Lesson.load(root).remotes] == ["a/lesson"]


def test_no_git_no_remotes(lesson_dir):
    root = lesson_dir()
    assert Lesson.load(root).remotes == [] and Disk().git_remotes(root / "episodes") == []


# --- LK305 template-placeholder ------------------------------------------------------------------


def test_clean_basic_lesson_has_no_template_findings(lesson_dir):
    assert lint_findings(lesson_dir(), "LK305") == lint_findings(lesson_dir(name="b"), "LK306") == []


def test_a_placeholder_profile_is_one_finding(lesson_dir):
    root = lesson_dir({"profiles/learner-profiles.md": PLACEHOLDER_PROFILE})
    [finding] = lint_findings(root, "LK305")
    assert codes_at([finding]) == [("LK305", "profiles/learner-profiles.md", 5)]  # the title is not shown: the text is
    assert "'This is a placeholder file. Please add content here.'" in finding.message
    assert "learner profiles page" in finding.message and "delete the file" in finding.message


def test_placeholder_pages_and_titles(lesson_dir):
    root = lesson_dir({
        "learners/discuss.md": "---\ntitle: Discussion\n---\n\nFIXME\n",
        "learners/reference.md": "---\ntitle: 'FIXME'\n---\n\n## Glossary\n\nA *term*\n: its meaning.\n",
        "instructors/instructor-notes.md": "---\ntitle: FIXME\n---\n\nTeach slowly.\n",
        "index.md": "---\nsite: sandpaper::sandpaper_site\n---\n\nThis is a new lesson built with "
                    "[The Carpentries Workbench][workbench].\n\n[workbench]: https://carpentries.github.io/sandpaper-docs\n",
    })
    findings = lint_findings(root, "LK305")
    assert codes_at(findings) == [("LK305", "index.md", 5), ("LK305", "learners/discuss.md", 5),
                                  ("LK305", "learners/reference.md", 2)]
    home, discuss, reference = (f.message for f in findings)
    assert "built home page shows: write it" in home
    assert "The page's only text is the lesson template's placeholder" in discuss and "or delete it" in discuss
    assert reference.startswith("The title 'FIXME' is a placeholder")  # instructor notes: titled by sandpaper


def test_the_glossary_and_instructor_notes_are_to_be_written_not_deleted(lesson_dir):
    # varnish's menu links every page to reference.html#glossary and instructor/instructor-notes.html
    root = lesson_dir({
        "learners/reference.md": "---\ntitle: Reference\n---\n\n## Glossary\n\n"
                                 "This is a placeholder file. Please add content here.\n",
        "instructors/instructor-notes.md": "---\ntitle: Instructor Notes\n---\n\nFIXME\n",
        "learners/discuss.md": "---\ntitle: Discussion\n---\n\nFIXME\n",
    })
    messages = {f.path.name: f.message for f in lint_findings(root, "LK305")}
    assert "delete" not in messages["reference.md"] and "delete" not in messages["instructor-notes.md"]
    assert messages["reference.md"].endswith(
        "write the glossary under its '## Glossary' heading; keep the page: the menu of every page links its "
        "'Glossary' entry to reference.html#glossary, which leads nowhere without it")
    assert "write the notes, or leave only the front matter" in messages["instructor-notes.md"]
    assert "'Instructor Notes' entry to instructor/instructor-notes.html" in messages["instructor-notes.md"]
    assert "write the page, or delete it" in messages["discuss.md"]  # nothing links to it


def test_placeholders_among_real_text_are_reported_one_by_one(lesson_dir):
    body = ("## Loops\n\nLoops repeat things.\n\nFIXME: add an example with `while`.\n\n"
            "Get the [data](https://example.com/FIXME).\n\n"
            "::: keypoints\n- Loops repeat.\n- First key point. (FIXME)\n:::\n")
    findings = lint_findings(lesson_dir({EP: episode(body)}), "LK305")
    assert [(f.line, f.column) for f in findings] == [(11, 1), (13, 9), (17, 1)]
    assert "'FIXME: add an example with while.'" in findings[0].message
    assert "link to 'https://example.com/FIXME'" in findings[1].message


@pytest.mark.parametrize("more", ["| a | b |\n|---|---|\n| 1 | 2 |\n", "```bash\nls\n```\n",
                                  "<img src=\"fig/a.png\">\n"])
def test_a_page_with_a_table_code_or_html_besides_a_placeholder_is_no_placeholder_page(lesson_dir, more):
    setup = "---\ntitle: Setup\n---\n\nFIXME: setup instructions.\n\n<!-- a comment -->\n\n" + more
    [finding] = lint_findings(lesson_dir({"learners/setup.md": setup}), "LK305")
    assert finding.message.startswith("The text 'FIXME: setup instructions.' is a placeholder")  # not 'delete it'


def test_a_comment_besides_a_placeholder_leaves_a_placeholder_page(lesson_dir):
    setup = "---\ntitle: Setup\n---\n\n<!-- write the setup -->\n\nFIXME\n"
    [finding] = lint_findings(lesson_dir({"learners/setup.md": setup}), "LK305")
    assert finding.message.startswith("The page's only text is the lesson template's placeholder")


def test_the_word_fixme_inside_a_sentence_is_no_placeholder(lesson_dir):
    body = "Replace every FIXME value in config.yaml.\n\nFIXMEs without quotes stay so.\n\n<!-- FIXME: later -->\n"
    assert lint_findings(lesson_dir({EP: episode(body)}), "LK305") == []


EXAMPLE_EPISODE = """\
---
title: "Using Markdown"
teaching: 10
exercises: 2
---

:::::::::::::::::::::::::::::::::::::: questions

- How do you write a lesson using Markdown and `{sandpaper}`?

::::::::::::::::::::::::::::::::::::::::::::::::

::::::::::::::::::::::::::::::::::::: objectives

- Explain how to use markdown with The Carpentries Workbench
- Demonstrate how to include pieces of code, figures, and nested challenge blocks

::::::::::::::::::::::::::::::::::::::::::::::::

## Introduction

This is a lesson created via The Carpentries Workbench. It is written in
[Pandoc-flavored Markdown](https://pandoc.org/MANUAL.html) for static files.

::::::::::::::::::::::::::::::::::::: keypoints

- Use `.md` files for episodes when you want static content

::::::::::::::::::::::::::::::::::::::::::::::::
"""


def test_the_template_example_episode_is_one_finding(lesson_dir):
    [finding] = lint_findings(lesson_dir({EP: EXAMPLE_EPISODE}), "LK305")
    assert (finding.line, finding.column) == (2, 1)
    assert ("the Workbench template's example episode (the title, the questions, the objectives, the key points, "
            "the introduction are the template's)") in finding.message


def test_one_objective_worded_like_the_templates_is_the_authors_own(lesson_dir):
    body = ("::: objectives\n- Write an episode\n- Demonstrate how to include pieces of code, figures, and nested "
            "challenge blocks\n:::\n\nText.\n")
    assert lint_findings(lesson_dir({EP: episode(body)}), "LK305") == []
    one_box = "::: questions\n- How do you write a lesson using Markdown and `{sandpaper}`?\n:::\n\nText.\n"
    [finding] = lint_findings(lesson_dir({EP: episode(one_box)}, name="b"), "LK305")
    assert finding.line == 7 and finding.message.startswith("The questions are the Workbench template's example")


def test_pages_sandpaper_does_not_build_are_not_checked(lesson_dir):
    root = lesson_dir({"episodes/draft.md": episode("FIXME\n")})  # config.yaml lists intro.md only
    assert lint_findings(root, "LK305") == []


def test_the_template_itself_is_not_checked_unless_it_was_copied(lesson_dir):
    files = {"config.yaml": TEMPLATE_SOURCE, "profiles/learner-profiles.md": PLACEHOLDER_PROFILE,
             "episodes/intro.md": EXAMPLE_EPISODE}
    assert lint_findings(lesson_dir(files, name="template"), "LK305") == []
    copied = lesson_dir({**files, ".git/config": git_config({"origin": "https://github.com/someone/new-lesson"})})
    assert codes_at(lint_findings(copied, "LK305")) == [("LK305", "episodes/intro.md", 2),
                                                        ("LK305", "profiles/learner-profiles.md", 5)]


# --- LK306 timing-template-default ---------------------------------------------------------------


def _episodes(timings: list[tuple[int, int]]) -> dict:
    names = [f"e{number}.md" for number in range(len(timings))]
    files = {"config.yaml": BASIC_CONFIG.replace("- intro.md\n", "".join(f"- {name}\n" for name in names)), EP: None}
    for name, (teaching, exercises) in zip(names, timings):
        files[f"episodes/{name}"] = f"---\ntitle: {name}\nteaching: {teaching}\nexercises: {exercises}\n---\n\nText.\n"
    return files


def test_many_episodes_left_at_the_template_timings(lesson_dir):
    findings = lint_findings(lesson_dir(_episodes([(10, 2), (10, 2), (30, 10), (10, 2)])), "LK306")
    assert codes_at(findings) == [("LK306", "episodes/e0.md", 3), ("LK306", "episodes/e1.md", 3),
                                  ("LK306", "episodes/e3.md", 3)]
    assert all(f.severity == "info" for f in findings)
    assert "3 of the lesson's 4 episodes" in findings[0].message and "12 minutes" in findings[0].message


@pytest.mark.parametrize("timings", [
    [(10, 2), (10, 2), (30, 10), (25, 5)],  # two: plausible
    [(10, 2), (10, 2), (10, 2), (30, 10), (25, 5), (20, 5), (40, 20)],  # three, but fewer than half
    [(10, 0), (10, 0), (10, 0)],
])
def test_a_few_template_timings_pass(lesson_dir, timings):
    assert lint_findings(lesson_dir(_episodes(timings)), "LK306") == []


def test_an_info_never_fails_a_lint_not_even_a_strict_one(lesson_dir, monkeypatch):
    root = lesson_dir(_episodes([(10, 2)] * 3))
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["lint", "--strict", "--select", "LK306", "."])
    assert result.exit_code == 0 and "[info]" in result.stdout
    result = CliRunner().invoke(main, ["lint", "--strict", "--select", "LK306,LK505", "."])
    assert result.exit_code == 0


# --- LK508 config-template-placeholder -----------------------------------------------------------


def test_template_config_values(lesson_dir):
    config = BASIC_CONFIG.replace("title: Test lesson",
                                  "carpentry_description: 'Lesson Description'\ntitle: 'Lesson Title' # FIXME")
    findings = lint_findings(lesson_dir({"config.yaml": config}), "LK508")
    assert codes_at(findings) == [("LK508", "config.yaml", 2), ("LK508", "config.yaml", 3)]
    description, title = findings
    assert "alternative text of the logo on every page" in description.message
    assert description.fix.safe and "'Carpentries Incubator'" in description.fix.description
    assert title.fix is None


def test_the_fix_deletes_the_placeholder_description(lesson_dir):
    comment = "# Alt-text description of the lesson.\n"
    placeholder = "carpentry_description: 'Lesson Description'\n"
    config = BASIC_CONFIG.replace("title: Test lesson", comment + placeholder + "title: Test lesson")
    root = lesson_dir({"config.yaml": config})
    lesson = Lesson.load(root)
    outcome = fix_lesson(lesson, load_settings(lesson))
    [source] = outcome.changed
    assert source.path.name == "config.yaml"
    assert source.text == BASIC_CONFIG.replace("title: Test lesson", comment + "title: Test lesson")


def test_a_real_description_and_the_template_itself_pass(lesson_dir):
    own = BASIC_CONFIG + "carpentry_description: 'HPC Carpentry'\n"
    assert lint_findings(lesson_dir({"config.yaml": own}), "LK508") == []
    template = TEMPLATE_SOURCE + "carpentry_description: 'Lesson Description'\n"
    assert lint_findings(lesson_dir({"config.yaml": template}, name="b"), "LK508") == []


def test_documented_examples_behave_as_documented(lesson_dir):
    import re
    import textwrap

    from lessonkit.rules import find_rule

    def example(code, label):
        match = re.search(label + r"[^\n]*:\n\n((?:    .*\n|\n)+)", find_rule(code).doc + "\n")
        return textwrap.dedent(match.group(1)).strip() + "\n"

    for label in ("Fails", "Passes"):
        root = lesson_dir({"profiles/learner-profiles.md": example("LK305", label)}, name=f"LK305-{label}")
        assert bool(lint_findings(root, "LK305")) == (label == "Fails")
        config = BASIC_CONFIG.replace("carpentry: incubator\n", example("LK508", label))
        root = lesson_dir({"config.yaml": config}, name=f"LK508-{label}")
        assert bool(lint_findings(root, "LK508")) == (label == "Fails")
        front = example("LK306", label)
        files = {f"episodes/e{n}.md": front.replace("Loops", f"Loops {n}") for n in range(4)}
        files["config.yaml"] = BASIC_CONFIG.replace("- intro.md\n", "".join(f"- e{n}.md\n" for n in range(4)))
        root = lesson_dir({**files, EP: None}, name=f"LK306-{label}")
        assert bool(lint_findings(root, "LK306")) == (label == "Fails")
