from conftest import codes_at, episode, lint_findings


def test_clean_basic_lesson_has_no_heading_findings(lesson_dir):
    assert lint_findings(lesson_dir(), "LK4") == []


# --- LK401 heading-level-one ---------------------------------------------------------------------


def test_level_one_headings_in_an_episode(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("# Introduction\n\nText.\n\nSetext one\n==========\n\n## Fine\n")})
    assert codes_at(lint_findings(root, "LK401")) == [("LK401", "episodes/intro.md", 7), ("LK401", "episodes/intro.md", 11)]


def test_level_one_in_code_and_on_the_home_page_passes(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("```bash\n# a comment\n```\n"),
                       "index.md": "---\nsite: sandpaper::sandpaper_site\n---\n\n# Welcome\n"})
    assert lint_findings(root, "LK401") == []


def test_level_one_in_learners_and_instructors_pages(lesson_dir):
    # the extra pages print their title as the level 1 too; the setup page is shown in the
    # home page, under the lesson's title
    root = lesson_dir({"learners/reference.md": "---\ntitle: R\n---\n\n# Glossary\n",
                       "instructors/notes.md": "---\ntitle: N\n---\n\nNotes\n=====\n",
                       "learners/setup.md": "---\ntitle: Setup\n---\n\n# Software\n"})
    findings = lint_findings(root, "LK401")
    assert codes_at(findings) == [("LK401", "instructors/notes.md", 5), ("LK401", "learners/reference.md", 5),
                                  ("LK401", "learners/setup.md", 5)]
    assert "the page title is the level 1" in findings[0].message
    assert "the home page's title" in findings[2].message


# --- LK402 heading-skips-level -------------------------------------------------------------------


def test_skip_below_a_section(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("## Loops\n\n#### For loops\n\n### While loops\n")})
    findings = lint_findings(root, "LK402")
    assert codes_at(findings) == [("LK402", "episodes/intro.md", 9)]
    assert "skipping level 3" in findings[0].message


def test_first_heading_counts_from_the_title(lesson_dir):
    root = lesson_dir({"learners/discuss.md": "---\ntitle: Discuss\n---\n\n### Install\n"})
    findings = lint_findings(root, "LK402")
    assert codes_at(findings) == [("LK402", "learners/discuss.md", 5)]
    assert "follows level 1 (the page title)" in findings[0].message


def test_raw_html_headings_count_at_their_level(lesson_dir):
    # pandoc passes <h5> to the page as it is: the glossary's terms are h5s under the h1 title
    glossary = "---\ntitle: Glossary\n---\n\n<h5 id=\"api\">API</h5>\n\n: An interface.\n\n<h5 id=\"cli\">CLI</h5>\n"
    root = lesson_dir({"learners/reference.md": glossary})
    findings = lint_findings(root, "LK402")
    assert codes_at(findings) == [("LK402", "learners/reference.md", 5)]
    assert "Heading level 5 follows level 1 (the page title), skipping level 2: use <h2>" in findings[0].message


SETUP = "---\ntitle: Setup\n---\n\n### Windows\n\n##### Detail\n"


def test_setup_page_follows_the_home_page(lesson_dir):
    # sandpaper renders learners/setup.md into index.html after index.md: "### Windows" follows
    # the home page's "## Getting Started" (the prereq box's heading is the box's own)
    index = "---\nsite: sandpaper::sandpaper_site\n---\n\n## Getting Started\n\n::: prereq\n\n## Prerequisites\n\n:::\n"
    root = lesson_dir({"index.md": index, "learners/setup.md": SETUP})
    findings = lint_findings(root, "LK402")
    assert codes_at(findings) == [("LK402", "learners/setup.md", 7)]
    assert "follows level 3," in findings[0].message


