from conftest import codes_at, episode, lint_findings


def test_clean_basic_lesson_has_no_div_findings(lesson_dir):
    assert lint_findings(lesson_dir(), "LK1") == []


def test_unclosed_div_reports_opener_and_where_pandoc_closes_it(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("::: challenge\n\n## Q\n\n::: solution\n\nA\n\n:::\n\nMore text.\n")})
    findings = lint_findings(root, "LK101")
    assert codes_at(findings) == [("LK101", "episodes/intro.md", 7)]
    assert "challenge" in findings[0].message and "end of the page (line 17)" in findings[0].message


def test_stray_closer(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("::: callout\n\nA\n\n:::\n\n:::\n")})
    assert codes_at(lint_findings(root, "LK102")) == [("LK102", "episodes/intro.md", 13)]


def test_unknown_class_with_suggestion_and_custom_classes(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("::: Challenge\n\nA\n\n:::\n\n::: solutions\n\nB\n\n:::\n\n::: mybox\n\nC\n\n:::\n")})
    findings = lint_findings(root, "LK103")
    assert codes_at(findings) == [("LK103", "episodes/intro.md", 7), ("LK103", "episodes/intro.md", 13), ("LK103", "episodes/intro.md", 19)]
    assert "did you mean 'challenge'" in findings[0].message
    assert "did you mean 'solution'" in findings[1].message
    root = lesson_dir({"episodes/intro.md": episode("::: mybox\n\nC\n\n:::\n"),
                       "config.yaml": "title: T\nepisodes:\n- intro.md\nlessonkit:\n  rules:\n    div-unknown-class:\n      classes: [mybox]\n"},
                      name="custom")
    assert lint_findings(root, "LK103") == []


def test_misplaced_divs(lesson_dir):
    body = ("::: solution\n\nA\n\n:::\n\n::: challenge\n\n::: keypoints\n\n- k\n\n:::\n\n:::\n\n"
            "::: challenge\n\n::: solution\n\n::: challenge\n\nx\n\n:::\n\n:::\n\n:::\n\n"
            "::: discussion\n\n::: solution\n\nfine\n\n:::\n\n:::\n")
    root = lesson_dir({"episodes/intro.md": episode(body)})
    assert codes_at(lint_findings(root, "LK104")) == [
        ("LK104", "episodes/intro.md", 7), ("LK104", "episodes/intro.md", 15), ("LK104", "episodes/intro.md", 27)]


def test_answers_outside_challenges_pass_on_other_pages(lesson_dir):
    # on a learners page a solution under a numbered quiz question, or per-system steps, is a
    # deliberate collapsible: the page shows the question and a button that opens the answer
    quiz = ("---\ntitle: Quiz\n---\n\n1. What is 2 + 2?\n\n::: solution\n\n4\n\n:::\n\n"
            "2. What is 3 + 3?\n\n::: hint\n\nDouble 3.\n\n:::\n")
    setup = "---\ntitle: Setup\n---\n\nPick your system.\n\n::: solution\n\n### Windows\n\nUse PuTTY.\n\n:::\n"
    root = lesson_dir({"learners/quiz.md": quiz, "learners/setup.md": setup,
                       "instructors/notes.md": quiz.replace("Quiz", "Notes"),
                       "episodes/intro.md": episode("1. What is 2 + 2?\n\n::: solution\n\n4\n\n:::\n")})
    findings = lint_findings(root, "LK104")
    assert codes_at(findings) == [("LK104", "episodes/intro.md", 9)]
    assert "collapsible answer with no exercise box" in findings[0].message


def test_nesting_is_checked_on_every_page(lesson_dir):
    root = lesson_dir({"learners/quiz.md": "---\ntitle: Q\n---\n\n::: callout\n\n::: keypoints\n\n- k\n\n:::\n\n:::\n"})
    assert codes_at(lint_findings(root, "LK104")) == [("LK104", "learners/quiz.md", 7)]


def test_opener_directly_under_text(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("Some text.\n::: callout\nNote.\n")})
    assert codes_at(lint_findings(root, "LK105")) == [("LK105", "episodes/intro.md", 8)]
    root = lesson_dir({"episodes/intro.md": episode("Some text.\n\n::: callout\nNote.\n:::\n")}, name="ok")
    assert lint_findings(root, "LK105") == []


def test_malformed_fences(lesson_dir):
    body = "::: challenge extra\n\nA\n\n  ::: callout\n\nB\n\n::: callout\n\nC\n\n::: <!-- end callout -->\n\n:::\n"
    root = lesson_dir({"episodes/intro.md": episode(body)})
    assert codes_at(lint_findings(root, "LK106")) == [
        ("LK106", "episodes/intro.md", 7), ("LK106", "episodes/intro.md", 11), ("LK106", "episodes/intro.md", 19)]
