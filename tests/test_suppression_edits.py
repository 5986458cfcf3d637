"""The edits that add a suppression comment (the language server's "disable" code actions):
where the comment goes, and that lint then reads it as meant."""

from __future__ import annotations

from conftest import episode, lint_findings, write_lesson
from lessonkit.fix import SourceFile
from lessonkit.lesson import load_lesson
from lessonkit.suppressions import disable_file_edit, disable_next_line_edit

PAGE = "episodes/intro.md"


def page_of(root):
    return load_lesson(root).page(PAGE)


def applied(root, edit) -> str:
    source = SourceFile.read(root / PAGE)
    source.apply(source.ranges([edit]))
    return source.text


def test_disable_next_line_silences_that_line_only(tmp_path):
    body = "Click [here](https://example.org).\n\nAnd [here](https://example.org) too.\n"
    root = write_lesson(tmp_path / "lesson", {PAGE: episode(body)})
    before = [f.line for f in lint_findings(root, "LK204")]
    assert before == [7, 9]
    text = applied(root, disable_next_line_edit(page_of(root), 7, "LK204"))
    assert "<!-- lessonkit-disable-next-line LK204 -->\nClick [here]" in text
    (root / PAGE).write_text(text, encoding="utf-8")
    assert [f.line for f in lint_findings(root, "LK204")] == [10]


def test_disable_next_line_adds_to_a_comment_already_there(tmp_path):
    body = "<!-- lessonkit-disable-next-line LK205 -->\nClick [here](http://example.org).\n"
    root = write_lesson(tmp_path / "lesson", {PAGE: episode(body)})
    text = applied(root, disable_next_line_edit(page_of(root), 8, "LK204"))
    assert "<!-- lessonkit-disable-next-line LK205 LK204 -->\nClick" in text
    (root / PAGE).write_text(text, encoding="utf-8")
    assert not [f for f in lint_findings(root) if f.code in ("LK204", "LK205")]


def test_disable_next_line_keeps_block_quotes_and_indentation(tmp_path):
    body = "> Quoted [here](https://example.org).\n\n1. Item\n\n   Text [here](https://example.org).\n"
    root = write_lesson(tmp_path / "lesson", {PAGE: episode(body)})
    page = page_of(root)
    assert applied(root, disable_next_line_edit(page, 7, "LK204")).count("> <!-- lessonkit-disable-next-line LK204 -->\n> Quoted") == 1
    text = applied(root, disable_next_line_edit(page, 11, "LK204"))
    assert "   <!-- lessonkit-disable-next-line LK204 -->\n   Text" in text
    (root / PAGE).write_text(text, encoding="utf-8")
    assert [f.line for f in lint_findings(root, "LK204")] == [7]


def test_no_line_comment_in_front_matter_or_code(tmp_path):
    body = "```python\nx = 1\n```\n\n    indented code\n"
    root = write_lesson(tmp_path / "lesson", {PAGE: episode(body)})
    page = page_of(root)
    assert disable_next_line_edit(page, 2, "LK303") is None  # front matter
    assert disable_next_line_edit(page, 8, "LK801") is None  # inside a fenced block
    assert disable_next_line_edit(page, 11, "LK801") is None  # an indented block's first line is code
    assert disable_next_line_edit(page, 7, "LK801") is not None  # above the opening fence


def test_disable_file_goes_after_the_front_matter(tmp_path):
    root = write_lesson(tmp_path / "lesson", {PAGE: episode("Click [here](https://example.org).\n")})
    text = applied(root, disable_file_edit(page_of(root), "LK204"))
    assert text.startswith("---\ntitle: T\nteaching: 5\nexercises: 5\n---\n<!-- lessonkit-disable-file LK204 -->\n\n")
    (root / PAGE).write_text(text, encoding="utf-8")
    assert lint_findings(root, "LK204") == []
    assert load_lesson(root).page(PAGE).front_matter.get("title") == "T"


def test_disable_file_without_front_matter_or_after_an_unclosed_one(tmp_path):
    root = write_lesson(tmp_path / "lesson", {PAGE: "Click [here](https://example.org).\n"})
    assert applied(root, disable_file_edit(page_of(root), "LK204")).startswith("<!-- lessonkit-disable-file LK204 -->\nClick")
    root = write_lesson(tmp_path / "other", {PAGE: "---\ntitle: T\n\nClick [here](https://example.org).\n"})
    assert disable_file_edit(page_of(root), "LK204") is None


def test_disable_file_adds_to_the_comment_already_there(tmp_path):
    body = "<!-- lessonkit-disable-file LK205 -->\n\nClick [here](http://example.org).\n"
    root = write_lesson(tmp_path / "lesson", {PAGE: episode(body)})
    text = applied(root, disable_file_edit(page_of(root), "LK204"))
    assert "<!-- lessonkit-disable-file LK205 LK204 -->" in text and text.count("lessonkit-disable-file") == 1
    (root / PAGE).write_text(text, encoding="utf-8")
    assert not [f for f in lint_findings(root) if f.code in ("LK204", "LK205")]