def test_setup_page_under_a_home_page_without_sections(lesson_dir):
    # the basic index.md has only a prereq box: "### Windows" follows its title, an h3
    root = lesson_dir({"learners/setup.md": SETUP})
    findings = lint_findings(root, "LK402")
    assert codes_at(findings) == [("LK402", "learners/setup.md", 7)]
    assert "follows level 3," in findings[0].message
    index = "---\nsite: sandpaper::sandpaper_site\n---\n\nA lesson.\n"
    root = lesson_dir({"learners/setup.md": SETUP, "index.md": index}, name="no-headings")
    findings = lint_findings(root, "LK402")
    assert [f.line for f in findings] == [5, 7]
    assert "(the home page's title; index.md, shown above this page, has no heading)" in findings[0].message


def test_box_title_is_rendered_at_level_three(lesson_dir):
    # a challenge's opening heading becomes its level-3 title: "####" under it is no skip,
    # "#####" is; the challenge does not disturb the page's own sequence
    body = ("## Loops\n\n::: challenge\n\n## Sum\n\n#### Part 1\n\nA.\n\n:::\n\n"
            "::: callout\n\n### Note\n\n##### Detail\n\n:::\n\n### Fine\n")
    root = lesson_dir({"episodes/intro.md": episode(body)})
    assert codes_at(lint_findings(root, "LK402")) == [("LK402", "episodes/intro.md", 23)]


def test_spoiler_title_is_a_level_three_button(lesson_dir):
    body = "## Setup\n\n::: spoiler\n\n## Windows\n\n##### Details\n\n:::\n"
    root = lesson_dir({"episodes/intro.md": episode(body)})
    findings = lint_findings(root, "LK402")
    assert codes_at(findings) == [("LK402", "episodes/intro.md", 13)]
    assert "follows level 3" in findings[0].message


def test_challenge_titles_that_sandpaper_moves(lesson_dir):
    # "## Exercise" is dropped and "#### Part 1" right after it is the title, at level 3, so
    # "##### Step" skips level 4; "## Part 2" right after the solution titles the box that
    # continues the challenge, at level 3 too
    body = ("## Loops\n\n::::: challenge\n\n## Exercise\n\n#### Part 1\n\n##### Step\n\n"  # 7-15
            "::: solution\n\nDone.\n\n:::\n\n## Part 2\n\n##### Skip\n\n:::::\n")  # 17-27
    root = lesson_dir({"episodes/intro.md": episode(body)})
    findings = lint_findings(root, "LK402")
    assert codes_at(findings) == [("LK402", "episodes/intro.md", 15), ("LK402", "episodes/intro.md", 25)]
    assert all("Heading level 5 follows level 3" in f.message for f in findings)


def test_built_headings_give_the_built_levels(lesson_dir):
    from lessonkit.lesson import load_lesson
    from lessonkit.rules.headings import built_headings

    body = ("::: questions\n\n## Questions\n\n- Why?\n\n:::\n\n## Loops\n\n"
            "::::: challenge\n\n## Exercise\n\n#### Part 1\n\n::: solution\n\n## Answer\n\n:::\n\n"
            "## Part 2\n\n:::::\n\n::: tab\n\n#### Windows\n\nA.\n\n:::\n")
    root = lesson_dir({"episodes/intro.md": episode(body)})
    page = load_lesson(root).pages["episodes/intro.md"]
    assert [(h.text, level, title) for h, level, title in built_headings(page)] == [
        ("Questions", None, False), ("Loops", 2, False), ("Exercise", None, False), ("Part 1", 3, True),
        ("Answer", 4, True), ("Part 2", 3, True), ("Windows", 4, True)]


def test_solution_title_is_level_four_and_plain_divs_are_transparent(lesson_dir):
    body = ("## Loops\n\n::: challenge\n\n## Sum\n\n::: solution\n\n##### Output\n\n:::\n\n:::\n\n"
            "## Next\n\n::: {#plain}\n\n#### Hidden skip\n\n:::\n")
    root = lesson_dir({"episodes/intro.md": episode(body)})
    assert codes_at(lint_findings(root, "LK402")) == [("LK402", "episodes/intro.md", 25)]


