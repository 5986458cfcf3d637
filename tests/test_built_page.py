"""The built-page oracle: lessonkit's model of each built page against the page sandpaper builds.

Every page of every lesson of ../shared/corpus and ../shared/corpus-more (and a small lesson
written here) is rendered with pandoc and
sandpaper's Lua filter (tests/built_page.py), and compared with what lessonkit believes the
built page holds:

- ids: the ids LK202 checks anchors against, both ways. An id lessonkit believes in that the
  page lacks hides a broken anchor; an id the page has that lessonkit lacks makes a false
  finding. Ids pandoc and the filter number (callout1, collapseSolution2, cb3-1, fn1) are
  matched by pattern, as LK202 does.
- headings: the level of each heading on the built page against LK402's model
  (``built_headings``): box titles, solution buttons, dropped headings, raw HTML headings.
- links: the href or src the filter writes for each relative link against the one LK201
  resolves, in document order, and the element an image becomes (``site.image_element``: an
  <img>, or an <embed> for a PDF, a <video>...).

The home page index.html holds two renders, index.md's and learners/setup.md's; each page is
compared with its own. Every difference is either listed in KNOWN below with its reason, or a
failure.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from urllib.parse import unquote

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from built_page import BuiltPage, page_input, read_built_page, render_pages  # noqa: E402
from conftest import CORPORA, corpus_lessons, episode, shared  # noqa: E402

# --- lessonkit's model of the built site (lessonkit/site.py) ----------------------------------
from lessonkit import site as site_model  # noqa: E402
from lessonkit.lesson import load_lesson  # noqa: E402
from lessonkit.site import built_headings, built_outline  # noqa: E402


def model_ids(site, page) -> set[str]:
    """The ids LK202 believes the built page has ("@..." entries stand for numbered ids)."""
    return site.ids(page)[0]


def model_has_id(ids: set[str], ident: str) -> bool:
    return site_model.has_id(ids, ident)


def model_href(target: str):
    """The href LK201 expects the filter to write for a relative link target; None otherwise."""
    target = target.strip()
    if not target or site_model.is_external(target) or target.startswith(("#", "/")):
        return None
    path, fragment = site_model.split_target(target)
    before_fragment = target.partition("#")[0]
    query = "?" + before_fragment.partition("?")[2] if "?" in before_fragment else ""
    return site_model.flatten(path) + query + ("" if fragment is None else "#" + fragment)


def model_site(lesson):
    return lesson.site


# ------------------------------------------------------------------------------------------------

# "lesson/page" -> {dimension: why the built page differs there}
KNOWN = {
    "unode__shell-novice-french/episodes/05-loop.md": {
        "outline": "five challenges opened inside one another and never closed (LK101): the filter turns the inner "
                   "ones into boxes and buttons first, and the outer one then splits itself around those as its own "
                   "blocks ('(continued)' titles); lessonkit's model keeps each challenge a box of its own",
    },
    "carpentries__lesson-development-training/episodes/formative-assessment.md": {
        "links": "footnote [^1] is referenced twice, so pandoc prints the note, and the link in it, twice; "
                 "lessonkit reads the link once, where the note is defined",
    },
}
DIMENSIONS = ("ids", "headings", "outline", "links")
ACCORDIONS = ("instructor", "spoiler", "solution", "hint")
TABS = ("tab", "group-tab")
# Headings sandpaper makes itself (the Overview card's, buttons); a challenge's default title
# has no id, and its "(continued)" titles are skipped below.
GENERATED_HEADING_CLASSES = {"card-header", "card-title", "accordion-header", "tab-header"}
RAW_HTML_TARGET = re.compile(r"""<(?:a|img)\b[^>]*?\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@dataclass
class Comparison:
    """What agreed and what differed, per dimension, over a set of pages."""

    agreed: Counter = field(default_factory=Counter)
    compared: Counter = field(default_factory=Counter)
    differences: dict = field(default_factory=dict)  # (page name, dimension) -> [str]
    names: set = field(default_factory=set)  # the pages compared, as "lesson/page"

    def count(self, dimension: str, agreed: int, compared: int) -> None:
        self.agreed[dimension] += agreed
        self.compared[dimension] += compared

    def differ(self, name: str, dimension: str, lines: list[str]) -> None:
        if lines:
            self.differences[(name, dimension)] = lines

    def summary(self, dimension: str) -> str:
        return f"{dimension}: {self.agreed[dimension]} of {self.compared[dimension]} agree"


