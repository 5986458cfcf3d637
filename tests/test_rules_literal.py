"""Literal markup (LK409-LK411), links written with a space (LK212), alternative text that is a
file name (LK213), and pandoc's reading of inline text they stand on (lessonkit.markdown.inline).
Every claim about the page is checked with pandoc 3.9, and each fix with tests/fix_checks.py."""

from __future__ import annotations

import re
import textwrap

import pytest

from conftest import episode, lint_findings
from lessonkit.markdown.inline import knitted, read_inline
from lessonkit.rules import find_rule
from pandoc_oracle import pandoc_json
from test_fix import fixed, fixes, renders_as_promised

EP = "episodes/intro.md"


def inlines(text: str) -> list:
    """Every inline element of the page as pandoc reads it, in order."""
    found = []

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            if node.get("t") in ("Str", "Code", "Math", "Link", "Image", "Strong", "Emph"):
                found.append(node)
            walk(node.get("c"))

    walk(pandoc_json(text)["blocks"])
    return found


def literal_text(text: str) -> str:
    return " ".join(node["c"] for node in inlines(text) if node["t"] == "Str")


# --- reading inline text as pandoc does ----------------------------------------------------------


@pytest.mark.parametrize("source, shown, unmatched, math", [
    ("a `code` b", "a        b", [], []),
    ("`venv/`` x", "`venv/`` x", [(0, 1), (6, 2)], []),
    ("P $a b $c$ d", "P $a b     d", [], [(7, 9)]),  # a $ after a space closes nothing: no math there
    ("x <!-- ` --> `y", "x            `y", [(13, 1)], []),
    ("[a](http://x$y$){alt='$z$'} q", "[a]" + " " * 24 + " q", [], []),
    ("\\` and \\(x\\)", "   and      ", [], []),
    ("$a\\$b$ c", "       c", [], [(0, 5)]),
])
def test_read_inline(source, shown, unmatched, math):
    assert read_inline(source) == (shown, unmatched, math)


def test_knitr_inline_code_becomes_a_word():
    source = "p = $`r x$p`$ and `r y`."
    assert knitted(source) == "p = $" + "x" * 7 + "$ and " + "x" * 5 + "."
    assert len(knitted(source)) == len(source)


# --- LK409 code-span-unclosed --------------------------------------------------------------------


def test_an_unmatched_backtick_shows_on_the_page(lesson_dir):
    body = ("Specify the filename `microbes.csv.\n\n"  # 7
            "A folder named `venv/`` here.\n\n"  # 9: one finding, not two
            "Raises NameError: name is not defined`\n\n"  # 11
            "Three backticks (```) open a fence, and ``` . too.\n\n"  # 13: shown on purpose
            "An escaped \\` backtick, `code`, and <code>`</code>.\n")  # 15
    findings = lint_findings(lesson_dir({EP: episode(body)}), "LK409")
    assert [(f.line, f.column) for f in findings] == [(7, 22), (9, 16), (11, 38)]
    assert "pairs with no other run of 1" in findings[0].message
    text = episode(body)
    for finding in findings:  # pandoc shows each as a literal backtick
        line = text.split("\n")[finding.line - 1]
        assert "`" in literal_text(line)


def test_backticks_pair_across_lines_but_not_across_list_items(lesson_dir):
    body = "Run `fastp -i ${read}\n-o out.fq` now.\n\n- item -i ${read}:\n- The `-i` flag and `${read}` go.\n"
    assert lint_findings(lesson_dir({EP: episode(body)}), "LK409") == []
    assert "`" not in literal_text(body)


def test_knitr_inline_code_is_its_value(lesson_dir):
    body = "Log in with `ssh -Y `r config$remote$user`@`r config$remote$login``.\n"
    root = lesson_dir({"episodes/intro.md": None, "episodes/intro.Rmd": episode(body),
                       "config.yaml": "title: T\nepisodes:\n- intro.Rmd\n"}, name="rmd")
    assert lint_findings(root, "LK409") == []


# --- LK410 emphasis-overlong ---------------------------------------------------------------------


def test_four_asterisks_are_text_to_pandoc(lesson_dir, tmp_path):
    body = "The ****shell**** is a program.\n\nA _____long_____ one, `****code****` and a****b****c.\n"
    findings = lint_findings(lesson_dir({EP: episode(body)}), "LK410")
    assert [(f.line, f.column, f.fix is not None) for f in findings] == [(7, 5, True), (9, 3, False)]
    assert "****" in literal_text(body.split("\n")[0])
    page, [fix, none] = fixes(tmp_path, body, "LK410")
    assert fix.safe and none is None
    renders_as_promised(page, fix, "LK410")
    assert fixed(tmp_path, body).startswith(episode("The **shell** is a program.\n"))


