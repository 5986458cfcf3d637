"""Migration rules (LK9xx): leftovers of the Jekyll lesson template (carpentries/styles)."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Optional

from ..findings import Edit, Problem, fix
from ..repository import repository
from . import rule
from .divs import ANSWERABLE, NEEDS_CHALLENGE, TOP_LEVEL_ONLY
from .edits import inline_texts, line_after, line_text, page_index

# kramdown inline attribute lists: {: .challenge}, {:.output}, {: #id .class}
IAL = re.compile(r"\{:[ \t]*[^{}\n]*\}")
# Liquid output {{ page.root }} and tags {% include links.md %}
LIQUID_OUTPUT = re.compile(r"\{\{-?[ \t]*([^{}\n]*?)[ \t]*-?\}\}")
LIQUID_TAG = re.compile(r"\{%-?[ \t]*([A-Za-z]\w*)[^\n]*?-?%\}")
# sandpaper's own template syntax: {{ glosario.term }} links a glossary term.
SANDPAPER_TEMPLATES = ("glosario.",)
LIQUID_START = re.compile(r"^[A-Za-z_\"'\\]")

BACKTICKS = re.compile(r"`+")
MATH = re.compile(r"\$\$.+?\$\$|\$(?=\S)(?:[^$\\\n]|\\.)+?(?<=\S)\$(?!\d)", re.DOTALL)
ESCAPE = re.compile(r"\\[{}%$`]")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _blank(match) -> str:
    return "".join("\n" if char == "\n" else " " for char in match.group(0))


def _mask_code(text: str) -> str:
    """text with its code spans, math, escapes and HTML comments blanked (lengths and lines kept)."""
    if "\\" in text:
        text = ESCAPE.sub(_blank, text)
    if "`" in text:
        out, pos = [], 0
        runs = list(BACKTICKS.finditer(text))
        index = 0
        while index < len(runs):
            opener = runs[index]
            if opener.start() < pos:
                index += 1
                continue
            closer = next((run for run in runs[index + 1:] if len(run.group(0)) == len(opener.group(0))), None)
            if closer is None:
                index += 1
                continue
            out.append(text[pos:opener.start()])
            out.append(_blank(re.match(r"(?s).*", text[opener.start():closer.end()])))
            pos = closer.end()
            index = runs.index(closer) + 1
        out.append(text[pos:])
        text = "".join(out)
    if "$" in text:
        text = MATH.sub(_blank, text)
    if "<!--" in text:
        text = COMMENT.sub(_blank, text)
    return text


BOX_TITLES = (
    (re.compile(r"solution|answer", re.IGNORECASE), "solution"),
    (re.compile(r"hint", re.IGNORECASE), "hint"),
    (re.compile(r"overview|objectives|questions", re.IGNORECASE), "objectives"),
    (re.compile(r"key ?points", re.IGNORECASE), "keypoints"),
    (re.compile(r"prerequisite", re.IGNORECASE), "prereq"),
    (re.compile(r"discuss", re.IGNORECASE), "discussion"),
    (re.compile(r"note|tip|callout|warning", re.IGNORECASE), "callout"),
)


NAMED_BOXES = ("challenge", "solution", "callout", "caution", "prereq", "checklist", "discussion", "testimonial",
               "keypoints", "objectives", "questions", "hint", "instructor", "spoiler")


def _div_for(title: str) -> str:
    """The sandpaper div a styles box with this heading most likely was: the one the heading
    names ("Checklist" is a checklist), else the one its words suggest."""
    words = re.findall(r"[a-z]+", title.casefold())
    for word in words:
        for kind in NAMED_BOXES:
            if word in (kind, kind + "s", kind + "es"):
                return kind
    for pattern, kind in BOX_TITLES:
        if pattern.search(title):
            return kind
    return "challenge"


def _column(source_line: str, found: str) -> int:
    index = source_line.find(found)
    return index + 1 if index >= 0 else 1


def _liquid(text: str):
    """(offset, matched text, what) for each Liquid construct in (masked) text."""
    if "{{" in text:
        for match in LIQUID_OUTPUT.finditer(text):
            inner = match.group(1)
            if LIQUID_START.match(inner) and not inner.startswith(SANDPAPER_TEMPLATES):
                yield match.start(), match.group(0), "Liquid output"
    if "{%" in text:
        for match in LIQUID_TAG.finditer(text):
            yield match.start(), match.group(0), "Liquid tag"


def _problems_in(text: str, first_line: int, lines: list[str], check_ial: bool):
    masked = _mask_code(text)
    for number, line in enumerate(masked.split("\n")):
        if "{" not in line:
            continue
        line_no = first_line + number
        source = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
        found = []
        if check_ial and "{:" in line:
            for match in IAL.finditer(line):
                text = match.group(0)
                div = DIV_CLASSES.search(text)
                what = ("kramdown code class" if CODE_CLASSES.search(text) else
                        "kramdown block class" if div else "kramdown attribute list")
                found.append((match.start(), text, what))
        found.extend(_liquid(line))
        for _, matched, what in sorted(found):
            yield line_no, _column(source, matched), matched, what


CODE_CLASSES = re.compile(r"\.[ \t]*(?:language-[\w-]+|output|error|source|warning|code|bash|python|r|sql)\b")
BOX_CLASSES = ("challenge|solution|callout|prereq|checklist|discussion|testimonial|keypoints|objectives|questions|hint|"
               "instructor|spoiler")
DIV_CLASSES = re.compile(r"\.[ \t]*(" + BOX_CLASSES + r")\b")
FIXES = {
    "kramdown attribute list": "sandpaper shows it as text; delete the line",
    "kramdown block class": "sandpaper shows it as text; make the block above it a fenced div "
                            "('::: {cls}') and delete this line",
    "kramdown code class": "sandpaper shows it as text; put the language on the code fence above "
                           "(```python, ```output) and delete this line",
    "Liquid output": "sandpaper (pandoc) does not run Liquid and shows it as text; write the value or a relative link",
    "Liquid output in HTML": "sandpaper (pandoc) does not run Liquid, so the HTML tag keeps it as written; write the "
                             "value",
    "Liquid tag": "sandpaper (pandoc) does not run Liquid and shows it as text; {}",
}
# What to do instead of a Liquid tag, by its name (and, for include, the file it names).
LIQUID_TAG_FIXES = {
    "include links.md": "delete it (sandpaper appends links.md to every page by itself)",
    "include": "delete it, and write out what the included file added if the page needs it",
    "comment": "turn the comment into an HTML comment (<!-- ... -->), which the page does not show",
    "endcomment": "turn the comment into an HTML comment (<!-- ... -->), which the page does not show",
}


def _advice(what: str, matched: str, div_class: str = "") -> str:
    if what != "Liquid tag":
        return FIXES[what].format(cls=div_class)
    words = matched.strip("{%-} \t").split()
    name = " ".join(words[:2]) if words[:2] == ["include", "links.md"] else words[0] if words else ""
    return FIXES[what].format(LIQUID_TAG_FIXES.get(name, "delete it, and write out its result if the page needs it"))


@rule("LK901", "legacy-styles-syntax", "error", fix="sometimes")
def legacy_styles_syntax(page, context):
    """Syntax of the old Jekyll lesson template (carpentries/styles) that sandpaper shows as junk.

    Lessons moved from the styles template keep kramdown and Liquid that pandoc does not
    understand: a `{: .challenge}` or `{: .language-python}` line is printed as text,
    `{{ page.root }}` and `{% include links.md %}` too, and an exercise written as a block
    quote (`> ## Title`) renders as an indented quotation instead of a challenge box. Code
    blocks and code spans are not checked, so a lesson that teaches Liquid, Jinja or R glue
    templates passes; sandpaper's own `{{ glosario.term }}` passes too. The message says what
    replaces each tag: nothing for `{% include links.md %}` (sandpaper appends links.md to
    every page), an HTML comment for `{% comment %}` ... `{% endcomment %}` (whose text the
    page would otherwise show), the included text for another `{% include %}`. Liquid in a
    link's target is LK201's (the link leads nowhere); in an HTML tag the message says the tag
    keeps it as written. The class suggested for a styles box is the one its heading names (a
    "Checklist" box is a `checklist`), else the one its words suggest.

    A block quote that already holds a fenced div (a converted box whose `> ` prefixes stayed)
    is said to be one: the built page shows that box, solution buttons and all, inside a
    quotation. Dropping the `> ` prefixes makes it the box it was meant to be.

    Fails:

        > ## Sum a list
        >
        > Add up `[1, 2, 3]`.
        {: .challenge}

        See {{ site.title }}.

    Passes:

        ::: challenge
        ## Sum a list

        Add up `[1, 2, 3]`.
        :::

        See the [setup](learners/setup.md), and `{{ page.root }}` in Jekyll.

    Fixes: a code class after a code block moves onto the fence (```` ```python ````), an
    attribute list of classes alone on its line and `{% include links.md %}` are deleted
    (safe). A styles box becomes a fenced div of the class its `{: .challenge}` line names
    (or that its title suggests), nested boxes one after the other; a quote around a fenced
    box loses its `> ` prefixes; another `{% include %}` is deleted (guesses to review).
    """
    lines = page.lines
    parsed = page.parsed
    titles = {heading.line: heading.text for heading in parsed.headings}
    quote_ends: list[int] = []  # last lines of the block quotes around the current block
    boxes: dict[int, object] = {}  # the line of a box's closing {: .class} -> the fix making it a div
    scanned: set[tuple[int, int]] = set()
    braces = [number for number, line in enumerate(lines, start=1) if "{" in line]  # lines worth scanning
    in_targets = _liquid_targets(parsed)
    for index, block in enumerate(parsed.blocks):
        while quote_ends and block.line > quote_ends[-1]:
            quote_ends.pop()
        if block.kind == "blockquote":
            following = parsed.blocks[index + 1] if index + 1 < len(parsed.blocks) else None
            headed = following is not None and following.kind == "heading"
            if not quote_ends:
                title = titles.get(following.line, "") if headed else ""
                box = _box_as_div(page, index, title if headed else None)
                if box is not None:
                    boxes[box[0]] = box[1]
                if headed:
                    yield _quoted_box(page, block, title, box and box[1])
            quote_ends.append(block.end_line)
        elif block.kind == "inline" and (block.line, block.end_line) not in scanned:
            scanned.add((block.line, block.end_line))
            first = bisect_left(braces, block.line)
            if first == len(braces) or braces[first] > block.end_line:
                continue
            text = "\n".join(lines[block.line - 1 : block.end_line])
            for line, column, matched, what in _problems_in(text, block.line, lines, True):
                if what.startswith("Liquid") and any(first <= line <= last and matched in target
                                                     for first, last, target in in_targets):
                    continue  # in a link's target: LK201 says the link leads nowhere
                if what == "Liquid output" and _in_tag(lines[line - 1], column):
                    what = "Liquid output in HTML"
                div = DIV_CLASSES.search(matched)
                advice = _advice(what, matched, div.group(1) if div else "")
                if what == "kramdown code class" and not _after_code(page, context, line):
                    advice = ("sandpaper shows it as text, and the lines above it are no code block: put them in a "
                              "code fence (```python, ```output) and delete this line")
                repair = boxes.get(line) if what == "kramdown block class" else _repair(page, context, line, column,
                                                                                       matched, what)
                yield Problem(line, column, f"{what.split(' in ')[0].capitalize()} '{matched}' from the styles "
                              f"template: {advice}", end_column=column + len(matched), fix=repair)
    for html in parsed.raw_html:
        if html.block and "{" in html.text and not html.text.lstrip().startswith("<!--"):
            for line, column, matched, what in _problems_in(html.text, html.line, lines, False):
                if what == "Liquid output" and _in_tag(lines[line - 1], column):
                    what = "Liquid output in HTML"
                yield Problem(line, column, f"{what.split(' in ')[0].capitalize()} '{matched}' from the styles "
                              f"template: {_advice(what, matched)}", end_column=column + len(matched),
                              fix=_repair(page, context, line, column, matched, what))


def _liquid_targets(parsed) -> list[tuple[int, int, str]]:
    """(first line, last line, target) of each link or image whose target holds Liquid."""
    return [(link.line, link.end_line, link.target) for link in parsed.links
            if "{{" in link.target or "{%" in link.target]


def _in_tag(source: str, column: int) -> bool:
    """Whether column of the line lies inside an HTML tag (between its < and >)."""
    before = source[: column - 1]
    opened = before.rfind("<")
    return opened > before.rfind(">") and re.match(r"</?[A-Za-z]", before[opened:]) is not None


def _fence_ends(page, context) -> dict:
    """The page's fenced code blocks by the line of their closing fence."""
    return page_index(page, context, "code-fence-ends", lambda p: {b.end_line: b for b in p.parsed.code_blocks if b.fence})


def _after_code(page, context, line: int) -> bool:
    return line - 1 in _fence_ends(page, context)


def _quoted_box(page, block, title: str, box_fix) -> Problem:
    """The finding on a top-level block quote headed by a heading: a styles box, or a quote around
    a fenced box that kept its '> ' prefixes."""
    lines = page.lines
    line = block.line
    column = _column(lines[line - 1], ">") if line <= len(lines) else 1
    shown = f"'{title}'" if title else "by a heading"
    held = [div for div in page.parsed.all_divs if block.line <= div.line <= block.end_line
            and line_text(page, div.line).lstrip().startswith(">")]
    if not held:
        return Problem(line, column, f"Block quote headed {shown} is a styles box that sandpaper renders as a "
                                     f"quotation: rewrite it as a fenced div ('::: {_div_for(title)}')", fix=box_fix)
    kind = held[0].kind
    wraps = held[0].line == block.line or (block.div is not None and block.div.kind in NAMED_BOXES)
    if wraps:
        return Problem(line, column, f"Block quote headed {shown} holds the fenced div '::: {kind}' (a converted box "
                                     f"whose '> ' prefixes stayed): the built page shows the box inside a quotation; "
                                     "drop the '> ' prefixes", fix=_without_quote(page, block))
    return Problem(line, column, f"Block quote headed {shown} holds the fenced div '::: {kind}': the built page shows "
                                 f"that box inside a quotation; make the quote a fenced div ('::: {_div_for(title)}') "
                                 "and drop its '> ' prefixes", fix=box_fix)


QUOTE_MARKER = re.compile(r"[ ]{0,3}>[ ]?")


def _without_quote(page, block):
    """A fix dropping one level of '> ' from each line of the block quote."""
    edits = []
    for number in range(block.line, block.end_line + 1):
        marker = QUOTE_MARKER.match(line_text(page, number))
        if marker:
            edits.append(Edit(number, 1, number, marker.end() + 1, ""))
    return fix("Drop the block quote's '> ' prefixes", *edits, safe=False) if edits else None


ALONE = re.compile(r"[ \t>]*")  # what may stand before a construct that is alone on its line
SPACES = re.compile(r"[ \t]*")
CODE_CLASS = re.compile(r"\{:[ \t]*\.[ \t]*(?:language-)?([\w-]+)[ \t]*\}")
CODE_LANGUAGES = ("output", "error", "warning", "bash", "python", "r", "sql")  # .source and .code name none
CLASSES_ONLY = re.compile(r"\{:[ \t]*(?:\.?[\w\\-]+(?:[ \t]+|(?=\})))+\}")  # no #id, no key=value
BOX_CLASS = re.compile(r"\{:[ \t]*\.[ \t]*(" + BOX_CLASSES + r")[ \t]*\}")
INCLUDE = re.compile(r"\{%-?[ \t]*include[ \t]+(\S+)[ \t]*-?%\}")


def _alone(page, line: int, column: int, matched: str) -> bool:
    """Whether matched, at column, is all the line holds besides block quote markers."""
    source = line_text(page, line)  # matched in place: a line may be long and hold many
    return ALONE.fullmatch(source, 0, column - 1) is not None and SPACES.fullmatch(source, column - 1 + len(matched)) is not None


def _repair(page, context, line: int, column: int, matched: str, what: str):
    """The fix for a kramdown attribute list or a piece of Liquid, or None."""
    alone = _alone(page, line, column, matched)
    if what == "kramdown code class":
        return _language_onto_fence(page, context, line, matched) if alone else None
    if what == "kramdown attribute list":
        if alone and CLASSES_ONLY.fullmatch(matched):
            return fix("Delete the attribute list", Edit.delete_lines(line, line))
        return None
    if what == "Liquid tag":
        include = INCLUDE.fullmatch(matched)
        if not alone or include is None:
            return None
        return fix(f"Delete '{matched}'", Edit.delete_lines(line, line), safe=include.group(1) == "links.md")
    return None


def _language_onto_fence(page, context, line: int, matched: str):
    """{: .language-python} right under a code block's closing fence: the language goes onto the
    opening fence and the line is deleted."""
    named = CODE_CLASS.fullmatch(matched)
    block = _fence_ends(page, context).get(line - 1)
    if named is None or block is None:
        return None
    language = named.group(1)
    if not ("language-" in matched or language in CODE_LANGUAGES):
        return None
    delete = Edit.delete_lines(line, line)
    if block.info == language:
        return fix("Delete the code class (the fence names the language)", delete)
    if block.info:
        return None  # the fence names another language: which one is meant is not clear
    column = block.column + len(block.fence)
    return fix(f"Write the language on the fence ({block.fence}{language})", Edit.insert(block.line, column, language), delete)


def _box_as_div(page, index: int, title: Optional[str]):
    """(line of its closing {: .class} or 0, fix) turning the top-level block quote
    parsed.blocks[index] into a fenced div: a styles box headed by a heading (title), or any
    quote that a {: .class} line closes. Nested boxes are quotes in the div, for the next pass."""
    blocks = page.parsed.blocks
    block = blocks[index]
    if block.depth != 0:
        return None  # in a list item or a table: where the div's fences go is not clear
    inner = []  # the quotes nested in it
    for following in range(index + 1, len(blocks)):
        if blocks[following].line > block.end_line:
            break
        if blocks[following].kind == "blockquote":
            inner.append(blocks[following])
    closing, kind = 0, None
    for candidate in (block.end_line, block.end_line + 1):
        text = line_text(page, candidate)
        marker = re.match(r"[ \t]*>[ ]?", text)
        named = BOX_CLASS.fullmatch(text[marker.end() if marker else 0 :].strip())
        if named is None or (candidate > block.end_line and marker):
            continue
        if marker and any(b.line <= candidate <= b.end_line for b in inner):
            break  # the class of a nested box
        closing, kind = candidate, named.group(1)
        break
    if kind is None:
        if title is None:
            return None
        kind = _div_for(title)
    parents = [block.div, *block.div.ancestors()] if block.div is not None else []
    if (kind in NEEDS_CHALLENGE and not any(p.kind in ANSWERABLE for p in parents)) or \
            (kind in TOP_LEVEL_ONLY and parents):
        return None  # sandpaper would not render that box there (LK104)
    edits = []
    for number in range(block.line, block.end_line + 1):
        marker = re.match(r"[ \t]*>[ ]?", line_text(page, number))
        if number == closing:
            edits.append(Edit(number, 1, number, len(line_text(page, number)) + 1, ":::"))
        elif number == block.line:
            edits.append(Edit(number, 1, number, marker.end() + 1, f"::: {kind}\n"))
        elif marker:
            edits.append(Edit(number, 1, number, marker.end() + 1, ""))
    if closing > block.end_line:
        edits.append(Edit(closing, 1, closing, len(line_text(page, closing)) + 1, ":::"))
    elif not closing:
        edits.append(line_after(page, block.end_line, ":::"))
    return closing, fix(f"Make the block quote a '{kind}' div", *edits, safe=False)


# --- more leftovers of the move: LK902, LK903 ----------------------------------------------------


STYLES_FOLDERS = ("_episodes", "_episodes_rmd", "_extras", "_includes", "_layouts")
REPOSITORY_LINK = re.compile(r"^https?://(?:www\.)?(?:github\.com/([^/]+)/([^/#?]+)/(?:blob|tree|edit|raw|blame)/[^/]+"
                             r"|raw\.githubusercontent\.com/([^/]+)/([^/#?]+)/[^/]+)/(" + "|".join(STYLES_FOLDERS)
                             + r")(?:/([^#?]*))?(?:[#?]|$)", re.IGNORECASE)
WORKBENCH_FOLDERS = {"_episodes": "episodes", "_episodes_rmd": "episodes", "_extras": "learners"}


def _own_repositories(lesson) -> set[tuple[str, str]]:
    """(owner, name), lower-cased, of the lesson's own repository on GitHub: its remotes, and its
    config.yaml `source` unless the remotes say it is another lesson's (no remote's repository
    has its name: what LK509 reports; a fork's source names the lesson it is a fork of)."""
    found = list(lesson.remotes)
    named = repository(str(lesson.setting("source") or "")) if lesson.config.is_mapping else None
    if named is not None and (not found or named.name.lower() in {remote.name.lower() for remote in found}):
        found.append(named)
    return {(repo.owner.lower(), repo.name.lower()) for repo in found if repo.host == "github.com"}


@rule("LK902", "link-styles-layout", "warning")
def link_styles_layout(page, context):
    """A link into the lesson's own repository as the old Jekyll template (carpentries/styles)
    laid it out: `.../blob/gh-pages/_episodes/...`, `_episodes_rmd/`, `_extras/`, `_includes/`
    or `_layouts/`.

    The move to the Workbench renamed those folders (`episodes/`, `learners/`...) and turned
    the `gh-pages` branch into the built site, so such a link, left from before the move, is a
    404 on GitHub. Only links into this lesson's own repository (its git remote, or its
    config.yaml `source` where no remote names another repository: see LK509) are reported:
    another lesson may still use the old template, and there the link works. Link to the page
    on the lesson's website, or to the file where it now is.

    Fails (in a lesson whose `source` is https://github.com/swcarpentry/shell-novice):

        See the [episode's source](https://github.com/swcarpentry/shell-novice/blob/gh-pages/_episodes/02-filedir.md).

    Passes:

        See the [episode's source](https://github.com/swcarpentry/shell-novice/blob/main/episodes/02-filedir.md).
    """
    own = _own(context)
    if not own:
        return
    for link in page.parsed.links:
        match = REPOSITORY_LINK.match(link.target.strip())
        if match is None:
            continue
        owner, name = (match.group(1) or match.group(3)).lower(), (match.group(2) or match.group(4)).lower()
        if (owner, name.removesuffix(".git")) not in own:
            continue
        folder, rest = match.group(5), match.group(6)
        now = WORKBENCH_FOLDERS.get(folder)
        where = (f"; if it still exists, it is now {now}/{rest} on the default branch" if now and rest else "")
        yield Problem(link.line, link.column, f"Link into this lesson's repository as the old styles template laid it "
                                              f"out ('{folder}/'): the move to the Workbench renamed the folder and "
                                              f"made gh-pages the built site, so GitHub answers 404{where}",
                      end_line=link.end_line, end_column=link.end_column)


def _own(context) -> set[tuple[str, str]]:
    """The lesson's own repositories, once per lint."""
    key = ("own-repositories",)
    if key not in context.cache:
        context.cache[key] = _own_repositories(context.lesson)
    return context.cache[key]


# {: .quotation} with a line break inside: the attribute list's words, over two or more lines
SPLIT_IAL = re.compile(r"\{:\s*((?:[.#]?[\w\\-]+(?:=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s{}]+))?\s*)+)\}")
SPACES_BEFORE = re.compile(r"[ \t]*$")


@rule("LK903", "kramdown-attributes-split", "error", fix="sometimes")
def kramdown_attributes_split(page, context):
    """A kramdown attribute list from the styles template broken over two lines, such as
    `{:` at the end of one line and `.quotation}` at the start of the next.

    Like the one-line `{: .quotation}` that LK901 reports, pandoc does not understand it and
    the page shows it as text, here at the end of the paragraph it closes; a re-wrapped
    paragraph (an editor's or a translation tool's line length) split it in two, so it is
    easy to miss in the source. Delete it (and make the block a div, as LK901 advises, if it
    named a box).

    Fails:

        > Write code, not too much, mostly plots.
        >
        > — Michael Koontz {:
        > .quotation}

    Passes:

        > Write code, not too much, mostly plots.
        >
        > — Michael Koontz

    The fix deletes an attribute list of classes only (safe); one with an id or values is left
    to review.
    """
    for inline in inline_texts(page, context):
        if "{:" not in inline.text or inline.line == inline.end_line:
            continue
        for match in SPLIT_IAL.finditer(inline.text):
            if "\n" not in match.group(0):
                continue  # on one line: LK901's
            written = " ".join(inline.source[match.start() : match.end()].replace(">", " ").split())
            line, column = inline.position(match.start())
            end_line, end_column = inline.position(match.end())
            before = SPACES_BEFORE.search(inline.source, 0, match.start())
            start_line, start_column = inline.position(before.start())
            repair = None
            if CLASSES_ONLY.fullmatch(written.replace("{: ", "{:")) or CLASSES_ONLY.fullmatch(written):
                repair = fix(f"Delete '{written}'", Edit(start_line, start_column, end_line, end_column, ""))
            yield Problem(line, column, f"Kramdown attribute list '{written}' from the styles template, split over "
                                        f"lines {line}-{end_line}: sandpaper shows it as text; delete it",
                          end_line=end_line, end_column=end_column, fix=repair)