def compare_ids(page, site, built: BuiltPage) -> tuple[int, int, list[str]]:
    believed = model_ids(site, page)
    real = {ident for ident in believed if not ident.startswith("@")}
    present = set(built.ids)
    missing = sorted(real - present)
    unknown = sorted(ident for ident in present if not model_has_id(believed, ident))
    lines = [f"lessonkit believes in #{ident}, which the built page lacks" for ident in missing]
    lines += [f"the built page has #{ident}, which lessonkit does not know" for ident in unknown]
    return len(real | present) - len(missing) - len(unknown), len(real | present), lines


def compare_headings(page, built: BuiltPage) -> tuple[int, int, list[str]]:
    """Each heading's level in LK402's model against its level on the built page.

    A heading is found by its id; a box's title that became a button by the button's id
    (headingSolution2: the second solution), a tab's heading by its order among the tabs'."""
    by_id: dict[str, object] = {}
    unnamed = []  # headings without an id that the author wrote (as raw HTML: pandoc ids the others)
    for heading in built.headings:
        if GENERATED_HEADING_CLASSES & set(heading.classes):
            continue
        if heading.id:
            by_id.setdefault(heading.id, heading)
        elif "callout-title" not in heading.classes:
            unnamed.append(heading)
    unnamed.reverse()
    buttons = {h.id: h for h in built.headings if "accordion-header" in h.classes}
    tab_buttons = iter([h for h in built.headings if "tab-header" in h.classes])
    counts: Counter = Counter()
    button_of = {}
    for div in page.parsed.all_divs:
        if div.kind in ACCORDIONS:
            counts[div.kind] += 1
            button_of[id(div)] = f"heading{div.kind.capitalize()}{counts[div.kind]}"
    agreed, compared, lines = 0, 0, []
    for heading, level, title in built_headings(page):
        div = heading.div
        where = f"line {heading.line} {'#' * heading.level} {heading.text!r}"
        if div is not None and div.kind in TABS:
            shown = next(tab_buttons, None)
        elif title and div is not None and div.kind in ACCORDIONS and div.headings[0] is heading:
            shown = buttons.get(button_of[id(div)])
        elif not heading.id:
            shown = unnamed.pop() if unnamed else None
        else:
            shown = by_id.pop(heading.id, None)
        compared += 1
        if level is None and shown is None:
            agreed += 1
        elif level is None:
            lines.append(f"{where}: lessonkit drops it, the built page has it at level {shown.level}")
        elif shown is None:
            lines.append(f"{where}: lessonkit has it at level {level}, the built page lacks it")
        elif shown.level != level:
            lines.append(f"{where}: lessonkit has it at level {level}, the built page at level {shown.level}")
        else:
            agreed += 1
    for ident, heading in by_id.items():
        if "callout-title" in heading.classes and heading.text.endswith("(continued)"):
            continue  # the title sandpaper gives the part of a challenge after a solution
        lines.append(f"the built page has heading #{ident} {heading.text!r} at level {heading.level}, "
                     "which lessonkit does not know")
    lines += [f"the built page has heading {heading.text!r} (no id) at level {heading.level}, which lessonkit "
              "does not know" for heading in reversed(unnamed)]
    return agreed, compared, lines


def compare_outline(page, built: BuiltPage) -> tuple[int, int, list[str]]:
    """The page's whole heading sequence in LK402's model (``built_outline``: the author's
    headings, the titles and buttons the filter adds, the Overview card) against every heading of
    the built page, level by level in document order (the oracle stops at the filter, so the code
    labels sandpaper's R code adds, which the model leaves out, are not there either)."""
    model = [(entry.level, entry.text) for entry in built_outline(page)]
    real = [(heading.level, heading.text) for heading in built.headings]
    agreed, lines = 0, []
    levels = [level for level, _ in model]
    for op, i1, i2, j1, j2 in SequenceMatcher(a=levels, b=[level for level, _ in real], autojunk=False).get_opcodes():
        if op == "equal":
            agreed += i2 - i1
            continue
        lines += [f"lessonkit has h{level} {text!r}" for level, text in model[i1:i2]]
        lines += [f"  the built page has h{level} {text!r}" for level, text in real[j1:j2]]
    return agreed, max(len(model), len(real)), lines


