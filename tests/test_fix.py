"""The rules' fixes: what each writes, when it is safe, when there is none, and (with pandoc 3.9)
that the page renders as the rule promises (tests/fix_checks.py); then properties of fixing
generated pages (hypothesis). The engine itself is tested in test_fix_engine.py."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import BASIC_CONFIG, episode, write_lesson
from fix_checks import deleted_text, rendering_problem
from lessonkit import fix as engine
from lessonkit.cli import main
from lessonkit.fix import SourceFile, fix_lesson
from lessonkit.textedit import apply_edits
from lessonkit.lesson import Lesson
from lessonkit.lint import lint_lesson
from lessonkit.rules import all_rules
from lessonkit.settings import fix_applies, load_settings
from pandoc_oracle import pandoc_json

PAGE = "episodes/intro.md"


def _lesson(tmp_path, files):
    root = tmp_path / "lesson"
    if root.exists():
        import shutil

        shutil.rmtree(root)
    return write_lesson(root, files)


def fixes(tmp_path, body: str, code: str, files: dict | None = None):
    """The fixes the first lint offers for rule code on an episode with body, with the page."""
    root = _lesson(tmp_path, {PAGE: episode(body), **(files or {})})
    lesson = Lesson.load(root)
    settings = load_settings(lesson)
    findings = [f for f in lint_lesson(lesson, settings).findings if f.code == code and f.path.name == "intro.md"]
    return lesson.page(PAGE), [f.fix for f in findings]


def fixed(tmp_path, body: str, unsafe: bool = False, files: dict | None = None, page: str = PAGE,
          text: str | None = None) -> str:
    """The page after `lint --fix` (with --unsafe-fixes when unsafe), as pandoc reads it."""
    root = _lesson(tmp_path, {page: text if text is not None else episode(body), **(files or {})})
    lesson = Lesson.load(root)
    outcome = fix_lesson(lesson, load_settings(lesson), unsafe=unsafe)
    assert outcome.converged
    changed = {source.path.name: source for source in outcome.changed}
    name = page.rsplit("/", 1)[-1]
    return changed[name].text if name in changed else (root / page).read_text(encoding="utf-8")


def renders_as_promised(page, fix, code: str) -> None:
    """The fix alone, on the page, changes pandoc's blocks only as its rule may."""
    after = apply_edits(page.text, fix.edits)
    before_blocks, after_blocks = pandoc_json(page.text)["blocks"], pandoc_json(after)["blocks"]
    deleted = deleted_text(page.lines, fix.edits) if fix.description.startswith(("Delete", "Remove")) else ""
    assert rendering_problem(code, fix.description, before_blocks, after_blocks, deleted) is None


# --- LK101 -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("body, closer", [
    ("::: challenge\n## Sum\n\nAdd.\n", "Add.\n:::\n"),
    ("Text.\n\n> ::: callout\n> Quoted.\n\nAfter.\n", "> Quoted.\n> :::\n\nAfter.\n"),
    # pandoc closes both at the end of the page: one fix closes both there, the solution first
    ("::: challenge\n## Sum\n\n::: solution\nAdd.\n", "Add.\n:::\n:::\n"),
])
def test_lk101_closes_where_pandoc_closes_and_the_page_renders_the_same(tmp_path, body, closer):
    page, [fix, *_] = fixes(tmp_path, body, "LK101")
    assert not fix.safe
    assert apply_edits(page.text, fix.edits).endswith(closer)
    renders_as_promised(page, fix, "LK101")
    assert fixed(tmp_path, body) == episode(body)  # unsafe: --fix alone leaves it
    after = fixed(tmp_path, body, unsafe=True)
    assert pandoc_json(after)["blocks"] == pandoc_json(episode(body))["blocks"]


@pytest.mark.parametrize("body", [
    "::: callout\nText.\n::: <!-- end -->\n",  # a malformed fence on the way: its fix may close the div
    "- item\n\n  ::: callout\n  Inside.\n- next\n",  # a closer would make the item's last paragraph loose
])
def test_lk101_has_no_fix_where_the_page_would_not_render_the_same(tmp_path, body):
    _, [fix] = fixes(tmp_path, body, "LK101")
    assert fix is None


# --- LK102 -----------------------------------------------------------------------------------------

