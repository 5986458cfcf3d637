"""The fuzz target and the invariants every parse must keep, shared by run_fuzz.py and the tests.

check(data) takes raw bytes as a page file would hold them and runs what lessonkit does with a
page: decode (refusals are LessonError, which is fine), split the front matter, parse, outline
(text and JSON), and every lint rule on an in-memory lesson that holds the page as an episode.
Any other exception, or a broken invariant (AssertionError), is a bug.

markdown_documents() is a hypothesis strategy for pages built from the pieces that trip parsers
up: div fences, code fences, lists, HTML comments, headings, links, block quotes, tables, tabs.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from lessonkit.errors import LessonError  # noqa: E402
from lessonkit.frontmatter import split_front_matter  # noqa: E402
from lessonkit.lesson import Lesson, Page  # noqa: E402
from lessonkit.lint import lint_lesson  # noqa: E402
from lessonkit.knitr import normalise_knitr  # noqa: E402
from lessonkit.markdown.parser import parse_page  # noqa: E402
from lessonkit.outline import outline_json, outline_text  # noqa: E402
from lessonkit.settings import Settings  # noqa: E402
from lessonkit.textio import decode  # noqa: E402
from lessonkit.yamlio import load_yaml  # noqa: E402

CONFIG = "title: Fuzz\ncarpentry: incubator\nlife_cycle: beta\nsource: https://x.org\ncontact: a@b.org\nepisodes:\n- fuzz.md\n"
_ROOT = Path(tempfile.gettempdir()) / "lessonkit-fuzz-lesson"


def line_count(text: str) -> int:
    """Lines of the text as an editor numbers them (a final newline starts no new line)."""
    return max(1, text.count("\n") + (0 if text.endswith("\n") or not text else 1))


def lenient_text(data: bytes) -> str:
    """Text for data decode() refused: the parser must still survive whatever str it is given."""
    text = data.decode("utf-8", "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_tree(parsed, lines: int) -> None:
    """The div tree is a proper tree inside the file: each div once, children inside parents."""
    seen: list = []

    def walk(div, parent) -> None:
        assert div.parent is parent, f"div at {div.line}: parent link is wrong"
        assert all(div is not other for other in seen), f"div at {div.line} appears twice in the tree"
        seen.append(div)
        assert 1 <= div.line <= div.last_line <= lines, f"div {div.line}-{div.last_line} outside 1..{lines}"
        if div.closed:
            assert div.end_line > div.line, f"div at {div.line} closed at {div.end_line}"
        previous_end = div.line
        for child in div.children:
            assert child.line > previous_end, f"child div at {child.line} starts before {previous_end}"
            assert child.last_line <= div.last_line, (
                f"child div {child.line}-{child.last_line} ends after parent {div.line}-{div.last_line}")
            walk(child, div)
            previous_end = child.last_line
    previous_end = 0
    for div in parsed.divs:
        assert div.line > previous_end, f"top-level div at {div.line} starts before {previous_end}"
        walk(div, None)
        previous_end = div.last_line
    assert len(seen) == len(parsed.all_divs), f"tree has {len(seen)} divs, all_divs {len(parsed.all_divs)}"
    assert [id(d) for d in seen] == [id(d) for d in parsed.all_divs], "all_divs is not the tree in document order"
    for heading in parsed.headings:
        assert 1 <= heading.line <= lines, f"heading at {heading.line} outside 1..{lines}"
        if heading.div is not None:
            assert heading.div.line < heading.line <= heading.div.last_line, (
                f"heading at {heading.line} outside its div {heading.div.line}-{heading.div.last_line}")


def check_lines(parsed, lines: int) -> None:
    """Every position the parse records lies inside the file."""
    spots = [("link", link.line) for link in parsed.links]
    spots += [("link end", link.end_line) for link in parsed.links]
    spots += [("code block", block.line) for block in parsed.code_blocks]
    spots += [("code block end", block.end_line) for block in parsed.code_blocks]
    spots += [("text fence", fence.line) for fence in parsed.text_fences]
    spots += [("unclosed code fence", fence.line) for fence in parsed.unclosed_code_fences]
    spots += [("divergence", item.line) for item in parsed.divergences]
    spots += [("reference definition", item.line) for item in parsed.reference_definitions]
    spots += [("undefined reference", item.line) for item in parsed.undefined_references]
    spots += [("span", span.line) for span in parsed.spans]
    for what, line in spots:
        assert 1 <= line <= lines, f"{what} at line {line}, outside 1..{lines}"


def _lesson_root() -> Path:
    if not (_ROOT / "config.yaml").is_file():
        (_ROOT / "episodes").mkdir(parents=True, exist_ok=True)
        (_ROOT / "config.yaml").write_text(CONFIG, encoding="utf-8")
    return _ROOT


def lint_text(text: str, rmd: bool = False):
    """Findings of every rule for a lesson whose one episode is text (nothing is written)."""
    root = _lesson_root()
    path = root / "episodes" / ("fuzz.Rmd" if rmd else "fuzz.md")
    page = Page(root=root, path=path, kind="episode", text=text)
    front_matter, body = split_front_matter(text)
    page.front_matter = front_matter
    page.parsed = parse_page(normalise_knitr(body) if rmd else body, {})
    lesson = Lesson(root=root, config_path=root / "config.yaml", config=load_yaml(CONFIG), config_exists=True)
    lesson.pages[page.rel] = page
    lesson.episodes.append(page)
    return page, lint_lesson(lesson, Settings()).findings


def check_text(text: str, rmd: bool = False) -> None:
    lines = line_count(text)
    page, findings = lint_text(text, rmd)
    check_tree(page.parsed, lines)
    check_lines(page.parsed, lines)
    for finding in findings:
        assert 1 <= finding.line <= lines, f"{finding.code} at line {finding.line}, outside 1..{lines}: {finding.message}"
        assert finding.end_line >= finding.line, f"{finding.code} ends ({finding.end_line}) before it starts"
    outline_text("fuzz.md", page.parsed)
    json.dumps(outline_json("fuzz.md", page.parsed))


def check(data: bytes) -> None:
    """The fuzz target: raw bytes of a page file."""
    try:
        text = decode(data, Path("fuzz.md"))
    except LessonError as error:
        assert "\n" not in str(error), "error messages are one line"
        text = lenient_text(data)
    check_text(text, rmd=bool(data) and data[-1] % 7 == 0)


# --- hypothesis strategies -------------------------------------------------------------------

def markdown_documents():
    """Pages made of lines that stress block parsing."""
    from hypothesis import strategies as st

    word = st.sampled_from(["text", "callout", "challenge", "solution", "a b", "x", "é", "`code`", "*em*",
                            "{.x}", "[link](a.md)", "<b>", "\t", "-->", "<!--", ":::", "```", "|", "\\"])
    classes = st.sampled_from(["callout", "challenge", "solution", "keypoints", "questions", "objectives",
                               "{.callout}", "{#id .challenge}", "{.a .b}", "", "prereq", "instructor", "{", "x y"])
    colons = st.integers(3, 12).map(lambda n: ":" * n)
    indent = st.sampled_from(["", "", "", " ", "  ", "   ", "    ", "\t", "  - ", "> "])
    inline = st.lists(word, min_size=0, max_size=4).map(" ".join)
    line = st.one_of(
        st.tuples(indent, colons, st.sampled_from([" ", "", "  "]), classes, st.sampled_from(["", " :::", " x"]))
        .map("".join),
        st.tuples(indent, colons).map("".join),
        st.tuples(indent, st.sampled_from(["```", "````", "~~~", "```python", "```{r}", "~~~ {.sh}"])).map("".join),
        st.tuples(indent, st.sampled_from(["- ", "* ", "1. ", "2) ", "+ "]), inline).map("".join),
        st.tuples(indent, st.sampled_from(["<!-- ", "<!--", "-->", " -->", "<div>", "</div>", "<details>"]), inline)
        .map("".join),
        st.tuples(st.sampled_from(["# ", "## ", "### ", "#### ", "#", "###### "]), inline,
                  st.sampled_from(["", " {#anchor}", " {.unnumbered}", " ##"])).map("".join),
        st.sampled_from(["===", "---", "***", "- - -", "| a | b |", "|---|---|", "+---+---+", "| x | y |",
                         "[ref]: https://example.org", "[ref]: ../etc/passwd", "Term", ":   definition",
                         "[^1]: note", "    indented code", "\tcode", "$$", "...", "---", "title: x"]),
        st.tuples(st.sampled_from(["[", "![", "<"]), inline,
                  st.sampled_from(["](a.md)", "](#x)", "][ref]", "]", "](../../etc/passwd)", "]()", ">",
                                   "](https://x.org/){alt=\"\"}", "](fig/a.png)"]), inline).map("".join),
        inline,
        st.just(""),
    )
    return st.lists(line, min_size=0, max_size=40).map("\n".join)


def fuzz_inputs():
    """Bytes for the fuzz target: generated Markdown (sometimes re-encoded oddly) or raw bytes."""
    from hypothesis import strategies as st

    encodings = st.sampled_from(["lf", "lf", "lf", "crlf", "cr", "bom", "utf16"])

    def encode(pair):
        text, how = pair
        if how == "crlf":
            text = text.replace("\n", "\r\n")
        elif how == "cr":
            text = text.replace("\n", "\r")
        data = text.encode("utf-8")
        if how == "bom":
            data = b"\xef\xbb\xbf" + data
        elif how == "utf16":
            data = text.encode("utf-16")
        return data

    return st.one_of(st.tuples(markdown_documents(), encodings).map(encode), st.binary(max_size=2000))
