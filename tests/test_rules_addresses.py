"""The lesson's own addresses (LK509), links into its repository's old layout (LK902), and
kramdown attribute lists split over two lines (LK903)."""

from __future__ import annotations

import re
import textwrap

from conftest import BASIC_CONFIG, codes_at, episode, lint_findings
from lessonkit.fix import fix_lesson
from lessonkit.lesson import Lesson
from lessonkit.rules import find_rule
from lessonkit.settings import load_settings
from test_rules_template import git_config

EP = "episodes/intro.md"
TRANSLATION = BASIC_CONFIG.replace("source: https://github.com/example/test-lesson\n",
                                   "source: 'https://github.com/swcarpentry/python-novice-gapminder'\n"
                                   "url: 'https://swcarpentry.github.io/python-novice-gapminder'\n")
ITS_REMOTE = git_config({"origin": "git@github.com:BioNT-Training/python-novice-gapminder-it.git"})


# --- LK509 config-names-another-repository -------------------------------------------------------


def test_a_translation_that_kept_the_originals_addresses(lesson_dir):
    root = lesson_dir({"config.yaml": TRANSLATION, ".git/config": ITS_REMOTE})
    source, url = lint_findings(root, "LK509")
    assert codes_at([source, url]) == [("LK509", "config.yaml", 4), ("LK509", "config.yaml", 5)]
    assert ("'source' names swcarpentry/python-novice-gapminder, but this lesson's git remote is "
            "BioNT-Training/python-novice-gapminder-it") in source.message
    assert "'Edit this page'" in source.message
    assert "'url' names python-novice-gapminder" in url.message
    assert not source.fix.safe and not url.fix.safe


def test_the_fix_writes_the_remotes_addresses(lesson_dir):
    root = lesson_dir({"config.yaml": TRANSLATION, ".git/config": ITS_REMOTE})
    lesson = Lesson.load(root)
    [config] = fix_lesson(lesson, load_settings(lesson), unsafe=True).changed
    assert "source: 'https://github.com/BioNT-Training/python-novice-gapminder-it'\n" in config.text
    assert "url: 'https://biont-training.github.io/python-novice-gapminder-it'\n" in config.text


def test_no_remote_a_fork_or_the_lessons_own_addresses_pass(lesson_dir):
    assert lint_findings(lesson_dir({"config.yaml": TRANSLATION}), "LK509") == []  # no remote to compare with
    fork = git_config({"origin": "https://github.com/someone/python-novice-gapminder.git"})
    assert lint_findings(lesson_dir({"config.yaml": TRANSLATION, ".git/config": fork}, name="fork"), "LK509") == []
    own = TRANSLATION.replace("swcarpentry/python-novice-gapminder", "BioNT-Training/python-novice-gapminder-it") \
                     .replace("swcarpentry.github.io/python-novice-gapminder", "example.org/python-novice-gapminder-it")
    root = lesson_dir({"config.yaml": own, ".git/config": ITS_REMOTE}, name="own")
    assert lint_findings(root, "LK509") == []


def test_any_remote_of_the_same_name_counts(lesson_dir):
    remotes = git_config({"origin": "https://github.com/me/gapminder-it",
                          "upstream": "https://github.com/swcarpentry/python-novice-gapminder"})
    assert lint_findings(lesson_dir({"config.yaml": TRANSLATION, ".git/config": remotes}), "LK509") == []


# --- LK902 link-styles-layout --------------------------------------------------------------------

SHELL = BASIC_CONFIG.replace("https://github.com/example/test-lesson", "https://github.com/swcarpentry/shell-novice")


def test_links_into_the_lessons_own_styles_layout(lesson_dir):
    body = ("See [the source](https://github.com/swcarpentry/shell-novice/blob/gh-pages/_episodes/02-filedir.md).\n\n"
            "[raw](https://raw.githubusercontent.com/swcarpentry/shell-novice/gh-pages/_extras/guide.md)\n\n"
            "[now](https://github.com/swcarpentry/shell-novice/blob/main/episodes/02-filedir.md)\n\n"
            "[other lesson](https://github.com/hpc-carpentry/hpc-shell/blob/gh-pages/_episodes/05-scripts.md)\n\n"
            "[issues](https://github.com/swcarpentry/shell-novice/issues)\n")
    findings = lint_findings(lesson_dir({"config.yaml": SHELL, EP: episode(body)}), "LK902")
    assert [(f.line, f.column) for f in findings] == [(7, 5), (9, 1)]
    assert "now episodes/02-filedir.md on the default branch" in findings[0].message
    assert "now learners/guide.md" in findings[1].message