def test_lk102_removes_the_stray_closer(tmp_path):
    body = "::: callout\nA.\n:::\n:::\n\nAfter.\n"
    page, [fix] = fixes(tmp_path, body, "LK102")
    assert not fix.safe
    renders_as_promised(page, fix, "LK102")
    assert fixed(tmp_path, body, unsafe=True) == episode("::: callout\nA.\n:::\n\nAfter.\n")


def test_lk102_has_no_fix_under_an_opener_pandoc_reads_as_text(tmp_path):
    _, [fix] = fixes(tmp_path, "Text.\n::: callout\nA.\n:::\n", "LK102")
    assert fix is None  # LK105 makes the opener real, and this closer closes it


# --- LK103 -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("opener, repaired, safe", [
    ("::: Challenge", "::: challenge", True),
    ("::::::: {.Challenge #first}", "::::::: {.challenge #first}", True),
    ("::: challenge:::", "::: challenge :::", True),
    ("::: prereqs", "::: prereq", False),
    ("::: solutoin", "::: solution", False),
])
def test_lk103_writes_the_known_class(tmp_path, opener, repaired, safe):
    body = f"{opener}\n## Loops\n\nText.\n:::\n"
    page, [fix] = fixes(tmp_path, body, "LK103")
    assert fix.safe is safe
    assert apply_edits(page.text, fix.edits) == episode(body.replace(opener, repaired))
    renders_as_promised(page, fix, "LK103")  # only the class changes


def test_lk103_without_a_close_class_has_no_fix(tmp_path):
    _, [fix] = fixes(tmp_path, "::: mybox\nText.\n:::\n", "LK103")
    assert fix is None


# --- LK105 and LK106 -------------------------------------------------------------------------------

def test_lk105_opens_the_div_and_changes_only_that_paragraph(tmp_path):
    body = "Intro.\n\nSome text.\n::: callout\nNote.\n:::\n\nAfter.\n"
    page, [fix] = fixes(tmp_path, body, "LK105")
    renders_as_promised(page, fix, "LK105")


@pytest.mark.parametrize("body, repaired", [
    ("  ::: callout\n  Note.\n  :::\n", "::: callout\n  Note.\n:::\n"),
    ("> Quoted.\n>\n>  ::: callout\n> Note.\n>  :::\n", "> Quoted.\n>\n> ::: callout\n> Note.\n> :::\n"),
    ("::: callout\nNote.\n::: <!-- end callout -->\n", "::: callout\nNote.\n:::\n<!-- end callout -->\n"),
    ("::: callout <!-- a note -->\nNote.\n:::\n", "<!-- a note -->\n::: callout\nNote.\n:::\n"),
    ("Text.\n  ::: callout\n  Note.\n  :::\n", "Text.\n\n::: callout\n  Note.\n:::\n"),
])
def test_lk106_repairs_fences_safely_when_the_divs_then_balance(tmp_path, body, repaired):
    page, repairs = fixes(tmp_path, body, "LK106")
    assert repairs and all(fix is not None and fix.safe for fix in repairs)
    renders_as_promised(page, repairs[0], "LK106")
    assert fixed(tmp_path, body) == episode(repaired)


def test_lk106_repairs_that_leave_a_stray_closer_are_a_guess(tmp_path):
    _, repairs = fixes(tmp_path, "  ::: callout\n  Note.\n  :::\n:::\n", "LK106")
    assert len(repairs) == 2 and all(fix is not None and not fix.safe for fix in repairs)


def test_lk106_repairs_that_leave_more_divs_open_have_no_fix(tmp_path):
    _, [fix] = fixes(tmp_path, "::: challenge\n## Q\n\n  ::: solution\n  A.\n", "LK106")
    assert fix is None


@pytest.mark.parametrize("body", [
    "::: challenge extra\nText.\n:::\n",  # two words: which class is meant is not clear
    "- item\n\n     ::: callout\n     Note.\n     :::\n",  # in a list item
])
def test_lk106_has_no_fix_where_the_intent_is_not_clear(tmp_path, body):
    _, repairs = fixes(tmp_path, body, "LK106")
    assert repairs and all(fix is None for fix in repairs)


