"""Unit tests of the pandoc-faithful parse: what is recorded, and where (lines, columns)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import corpus_pages
from lessonkit.knitr import normalise_knitr
from lessonkit.markdown.ids import identifier_for, with_emoji
from lessonkit.markdown.parser import parse_page

FIXTURES = Path(__file__).parent / "fixtures" / "pandoc"


def test_div_lines_nesting_and_closers():
    page = parse_page("::::: challenge\n## Q\n\n::: solution\nA\n:::\n:::::\n")
    [challenge] = page.divs
    assert (challenge.kind, challenge.line, challenge.end_line) == ("challenge", 1, 7)
    [solution] = challenge.children
    assert (solution.kind, solution.line, solution.end_line, solution.parent) == ("solution", 4, 6, challenge)
    assert [h.div for h in page.headings] == [challenge]


def test_unclosed_divs_close_at_the_end_of_their_container():
    page = parse_page("- item\n\n  ::: callout\n  text\n- next\n\n::: challenge\ntext\n")
    callout, challenge = page.all_divs
    assert not callout.closed and callout.container == "list item" and callout.implicit_end_line == 4
    assert not challenge.closed and challenge.container == "document" and challenge.implicit_end_line == 8
    assert page.unclosed_divs == [callout, challenge]


def test_text_fences_and_their_reasons():
    text = "Text\n::: callout\n\n  ::: indented\n\n::: two words\n\n::: <!-- end -->\n\n:::\n"
    page = parse_page(text)
    assert [(f.line, f.reason) for f in page.text_fences] == [
        (2, "opener-after-text"), (4, "indented"), (6, "opener-trailing-text"),
        (8, "closer-trailing-text"), (10, "stray-closer")]
    assert page.all_divs == []


def test_opener_forms():
    page = parse_page("::: {.challenge #c1 key=\"a b\"}\n:::\n\n::::callout::::\n:::\n\n::: a :::\n:::\n")
    first, second, third = page.all_divs
    assert (first.classes, first.id, first.attributes) == (["challenge"], "c1", {"key": "a b"})
    assert second.classes == ["callout::::"]  # pandoc: one word of non-spaces, colons and all
    assert third.classes == ["a"]


def test_fences_in_code_and_comments_are_not_divs():
    text = "```\n::: x\n```\n\n    ::: y\n\n<!--\n::: z\n\n:::\n-->\n\nText `code\n:::\n` end.\n"
    page = parse_page(text)
    assert page.all_divs == [] and page.text_fences == []


def test_unclosed_code_fence_is_text_and_recorded():
    page = parse_page("```python\nx = 1\n\n## Heading\n")
    assert [(f.line, f.fence) for f in page.unclosed_code_fences] == [(1, "```python")]
    assert [h.text for h in page.headings] == ["Heading"]
    assert page.code_blocks == []


def test_divergences_from_commonmark():
    page = parse_page("Some text:\n- item\n## Not a heading\n> not a quote\n~~~\n\n- a\n  - sub\n")
    assert [(d.line, d.kind) for d in page.divergences] == [
        (2, "list"), (3, "heading"), (4, "block quote"), (5, "code fence")]
    assert page.headings == []


def test_heading_ids_follow_pandoc():
    page = parse_page("# Intro\n\n# Intro\n\n## 1. Setup `ls -l`\n\n# 123\n\n# Custom {#mine .cls}\n\n# A -- B...\n")
    assert [h.id for h in page.headings] == ["intro", "intro-1", "setup-ls--l", "section", "mine", "a-b"]
    assert page.headings[4].explicit_id and page.headings[4].classes == ["cls"]


def test_emoji_shortcodes_in_heading_ids_are_emoji():
    # pandoc's emoji extension (sandpaper's reader has it) makes :construction: an emoji, which
    # no id keeps; an unknown name stays text, a code span stays code, a keycap keeps its digit
    page = parse_page("## :construction: Under Construction :construction:\n\n## Step :one: of a:x:b\n\n"
                      "## :not_an_emoji: and `:art:`\n")
    assert [h.id for h in page.headings] == ["under-construction", "step-1-of-ab", "not_an_emoji-and-art"]
    assert page.headings[0].text == ":construction: Under Construction :construction:"


@pytest.mark.parametrize("text, emoji", [
    ("::smile::", ":\U0001F604:"), (":30:smile:", ":30\U0001F604"), ("10:30:00", "10:30:00"), (":Smile:", ":Smile:"),
])
def test_with_emoji_scans_as_pandoc_does(text, emoji):
    assert with_emoji(text) == emoji


@pytest.mark.parametrize("text, ident", [
    ("Über café", "über-café"), ("2nd try", "nd-try"), ("", ""), ("Hello, World!", "hello-world"),
    ("snake_case and dots.md", "snake_case-and-dots.md"),
])
def test_identifier_for(text, ident):
    assert identifier_for(text) == ident


def test_links_images_positions_and_attributes():
    text = "> See [the docs](../learners/setup.md#install) and\n> ![a plot](fig/p.png){alt='Plot of x'}\n\n- [multi\n  line](x.html)\n"
    page = parse_page(text)
    docs, image, multi = page.links
    assert (docs.kind, docs.target, docs.text, docs.line, docs.column) == ("link", "../learners/setup.md#install", "the docs", 1, 7)
    assert (image.kind, image.line, image.column, image.alt) == ("image", 2, 3, "Plot of x")
    assert (multi.line, multi.column, multi.end_line) == (4, 3, 5)


@pytest.mark.parametrize("source, target", [
    # pandoc 3.9's reading of each destination (None: no link at all)
    ("[a](#command-line interface)", "#command-line interface"),
    ("[a](foo  bar \"title\")", "foo bar"),
    ("[a](foo(x y) z)", "foo(x y) z"),
    ("[a](foo (bar))", "foo (bar)"),
    ("[a](<a\nb>)", "a b"),
    ("[a](u\n  v)", "u v"),
    ("[a](u\n\"title\")", "u"),  # a title on the next line ends the destination
    ("[a](u\n\"t\"v)", 'u "t"v'),  # ... but a quote followed by a letter is no title
    ("[a](a\t\"b\")", 'a "b"'),  # a tab is part of the destination, quote and all
    ("[a](a\\ b)", "a b"),
    ("[a](foo \"t\" x)", None), ("[a](foo 'bar)", None),
])
def test_link_destinations_read_as_pandoc_reads_them(source, target):
    page = parse_page(source + "\n")
    assert [link.target for link in page.links] == ([target] if target is not None else [])


def test_reference_definitions_keep_commonmark_destinations():
    page = parse_page("[a][ref]\n\n[ref]: https://x.org\n")
    assert [link.target for link in page.links] == ["https://x.org"]


def test_reference_attributes_may_run_over_lines():
    # pandoc 3.9: the line break is a space (the next line's indentation stays); a blank line ends it
    text = "![][a] ![][b]\n\n[a]: fig/a.png {alt='A long\nalt text'}\n[b]: fig/b.png\n{alt='A long\n  alt text' width=5}\n"
    page = parse_page(text)
    assert [(link.target, link.alt) for link in page.links] == [("fig/a.png", "A long alt text"), ("fig/b.png", "A long   alt text")]
    assert page.links[1].attributes["width"] == "5"


def test_raw_html_headings_are_the_pages_not_pandocs():
    page = parse_page('::: callout\n\nText <h2 id="x">Inline</h2>\n<!-- <h3>no</h3> -->\n\n<H4 class="c">Block</H4>\n:::\n')
    assert page.headings == []
    assert [(h.level, h.id, h.text, h.line, h.column, h.div.kind, h.html) for h in page.html_headings] == [
        (2, "x", "", 3, 6, "callout", True), (4, "", "Block", 6, 1, "callout", True)]


def test_reference_links_and_undefined_references():
    page = parse_page("[ok][docs] and [bad][nowhere] and `[code][x]`\n", references={"DOCS": {"href": "https://x.org", "title": ""}})
    assert [link.target for link in page.links] == ["https://x.org"]
    assert [(u.label, u.line, u.column) for u in page.undefined_references] == [("nowhere", 1, 16)]


def test_spans_with_ids_and_footnotes():
    page = parse_page("A [term]{#glossary-term} here.[^1]\n\n[^1]: A note.\n")
    assert [s.id for s in page.spans] == ["glossary-term"]
    assert "glossary-term" in page.ids()


def test_knitr_chunks_become_code():
    text = normalise_knitr("```{r setup, echo=FALSE}\n::: not-a-div\n```\n")
    page = parse_page(text)
    assert [b.language for b in page.code_blocks] == ["r"] and page.all_divs == []


def test_grid_table_cells_hold_blocks():
    text = "+-----------+-----------+\n| ## Left   | ::: note  |\n|           | inside    |\n|           | :::       |\n+-----------+-----------+\n"
    page = parse_page(text)
    assert [(h.text, h.line) for h in page.headings] == [("Left", 2)]
    [note] = page.all_divs
    assert (note.kind, note.line, note.end_line, note.column) == ("note", 2, 4, 15)


def test_deep_nesting_costs_no_recursion():
    depth = 5000
    page = parse_page("::: a\n\n" * depth + ":::\n\n" * depth)
    assert len(page.all_divs) == depth and page.unclosed_divs == []


def _source_positions_agree(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if path.suffix == ".Rmd":
        text = normalise_knitr(text)
    page = parse_page(text)
    wrong = []
    for link in page.links:
        line = lines[link.line - 1]
        start = line[link.column - 1 :]
        expected = ("![", "!") if link.kind == "image" else ("[", "<", "http", "mailto", "www")
        if not start.startswith(expected):
            wrong.append(f"{path}:{link.line}:{link.column}: {link.kind} {link.target!r} but source has {start[:30]!r}")
    for heading in page.headings:
        line = lines[heading.line - 1]
        if not heading.setext and not line[heading.column - 1 :].startswith("#"):
            wrong.append(f"{path}:{heading.line}: heading {heading.text!r} but source has {line!r}")
    return wrong


def test_positions_are_verified_against_the_source():
    wrong = []
    for path in sorted(FIXTURES.glob("[0-9]*-*.md")):
        wrong += _source_positions_agree(path)
    assert not wrong, "\n".join(wrong)


def test_corpus_positions_are_verified_against_the_source(corpus_folder):
    wrong = []
    for path in corpus_pages(corpus_folder):
        wrong += _source_positions_agree(path)
    assert not wrong, f"{len(wrong)} wrong positions:\n" + "\n".join(wrong[:40])


# What pandoc 3.9 makes of each attribute block after an image: (id, classes, values), or None
# when it prints the block as text (each checked with pandoc -f markdown).
@pytest.mark.parametrize("text, read", [
    ("{#1abc .a.b -}", ("1abc", ["a.b", "unnumbered"], {})),
    ("{.a#b}", ("b", ["a"], {})),
    ('{id="x" class="a b" alt=""}', ("x", ["a", "b"], {"alt": ""})),
    ("{alt='a'.b width=50%}", ("", ["b"], {"alt": "a", "width": "50%"})),
    ('{alt="a" title="b"}', ("", [], {"alt": "a", "title": "b"})),
    ('{alt="a}', ("", [], {"alt": '"a'})),  # an unclosed quote starts a bare value
    ('{alt="a\\"b" k=v\\}w}', ("", [], {"alt": 'a"b', "k": "v}w"})),
    ('{ .c\n  alt="line\nbreak" }', ("", ["c"], {"alt": "line break"})),
    ('{alt=" lead"}', None), ("{alt='It's a cat'}", None), ("{_x=1}", None), ("{.1a}", None),
    ("{#a/b}", None), ("{ alt = 'x' }", None), ('{alt="x\n\ny"}', None), ("{-foo}", None),
])
def test_attributes_read_as_pandoc_reads_them(text, read):
    from lessonkit.markdown.attributes import parse_attributes, scan_attributes

    attributes = parse_attributes(text)
    assert (tuple(attributes) if attributes else None) == read
    assert bool(scan_attributes(text).problem) == (read is None)


def test_why_an_attribute_block_is_text():
    from lessonkit.markdown.attributes import scan_attributes

    assert "ends at the ' after 'It', leaving 's'" in scan_attributes("{alt='It's a cat' width=50%}").problem
    assert "cannot start with a space" in scan_attributes('{alt=" x"}').problem
    assert "'#a/b' is not an id" in scan_attributes("{#a/b}").problem
    assert "spaces around '='" in scan_attributes("{alt = 'x'}").problem


def test_dashed_tables_hold_text_not_blocks():
    text = (
        "- - -\n## Swallowed\n\n- - -\n\n"  # 1-4: a headerless multiline table
        "Name      Link\n--------  ------------------------\nshell     [lesson](https://example.org/a)\n\n"  # 6-8
        "- - -\n\n## Kept\n"  # 10: a rule, then a heading
    )
    page = parse_page(text)
    assert [(t.line, t.end_line, t.form) for t in page.dashed_tables] == [(1, 4, "headerless multiline"), (6, 8, "simple")]
    assert [(s.line, s.looks_like) for s in page.dashed_tables[0].swallowed] == [(2, "heading")]
    assert [h.text for h in page.headings] == ["Kept"]
    [link] = page.links  # a cell's text is read as text, links and all
    assert (link.target, link.line, link.column) == ("https://example.org/a", 8, 11)


def test_multiline_table_cells_are_cut_at_the_columns():
    page = parse_page("--------- ---------\nleft      [r](x.md)\nmore      text\n--------- ---------\n")
    [table] = page.dashed_tables
    assert table.form == "headerless simple"
    [link] = page.links
    assert (link.text, link.line, link.column) == ("r", 2, 11)


def test_nbsp_indentation_is_recorded_where_spaces_would_change_the_blocks():
    nbsp = "\u00a0"
    text = f"Run:\n\n{nbsp * 4}python run.py\n{nbsp * 4}python plot.py\n\n- item\n\n{nbsp * 2}more of the item\n\n{nbsp} <!-- spacer -->\n"
    page = parse_page(text)
    assert [(n.line, n.end_line, n.reading, n.start) for n in page.nbsp_indents] == [
        (3, 4, "code block", 3), (8, 8, "list item", 6)]


PANDOC_BLOCKS = {"Para": "paragraph", "Plain": "paragraph", "Header": "heading", "BulletList": "bullet_list",
                 "OrderedList": "ordered_list", "BlockQuote": "blockquote", "CodeBlock": "code"}


def _pandoc_blocks(blocks, depth: int = 0) -> list[tuple[str, int]]:
    """(kind, depth) of each block pandoc reads, in document order, as lessonkit's blocks count
    depth: a list's items' blocks two deeper, a quote's one; divs hold blocks at their depth."""
    found = []
    for block in blocks:
        kind, content = block["t"], block.get("c")
        if kind == "Div":
            found += _pandoc_blocks(content[1], depth)
            continue
        found.append((PANDOC_BLOCKS.get(kind, kind), depth))
        if kind in ("BulletList", "OrderedList"):
            for item in content if kind == "BulletList" else content[1]:
                found += _pandoc_blocks(item, depth + 2)
        elif kind == "BlockQuote":
            found += _pandoc_blocks(content, depth + 1)
    return found


@pytest.mark.parametrize("text", [
    (FIXTURES / "107-list-marker-alone-holds-the-lines-under-it.md").read_text(encoding="utf-8"),
    "3.\nCons: risk\nPros:\n - Not expressed.\n - Fewer tests.\n\nText after:\n - joined\n",
    "1.\nfoo\n\nbar\n",  # a blank line ends what the marker holds
    "1.\n\nfoo\n",  # an item left empty
    "1.\nfoo\n2. x\n",
    "- a\n-\n  b\n-\nc\n  d\n",
    "> 1.\n> Quoted item.\n",
])
def test_a_list_marker_alone_on_its_line_holds_the_lines_under_it_as_pandoc_reads_it(text):
    from pandoc_oracle import pandoc_json

    lessonkit = [(block.kind, block.depth) for block in parse_page(text).blocks if block.kind != "inline"]
    assert lessonkit == _pandoc_blocks(pandoc_json(text)["blocks"])
