"""More leftovers of the move from the Jekyll lesson template, carpentries/styles (LK902,
LK903), besides the syntax LK901 reports (legacy.py): links into the lesson's repository as it was
laid out then, and kramdown attribute lists split over two lines.
"""

from __future__ import annotations

import re

from ..findings import Edit, Problem, fix
from ..repository import repository
from . import rule
from .legacy import CLASSES_ONLY
from .literal import inline_texts

STYLES_FOLDERS = ("_episodes", "_episodes_rmd", "_extras", "_includes", "_layouts")
REPOSITORY_LINK = re.compile(r"^https?://(?:www\.)?(?:github\.com/([^/]+)/([^/#?]+)/(?:blob|tree|edit|raw|blame)/[^/]+"
                             r"|raw\.githubusercontent\.com/([^/]+)/([^/#?]+)/[^/]+)/(" + "|".join(STYLES_FOLDERS)
                             + r")(?:/([^#?]*))?(?:[#?]|$)", re.IGNORECASE)
WORKBENCH_FOLDERS = {"_episodes": "episodes", "_episodes_rmd": "episodes", "_extras": "learners"}


def _own_repositories(lesson) -> set[tuple[str, str]]:
    """(owner, name), lower-cased, of the lesson's own repository on GitHub: its remotes and its
    config.yaml `source`."""
    found = list(lesson.remotes)
    named = repository(str(lesson.setting("source") or "")) if lesson.config.is_mapping else None
    if named is not None:
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
    config.yaml `source`) are reported: another lesson may still use the old template, and
    there the link works. Link to the page on the lesson's website, or to the file where it
    now is.

    Fails (in a lesson whose `source` is https://github.com/swcarpentry/shell-novice):

        See the [source of this episode](https://github.com/swcarpentry/shell-novice/blob/gh-pages/_episodes/02-filedir.md).

    Passes:

        See the [source of this episode](https://github.com/swcarpentry/shell-novice/blob/main/episodes/02-filedir.md).
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