# --- LK405 -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("body, repaired", [
    ("Most versions work, but:\n- Keras 2.4.\n- TF 2.16.\n", "Most versions work, but:\n\n- Keras 2.4.\n- TF 2.16.\n"),
    ("Text.\n## Setup\n", "Text.\n\n## Setup\n"),
    ("Text.\n> quoted\n", "Text.\n\n> quoted\n"),
    ("> Text.\n> > nested\n", "> Text.\n>\n> > nested\n"),
    ("> Text.\n> 1. one\n> 2. two\n", "> Text.\n>\n> 1. one\n> 2. two\n"),
    ("Text.\n~~~\ncode\n~~~\n", "Text.\n\n~~~\ncode\n~~~\n"),
])
def test_lk405_adds_the_blank_line_and_splits_only_that_paragraph(tmp_path, body, repaired):
    page, [fix] = fixes(tmp_path, body, "LK405")
    assert fix.safe
    renders_as_promised(page, fix, "LK405")
    assert fixed(tmp_path, body) == episode(repaired)


def test_lk405_setext_underline_under_several_lines_has_no_fix(tmp_path):
    _, [fix] = fixes(tmp_path, "One line\nand another\n---\n", "LK405")
    assert fix is None


# --- LK401 -----------------------------------------------------------------------------------------

def test_lk401_moves_the_sections_down_and_leaves_the_boxes(tmp_path):
    body = "# Loops\n\n### For\n\nText.\n\nWhile\n=====\n\n::: challenge\n## Try\n:::\n"
    page, repairs = fixes(tmp_path, body, "LK401")
    assert len(repairs) == 2 and repairs[0] == repairs[1] and not repairs[0].safe
    renders_as_promised(page, repairs[0], "LK401")
    assert fixed(tmp_path, body, unsafe=True) == episode(
        "## Loops\n\n#### For\n\nText.\n\nWhile\n-----\n\n::: challenge\n## Try\n:::\n")


def test_lk401_has_no_fix_when_the_page_has_a_level_2_section(tmp_path):
    _, [fix] = fixes(tmp_path, "# Loops\n\n## For\n", "LK401")
    assert fix is None


# --- LK303 and LK301 -------------------------------------------------------------------------------

@pytest.mark.parametrize("written, minutes", [
    ("1:30", "90"), ("0:45", "45"), ("30min", "30"), ("'30 minutes'", "30"), ("1h 30m", "90"), ("2 hours", "120"),
    ("010", "10"), ('"1:30"  # an hour and a half', "90  # an hour and a half"),
])
def test_lk303_writes_the_minutes_the_value_means(tmp_path, written, minutes):
    text = f"---\ntitle: T\nteaching: {written}\nexercises: 5\n---\n\nText.\n"
    root = _lesson(tmp_path, {PAGE: text})
    lesson = Lesson.load(root)
    [finding] = [f for f in lint_lesson(lesson, load_settings(lesson)).findings if f.code == "LK303"]
    assert finding.fix.safe
    after = apply_edits(text, finding.fix.edits)
    assert after == text.replace(f"teaching: {written}", f"teaching: {minutes}")
    assert pandoc_json(after)["blocks"] == pandoc_json(text)["blocks"]


@pytest.mark.parametrize("written", ["1.5", "ten", "-5", "", "90:00"])
def test_lk303_has_no_fix_for_a_time_only_the_author_knows(tmp_path, written):
    root = _lesson(tmp_path, {PAGE: f"---\ntitle: T\nteaching: {written}\nexercises: 5\n---\n\nText.\n"})
    lesson = Lesson.load(root)
    found = [f for f in lint_lesson(lesson, load_settings(lesson)).findings if f.code == "LK303"]
    assert found and all(f.fix is None for f in found)


def test_lk301_writes_fences_as_sandpaper_finds_them(tmp_path):
    text = "--- \ntitle: T\nteaching: 5\nexercises: 5\n...\n\nText.\n"
    assert fixed(tmp_path, "", text=text) == "---\ntitle: T\nteaching: 5\nexercises: 5\n---\n\nText.\n"


# --- LK802 -----------------------------------------------------------------------------------------

def test_lk802_lengthens_a_short_closer_or_closes_at_the_end(tmp_path):
    short = "````python\nx = 1\n```\n\nNext.\n"
    assert fixed(tmp_path, short, unsafe=True) == episode("````python\nx = 1\n````\n\nNext.\n")
    page, [fix] = fixes(tmp_path, "```python\n# a comment\nx = 1\n\n\n", "LK802")
    assert apply_edits(page.text, fix.edits) == episode("```python\n# a comment\nx = 1\n```\n\n\n")
    renders_as_promised(page, fix, "LK802")