def test_a_heading_after_a_box_follows_the_boxs_title(lesson_dir):
    # the built page has <h2>Part</h2>, <h3 class="callout-title">Note</h3>, <h4>After the box</h4>
    body = "## Part\n\n::: callout\n## Note\n\nText.\n:::\n\n#### After the box\n\n###### Too deep\n"
    findings = lint_findings(lesson_dir({"episodes/intro.md": episode(body)}), "LK402")
    assert codes_at(findings) == [("LK402", "episodes/intro.md", 17)]
    # and an untitled challenge's "Challenge", which sandpaper gives it, is a heading before it too
    body = "## Part\n\n::: challenge\nDo it.\n:::\n\n##### Deep\n"
    [finding] = lint_findings(lesson_dir({"episodes/intro.md": episode(body)}, name="untitled"), "LK402")
    assert finding.message == ("Heading level 5 follows level 3 (the 'challenge' box's title 'Challenge', which "
                               "sandpaper gives it), skipping level 4: use #### or add the missing level")


def test_a_box_title_itself_is_not_reported(lesson_dir):
    # sandpaper sets a box title's level; the template's home page puts its prereq box (an h3)
    # right under the lesson title
    root = lesson_dir({"learners/notes.md": "---\ntitle: Notes\n---\n\n::: callout\n## Note\n\nText.\n:::\n\n"
                                            "### Then a section\n"})
    assert lint_findings(root, "LK402") == []


def test_an_episodes_first_section_under_the_overview_box(lesson_dir):
    # the built page: <h2 class='card-header'>Overview</h2>, the card's two h3s, then <h3>First
    # section</h3>: no level skipped, but the section reads as part of the Overview box and the
    # sidebar (level-2 sections) leaves it out
    body = ("::: questions\n- Why?\n:::\n\n::: objectives\n- Learn.\n:::\n\nIntro text.\n\n"
            "### First section\n\nText.\n\n### Second section\n\n## A real section\n\n### Its part\n")
    root = lesson_dir({"episodes/intro.md": episode(body)})
    [finding] = lint_findings(root, "LK402")
    assert codes_at([finding]) == [("LK402", "episodes/intro.md", 17)]
    assert finding.message == ("The episode's first section is a level-3 heading: on the built page it reads as part "
                               "of the Overview box above it (an h2), and the sidebar, which lists the episode's "
                               "level-2 sections, leaves it out: use ##")
    # without the Overview card (no objectives) it is a skip from the page title
    root = lesson_dir({"episodes/intro.md": episode(body.replace("::: objectives\n- Learn.\n:::\n\n", ""))},
                      name="no-card")
    [finding] = lint_findings(root, "LK402")
    assert finding.message.startswith("Heading level 3 follows level 1 (the page title), skipping level 2")
    # no card, but a box's title above: no skip, and still no level-2 section for the sidebar
    root = lesson_dir({"episodes/intro.md": episode("::: callout\n## Tip\n\nText.\n:::\n\n### First\n")},
                      name="box")
    [finding] = lint_findings(root, "LK402")
    assert finding.message == ("The episode's first section is a level-3 heading: with no level-2 heading above it "
                               "(the heading above it is the 'callout' box's title 'Tip'): the sidebar, which lists "
                               "the episode's level-2 sections, leaves it out: use ##")
    # a learners page has no Overview card: a box, then ### is no skip and no first-section finding
    root = lesson_dir({"learners/notes.md": "---\ntitle: Notes\n---\n\n::: questions\n- Why?\n:::\n\n"
                                            "### Part\n"}, name="learners")
    assert [f.message[:40] for f in lint_findings(root, "LK402")] == ["Heading level 3 follows level 1 (the pag"]


# --- LK403 heading-empty -------------------------------------------------------------------------


def test_empty_headings(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("##\n\nText.\n\n## {#anchor}\n\n## Real\n")})
    assert codes_at(lint_findings(root, "LK403")) == [("LK403", "episodes/intro.md", 7), ("LK403", "episodes/intro.md", 11)]


def test_heading_with_only_code_is_not_empty(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("## `ls`\n")})
    assert lint_findings(root, "LK403") == []


