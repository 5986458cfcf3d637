from conftest import codes_at, lint_findings

TEXT = "".join(f"Paragraph {n} of the lesson.\n\n" for n in range(10))


def episode(body: str, teaching="90", exercises="30", extra="") -> str:
    return f"---\ntitle: Long\nteaching: {teaching}\nexercises: {exercises}\n{extra}---\n\n" + body


def test_clean_basic_lesson_has_no_timing_findings(lesson_dir):
    assert lint_findings(lesson_dir(), "LK7") == []


def test_long_episode_without_break_fails(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode(TEXT + TEXT)})
    findings = lint_findings(root, "LK701")
    assert codes_at(findings) == [("LK701", "episodes/intro.md", 3)]
    assert "120 minutes" in findings[0].message and "90-minute" in findings[0].message


def test_long_episode_with_break_marker_passes(lesson_dir):
    body = TEXT + "::: instructor\n\n## BREAK\n\nCoffee.\n\n:::\n\n" + TEXT
    root = lesson_dir({"episodes/intro.md": episode(body)})
    assert lint_findings(root, "LK701") == []


def test_break_heading_variants(lesson_dir):
    body = TEXT + "::: instructor\n\n## Break (15 min)\n\n:::\n\n" + TEXT
    root = lesson_dir({"episodes/intro.md": episode(body)})
    assert lint_findings(root, "LK701") == []
    body = TEXT + "::: instructor\n\n## Breaks and Schedule\n\n:::\n\n" + TEXT
    root = lesson_dir({"episodes/intro.md": episode(body)}, name="lesson2")
    assert len(lint_findings(root, "LK701")) == 1
    # a BREAK heading outside an instructor note is not a marker
    body = TEXT + "## BREAK\n\n" + TEXT
    root = lesson_dir({"episodes/intro.md": episode(body)}, name="lesson3")
    assert len(lint_findings(root, "LK701")) == 1


def test_break_too_early_leaves_a_long_stretch(lesson_dir):
    body = "Intro.\n\n::: instructor\n\n## BREAK\n\n:::\n\n" + TEXT + TEXT
    root = lesson_dir({"episodes/intro.md": episode(body, teaching="150", exercises="0")})
    findings = lint_findings(root, "LK701")
    assert codes_at(findings) == [("LK701", "episodes/intro.md", 3)]
    assert "stretch from minute" in findings[0].message


def test_short_episode_and_max_block_option(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode(TEXT, teaching="60", exercises="30")})
    assert lint_findings(root, "LK701") == []
    config = "title: T\nepisodes:\n- intro.md\nlessonkit:\n  rules:\n    episode-long-without-break:\n      max-block: 150\n"
    root = lesson_dir({"config.yaml": config, "episodes/intro.md": episode(TEXT)}, name="option")
    assert lint_findings(root, "LK701") == []
    config = "title: T\nepisodes:\n- intro.md\nlessonkit:\n  rules:\n    episode-long-without-break:\n      max-block: 60\n"
    root = lesson_dir({"config.yaml": config, "episodes/intro.md": episode(TEXT, teaching="50", exercises="20")},
                      name="lesson")
    assert codes_at(lint_findings(root, "LK701")) == [("LK701", "episodes/intro.md", 3)]


def test_minutes_that_are_not_whole_numbers_count_as_five(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode(TEXT, teaching="1:30", exercises="two hours")})
    assert lint_findings(root, "LK701") == []
    root = lesson_dir({"episodes/intro.md": episode(TEXT, teaching="1:30", exercises="100")}, name="lesson2")
    assert len(lint_findings(root, "LK701")) == 1


def test_break_episode_is_not_content(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("Lunch.\n", teaching="0", exercises="0", extra="break: 120\n")})
    assert lint_findings(root, "LK701") == []


def test_unlisted_episode_is_not_scheduled(lesson_dir):
    root = lesson_dir({"episodes/draft.md": episode(TEXT + TEXT)})
    assert lint_findings(root, "LK701") == []
