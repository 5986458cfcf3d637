import pytest

from built_page import LUA_FILTER, render_pages
from conftest import BASIC_CONFIG, NEEDS, codes_at, lint_findings
from lessonkit.lesson import Lesson

BLOCKS = ("::: questions\n\n- Q?\n\n:::\n\n::: objectives\n\n- O.\n\n:::\n\n"
          "## Section\n\nText.\n\n::: keypoints\n\n- K.\n\n:::\n")


def episode(header: str, body: str = BLOCKS) -> str:
    return "---\n" + header + "---\n\n" + body


def test_clean_basic_lesson_has_no_frontmatter_findings(lesson_dir):
    assert lint_findings(lesson_dir(), "LK3") == []


# --- LK301 frontmatter-invalid -------------------------------------------------------------------


def test_no_front_matter(lesson_dir):
    root = lesson_dir({"episodes/intro.md": BLOCKS, "learners/setup.md": "## Setup\n\nInstall Python.\n"})
    assert codes_at(lint_findings(root, "LK3")) == [
        ("LK301", "episodes/intro.md", 1), ("LK301", "learners/setup.md", 1)]


def test_opening_fence_followed_by_blank_line_is_no_front_matter(lesson_dir):
    root = lesson_dir({"episodes/intro.md": "---\n\ntitle: T\nteaching: 5\nexercises: 5\n---\n\n" + BLOCKS})
    findings = lint_findings(root, "LK301")
    assert codes_at(findings) == [("LK301", "episodes/intro.md", 1)]
    assert "blank line" in findings[0].message


def test_front_matter_never_closed(lesson_dir):
    root = lesson_dir({"episodes/intro.md": "---\ntitle: T\nteaching: 5\nexercises: 5\n\n" + BLOCKS})
    findings = lint_findings(root, "LK3")
    assert codes_at(findings) == [("LK301", "episodes/intro.md", 1)]  # no LK302/LK303 cascade
    assert "never closed" in findings[0].message


def test_front_matter_that_is_a_list(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("- title: T\n- teaching: 5\n")})
    findings = lint_findings(root, "LK3")
    assert codes_at(findings) == [("LK301", "episodes/intro.md", 2)]
    assert "a list" in findings[0].message


def test_yaml_error_reported_at_its_line(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("teaching: 5\ntitle: Loops: the basics\nexercises: 5\n")})
    findings = lint_findings(root, "LK3")
    assert codes_at(findings) == [("LK301", "episodes/intro.md", 3)]
    assert "not valid YAML" in findings[0].message


def test_duplicate_key_at_the_duplicate(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("title: T\nteaching: 5\nexercises: 5\ntitle: U\n")})
    assert codes_at(lint_findings(root, "LK301")) == [("LK301", "episodes/intro.md", 5)]


def test_fences_sandpaper_does_not_recognise(lesson_dir):
    root = lesson_dir({"episodes/intro.md": "---\ntitle: T\nteaching: 5\nexercises: 5\n...\n\n" + BLOCKS,
                       "learners/setup.md": "--- \ntitle: Setup\n---\n\nInstall.\n"})
    assert codes_at(lint_findings(root, "LK301")) == [
        ("LK301", "episodes/intro.md", 5), ("LK301", "learners/setup.md", 1)]


def test_unlisted_draft_and_index_are_not_checked(lesson_dir):
    root = lesson_dir({"episodes/draft.md": "Just notes.\n", "index.md": "A lesson.\n"})
    assert lint_findings(root, "LK3") == []


# --- LK302 frontmatter-missing-title -------------------------------------------------------------


def test_missing_and_empty_title(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("teaching: 5\nexercises: 5\n"),
                       "learners/reference.md": "---\ntitle:\n---\n\n## Glossary\n",
                       "instructors/notes.md": "---\ntitle: ''\n---\n\nNotes.\n",
                       "profiles/one.md": "---\ntitle: Dana\n---\n\nA learner.\n"})
    assert codes_at(lint_findings(root, "LK302")) == [
        ("LK302", "episodes/intro.md", 1), ("LK302", "instructors/notes.md", 2), ("LK302", "learners/reference.md", 2)]