# --- LK404 heading-duplicate ---------------------------------------------------------------------


def test_duplicate_sibling_headings(lesson_dir):
    body = "## Setup\n\nA.\n\n## Usage\n\n### Example\n\n## setup\n\n### Example\n"
    root = lesson_dir({"episodes/intro.md": episode(body)})
    findings = lint_findings(root, "LK404")
    # "### Example" under Usage and under the second Setup have different parents
    assert codes_at(findings) == [("LK404", "episodes/intro.md", 15)]
    assert "line 7" in findings[0].message


def test_duplicates_in_boxes_are_not_counted(lesson_dir):
    body = ("## Loops\n\n"
            "::: challenge\n\n## Exercise\n\nA.\n\n::: solution\n\n## Solution\n\n:::\n\n:::\n\n"
            "::: challenge\n\n## Exercise\n\nB.\n\n::: solution\n\n## Solution\n\n:::\n\n:::\n\n"
            "::: spoiler\n\n### Windows\n\n:::\n\n::: spoiler\n\n### Windows\n\n:::\n")
    root = lesson_dir({"episodes/intro.md": episode(body)})
    assert lint_findings(root, "LK404") == []


def test_duplicate_inside_one_box(lesson_dir):
    body = "::: callout\n\n## Note\n\n### Tip\n\nA.\n\n### Tip\n\nB.\n\n:::\n"
    root = lesson_dir({"episodes/intro.md": episode(body)})
    assert codes_at(lint_findings(root, "LK404")) == [("LK404", "episodes/intro.md", 15)]


# --- LK405 block-not-separated -------------------------------------------------------------------


def test_list_under_text_reported_once_at_its_first_marker(lesson_dir):
    body = "Most versions work, but:\n- For Keras, 2.4.\n- For sklearn, 1.2.\n\nMore.\n"
    root = lesson_dir({"episodes/intro.md": episode(body)})
    findings = lint_findings(root, "LK405")
    assert codes_at(findings) == [("LK405", "episodes/intro.md", 8)]
    assert "and the 1 below" in findings[0].message and "blank line" in findings[0].message


def test_heading_quote_fence_rule_and_numbered_list_under_text(lesson_dir):
    body = ("Text.\n## Not a heading\n\nText.\n> not a quote\n\nText.\n~~~\ncode\n~~~\n\n"
            "Text.\n***\n\nText.\n1. first\n")
    root = lesson_dir({"episodes/intro.md": episode(body)})
    assert codes_at(lint_findings(root, "LK405")) == [
        ("LK405", "episodes/intro.md", 8), ("LK405", "episodes/intro.md", 11), ("LK405", "episodes/intro.md", 14),
        ("LK405", "episodes/intro.md", 19), ("LK405", "episodes/intro.md", 22)]


def test_list_under_text_inside_a_list_item_is_a_list_at_any_depth(lesson_dir):
    # pandoc ends a paragraph at a list marker anywhere inside a list item or definition: in a
    # block quote, a div or a footnote within the item too; elsewhere the marker is text
    inside = ("- a\n\n  > quoted text\n  > - item\n\n"
              "- b\n\n  ::: callout\n  text\n  - item\n  :::\n\n"
              "Term\n\n:   > text\n    > - item\n\n"
              "- c[^1]\n\n  [^1]: note\n      - item\n\n")
    outside = "> quoted text:\n> - joined\n\n::: callout\ntext:\n- joined\n:::\n\nx[^2]\n\n[^2]: note:\n    - joined\n"
    root = lesson_dir({"episodes/intro.md": episode(inside + outside)})
    assert codes_at(lint_findings(root, "LK405")) == [
        ("LK405", "episodes/intro.md", 30), ("LK405", "episodes/intro.md", 34), ("LK405", "episodes/intro.md", 40)]


def test_heading_under_text_inside_a_list_item_is_still_text(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("- a\n\n  text\n  # joined\n")})
    assert codes_at(lint_findings(root, "LK405")) == [("LK405", "episodes/intro.md", 10)]


