"""`lint --fix --unsafe-fixes` over every lesson of ../shared/corpus and ../shared/corpus-more
(each skipped when it is absent).

Each lesson is copied and fixed. Then every fixed finding is gone and no new finding appears
(but LK801 on a block that LK802's fix makes: its language is the author's to say), a second fix
changes nothing, and each fix of the first pass, applied alone to its page, changes pandoc's AST
only the way its rule may (tests/fix_checks.py): not at all (LK101, LK303), one class (LK103),
one link target, or one block (LK405, LK105, LK106, LK901...).
"""

from __future__ import annotations

import shutil
from collections import Counter

import pytest

from conftest import corpus_lessons
from fix_checks import deleted_text, rendering_problem
from lessonkit.fix import fix_lesson
from lessonkit.textedit import apply_edits
from lessonkit.lesson import Lesson
from lessonkit.lint import lint_lesson
from lessonkit.settings import fix_applies, load_settings
from pandoc_oracle import normalise_rmd, pandoc_json_many, sandpaper_format

pytestmark = pytest.mark.slow


def _lint(root):
    lesson = Lesson.load(root)
    settings = load_settings(lesson)
    return lesson, settings, lint_lesson(lesson, settings).findings


def _counts(findings) -> Counter:
    return Counter((finding.path, finding.code) for finding in findings)


def _fix_and_write(root, unsafe: bool):
    lesson, settings, _ = _lint(root)
    outcome = fix_lesson(lesson, settings, unsafe=unsafe)
    for source in outcome.changed:
        source.path.write_bytes(source.data)
    return outcome


LESSON_COUNTS = {"corpus": 20, "corpus-more": 40}
# (lesson/page, line, code) -> why that fix changes the page otherwise than its check allows
KNOWN_FIX_PROBLEMS = {
    ("carpentries-incubator__managing-computational-projects/episodes/21_Definitions.Rmd", 58, "LK405"):
        "a true finding and a right fix, more than a split paragraph: '## others', pandoc's text of the last "
        "item, becomes a heading, which also ends the list above it (its items, no longer followed by a blank "
        "line, become a tight list) and starts the items below it as a list of their own",
}


def _revealed(after, before, settings) -> set:
    """The findings a fix brings to light rather than makes: LK802's fix turns a glued opener into
    a fence of its own, and the block's language stays the author's to say (LK801, on the opener's
    line, which the fix does not move)."""
    openers = {(f.path, f.line) for f in before if f.code == "LK802" and fix_applies(settings, f, True)}
    return {id(f) for f in after if f.code == "LK801" and (f.path, f.line) in openers}


@pytest.fixture
def lessons(corpus_folder):
    """The lessons of a corpus folder (read only)."""
    roots = corpus_lessons(corpus_folder)
    assert len(roots) == LESSON_COUNTS[corpus_folder.name]
    return roots


def test_fixing_removes_what_it_fixes_and_adds_nothing(lessons, tmp_path):
    repaired: Counter = Counter()
    for original in lessons:
        root = tmp_path / original.name
        shutil.copytree(original, root)
        _, settings, before = _lint(root)
        fixable = _counts(f for f in before if fix_applies(settings, f, True))
        outcome = _fix_and_write(root, unsafe=True)
        assert outcome.converged, root.name
        _, _, after = _lint(root)
        revealed = _revealed(after, before, settings)
        counts_before, counts_after = _counts(before), _counts(f for f in after if id(f) not in revealed)
        for key in set(counts_before) | set(counts_after):
            assert counts_after[key] <= counts_before[key] - fixable[key], (root.name, key, counts_after[key])
        again = _fix_and_write(root, unsafe=True)
        assert not again.changed and not again.fixed, (root.name, again.fixed)
        repaired.update(f.code for f in before)
        repaired.subtract(f.code for f in after)
    assert +repaired  # the corpus has fixable findings: the test tests something


def test_each_fix_changes_the_page_only_as_its_rule_may(lessons):
    cases = []  # (finding, text before, text after)
    for root in lessons:
        lesson, settings, findings = _lint(root)
        pages = {page.path.resolve(): page for page in lesson.pages.values()}
        for finding in findings:
            page = pages.get(finding.path)
            if page is None or not fix_applies(settings, finding, True):
                continue
            after = apply_edits(page.text, finding.fix.edits)
            if page.is_rmd:
                cases.append((finding, page, normalise_rmd(page.text), normalise_rmd(after)))
            else:
                cases.append((finding, page, page.text, after))
    assert len({finding.code for finding, *_ in cases}) >= 6
    # read without automatic ids: a heading a fix brings out (LK405) renumbers the ids of the same
    # name after it ("solution-1" becomes "solution-2"), which is its effect, not another change
    asts = pandoc_json_many([text for _, _, before, after in cases for text in (before, after)],
                            from_format=sandpaper_format("auto_identifiers"))
    problems, known = [], set()
    for index, (finding, page, _, _) in enumerate(cases):
        before, after = asts[2 * index]["blocks"], asts[2 * index + 1]["blocks"]
        deleted = deleted_text(page.lines, finding.fix.edits) if finding.fix.description.startswith(("Delete", "Remove")) else ""
        problem = rendering_problem(finding.code, finding.fix.description, before, after, deleted)
        where = (f"{page.root.name}/{page.rel}", finding.line, finding.code)
        if problem and where in KNOWN_FIX_PROBLEMS:
            known.add(where)
        elif problem:
            problems.append(f"{page.rel}:{finding.line} {finding.code} {finding.fix.description}: {problem}")
    lessons_seen = {root.name for root in lessons}
    stale = [where for where in KNOWN_FIX_PROBLEMS if where[0].split("/")[0] in lessons_seen and where not in known]
    assert not stale, f"listed in KNOWN_FIX_PROBLEMS but fine now; drop them: {stale}"
    assert not problems, "\n".join(problems)
