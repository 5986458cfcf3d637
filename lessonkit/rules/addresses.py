"""Addresses of the lesson itself (LK509, LK902): config.yaml's `source` and `url` against the
lesson's own git remote, and links into the lesson's repository as it was laid out before it
moved to the Workbench.

The lesson's own repository is what its git remotes name (lessonkit.lesson.Lesson.remotes);
rules never read .git themselves.
"""

from __future__ import annotations

import re

from ..findings import Problem, fix
from ..repository import repository, site
from . import rule
from .edits import replace_in_line

SITE_KEYS = {
    "source": "every page's 'Edit this page' and 'View source' links lead there",
    "url": "every page's address in the site's metadata (and its citation) is that lesson's site",
}


def _written(lesson, entry):
    """(line, column, text) of a one-line scalar value as written in config.yaml, or None."""
    if entry.raw is None or entry.value_line != entry.line:
        return None
    lines = lesson.config_text.split("\n")
    source = lines[entry.line - 1] if entry.line <= len(lines) else ""
    start = source.find(":", entry.column - 1 + len(entry.key)) + 1
    column = source.find(entry.raw, start)
    return (entry.line, column + 1, entry.raw) if start > 0 and column >= 0 else None


@rule("LK509", "config-names-another-repository", "warning", scope="lesson", fix="unsafe")
def config_names_another_repository(lesson, context):
    """config.yaml's `source` or `url` names another lesson's repository or site than the
    lesson's own git remote.

    sandpaper builds every page's "Edit this page" and "View source" links from `source`, and
    the address of every page in the site's metadata from `url`. A lesson made by copying or
    translating another one often keeps the original's: its site then sends every would-be
    contributor to the original lesson. The lesson's own repository is what its git remote
    (`origin` first) names; the rule says nothing without a remote, or when a remote's
    repository has the same name (a fork, whose `source` rightly names the lesson it is a fork
    of). A `url` on a custom domain is compared by its first path segment
    (`https://datacarpentry.org/python-ecology-lesson-es` is the site of
    `python-ecology-lesson-es`).

    Fails (the lesson's remote is `git@github.com:BioNT-Training/python-novice-gapminder-it.git`):

        source: 'https://github.com/swcarpentry/python-novice-gapminder'
        url: 'https://swcarpentry.github.io/python-novice-gapminder'

    Passes:

        source: 'https://github.com/BioNT-Training/python-novice-gapminder-it'
        url: 'https://biont-training.github.io/python-novice-gapminder-it'

    The fix, a guess to review, writes the remote's address (`source`) or its GitHub Pages
    address (`url`).
    """
    config = lesson.config
    remotes = lesson.remotes
    if not remotes or not lesson.config_exists or not config.is_mapping:
        return
    own = remotes[0]
    names = {remote.name.lower() for remote in remotes}
    for key, consequence in SITE_KEYS.items():
        entry = config.entries.get(key)
        if entry is None or not isinstance(entry.value, str):
            continue
        if key == "source":
            named = repository(entry.value)
            other, replacement = (named.slug if named else ""), own.web_address
        else:
            named = site(entry.value)
            other, replacement = (named.name if named else ""), own.pages_address
        if named is None or named.name.lower() in names:
            continue
        written = _written(lesson, entry)
        repair = None
        if written is not None and replacement is not None:
            line, column, text = written
            repair = fix(f"Write {key}: {replacement}", replace_in_line(line, column, text, replacement), safe=False)
        yield Problem(entry.line, entry.column, f"'{key}' names {other}, but this lesson's git remote is {own.slug}: "
                                                f"{consequence}; write this lesson's own address"
                                                + (f" ({replacement})" if replacement else ""),
                      path=lesson.config_path, fix=repair)


STYLES_FOLDERS = ("_episodes", "_episodes_rmd", "_extras", "_includes", "_layouts")
REPOSITORY_LINK = re.compile(r"^https?://(?:www\.)?(?:github\.com/([^/]+)/([^/#?]+)/(?:blob|tree|edit|raw|blame)/[^/]+"
                             r"|raw\.githubusercontent\.com/([^/]+)/([^/#?]+)/[^/]+)/(" + "|".join(STYLES_FOLDERS)
                             + r")(?:/([^#?]*))?(?:[#?]|$)", re.IGNORECASE)
WORKBENCH_FOLDERS = {"_episodes": "episodes", "_episodes_rmd": "episodes", "_extras": "learners"}


def own_repositories(lesson) -> set[tuple[str, str]]:
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
    """own_repositories of the lesson, once per lint."""
    key = ("own-repositories",)
    if key not in context.cache:
        context.cache[key] = own_repositories(context.lesson)
    return context.cache[key]
