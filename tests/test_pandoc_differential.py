"""The differential test: lessonkit's div tree and headings must be pandoc's, page for page.

The oracle is pandoc 3.x from the pypandoc-binary wheel. Every fixture in tests/fixtures/pandoc
and every page of ../shared/corpus and ../shared/corpus-more (each when present) is parsed by both; the div
trees (classes, ids, nesting, order) and the headings (level and id, in order) must be equal.
The deliberate disagreements are listed below with their reasons; nothing else may differ.
"""

from __future__ import annotations

import sys
from pathlib import Path


from lessonkit.frontmatter import split_front_matter
from lessonkit.knitr import normalise_knitr
from lessonkit.markdown.emoji import EMOJI
from lessonkit.markdown.parser import parse_page
from lessonkit.textio import decode

sys.path.insert(0, str(Path(__file__).parent))
from conftest import corpus_pages  # noqa: E402
from pandoc_oracle import (  # noqa: E402
    SANDPAPER_FROM, normalise_rmd, pandoc_json, pandoc_structure_many, pandoc_version, sandpaper_format,
)

FIXTURES = Path(__file__).parent / "fixtures" / "pandoc"

# Pages with raw HTML <div> blocks are compared without pandoc's native_divs: pandoc turns
# HTML divs into Divs, while lessonkit's div tree holds the fenced divs that sandpaper styles
# and lint checks. HTML divs stay raw HTML for lessonkit (their content is still parsed).
HTML_DIV_MARK = "<div"

# page name -> (what is compared loosely, why)
DELIBERATE = {
    "70-footnote-heading-numbered-at-definition.md": (
        "heading order",
        "pandoc numbers a footnote's headings where the note is defined but places them where "
        "it is referenced; lessonkit keeps them at the definition (same ids, other order)",
    ),
}


def lessonkit_structure(text: str) -> dict:
    page = parse_page(text)

    def node(div):
        return {"classes": div.classes, "id": div.id, "children": [node(c) for c in div.children]}

    return {
        "divs": [node(d) for d in page.divs],
        "headings": [{"level": h.level, "id": h.id} for h in page.headings],
    }


def prepared(path: Path) -> tuple[str, str]:
    """(lessonkit's input, pandoc's input): front matter lines blanked, knitr chunks as code."""
    body = split_front_matter(decode(path.read_bytes(), path))[1]
    if path.suffix == ".Rmd":
        return normalise_knitr(body), normalise_rmd(body)
    return body, body


def disagreements(paths: list[Path]) -> list[str]:
    inputs = [prepared(p) for p in paths]
    plain = [i for i, (_, theirs) in enumerate(inputs) if HTML_DIV_MARK not in theirs]
    html = [i for i, (_, theirs) in enumerate(inputs) if HTML_DIV_MARK in theirs]
    expected: dict[int, dict] = {}
    for indices, from_format in ((plain, SANDPAPER_FROM), (html, sandpaper_format("native_divs"))):
        results = pandoc_structure_many([inputs[i][1] for i in indices], from_format=from_format)
        expected.update(zip(indices, results))
    failures = []
    for index, path in enumerate(paths):
        want, got = expected[index], lessonkit_structure(inputs[index][0])
        loose = DELIBERATE.get(path.name, (None,))[0]
        if loose == "heading order":
            key = lambda h: (h["id"], h["level"])  # noqa: E731
            want = dict(want, headings=sorted(want["headings"], key=key))
            got = dict(got, headings=sorted(got["headings"], key=key))
        if got != want:
            failures.append(f"{path}:\n  pandoc:    {want}\n  lessonkit: {got}")
    return failures


def test_oracle_is_pandoc_3():
    version = pandoc_version()
    print(f"pandoc oracle: {version}")
    assert int(version.split(".")[0]) >= 3


def test_emoji_table_is_pandocs():
    """Each shortcode of lessonkit's table (scripts/gen_emoji.py) is an emoji for pandoc, the same
    one; and so is every tail of a name ("bulb" of "lightbulb") that pandoc reads as one: the
    names the generator once missed, as the binary stores such a name inside the longer one."""
    names = sorted({name[start:] for name in EMOJI for start in range(len(name))})
    blocks = pandoc_json("\n\n".join(f":{name}:" for name in names))["blocks"]
    read = {}
    for block in blocks:
        first = block["c"][0]
        if first["t"] == "Span":
            (_id, classes, attributes), inlines = first["c"]
            assert classes == ["emoji"]
            read[dict(attributes)["data-emoji"]] = inlines[0]["c"]
    assert read == EMOJI
    assert {"bulb", "fire", "eyes"} <= set(EMOJI)


def fixture_paths() -> list[Path]:
    return sorted(FIXTURES.glob("[0-9]*-*.md"))


def test_fixtures_cover_the_semantics():
    assert len(fixture_paths()) >= 40


def test_fixture_pages_agree_with_pandoc():
    failures = disagreements(fixture_paths())
    assert not failures, "\n".join(failures)


def test_html_div_pages_are_compared_without_native_divs():
    """The deliberate HTML-div choice in action: the fixture with an HTML div still agrees."""
    path = FIXTURES / "60-html-div-is-a-div.md"
    assert HTML_DIV_MARK in path.read_text(encoding="utf-8")
    assert disagreements([path]) == []


def test_corpus_pages_agree_with_pandoc(corpus_folder):
    paths = corpus_pages(corpus_folder)
    assert len(paths) > 400
    failures = disagreements(paths)
    assert not failures, f"{len(failures)} of {len(paths)} pages differ:\n" + "\n".join(failures)
