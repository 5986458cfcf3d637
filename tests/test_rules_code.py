import pytest

from built_page import LUA_FILTER, render_pages
from conftest import NEEDS, codes_at, episode, lint_findings


def test_clean_basic_lesson_has_no_code_findings(lesson_dir):
    assert lint_findings(lesson_dir(), "LK8") == []


def test_fenced_code_without_language(lesson_dir):
    body = ("```\nls -l\n```\n\n~~~\nls\n~~~\n\n```bash\nls\n```\n\n```output\nfile.txt\n```\n\n"
            "```{.python}\nx = 1\n```\n\n```{#listing}\nx\n```\n")
    root = lesson_dir({"episodes/intro.md": episode(body)})
    findings = lint_findings(root, "LK801")
    assert codes_at(findings) == [("LK801", "episodes/intro.md", 7), ("LK801", "episodes/intro.md", 11),
                                  ("LK801", "episodes/intro.md", 27)]
    assert "```bash" in findings[0].message and "~~~bash" in findings[1].message


def test_indented_code_is_not_checked(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("Text.\n\n    ls -l\n    pwd\n")})
    assert lint_findings(root, "LK801") == []


def test_language_in_other_pages_and_lists(lesson_dir):
    root = lesson_dir({"learners/setup.md": "---\ntitle: Setup\n---\n\n1. Run:\n\n   ```\n   pip install x\n   ```\n"})
    assert codes_at(lint_findings(root, "LK801")) == [("LK801", "learners/setup.md", 7)]


def test_unclosed_code_fence(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("Text.\n\n```python\n# a comment\nx = 1\n\nMore text.\n")})
    findings = lint_findings(root, "LK802")
    assert codes_at(findings) == [("LK802", "episodes/intro.md", 9)]
    assert findings[0].severity == "error" and "'```python'" in findings[0].message


def test_closed_code_fence_passes(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("```python\nx = 1\n```\n\n````\n```\n````\n")})
    assert lint_findings(root, "LK802") == []


def test_fence_closed_by_a_shorter_fence_is_unclosed(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("````python\nx = 1\n```\n")})
    findings = lint_findings(root, "LK802")
    assert codes_at(findings) == [("LK802", "episodes/intro.md", 7)]
    assert "line 9 is shorter" in findings[0].message


def test_unclosed_fence_in_a_list_item(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("1. Run:\n\n   ```python\n   x = 1\n\nText.\n")})
    assert codes_at(lint_findings(root, "LK802")) == [("LK802", "episodes/intro.md", 9)]


def test_fence_under_list_item_text_closes_outside_the_item(lesson_dir):
    # pandoc ends the list item at the fence and reads a closed code block after the list
    body = "4. This implements the same model:\n```python\nx = 1\n```\n\n2. Use:\n  ```python\n  y = 2\n  ```\n"
    root = lesson_dir({"episodes/intro.md": episode(body)})
    assert lint_findings(root, "LK802") == []


GLUED = "- item:\n\n  ```/tmp/x.py:1: Warning:\n  more\n\n  call(\n  ```\n\nProse after.\n"


def test_an_opener_with_text_glued_to_it_is_reported_at_the_opener(lesson_dir):
    # pandoc: <p>```/tmp/x.py:1: Warning: more</p><p>call( ```</p> in the item, then the prose:
    # the closer is where the author meant it, the opener's text is the problem
    root = lesson_dir({"episodes/intro.md": episode(GLUED)})
    [finding] = lint_findings(root, "LK4") + lint_findings(root, "LK8")
    assert codes_at([finding]) == [("LK802", "episodes/intro.md", 9)] and finding.column == 3
    assert finding.message == (
        "This line starts like a code fence, but pandoc reads it as text: after '```' it takes one word (the "
        "language) and {attributes}, not '/tmp/x.py:1: Warning:'; so the fence on line 13 that was to close the "
        "block shows as text too, and the lines between are read as Markdown: put '```' (or '```output') on a line "
        "of its own, and what follows it on the line below if it belongs in the block")
    assert "add a closing fence" not in finding.message  # which would make the prose below code