def test_pages_whose_title_sandpaper_never_reads_need_none(lesson_dir):
    # build_profiles() titles the one profiles page "Learner Profiles", build_instructor_notes()
    # the notes "Instructor Notes", and the setup page is shown inside the home page; the menus
    # list neither the notes nor the setup page
    root = lesson_dir({"learners/setup.md": "---\n---\n\nInstall.\n",
                       "instructors/instructor-notes.md": "---\nteaching: 5\n---\n\nNotes.\n",
                       "profiles/learner-profiles.md": "---\nIs this for me?: yes\n---\n\n## Ana\n\nAna records.\n"})
    assert lint_findings(root, "LK302") == []


def test_title_present_passes(lesson_dir):
    root = lesson_dir({"learners/setup.md": "---\ntitle: Setup\n---\n\nInstall.\n"})
    assert lint_findings(root, "LK302") == []


# --- LK303 frontmatter-bad-timing ----------------------------------------------------------------


def test_sexagesimal_teaching_and_text_exercises(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode('title: T\nteaching: 1:30\nexercises: "ten"\n')})
    findings = lint_findings(root, "LK303")
    assert codes_at(findings) == [("LK303", "episodes/intro.md", 3), ("LK303", "episodes/intro.md", 4)]
    assert "5 minutes" in findings[0].message and "90" in findings[0].message
    assert "'ten'" in findings[1].message


def test_missing_exercises(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("title: T\nteaching: 10\n")})
    findings = lint_findings(root, "LK303")
    assert codes_at(findings) == [("LK303", "episodes/intro.md", 1)]
    assert "'exercises'" in findings[0].message and "5 minutes" in findings[0].message


@pytest.mark.parametrize("value", ["30min", "-5", "1.5", ".inf", "1e3", "true", "null", "~", "", "[5]", "' 10'", "1_000"])
def test_values_that_are_not_whole_minutes(lesson_dir, value):
    root = lesson_dir({"episodes/intro.md": episode(f"title: T\nteaching: 10\nexercises: {value}\n")})
    findings = lint_findings(root, "LK303")
    assert codes_at(findings) == [("LK303", "episodes/intro.md", 4)]
    message = findings[0].message
    assert "sandpaper counts 5 minutes instead" in message
    assert message.count("whole number") <= 1 and message.count("write") <= 1, message  # said once


def test_a_base_60_time_is_explained_once_with_what_to_write(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("title: T\nteaching: 1:30\nexercises: 5\n")})
    [finding] = lint_findings(root, "LK303")
    assert finding.message == ("'teaching' '1:30' is text for R's YAML reader, not a base-60 number of minutes, so "
                               "sandpaper counts 5 minutes instead; write the minutes, e.g. 90 for 1:30")


# What R's yaml package returns passes sandpaper's ^[0-9]+$ test for these (checked with R):
# quoted text "10", the numbers 10 (+10, 10.0, 10.) and 26 (0x1A), the text "08".
@pytest.mark.parametrize("value", ["'10'", '"10"', "+10", "10.0", "10.", "0x1A", "08", "'010'"])
def test_values_sandpaper_reads_pass(lesson_dir, value):
    root = lesson_dir({"episodes/intro.md": episode(f"title: T\nteaching: 10\nexercises: {value}\n")})
    assert lint_findings(root, "LK303") == []


def test_leading_zero_is_octal_for_r(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("title: T\nteaching: 010\nexercises: 5\n")})
    findings = lint_findings(root, "LK303")
    assert codes_at(findings) == [("LK303", "episodes/intro.md", 3)]
    assert "octal number 8" in findings[0].message and "counts 8 minutes" in findings[0].message


def test_whole_minutes_pass_including_zero_and_comments(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("title: T\nteaching: 0\nexercises: 45   # minutes\n")})
    assert lint_findings(root, "LK303") == []


def test_break_value_checked_when_present(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("title: Coffee\nteaching: 0\nexercises: 0\nbreak: 15min\n", "Coffee.\n")})
    findings = lint_findings(root, "LK303")
    assert codes_at(findings) == [("LK303", "episodes/intro.md", 5)]
    assert "sandpaper counts no break instead" in findings[0].message  # its fallback for break is 0


# --- LK304 episode-missing-block -----------------------------------------------------------------