# --- LK411 dollar-math-in-text -------------------------------------------------------------------


def test_dollars_that_pandoc_reads_as_math(lesson_dir):
    body = ("Compare df$height and df$weight first.\n\n"  # 7: after a letter
            "Type =856 40$3Full text:$uhttps://proxy.edu in Find.\n\n"  # 9: after a digit
            "the subfields (the '$' symbol) and the text. Because the subfields use the '$' symbol\n\n"  # 11: prose
            "Plot $y = ax + b$, $x_1, x_2$, $\\alpha$, 10$^{th}$ and `df$x` or $5 and $10.\n\n"  # 13: math or no math
            "It costs $10 for df$x to run, and $2 x$ is math.\n")  # 15: a price, then words
    findings = lint_findings(lesson_dir({EP: episode(body)}), "LK411")
    assert [(f.line, f.column) for f in findings] == [(7, 11), (9, 13), (11, 21), (15, 10)]
    assert "'$height and df$'" in findings[0].message
    for finding in findings:
        line = episode(body).split("\n")[finding.line - 1]
        assert any(node["t"] == "Math" for node in inlines(line))


def test_the_fix_escapes_the_dollars(tmp_path):
    body = "Compare df$height and df$weight first.\n"
    page, [fix] = fixes(tmp_path, body, "LK411")
    assert fix.safe
    renders_as_promised(page, fix, "LK411")
    assert fixed(tmp_path, body) == episode("Compare df\\$height and df\\$weight first.\n")


def test_math_around_knitr_code_is_knitrs(lesson_dir):
    body = "in this case\n$`r ncol(methylation)` - `r length(coef(fit))` = `r fit$df`$.\n"
    config = "title: T\nepisodes:\n- intro.Rmd\n"
    root = lesson_dir({EP: None, "episodes/intro.Rmd": episode(body), "config.yaml": config})
    assert lint_findings(root, "LK411") == []


# --- LK212 link-spaced-target --------------------------------------------------------------------


def test_a_space_before_the_target_makes_no_link(lesson_dir, tmp_path):
    body = ("Read the [shell lesson] (https://swcarpentry.github.io/shell-novice/) first.\n\n"  # 7
            "See [episode 11] (11-lists.md) and [below] (#setup).\n\n"  # 9
            "![A plot] (fig/plot.png)\n\n"  # 11
            "A [ref] (https://example.org) link, and [note] (see above).\n\n"  # 13: ref is defined; no target
            "[ref]: https://r.example.org\n")
    findings = lint_findings(lesson_dir({EP: episode(body)}), "LK212")
    assert [(f.line, f.column) for f in findings] == [(7, 10), (9, 5), (9, 36), (11, 1)]
    assert "'[shell lesson]' in brackets" in findings[0].message and "no image" in findings[3].message
    assert "pandoc reads a link only" in findings[0].message and "pandoc reads an image only" in findings[3].message
    for line in (7, 9, 11):
        assert "[" in literal_text(episode(body).split("\n")[line - 1])
    page, repairs = fixes(tmp_path, body, "LK212")
    assert [repair is not None for repair in repairs] == [True, False, False, False]  # the others lead nowhere
    assert repairs[0].safe
    renders_as_promised(page, repairs[0], "LK212")


# --- LK213 image-alt-file-name -------------------------------------------------------------------


@pytest.mark.parametrize("image, reported", [
    ("![pandas_join_types](fig/pandas_join_types.png)", True),
    ("![SQL_10_DataSource](./fig/SQL_10_DataSource.png)", True),
    ("![plot.png](fig/plot.png)", True),
    ("![](fig/plot.png){alt='fig/plot.png'}", True),
    ("![image001](fig/image001.jpg)", True),
    ("![Logo](fig/logo.png)", False),  # one word: may describe a logo
    ("![formatting](fig/formatting.png)", False),
    ("![Venn diagrams of the four joins](fig/pandas_join_types.png)", False),
])
def test_alternative_text_that_is_the_file_name(lesson_dir, image, reported):
    found = lint_findings(lesson_dir({EP: episode(image + "\n")}), "LK213")
    assert bool(found) == reported


# --- the rules' own examples ---------------------------------------------------------------------


@pytest.mark.parametrize("code", ["LK409", "LK410", "LK411", "LK212", "LK213"])
def test_documented_examples_behave_as_documented(lesson_dir, code):
    for label in ("Fails", "Passes"):
        match = re.search(label + r"[^\n]*:\n\n((?:    .*\n|\n)+)", find_rule(code).doc + "\n")
        example = textwrap.dedent(match.group(1)).strip() + "\n"
        found = lint_findings(lesson_dir({EP: episode(example)}, name=f"{code}-{label}"), code)
        assert bool(found) == (label == "Fails"), (code, label)