def compare_links(page, built: BuiltPage) -> tuple[int, int, list[str]]:
    """The href the filter writes for each relative link against lessonkit's, aligned in order.

    Links in raw HTML are left out: the filter does not rewrite them and LK201 does not check them."""
    expected = []
    for link in page.parsed.links:
        href = model_href(link.target)
        if href is None:
            continue
        element = site_model.image_element(link.target) if link.kind == "image" else "a"
        expected.append(((element, href), link.line))
        if element in ("video", "audio"):
            expected.append((("a", href), link.line))  # the fallback link pandoc puts inside
    actual = [(link.tag, unquote(link.url)) for link in built.links if model_href(link.url) is not None]
    for match in RAW_HTML_TARGET.finditer(page.text):
        target = unquote(match.group(1) if match.group(1) is not None else match.group(2))
        for index, (_tag, href) in enumerate(actual):
            if href == target:
                del actual[index]
                break
    wanted = [item for item, _line in expected]
    agreed, lines = 0, []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=wanted, b=actual, autojunk=False).get_opcodes():
        if op == "equal":
            agreed += i2 - i1
            continue
        for (tag, href), line in expected[i1:i2]:
            lines.append(f"line {line}: lessonkit expects <{tag}> {href!r}")
        for tag, href in actual[j1:j2]:
            lines.append(f"  the built page has <{tag}> {href!r}")
    return agreed, max(len(wanted), len(actual)), lines


def compare_lessons(roots: list[Path], cache: Path) -> Comparison:
    jobs = []
    for root in roots:
        lesson = load_lesson(root)
        site = model_site(lesson)
        for page in lesson.pages.values():
            if page.kind != "links" and page.error is None:
                jobs.append((root, site, page))
    renders = render_pages((page_input(page.path, root / "links.md") for root, _site, page in jobs), cache)
    result = Comparison()
    for (root, site, page), render in zip(jobs, renders):
        name = f"{root.name}/{page.rel}"
        result.names.add(name)
        if render.error:
            result.differ(name, "render", [render.error])
            continue
        built = read_built_page(render.html)
        for dimension, (agreed, compared, lines) in (
            ("ids", compare_ids(page, site, built)),
            ("headings", compare_headings(page, built)),
            ("outline", compare_outline(page, built)),
            ("links", compare_links(page, built)),
        ):
            result.count(dimension, agreed, compared)
            result.differ(name, dimension, lines)
        result.compared["pages"] += 1
    return result


def unexplained(result: Comparison, known: dict, dimensions=DIMENSIONS) -> list[str]:
    """Differences in the dimensions not listed in known, and listed ones that no longer differ."""
    out = []
    for (name, dimension), lines in sorted(result.differences.items()):
        if dimension not in known.get(name, {}) and (dimension in dimensions or dimension == "render"):
            out.append(f"{name} ({dimension}):\n    " + "\n    ".join(lines))
    for name, listed in sorted(known.items()):
        if name not in result.names:
            continue  # a page of another corpus folder
        for dimension in set(listed) & set(dimensions):
            if (name, dimension) not in result.differences:
                out.append(f"{name} ({dimension}): listed in KNOWN but agrees now; drop it from the list")
    return out


@pytest.fixture(scope="module")
def render_cache(pytestconfig) -> Path:
    return Path(pytestconfig.cache.mkdir("built-pages"))


@pytest.fixture(scope="module", params=list(CORPORA))
def corpus_comparison(request, oracle, render_cache):
    """Each corpus folder's pages against their built pages."""
    folder = shared(request.param)
    start = time.perf_counter()
    result = compare_lessons(corpus_lessons(folder), render_cache)
    print(f"\nbuilt-page oracle, {folder.name}: {result.compared['pages']} pages in "
          f"{time.perf_counter() - start:.1f} s; " + "; ".join(result.summary(d) for d in DIMENSIONS))
    return result


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_corpus_pages_agree_with_the_built_pages(corpus_comparison, dimension):
    assert corpus_comparison.compared["pages"] > 300
    problems = unexplained(corpus_comparison, KNOWN, (dimension,))
    assert not problems, corpus_comparison.summary(dimension) + "\n" + "\n".join(problems)


# --- a lesson written for the test: the cases the corpus taught, rendered by the oracle ----------