def test_lk802_puts_a_glued_opener_on_a_line_of_its_own(tmp_path):
    body = "- item:\n\n  ```/tmp/x.py:1: Warning:\n  more\n\n  call(\n  ```\n\nProse after.\n"
    page, [fix] = fixes(tmp_path, body, "LK802")
    assert not fix.safe
    assert apply_edits(page.text, fix.edits) == episode(body.replace("  ```/tmp", "  ```\n  /tmp"))
    renders_as_promised(page, fix, "LK802")
    blocks = pandoc_json(apply_edits(page.text, fix.edits))["blocks"]
    assert blocks[0]["t"] == "BulletList" and blocks[1] == {"t": "Para", "c": [
        {"t": "Str", "c": "Prose"}, {"t": "Space"}, {"t": "Str", "c": "after."}]}  # the prose stays prose
    # "```python extra": which part is the language is the author's to say
    _, [fix] = fixes(tmp_path / "b", "```python extra\nx = 1\n\n```\n\nNext.\n", "LK802")
    assert fix is None


def test_lk802_has_no_fix_inside_a_div(tmp_path):
    _, [fix] = fixes(tmp_path, "::: callout\n```python\nx = 1\n:::\n", "LK802")
    assert fix is None


# --- LK901 -----------------------------------------------------------------------------------------

STYLES_BOX = """\
> ## Sum a list
>
> Add up `[1, 2, 3]`.
>
> > ## Solution
> >
> > ~~~
> > sum([1, 2, 3])
> > ~~~
> > {: .language-python}
> {: .solution}
{: .challenge}

After.
"""


def test_lk901_styles_box_becomes_divs_one_level_per_pass(tmp_path):
    page, repairs = fixes(tmp_path, STYLES_BOX, "LK901")
    box = next(fix for fix in repairs if fix and fix.description.startswith("Make the block quote"))
    assert not box.safe
    renders_as_promised(page, box, "LK901")
    assert fixed(tmp_path, STYLES_BOX, unsafe=True) == episode(
        "::: challenge\n## Sum a list\n\nAdd up `[1, 2, 3]`.\n\n::: solution\n## Solution\n\n~~~python\n"
        "sum([1, 2, 3])\n~~~\n:::\n:::\n\nAfter.\n")


def test_lk901_safe_fixes_leave_the_box_a_quote(tmp_path):
    after = fixed(tmp_path, STYLES_BOX)
    assert "> > ~~~python\n" in after and "{: .language-python}" not in after and "{: .challenge}" in after


def test_lk901_solution_box_outside_a_challenge_has_no_fix(tmp_path):
    _, repairs = fixes(tmp_path, "> ## Solution\n>\n> Answer.\n", "LK901")
    assert repairs == [None]  # sandpaper would show a solution with no exercise (LK104)


@pytest.mark.parametrize("body, after, safe", [
    ("```\nls\n```\n{: .output}\n", "```output\nls\n```\n", True),
    ("```\nls\n```\n{:. output}\n", "```output\nls\n```\n", True),
    ("> Quoted.\n{: .quotation}\n\nAfter.\n", "> Quoted.\n\nAfter.\n", True),
    ("Text.\n\n{% include links.md %}\n", "Text.\n\n", True),
    ("Text.\n\n{% include carpentries.html %}\n", "Text.\n\n", False),
    ("> ::: callout\n> ## Note\n>\n> Text.\n> :::\n", "::: callout\n## Note\n\nText.\n:::\n", False),
])
def test_lk901_other_repairs(tmp_path, body, after, safe):
    page, [fix] = fixes(tmp_path, body, "LK901")
    assert fix.safe is safe
    assert apply_edits(page.text, fix.edits) == episode(after)
    renders_as_promised(page, fix, "LK901")


@pytest.mark.parametrize("body, after", [
    ("> ### Custom plots\n\nTake five minutes.\n\n::: challenge\n\nSome ideas:\n:::\n",
     "::: challenge\n\n### Custom plots\n\nTake five minutes.\n\nSome ideas:\n:::\n"),
    ("> ## Custom plots\n\n::: callout\nSome ideas.\n:::\n", "::: callout\n\n## Custom plots\n\nSome ideas.\n:::\n"),
])
def test_lk901_a_quoted_title_moves_into_the_box_below(tmp_path, body, after):
    page, [repair] = fixes(tmp_path, body, "LK901")
    assert not repair.safe and repair.description == f"Move the heading into the '{after.split()[1]}' box"
    assert apply_edits(page.text, repair.edits) == episode(after)
    renders_as_promised(page, repair, "LK901")