def test_separated_blocks_and_nested_lists_pass(lesson_dir):
    body = ("Text:\n\n- one\n- two\n  - nested\n\n## Heading\n\n> quote\n\n"
            "- item text\n  - sub item directly under the item's text\n")
    root = lesson_dir({"episodes/intro.md": episode(body)})
    assert lint_findings(root, "LK405") == []


# --- issue 16: findings that were false on lessons nobody here had read ---------------------------


def test_a_level_one_heading_that_titles_a_box_is_no_h1(lesson_dir):
    # the filter makes a box's first heading its title, an h3 (a solution's, a button)
    body = "::: callout\n# Data tip\n\nText.\n:::\n\n::: challenge\n# Exercise\n\n::: solution\n# Answer\nA.\n:::\n:::\n"
    assert lint_findings(lesson_dir({"episodes/intro.md": episode(body)}), "LK401") == []


def test_an_unbuilt_fragment_without_front_matter_has_no_page_title(lesson_dir):
    # not listed, no front matter: a fragment kept in the folder; a draft with front matter is a page
    root = lesson_dir({"episodes/fragment.md": "# Shared notes\n\nText.\n",
                       "episodes/draft.md": episode("# Draft section\n")})
    named = ("episodes/fragment.md", "episodes/draft.md")  # both linted in full, as when named
    assert codes_at(lint_findings(root, "LK401", in_full=named)) == [("LK401", "episodes/draft.md", 7)]


def test_comments_of_code_with_no_fence_say_to_fence_the_code(lesson_dir):
    body = "x <- c(1, 2, 3)\n\n# compute the mean\nmean(x)\n\n# A real section\n\nText.\n"
    comment, section = lint_findings(lesson_dir({"episodes/intro.md": episode(body)}), "LK401")
    assert "among lines of code with no code fence" in comment.message and "put the code in a fence" in comment.message
    assert comment.fix is None
    assert "use '##' for a section" in section.message


def test_a_dash_in_a_wrapped_sentence_stays_in_it(lesson_dir):
    # pandoc keeps these lines in their paragraphs, as the authors meant
    body = ("The mean of the values\n- in this case the mean of the column - is 3.\n\n"
            "It has grown to cover\n> 30K gene sets.\n\n"
            "Most versions work, but\n- For Keras, use 2.4.\n\n"  # a capital: an item
            "Most versions work:\n- for Keras, 2.4.\n")  # a colon: a list
    findings = lint_findings(lesson_dir({"episodes/intro.md": episode(body)}), "LK405")
    assert codes_at(findings) == [("LK405", "episodes/intro.md", 14), ("LK405", "episodes/intro.md", 17)]


def test_styles_exercises_in_different_sections_are_no_duplicates(lesson_dir):
    # each block quote is a scope of its own: pandoc puts its headings in sections inside the quote
    body = ("## Part A\n\n> ## Exercise\n>\n> Do A.\n{: .challenge}\n\n## Part B\n\n> ## Exercise\n>\n> Do B.\n"
            "{: .challenge}\n\n> ## Twice\n>\n> ## Twice\n")
    root = lesson_dir({"episodes/intro.md": episode(body)})
    assert codes_at(lint_findings(root, "LK404")) == [("LK404", "episodes/intro.md", 23)]


def test_a_list_under_the_text_of_a_marker_alone_on_its_line_is_a_list(lesson_dir):
    # pandoc reads the lines under '3.' as item 3, where the ' - ' lines start a list (checked
    # with pandoc 3.9: <ol start="3"><li>Cons: risk Pros:</li></ol><ul>...); the text after the
    # blank line is a paragraph, where they are text
    body = "3.\nCons: risk\nPros:\n - Not expressed.\n - Fewer tests.\n\nText after:\n - joined\n"
    findings = lint_findings(lesson_dir({"episodes/intro.md": episode(body)}), "LK405")
    assert codes_at(findings) == [("LK405", "episodes/intro.md", 14)]