SMALL_EPISODE = episode("""\
## :construction: Under Construction :construction:

A heading of emoji shortcodes keeps no emoji in its id; `:not_an_emoji:` stays text.

### Step :one: of a:x:b

::::::::::::::::::::::::::::::::::::: challenge

## Exercise: the title a heading replaces

#### 1. The heading that becomes the title

Do it.

#### 2. A part

Do that.

:::::::::::::: solution

#### Hidden

Done.

::::::::::::::

## Part two, after the solution

More.

:::::::::::::::::::::::::::::::::::::::::::::::::

::::::::::::: spoiler

## Details, a level-3 button

##### Inside

:::::::::::::

::::::::::::: callout

Untitled callout with [a link](../learners/setup.md#install) and ![a figure](fig/a.png).

:::::::::::::

```python
print("code gets cb ids")
```

A note[^1] and [the setup page](setup.html).

[^1]: With a [link](../episodes/intro.md#details-a-level-3-button).

A diagram kept as a PDF, ![which pandoc embeds](fig/diagram.pdf), and a film ![of a run](fig/run.mp4).

![][long-alt]

[long-alt]: fig/a.png {alt='An alt text long enough
to run over two lines'}
""")

# The headings the filter adds: the Overview card where the second of questions and objectives
# stands, an untitled challenge's "Challenge", an untitled answer's button, a challenge's
# "(continued)" title where text follows an answer inside it.
SMALL_BOXES = episode("""\
::: objectives
- Learn.
:::

::: questions
- Why?
:::

Intro.

::: challenge
Untitled.

::: hint
Think.
:::

Then this.

::: solution
#### Done
:::
:::

::: instructor
A note with no title.
:::

#### After the boxes
""")

# Headings written as raw HTML: on the built page at their written level, none of pandoc's.
SMALL_GLOSSARY = """\
---
title: Glossary
---

<h2 id="api">API</h2>

: An interface. The closing tag above is lost (pandoc reads the line as a term), so the heading
  stays open until the next one.

<h3>Unnamed</h3>

A sentence with an <h4 id="inline">inline heading</h4> in it.

<!-- <h2 id="hidden">in a comment</h2> -->

::::::::::::: callout

<h3 id="boxed">In a box: no title</h3>

Text.

:::::::::::::
"""


def test_a_written_lesson_agrees_with_its_built_pages(oracle, render_cache, lesson_dir):
    root = lesson_dir({"episodes/intro.md": SMALL_EPISODE, "episodes/fig/a.png": "",
                       "learners/reference.md": SMALL_GLOSSARY, "episodes/boxes.md": SMALL_BOXES})
    result = compare_lessons([root], render_cache)
    assert result.compared["pages"] >= 5
    assert unexplained(result, {}) == []
    boxes = load_lesson(root).page("episodes/boxes.md")
    assert [(entry.level, entry.kind, entry.text) for entry in built_outline(boxes)] == [
        (2, "overview", "Overview"), (3, "overview", "Questions"), (3, "overview", "Objectives"),
        (3, "added", "Challenge"), (4, "added", "Give me a hint"), (3, "added", "(continued)"), (4, "title", "Done"),
        (3, "added", "Instructor Note"), (4, "heading", "After the boxes")]
    assert result.compared["links"] == 8 and result.agreed["links"] == 8
    glossary = load_lesson(root).page("learners/reference.md")
    assert [(h.level, h.id) for h in glossary.parsed.html_headings] == [(2, "api"), (3, ""), (4, "inline"), (3, "boxed")]
    assert glossary.parsed.headings == []  # none of them is pandoc's


def test_images_become_the_element_pandoc_writes(oracle, render_cache):
    """site.image_element against pandoc's HTML writer: each extension it names, and others."""
    extensions = sorted(site_model.VIDEO_EXTENSIONS | site_model.AUDIO_EXTENSIONS | site_model.EMBEDDED_EXTENSIONS)
    extensions += ["png", "JPG", "svg", "webp", "tif", "R", "ipynb", "fasta", "PDF", "pdf.gz", "svg.gz", "unknown"]
    targets = [f"fig/x.{extension}" for extension in extensions] + ["fig/x", "fig/x.pdf#page=2", "fig/x.mp4?t=1"]
    [render] = render_pages(["\n\n".join(f"![a]({target})" for target in targets).encode()], render_cache)
    built = [(link.tag, link.url) for link in read_built_page(render.html).links if link.tag != "a"]
    assert built == [(site_model.image_element(target), model_href(target)) for target in targets]