@pytest.mark.parametrize("opener", ["```python extra words", "``` a b", "~~~ text here"])
def test_other_text_pandoc_takes_for_no_language(lesson_dir, opener):
    # each opener is text to pandoc (checked with pandoc 3.9), and so is the closer below it
    body = f"{opener}\nx = 1\n\n{opener[:3]}\n\nProse.\n"
    [finding] = lint_findings(lesson_dir({"episodes/intro.md": episode(body)}), "LK8")
    assert (finding.code, finding.line) == ("LK802", 7)
    assert finding.message.startswith("This line starts like a code fence") and "line 10" in finding.message


@pytest.mark.parametrize("opener", ["```py{.x}", "``` python ", "```/tmp/x.py:1:"])
def test_info_strings_pandoc_takes_open_a_block(lesson_dir, opener):
    body = f"{opener}\nx = 1\n\n```\n\nProse.\n"
    assert lint_findings(lesson_dir({"episodes/intro.md": episode(body)}), "LK802") == []


def test_a_bare_fence_that_opens_a_block_of_its_own_is_no_closer(lesson_dir):
    # the glued opener's would-be closer opens a block that the last fence closes: it is no
    # unclosed fence, and the glued opener is left to LK409
    body = "```/x y:\nmore\n\n```\ntext\n\n```python\ncode\n```\n"
    assert lint_findings(lesson_dir({"episodes/intro.md": episode(body)}), "LK802") == []


# A "Markdown | Rendered" table of examples, as the Carpentries' Markdown episodes have it.
GRID = """\
+-------------------------+----------------------+
| Markdown code           | Rendered output      |
+=========================+======================+
| ```                     | -   Use asterisks    |
| *   Use asterisks       | -   to make lists    |
| ```                     |                      |
+-------------------------+----------------------+
"""


def test_a_block_in_a_table_cell_is_not_asked_for_a_language(lesson_dir, tmp_path):
    assert lint_findings(lesson_dir({"episodes/intro.md": episode(GRID)}), "LK801") == []
    # with a language pandoc writes a div.sourceCode in the cell, which sandpaper's fix_codeblocks()
    # gives a <h3 class="code-label">: a heading inside the table; bare, it is a <pre>
    if not LUA_FILTER.is_file():
        pytest.skip(NEEDS["oracle"])
    labelled, bare = render_pages([GRID.replace("| ```          ", "| ```markdown  ", 1).encode(), GRID.encode()],
                                  tmp_path / "renders")
    assert '<td><div class="sourceCode"' in labelled.html.replace("\n", "")
    assert "<td><pre><code>" in bare.html.replace("\n", "")


def test_the_message_promises_no_label_for_plain_text(lesson_dir):
    [finding] = lint_findings(lesson_dir({"episodes/intro.md": episode("```\nSELECT * WHERE { ?s ?p ?o }\n```\n")}),
                              "LK801")
    assert finding.message == ("Code block with no language: write the language after the fence (```bash, ```python, "
                               "```output, ...; ```text for plain text): sandpaper labels and highlights the "
                               "languages pandoc knows, and output")


def test_a_bare_fence_that_is_the_closer_of_code_with_no_opener(lesson_dir):
    # pandoc: the print lines are paragraphs, then a block holding "```output" and the output
    body = ("Chained calls:\n\nprint(s.upper())\n```\n\n```output\nHELLO\n```\n\n"
            "ax.legend()\n\n```\n{: .language-python}\n\n![A plot](fig/a.png)\n```\n\n"
            "````\n```{r}\n#| eval: TRUE\n````\n")  # a demonstration: the inner fence is shorter
    findings = lint_findings(lesson_dir({"episodes/intro.md": episode(body)}), "LK801")
    assert codes_at(findings) == [("LK801", "episodes/intro.md", 10), ("LK801", "episodes/intro.md", 18),
                                  ("LK801", "episodes/intro.md", 24)]
    assert findings[0].message.startswith("This fence opens a code block whose first line is the fence '```output'")
    assert "'{: .language-python}', which stood under a closing fence" in findings[1].message
    assert findings[2].message.startswith("Code block with no language")