def test_the_remote_names_the_lessons_repository_too(lesson_dir):
    body = "[old](https://github.com/unode/shell-novice-french/tree/gh-pages/_episodes)\n"
    remote = git_config({"origin": "git@github.com:unode/shell-novice-french.git"})
    root = lesson_dir({"config.yaml": SHELL, ".git/config": remote, EP: episode(body)})
    [finding] = lint_findings(root, "LK902")
    assert finding.line == 7 and "is now" not in finding.message  # a folder: no file to point to


def test_a_source_the_remote_says_is_another_lessons_is_not_the_lessons_own(lesson_dir):
    body = ("[original](https://github.com/swcarpentry/shell-novice/blob/gh-pages/_episodes/02-filedir.md)\n\n"
            "[ours](https://github.com/unode/shell-novice-french/blob/gh-pages/_episodes/02-filedir.md)\n")
    remote = git_config({"origin": "git@github.com:unode/shell-novice-french.git"})
    root = lesson_dir({"config.yaml": SHELL, ".git/config": remote, EP: episode(body)})
    assert [(f.code, f.line) for f in lint_findings(root) if f.code in ("LK509", "LK902")] == [
        ("LK509", 4), ("LK902", 9)]  # source names another lesson's repository: a link there is not ours
    fork = git_config({"origin": "git@github.com:someone/shell-novice.git"})
    root = lesson_dir({"config.yaml": SHELL, ".git/config": fork, EP: episode(body)}, name="fork")
    assert [(f.code, f.line) for f in lint_findings(root, "LK902")] == [("LK902", 7)]  # a fork's source is its lesson


def test_documented_examples_behave_as_documented(lesson_dir):
    for code, files in (("LK509", {".git/config": ITS_REMOTE}), ("LK902", {}), ("LK903", {})):
        for label in ("Fails", "Passes"):
            match = re.search(label + r"[^\n]*:\n\n((?:    .*\n|\n)+)", find_rule(code).doc + "\n")
            example = textwrap.dedent(match.group(1)).strip() + "\n"
            if code == "LK509":
                config = BASIC_CONFIG.replace("source: https://github.com/example/test-lesson\n", example)
                written = {"config.yaml": config}
            else:
                written = {"config.yaml": SHELL, EP: episode(example)}
            root = lesson_dir({**files, **written}, name=f"{code}-{label}")
            assert bool(lint_findings(root, code)) == (label == "Fails"), (code, label)


# --- LK903 kramdown-attributes-split -------------------------------------------------------------


def test_an_attribute_list_split_over_two_lines(lesson_dir, tmp_path):
    from pandoc_oracle import pandoc_json
    from test_fix import fixed, fixes, renders_as_promised

    body = "> Write code, not too much.\n>\n> — [Michael Koontz](https://example.org/mk) {:\n> .quotation}\n\nAfter.\n"
    [finding] = lint_findings(lesson_dir({EP: episode(body)}), "LK903")
    assert (finding.line, finding.column, finding.end_line) == (9, 46, 10)
    assert "'{: .quotation}'" in finding.message and "lines 9-10" in finding.message
    assert "{:" in str(pandoc_json(episode(body))["blocks"])  # the page shows it
    page, [repair] = fixes(tmp_path, body, "LK903")
    assert repair.safe
    renders_as_promised(page, repair, "LK903")
    assert fixed(tmp_path, body) == episode("> Write code, not too much.\n>\n> — [Michael Koontz](https://example.org/mk)\n"
                                            "\nAfter.\n")
    assert lint_findings(lesson_dir({EP: episode(body)}, name="b"), "LK901") == []  # one finding, not two


def test_split_attribute_lists_with_values_have_no_fix(tmp_path):
    from test_fix import fixes

    _, [repair] = fixes(tmp_path, "Text {: #intro\n.box}\n", "LK903")
    assert repair is None


def test_one_line_attribute_lists_and_code_are_not_lk903s(lesson_dir):
    body = "Quote\n{: .quotation}\n\nIn Jekyll write `{:\n.quotation}` after it.\n"
    assert lint_findings(lesson_dir({EP: episode(body)}), "LK903") == []