@pytest.mark.parametrize("body", [
    "```python\nls\n```\n{: .output}\n",  # the fence names another language
    "{: #an-id .note}\n",  # an id that a link may name
    "See {{ site.title }} here.\n",
])
def test_lk901_has_no_fix_where_it_would_guess_blindly(tmp_path, body):
    _, repairs = fixes(tmp_path, body, "LK901")
    assert repairs and all(fix is None for fix in repairs)


# --- links -----------------------------------------------------------------------------------------

EPISODES = BASIC_CONFIG.replace("- intro.md\n", "- intro.md\n- loops.md\n")


@pytest.mark.parametrize("link, repaired, code, safe", [
    ("[mail](team@example.org)", "[mail](mailto:team@example.org)", "LK201", True),
    ("[site](www.example.org/page)", "[site](https://www.example.org/page)", "LK201", False),
    ("[setup](./learners/setup.md)", "[setup](learners/setup.md)", "LK201", True),
    ("[next](loop.md)", "[next](loops.md)", "LK201", False),
    ("[next](lops.html#top)", "[next](loops.md#top)", "LK201", False),  # a page: as Site.link_to writes it
    ("[sec](loops.md#whille-loops)", "[sec](loops.md#while-loops)", "LK202", False),
    ("[sec](#sectoin)", "[sec](#section)", "LK202", False),
    ("[data](http://www.gapminder.org/data/)", "[data](https://www.gapminder.org/data/)", "LK205", False),
    ("<http://www.gapminder.org/>", "<https://www.gapminder.org/>", "LK205", False),
    ("see http://www.gapminder.org/ now", "see https://www.gapminder.org/ now", "LK205", False),
    ("[data][gm]\n\n[gm]: http://www.gapminder.org/", "[data][gm]\n\n[gm]: https://www.gapminder.org/", "LK205", False),
    ("![plot](/fig/plot.png)", "![plot](fig/plot.png)", "LK207", False),
    ("[loops](loops#while-loops)", "[loops](loops.md#while-loops)", "LK209", True),
    ("[setup](setup)", "[setup](../learners/setup.md)", "LK209", True),
    ("[next](/loops#while-loops)", "[next](loops.md#while-loops)", "LK207", False),
    ("[setup]({{ page.root }}/setup.html)", "[setup](setup.html)", "LK201", False),
    ("[ref]\n\n[ref]: {{site.baseurl}}/loops.html", "[ref]\n\n[ref]: loops.html", "LK201", False),
])
def test_link_fixes(tmp_path, link, repaired, code, safe):
    files = {"config.yaml": EPISODES, "episodes/loops.md": episode("## While loops\n\nText.\n"),
             "episodes/fig/plot.png": b"png"}
    page, [fix] = fixes(tmp_path, f"## Section\n\n{link}\n", code, files)
    assert fix.safe is safe
    assert apply_edits(page.text, fix.edits) == episode(f"## Section\n\n{repaired}\n")
    renders_as_promised(page, fix, code)


def test_liquid_target_that_leads_nowhere_has_no_fix(tmp_path):
    _, [fix] = fixes(tmp_path, "See the [nowhere]({{ page.root }}/nowhere.html).\n", "LK201")
    assert fix is None


def test_link_fixes_leave_targets_written_elsewhere(tmp_path):
    files = {"links.md": "[gm]: http://www.gapminder.org/\n"}
    _, [fix] = fixes(tmp_path, "[data][gm]\n", "LK205", files)
    assert fix is None  # the definition is in links.md: the finding is on this page


# --- the rule reference ----------------------------------------------------------------------------

def test_rules_say_whether_and_how_safely_they_fix():
    kinds = {rule.code: rule.fix for rule in all_rules()}
    assert kinds["LK105"] == kinds["LK405"] == kinds["LK303"] == "safe"
    assert kinds["LK101"] == kinds["LK202"] == kinds["LK401"] == "unsafe"
    assert kinds["LK103"] == kinds["LK106"] == kinds["LK901"] == "sometimes"
    assert kinds["LK203"] is None and kinds["LK404"] is None
    shown = CliRunner().invoke(main, ["rules", "LK103"]).output
    assert "Fix: safe where the intent is clear (`--fix`), a best guess otherwise" in shown
    assert "Fix:" not in CliRunner().invoke(main, ["rules", "LK203"]).output
    assert " unsafe " in next(line for line in CliRunner().invoke(main, ["rules"]).output.splitlines()
                              if line.startswith("LK101"))


