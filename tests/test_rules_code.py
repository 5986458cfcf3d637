from conftest import codes_at, episode, lint_findings


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