def test_missing_blocks_one_finding_each(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("title: T\nteaching: 5\nexercises: 5\n", "::: questions\n\n- Q?\n\n:::\n\n## Text\n")})
    findings = lint_findings(root, "LK304")
    assert codes_at(findings) == [("LK304", "episodes/intro.md", 11), ("LK304", "episodes/intro.md", 13)]
    assert "'objectives'" in findings[0].message and "'keypoints'" in findings[1].message


def test_break_episode_is_exempt(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("title: Coffee\nteaching: 0\nexercises: 0\nbreak: 15\n", "Coffee.\n")})
    assert lint_findings(root, "LK3") == []


def test_learners_pages_need_no_blocks(lesson_dir):
    root = lesson_dir({"learners/reference.md": "---\ntitle: Reference\n---\n\n## Glossary\n"})
    assert lint_findings(root, "LK304") == []


SHELL = ("::: questions\n\n- Q?\n\n:::\n\n::: objectives\n\n- O.\n\n:::\n\n"
         "```{r, child='files/part.md'}\n```\n")
PART = "## Section\n\nText.\n\n::: keypoints\n\n- K.\n\n:::\n"
RMD_CONFIG = BASIC_CONFIG.replace("- intro.md", "- intro.Rmd")
HEADER = "title: T\nteaching: 5\nexercises: 5\n"


@pytest.mark.parametrize("chunk", ["```{r, child='files/part.md'}",
                                   '```{r child = c("files/none.md", "files/part.md")}',
                                   "```{r}\n#| child: files/part.md"])
def test_blocks_of_knitr_child_documents_count(lesson_dir, chunk):
    # knitr knits the child's text into the episode where the chunk stands
    root = lesson_dir({"config.yaml": RMD_CONFIG, "episodes/intro.md": None,
                       "episodes/intro.Rmd": episode(HEADER, SHELL.replace("```{r, child='files/part.md'}", chunk)),
                       "episodes/files/part.md": PART, "episodes/files/none.md": "Nothing here.\n"})
    assert lint_findings(root, "LK304") == []


def test_a_child_document_without_the_block_is_reported(lesson_dir):
    root = lesson_dir({"config.yaml": RMD_CONFIG, "episodes/intro.md": None,
                       "episodes/intro.Rmd": episode(HEADER, SHELL), "episodes/files/part.md": "Just text.\n"})
    assert [f.message.split(' (')[0] for f in lint_findings(root, "LK304")] == ["Episode has no 'keypoints' block"]


@pytest.mark.parametrize("chunk, files", [
    ("```{r, child=paste(parts, 'part.md', sep='/')}", {}),  # computed: only R could tell
    ("```{r, child='files/missing.md'}", {}),
    ("```{r, child='../../outside.md'}", {"../outside.md": PART}),  # outside the lesson: not read
])
def test_a_child_that_cannot_be_read_leaves_the_episode_unchecked(lesson_dir, chunk, files):
    root = lesson_dir({"config.yaml": RMD_CONFIG, "episodes/intro.md": None,
                       "episodes/intro.Rmd": episode(HEADER, SHELL.replace("```{r, child='files/part.md'}", chunk)),
                       **files})
    assert lint_findings(root, "LK304") == []
    [child] = Lesson.load(root).page("episodes/intro.Rmd").children
    assert child.parsed is None and child.problem


def test_a_child_document_is_part_of_the_built_page(lesson_dir, tmp_path):
    # the page pandoc reads once knitr has put the child's text in place of the chunk
    if not LUA_FILTER.is_file():
        pytest.skip(NEEDS["oracle"])
    knitted = episode(HEADER, SHELL.replace("```{r, child='files/part.md'}\n```\n", PART))
    [render] = render_pages([knitted.encode()], tmp_path / "renders")
    assert 'class="callout keypoints"' in render.html


def test_all_blocks_missing_each_where_it_belongs(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("title: T\nteaching: 5\nexercises: 5\n", "## Text\n\nWords.\n\n")})
    findings = lint_findings(root, "LK304")
    found = sorted(codes_at(findings))
    assert found == [("LK304", "episodes/intro.md", 5), ("LK304", "episodes/intro.md", 5),
                     ("LK304", "episodes/intro.md", 9)]
    messages = [f.message for f in sorted(findings, key=lambda f: f.line)]
    assert any("'questions'" in m for m in messages[:2]) and any("'objectives'" in m for m in messages[:2])
    assert "'keypoints'" in messages[2]