# --- properties ------------------------------------------------------------------------------------

FRONT = st.sampled_from([
    "---\ntitle: T\nteaching: 5\nexercises: 5\n---\n",
    "---\ntitle: T\nteaching: 1:30\nexercises: 30min\n---\n",
    "--- \ntitle: T\nteaching: 010\nexercises: 5\n...\n",
])
LINES = st.sampled_from([
    "Some text.", "", "", "::: callout", ":::", "::: challenge", "::: Challenge", "::: challenge:::", "  ::: callout",
    "  :::", "::: <!-- end -->", "::: solution <!-- s -->", "> ## Solution", "> text", "> > nested", ">",
    "{: .solution}", "{: .challenge}", "> {: .solution}", "{: .output}", "{: .quotation}", "{% include links.md %}",
    "~~~", "```", "```python", "````", "- item", "1. one", "# Heading", "### Deep", "Title", "=====", "---",
    "[a](http://www.gapminder.org/)", "[b](/fig/x.png)", "[c](#sectoin)", "[d](intro.md#sectoin)",
    "See {{ page.root }}/setup.html", "[e]({{ page.root }}/setup.html)", "## Section", "text é 🙂",
    "The ****shell**** is", "df$x and df$y", "[f] (https://example.org)", "Table: a caption", "+---+---+",
    "| a | b |", "quoted {:", ".quotation}",
])


def _page_bytes(front: str, lines: list[str], newline: str, bom: bool) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + (front + "\n" + "\n".join(lines) + "\n").replace("\n", newline).encode()


def _fix_all(root):
    lesson = Lesson.load(root)
    return fix_lesson(lesson, load_settings(lesson), unsafe=True)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(front=FRONT, lines=st.lists(LINES, max_size=16), newline=st.sampled_from(["\n", "\r\n"]), bom=st.booleans())
def test_fixing_generated_pages_settles_keeps_line_ends_and_bom_and_is_idempotent(tmp_path_factory, front, lines,
                                                                                   newline, bom):
    root = write_lesson(tmp_path_factory.mktemp("lesson"), {})
    page = root / PAGE
    page.write_bytes(_page_bytes(front, lines, newline, bom))
    outcome = _fix_all(root)  # never raises
    assert outcome.converged
    for source in outcome.changed:
        data = source.data
        assert data.startswith(b"\xef\xbb\xbf") == bom
        assert data.count(b"\n") == data.count(b"\r\n") if newline == "\r\n" else b"\r" not in data
        source.path.write_bytes(data)
    again = _fix_all(root)
    assert not again.changed and not again.fixed


def _kept_in_order(original: str, ranges, result: str) -> bool:
    """Whether result is original with only the text inside ranges (start, end) replaced."""
    cuts, position = [], 0
    for start, end in sorted(ranges):
        if start >= position:
            cuts.append((position, start))
            position = end
        else:
            position = max(position, end)  # overlapping ranges: one gap
    segments = [original[a:b] for a, b in cuts] + [original[position:]]
    if len(segments) == 1:
        return result == original
    if not (result.startswith(segments[0]) and result.endswith(segments[-1])):
        return False
    found = len(segments[0])
    for segment in segments[1:-1]:  # leftmost placement leaves the most room for the rest
        found = result.find(segment, found)
        if found < 0:
            return False
        found += len(segment)
    return found <= len(result) - len(segments[-1])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(front=FRONT, lines=st.lists(LINES, max_size=16), newline=st.sampled_from(["\n", "\r\n"]), bom=st.booleans())
def test_a_pass_touches_no_byte_outside_its_edits(tmp_path_factory, monkeypatch, front, lines, newline, bom):
    root = write_lesson(tmp_path_factory.mktemp("lesson"), {})
    page = root / PAGE
    page.write_bytes(_page_bytes(front, lines, newline, bom))
    lesson = Lesson.load(root)
    options = load_settings(lesson)
    source = SourceFile.read(page)
    ranges = [(start, end) for f in lint_lesson(lesson, options).findings
              if f.path == page.resolve() and fix_applies(options, f, True)
              for start, end, _ in source.ranges(f.fix.edits)]
    monkeypatch.setattr(engine, "MAX_PASSES", 1)
    outcome = fix_lesson(lesson, options, unsafe=True)
    result = outcome.files[page.resolve()].raw if page.resolve() in outcome.files else source.raw
    assert _kept_in_order(source.raw, ranges, result)
