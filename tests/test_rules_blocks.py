from conftest import codes_at, episode, lint_findings

EP = "episodes/intro.md"
NBSP = "\u00a0"


def test_nbsp_indentation(lesson_dir):
    body = (
        f"Run it:\n\n{NBSP * 4}python run.py\n{NBSP * 4}python plot.py\n\n"  # 9-10: code
        f"- Download the data.\n\n{NBSP * 2}Unzip it first.\n\n"  # 14: the item's second paragraph
        f"{NBSP}  <!-- vertical spacer -->\n\n"  # 16: the spacer idiom
        f"{NBSP}A sentence pasted with a no-break space.\n"  # 18: a paragraph either way
    )
    findings = lint_findings(lesson_dir({EP: episode(body)}), "LK406")
    assert codes_at(findings) == [("LK406", EP, 9), ("LK406", EP, 14)]
    assert "this line (and the 1 line below it) is paragraph text" in findings[0].message
    assert "would make it an indented code block" in findings[0].message
    assert "part of the list item on line 12" in findings[1].message


def test_table_swallowing_headings(lesson_dir):
    body = (
        "What can go wrong?\n\n- - -\n## Data management\n\nText.\n\n- - -\n\n"  # 9-14
        "Name      Value\n--------  -------\nx         1\n\n"  # 16: a table of text, on purpose
        "## Software\n"
    )
    findings = lint_findings(lesson_dir({EP: episode(body)}), "LK407")
    assert codes_at(findings) == [("LK407", EP, 9)]
    assert "pandoc reads lines 9-14 as a headerless multiline table" in findings[0].message
    assert "the heading '## Data management' (line 10) is text in its cells" in findings[0].message


def test_a_multiline_header_keeps_only_its_first_paragraph(lesson_dir):
    """pandoc keeps a multiline table's header down to its first blank line and drops the rest
    from the page, links included (checked with pandoc 3.9)."""
    body = "Intro.\n\n- - -\n### Head A\n\nParagraph [gone](nowhere.md)\n\n## Heading C\n- - -\n### Row 1\n\n- - -\n"
    findings = [f for f in lint_findings(lesson_dir({EP: episode(body)})) if f.code in ("LK201", "LK407")]
    assert codes_at(findings) == [("LK407", EP, 9)]  # no LK201: the link is not on the page
    assert ("the heading '### Head A' (line 10) and the heading '### Row 1' (line 16) are text in its cells; "
            "the heading '## Heading C' (line 14) is dropped from the page") in findings[0].message


def test_documented_examples_behave_as_documented(lesson_dir):
    import re
    import textwrap

    from lessonkit.rules import all_rules

    for rule in (r for r in all_rules() if r.code in ("LK406", "LK407")):
        for label in ("Fails", "Passes"):
            match = re.search(label + r"[^\n]*:\n\n((?:    .*\n|\n)+)", rule.doc + "\n")
            assert match, f"{rule.code} documents no '{label}' example"
            example = textwrap.dedent(match.group(1)).strip().replace("\u00b7", NBSP) + "\n"
            codes = [f.code for f in lint_findings(lesson_dir({EP: episode(example)}, name=f"{rule.code}-{label}"), rule.code)]
            assert bool(codes) == (label == "Fails"), (rule.code, label, codes)


def test_nbsp_names_the_item_a_line_would_join_and_advises_deleting_them_before_prose(lesson_dir):
    body = ("1. one\n2. two\n\n" + NBSP * 3 + "under two\n\n"  # 7-10
            "Some text.\n\n" + NBSP * 4 + "More words, indented by a word processor.\n\n"  # 12-14
            "- item\n" + NBSP * 2 + "continued, the same page either way\n")  # 16-17
    findings = lint_findings(lesson_dir({EP: episode(body)}), "LK406")
    assert codes_at(findings) == [("LK406", EP, 10), ("LK406", EP, 14)]
    assert "part of the list item on line 8" in findings[0].message
    assert "this is text, not code, so delete the no-break spaces" in findings[1].message
